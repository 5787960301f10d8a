"""Mutant: the lookahead is tested for truthiness, so the integer 0 counts as nothing."""

_EMPTY = object()  # "nothing looked ahead": never equal to an element


class NestedIterator:
    def __init__(self, nested: list) -> None:
        self._stack = [iter(nested)]  # one cursor per open list, the innermost on top
        self._peeked: object = None

    def _advance(self) -> None:
        """Leave the next integer in self._peeked, or leave it empty when none remains."""
        while not self._peeked and self._stack:
            item = next(self._stack[-1], _EMPTY)
            if item is _EMPTY or item is None:
                self._stack.pop()  # this list is done: resume its parent
            elif isinstance(item, int):
                self._peeked = item
            else:
                self._stack.append(iter(item))  # descend; an empty list pops at once

    def has_next(self) -> bool:
        self._advance()
        return bool(self._peeked) and self._peeked is not _EMPTY

    def next(self) -> int:
        if not self.has_next():
            raise StopIteration
        value = self._peeked
        self._peeked = None
        return value  # type: ignore[return-value]

    def __iter__(self) -> "NestedIterator":
        return self

    def __next__(self) -> int:
        return self.next()
