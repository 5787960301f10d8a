"""Mutant: next() on an exhausted iterator returns None instead of raising StopIteration."""

_EMPTY = object()  # "nothing looked ahead": never equal to an element


class NestedIterator:
    def __init__(self, nested: list) -> None:
        self._stack = [iter(nested)]  # one cursor per open list, the innermost on top
        self._peeked: object = _EMPTY

    def _advance(self) -> None:
        """Leave the next integer in self._peeked, or leave it empty when none remains."""
        while self._peeked is _EMPTY and self._stack:
            item = next(self._stack[-1], _EMPTY)
            if item is _EMPTY:
                self._stack.pop()  # this list is done: resume its parent
            elif isinstance(item, int):
                self._peeked = item
            else:
                self._stack.append(iter(item))  # descend; an empty list pops at once

    def has_next(self) -> bool:
        self._advance()
        return self._peeked is not _EMPTY

    def next(self) -> int:
        if not self.has_next():
            return None  # type: ignore[return-value]
        value = self._peeked
        self._peeked = _EMPTY
        return value  # type: ignore[return-value]

    def __iter__(self) -> "NestedIterator":
        return self

    def __next__(self) -> int:
        if not self.has_next():
            raise StopIteration
        return self.next()
