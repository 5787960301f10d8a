"""Number of islands: one breadth-first flood fill per unseen land cell, marks kept apart."""

from collections import deque


def num_islands(grid: list[list[str]]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = bytearray(rows * cols)  # our own marks: the caller's grid stays unchanged
    islands = 0
    for row in range(rows):
        for col in range(cols):
            if grid[row][col] != "1" or seen[row * cols + col]:
                continue
            islands += 1  # land that no earlier fill reached: a new island
            seen[row * cols + col] = 1
            queue = deque([(row, col)])
            while queue:
                r, c = queue.popleft()
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    # Both bounds: grid[-1] would silently be the last row.
                    inside = 0 <= nr < rows and 0 <= nc < cols
                    if inside and grid[nr][nc] == "1" and not seen[nr * cols + nc]:
                        seen[nr * cols + nc] = 1  # mark on enqueue: each cell enters once
                        queue.append((nr, nc))
    return islands
