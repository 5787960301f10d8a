class Spreadsheet:
    """Cells hold ints or formulas ("=A1+B2-3"); setting a cell updates its dependents."""

    def __init__(self) -> None:
        """Create an empty sheet: every cell reads 0."""
        raise NotImplementedError

    def set_cell(self, name: str, value: int | str) -> None:
        """Set a cell to an int or a formula "=EXPR" and recompute every cell that depends on it.

        A cell name is upper-case letters then digits (A1, B12, AA3). EXPR is cell names and
        non-negative integer literals joined by + and -, with optional spaces. Any other value,
        a malformed formula, a malformed name, or a formula that would create a cycle raises
        ValueError and leaves the sheet exactly as it was.
        """
        raise NotImplementedError

    def get_cell(self, name: str) -> int:
        """Return the cell's current value in O(1); a cell never set reads 0."""
        raise NotImplementedError
