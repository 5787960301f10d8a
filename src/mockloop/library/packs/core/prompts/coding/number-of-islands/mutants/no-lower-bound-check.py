"""Mutant: checks only nr < rows and nc < cols, so index -1 wraps to the last row or column."""

from collections import deque


def num_islands(grid: list[list[str]]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]
    islands = 0
    for row in range(rows):
        for col in range(cols):
            if grid[row][col] != "1" or seen[row][col]:
                continue
            islands += 1
            seen[row][col] = True
            queue = deque([(row, col)])
            while queue:
                r, c = queue.popleft()
                for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if nr < rows and nc < cols and grid[nr][nc] == "1" and not seen[nr][nc]:
                        seen[nr][nc] = True
                        queue.append((nr, nc))
    return islands
