def num_islands(grid: list[list[str]]) -> int:
    """Count the islands: maximal groups of "1" cells joined horizontally or vertically.

    Cells are the strings "1" (land) and "0" (water); diagonal contact does not connect, and
    everything outside the grid is water. [] and [[]] give 0. Do not modify grid.
    """
    raise NotImplementedError
