"""Mutant: a recursive flood fill, correct but RecursionError on a large island."""


def num_islands(grid: list[list[str]]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]

    def fill(r: int, c: int) -> None:
        if not (0 <= r < rows and 0 <= c < cols) or grid[r][c] != "1" or seen[r][c]:
            return
        seen[r][c] = True
        fill(r + 1, c)
        fill(r - 1, c)
        fill(r, c + 1)
        fill(r, c - 1)

    islands = 0
    for row in range(rows):
        for col in range(cols):
            if grid[row][col] == "1" and not seen[row][col]:
                islands += 1
                fill(row, col)
    return islands
