class BPETokenizer:
    """A byte-level byte-pair-encoding tokenizer: ids 0..255 are bytes, 256 + i is merge i."""

    def __init__(self) -> None:
        """An untrained tokenizer (no arguments)."""
        raise NotImplementedError

    def train(self, text: str, vocab_size: int) -> None:
        """Learn vocab_size - 256 merges (fewer only if no adjacent pair is left), each time
        merging the most frequent adjacent pair. Called once per instance."""
        raise NotImplementedError

    def encode(self, text: str) -> list[int]:
        """The ids of any text: its UTF-8 bytes, with the learned merges applied in the order
        they were learned."""
        raise NotImplementedError

    def decode(self, ids: list[int]) -> str:
        """The text of a list of ids: decode(encode(s)) == s."""
        raise NotImplementedError
