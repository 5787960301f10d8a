"""Mutant: decode decodes each token's bytes separately, replacing partial characters."""

import re
from collections import Counter

# Pre-tokenizer: runs of word characters, runs of punctuation, and whitespace, each word or
# punctuation run taking at most one leading space (as GPT-2 does). The chunks cover the text
# exactly, so joining them gives the text back; merges never cross a chunk boundary.
CHUNK = re.compile(r" ?\w+| ?[^\w\s]+|\s+(?!\S)|\s+")


def merge(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    """Replace non-overlapping occurrences of pair, scanning left to right."""
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


class BPETokenizer:
    def __init__(self):
        self.merges: dict[tuple[int, int], int] = {}  # pair -> new id, in learned order
        self.vocab: dict[int, bytes] = {i: bytes([i]) for i in range(256)}
        self._cache: dict[str, list[int]] = {}

    def train(self, text: str, vocab_size: int) -> None:
        if vocab_size < 256:
            raise ValueError("vocab_size must be at least 256 (the byte alphabet)")
        # identical chunks are counted once and weighted by how often they occur
        chunks = Counter(CHUNK.findall(text))
        words = [[list(c.encode("utf-8")), n] for c, n in chunks.items()]
        for new_id in range(256, vocab_size):
            counts = Counter()
            for ids, n in words:
                for pair in zip(ids, ids[1:]):  # overlapping positions: "aaa" gives (a, a) twice
                    counts[pair] += n
            if not counts:
                break  # every chunk is a single token: nothing left to merge
            pair = max(counts, key=counts.get)  # ties: the pair seen first
            for w in words:
                w[0] = merge(w[0], pair, new_id)
            self.merges[pair] = new_id
            self.vocab[new_id] = self.vocab[pair[0]] + self.vocab[pair[1]]
        self._cache.clear()

    def _encode_chunk(self, chunk: str) -> list[int]:
        ids = list(chunk.encode("utf-8"))  # any character becomes bytes: nothing is unknown
        while len(ids) >= 2:
            # the adjacent pair that was learned earliest; merges learned later wait
            pair = min(zip(ids, ids[1:]), key=lambda p: self.merges.get(p, float("inf")))
            if pair not in self.merges:
                break
            ids = merge(ids, pair, self.merges[pair])
        return ids

    def encode(self, text: str) -> list[int]:
        out = []
        for chunk in CHUNK.findall(text):
            if chunk not in self._cache:
                self._cache[chunk] = self._encode_chunk(chunk)
            out.extend(self._cache[chunk])
        return out

    def decode(self, ids: list[int]) -> str:
        # join bytes first, decode once: a multi-byte character may span several tokens
        return "".join(self.vocab[i].decode("utf-8", errors="replace") for i in ids)

