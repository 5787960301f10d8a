"""Mutant: marks visited land by writing "0" into the caller's grid (the LeetCode trick)."""

from collections import deque


def num_islands(grid: list[list[str]]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    islands = 0
    for row in range(rows):
        for col in range(cols):
            if grid[row][col] != "1":
                continue
            islands += 1
            grid[row][col] = "0"
            queue = deque([(row, col)])
            while queue:
                r, c = queue.popleft()
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "1":
                        grid[nr][nc] = "0"
                        queue.append((nr, nc))
    return islands
