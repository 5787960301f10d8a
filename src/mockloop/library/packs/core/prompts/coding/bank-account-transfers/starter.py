class InsufficientFunds(Exception):
    """Raised when a transfer would take more than its source account holds."""


class Bank:
    """Accounts with integer balances (cents) that many threads transfer between at once."""

    def __init__(self, balances: dict[str, int]) -> None:
        """Open the accounts of `balances` (fixed for the bank's life; the bank keeps its own
        copy). Every balance must be an int >= 0, otherwise ValueError."""
        raise NotImplementedError

    def balance(self, account: str) -> int:
        """The account's current balance; KeyError for an unknown account."""
        raise NotImplementedError

    def transfer(self, src: str, dst: str, amount: int) -> None:
        """Move amount from src to dst. Raises, changing nothing: ValueError unless amount is an
        int > 0 (not a bool) or if src == dst; KeyError for an unknown account;
        InsufficientFunds if src holds less than amount (exactly amount is enough)."""
        raise NotImplementedError

    def transfer_batch(self, transfers: list[tuple[str, str, int]]) -> None:
        """Apply (src, dst, amount) transfers in order, all or nothing.

        First, the error of the first item with a bad amount, src == dst or an unknown account;
        otherwise InsufficientFunds if a transfer would overdraw its source given the earlier
        transfers of the batch. Any error leaves every balance unchanged.
        """
        raise NotImplementedError

    def snapshot(self) -> dict[str, int]:
        """Every balance, as one state the bank really was in between operations."""
        raise NotImplementedError
