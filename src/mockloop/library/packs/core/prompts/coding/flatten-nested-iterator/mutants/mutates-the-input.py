"""Mutant: uses the caller's lists as its stack, reversing them in place and popping from them."""


class NestedIterator:
    def __init__(self, nested: list) -> None:
        nested.reverse()
        self._stack = [nested]  # each list reversed, so pop() gives its next element

    def _advance(self) -> bool:
        while self._stack:
            top = self._stack[-1]
            if not top:
                self._stack.pop()
            elif isinstance(top[-1], int):
                return True
            else:
                inner = top.pop()
                inner.reverse()
                self._stack.append(inner)
        return False

    def has_next(self) -> bool:
        return self._advance()

    def next(self) -> int:
        if not self._advance():
            raise StopIteration
        return self._stack[-1].pop()

    def __iter__(self) -> "NestedIterator":
        return self

    def __next__(self) -> int:
        return self.next()
