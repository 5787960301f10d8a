"""Mutant: begin() saves a copy of the whole map, and rollback() restores it: O(n) per transaction."""

_ABSENT = object()  # "the key did not exist"


class KVStore:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.undo: list[dict[str, object]] = []  # one log per open transaction, innermost last

    def _write(self, key: str, value: object) -> None:
        """The one place that changes data, so counts never drift. value may be _ABSENT."""
        old = self.data.get(key, _ABSENT)
        if old is value or old == value:
            return
        if old is not _ABSENT:
            remaining = self.counts[old] - 1
            if remaining:
                self.counts[old] = remaining
            else:
                del self.counts[old]
        if value is _ABSENT:
            del self.data[key]
        else:
            self.data[key] = value
            self.counts[value] = self.counts.get(value, 0) + 1

    def _record(self, key: str) -> None:
        pass  # begin() saved a copy of the whole map instead

    def set(self, key: str, value: str) -> None:
        self._record(key)
        self._write(key, value)

    def get(self, key: str) -> str | None:
        return self.data.get(key)

    def delete(self, key: str) -> bool:
        if key not in self.data:
            return False
        self._record(key)
        self._write(key, _ABSENT)
        return True

    def count(self, value: str) -> int:
        return self.counts.get(value, 0)

    def begin(self) -> None:
        self.undo.append(dict(self.data))  # type: ignore[arg-type]

    def rollback(self) -> None:
        if not self.undo:
            raise RuntimeError("no open transaction")
        saved = self.undo.pop()
        for key in list(self.data):
            if key not in saved:
                self._write(key, _ABSENT)
        for key, old in saved.items():
            self._write(key, old)

    def commit(self) -> None:
        if not self.undo:
            raise RuntimeError("no open transaction")
        self.undo = []  # the changes are already in data: drop every undo log
