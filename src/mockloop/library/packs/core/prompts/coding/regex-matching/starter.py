def is_match(s: str, p: str) -> bool:
    """Return whether the pattern p matches the whole string s.

    A letter matches itself, "." matches any single character, and "*" means zero or more
    copies of the element just before it. Worst-case time must be polynomial.
    """
    raise NotImplementedError
