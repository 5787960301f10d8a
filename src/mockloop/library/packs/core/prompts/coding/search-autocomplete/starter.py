class AutocompleteSystem:
    """Suggests the three most popular past sentences that start with what has been typed."""

    def __init__(self, sentences: list[str], times: list[int]) -> None:
        """sentences[i] has been typed times[i] times before; repeated sentences add up."""
        raise NotImplementedError

    def input(self, c: str) -> list[str]:
        """Take one character: a lowercase letter, a space, or "#".

        A letter or space extends the query and returns (a new list of) at most 3 sentences
        starting with it, by count (highest first), ties by plain string order. "#" records the
        query as typed once more (nothing if it is empty), resets it, and returns [].
        """
        raise NotImplementedError
