"""A correct BPETokenizer written differently from the reference: no pre-tokenization, encode
replays every merge in learned order, decode through a bytearray."""


class BPETokenizer:
    def __init__(self):
        self.merges = []
        self.pieces = [bytes([i]) for i in range(256)]

    @staticmethod
    def _apply(ids, pair, new_id):
        out = []
        i = 0
        while i < len(ids):
            if ids[i : i + 2] == list(pair):
                out.append(new_id)
                i += 2
            else:
                out.append(ids[i])
                i += 1
        return out

    def train(self, text, vocab_size):
        ids = list(text.encode("utf-8"))
        while len(self.pieces) < vocab_size:
            counts = {}
            for pair in zip(ids, ids[1:], strict=False):
                counts[pair] = counts.get(pair, 0) + 1
            if not counts:
                return
            best = max(counts.values())
            pair = next(p for p in counts if counts[p] == best)
            new_id = len(self.pieces)
            ids = self._apply(ids, pair, new_id)
            self.merges.append((pair, new_id))
            self.pieces.append(self.pieces[pair[0]] + self.pieces[pair[1]])

    def encode(self, text):
        ids = list(text.encode("utf-8"))
        for pair, new_id in self.merges:
            ids = self._apply(ids, pair, new_id)
        return ids

    def decode(self, ids):
        data = bytearray()
        for i in ids:
            data += self.pieces[i]
        return data.decode("utf-8")
