"""Mutant: the constructor flattens the whole list up front (iteratively): O(n) set-up."""


class NestedIterator:
    def __init__(self, nested: list) -> None:
        self._values: list[int] = []
        stack = [iter(nested)]
        while stack:
            item = next(stack[-1], None)
            if item is None:
                stack.pop()
            elif isinstance(item, int):
                self._values.append(item)
            else:
                stack.append(iter(item))
        self._position = 0

    def has_next(self) -> bool:
        return self._position < len(self._values)

    def next(self) -> int:
        if not self.has_next():
            raise StopIteration
        self._position += 1
        return self._values[self._position - 1]

    def __iter__(self) -> "NestedIterator":
        return self

    def __next__(self) -> int:
        return self.next()
