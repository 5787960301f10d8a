"""Mutant: one overlay map per transaction, so every get() searches the layers: O(depth) reads."""

_DELETED = object()  # a tombstone in an overlay


class KVStore:
    def __init__(self) -> None:
        self.base: dict[str, str] = {}
        self.layers: list[dict[str, object]] = []  # writes of each open transaction
        self.counts: dict[str, int] = {}

    def _current(self, key: str) -> object:
        for layer in reversed(self.layers):
            if key in layer:
                return layer[key]
        return self.base.get(key, _DELETED)

    def _count(self, value: object, change: int) -> None:
        if value is not _DELETED:
            self.counts[value] = self.counts.get(value, 0) + change  # type: ignore[index]

    def _write(self, key: str, value: object) -> None:
        self._count(self._current(key), -1)
        self._count(value, +1)
        if self.layers:
            self.layers[-1][key] = value
        elif value is _DELETED:
            del self.base[key]
        else:
            self.base[key] = value  # type: ignore[assignment]

    def set(self, key: str, value: str) -> None:
        self._write(key, value)

    def get(self, key: str) -> str | None:
        value = self._current(key)
        return None if value is _DELETED else value  # type: ignore[return-value]

    def delete(self, key: str) -> bool:
        if self._current(key) is _DELETED:
            return False
        self._write(key, _DELETED)
        return True

    def count(self, value: str) -> int:
        return self.counts.get(value, 0)

    def begin(self) -> None:
        self.layers.append({})

    def rollback(self) -> None:
        if not self.layers:
            raise RuntimeError("no open transaction")
        top = self.layers.pop()
        for key, value in top.items():
            self._count(value, -1)
            self._count(self._current(key), +1)

    def commit(self) -> None:
        if not self.layers:
            raise RuntimeError("no open transaction")
        for layer in self.layers:
            for key, value in layer.items():
                if value is _DELETED:
                    self.base.pop(key, None)
                else:
                    self.base[key] = value  # type: ignore[assignment]
        self.layers = []
