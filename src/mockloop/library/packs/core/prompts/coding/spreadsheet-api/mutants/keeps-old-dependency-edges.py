"""Mutant: replacing a formula leaves the old precedents pointing at the cell."""

import re

_NAME = re.compile(r"[A-Z]+[0-9]+")
_TERM = r" *(?:[A-Z]+[0-9]+|[0-9]+) *"
_FORMULA = re.compile(rf"={_TERM}(?:[+-]{_TERM})*")
_TOKEN = re.compile(r"[+-]|[A-Z]+[0-9]+|[0-9]+")


class Spreadsheet:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        # A formula is a list of (sign, term): a term is a cell name or an int literal.
        self.formulas: dict[str, list[tuple[int, str | int]]] = {}
        self.precedents: dict[str, set[str]] = {}  # cell -> cells its formula reads
        self.dependents: dict[str, set[str]] = {}  # cell -> cells whose formulas read it

    def get_cell(self, name: str) -> int:
        return self.values.get(name, 0)

    def set_cell(self, name: str, value: int | str) -> None:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError(f"not a cell name: {name!r}")
        formula = self._parse(value)
        refs = {term for _, term in formula if isinstance(term, str)}
        if name in refs or self._reaches(name, refs):
            raise ValueError(f"{name} = {value!r} would create a cycle")
        # Checks are done: from here on the change always succeeds.
        self.precedents.pop(name, None)
        self.formulas[name] = formula
        self.precedents[name] = refs
        for ref in refs:
            self.dependents.setdefault(ref, set()).add(name)
        self._recompute_from(name)

    def _parse(self, value: object) -> list[tuple[int, str | int]]:
        if type(value) is int:
            return [(1, value)]
        if not isinstance(value, str) or not _FORMULA.fullmatch(value):
            raise ValueError(f"not an int or a formula: {value!r}")
        formula, sign = [], 1
        for token in _TOKEN.findall(value[1:]):
            if token in "+-":
                sign = 1 if token == "+" else -1
            else:
                formula.append((sign, int(token) if token.isdigit() else token))
        return formula

    def _reaches(self, start: str, targets: set[str]) -> bool:
        """Whether any target depends on start, directly or not (then it would be a cycle)."""
        stack, seen = [start], {start}
        while stack:
            for cell in self.dependents.get(stack.pop(), ()):
                if cell in targets:
                    return True
                if cell not in seen:
                    seen.add(cell)
                    stack.append(cell)
        return False

    def _recompute_from(self, start: str) -> None:
        """Recompute start and everything downstream, each after all of its inputs."""
        affected, stack = {start}, [start]
        while stack:
            for cell in self.dependents.get(stack.pop(), ()):
                if cell not in affected:
                    affected.add(cell)
                    stack.append(cell)
        waiting = {
            cell: sum(ref in affected for ref in self.precedents.get(cell, ())) for cell in affected
        }
        ready = [cell for cell, count in waiting.items() if count == 0]
        while ready:
            cell = ready.pop()
            self.values[cell] = sum(
                sign * (term if isinstance(term, int) else self.values.get(term, 0))
                for sign, term in self.formulas[cell]
            )
            for dependent in self.dependents.get(cell, ()):
                waiting[dependent] -= 1
                if waiting[dependent] == 0:
                    ready.append(dependent)
