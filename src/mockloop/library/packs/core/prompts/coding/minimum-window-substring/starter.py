def min_window(s: str, t: str) -> str:
    """Return the shortest substring of s containing every character of t, repeats counted.

    Among equally short windows return the leftmost; return "" if no window covers t.
    Characters are compared exactly. Aim for O(len(s) + len(t)).
    """
    raise NotImplementedError
