"""Mutant: a recursive generator (yield from per level): RecursionError 10**4 levels deep."""


def _walk(nested: list):  # type: ignore[no-untyped-def]
    for item in nested:
        if isinstance(item, int):
            yield item
        else:
            yield from _walk(item)


_EMPTY = object()


class NestedIterator:
    def __init__(self, nested: list) -> None:
        self._values = _walk(nested)
        self._peeked: object = _EMPTY

    def has_next(self) -> bool:
        if self._peeked is _EMPTY:
            self._peeked = next(self._values, _EMPTY)
        return self._peeked is not _EMPTY

    def next(self) -> int:
        if not self.has_next():
            raise StopIteration
        value = self._peeked
        self._peeked = _EMPTY
        return value  # type: ignore[return-value]

    def __iter__(self) -> "NestedIterator":
        return self

    def __next__(self) -> int:
        return self.next()
