"""Mutant: rollback() undoes and closes every open transaction, not just the innermost."""

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
        if self.undo:
            log = self.undo[-1]
            if key not in log:  # the first touch in this transaction only
                log[key] = self.data.get(key, _ABSENT)

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
        self.undo.append({})

    def rollback(self) -> None:
        if not self.undo:
            raise RuntimeError("no open transaction")
        while self.undo:
            for key, old in self.undo.pop().items():
                self._write(key, old)

    def commit(self) -> None:
        if not self.undo:
            raise RuntimeError("no open transaction")
        self.undo = []  # the changes are already in data: drop every undo log
