"""Mutant: has_next() only asks whether another element remains, so pending empty lists count."""


class NestedIterator:
    def __init__(self, nested: list) -> None:
        self._stack = [[nested, 0]]  # (list, index of the next element), the innermost on top

    def has_next(self) -> bool:
        while self._stack and self._stack[-1][1] >= len(self._stack[-1][0]):
            self._stack.pop()  # drop finished lists, but not empty ones still ahead
        return bool(self._stack)

    def next(self) -> int:
        while self._stack:
            frame = self._stack[-1]
            items, index = frame
            if index >= len(items):
                self._stack.pop()
                continue
            frame[1] += 1
            item = items[index]
            if isinstance(item, int):
                return item
            self._stack.append([item, 0])
        raise StopIteration

    def __iter__(self) -> "NestedIterator":
        return self

    def __next__(self) -> int:
        return self.next()
