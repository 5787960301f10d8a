"""Mutant: locks are taken in the order the batch names the accounts (source, then destination), so opposite transfers deadlock."""

import threading
from collections.abc import Iterable
from contextlib import ExitStack


class InsufficientFunds(Exception):
    """Raised when a transfer would take more than its source account holds."""


class Bank:
    def __init__(self, balances: dict[str, int]) -> None:
        for account, balance in balances.items():
            if type(balance) is not int or balance < 0:
                raise ValueError(f"bad opening balance for {account!r}")
        self._balances = dict(balances)
        self._locks = {account: threading.Lock() for account in balances}
        self._order = sorted(balances)

    def _locked(self, accounts: Iterable[str]) -> ExitStack:
        stack = ExitStack()
        for account in accounts:
            stack.enter_context(self._locks[account])
        return stack

    def _validate(self, src: str, dst: str, amount: int) -> None:
        if type(amount) is not int or amount <= 0:
            raise ValueError("amount must be a positive int")
        if src == dst:
            raise ValueError("cannot transfer to the same account")
        for account in (src, dst):
            if account not in self._locks:  # the set of accounts never changes
                raise KeyError(account)

    def balance(self, account: str) -> int:
        with self._locks[account]:  # KeyError for an unknown account
            return self._balances[account]

    def transfer(self, src: str, dst: str, amount: int) -> None:
        self.transfer_batch([(src, dst, amount)])

    def transfer_batch(self, transfers: list[tuple[str, str, int]]) -> None:
        for src, dst, amount in transfers:  # static errors first: the first bad item wins
            self._validate(src, dst, amount)
        accounts = list(
            dict.fromkeys(account for src, dst, _ in transfers for account in (src, dst))
        )
        with self._locked(accounts):
            work = {account: self._balances[account] for account in accounts}
            for src, dst, amount in transfers:
                if work[src] < amount:
                    raise InsufficientFunds(f"{src} has {work[src]}, needs {amount}")
                work[src] -= amount
                work[dst] += amount
            self._balances.update(work)  # commit only after every step passed

    def snapshot(self) -> dict[str, int]:
        with ExitStack() as stack:
            for account in self._order:
                stack.enter_context(self._locks[account])
            return dict(self._balances)
