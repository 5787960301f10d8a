def merge(intervals: list[list[int]]) -> list[list[int]]:
    """Merge every group of overlapping closed intervals [start, end] (touching ones included).

    Return [start, end] lists sorted by start, no two overlapping or touching. The input may
    be in any order; do not modify it (neither the outer list nor any inner list).
    """
    raise NotImplementedError
