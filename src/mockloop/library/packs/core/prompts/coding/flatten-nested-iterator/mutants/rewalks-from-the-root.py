"""Mutant: keeps a path of indices and walks it down from the root on every call: O(depth) each."""


class NestedIterator:
    def __init__(self, nested: list) -> None:
        self._root = nested
        self._path = [0]  # index into each list on the way down to the next element

    def _lists(self) -> list[list]:
        """The lists along the path, from the root down (walked again each time)."""
        lists = [self._root]
        for index in self._path[:-1]:
            lists.append(lists[-1][index])
        return lists

    def _advance(self) -> bool:
        """Move the path to the next integer; False when none remains."""
        while self._path:
            lists = self._lists()
            current, index = lists[-1], self._path[-1]
            if index >= len(current):
                self._path.pop()
                if self._path:
                    self._path[-1] += 1
            elif isinstance(current[index], int):
                return True
            else:
                self._path.append(0)
        return False

    def has_next(self) -> bool:
        return self._advance()

    def next(self) -> int:
        if not self._advance():
            raise StopIteration
        value = self._lists()[-1][self._path[-1]]
        self._path[-1] += 1
        return value

    def __iter__(self) -> "NestedIterator":
        return self

    def __next__(self) -> int:
        return self.next()
