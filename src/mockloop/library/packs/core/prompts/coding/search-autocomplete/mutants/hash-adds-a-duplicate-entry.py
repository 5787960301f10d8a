"""Mutant: "#" appends a new (sentence, 1) entry instead of adding 1 to the sentence's count."""


class AutocompleteSystem:
    def __init__(self, sentences: list[str], times: list[int]) -> None:
        counts: dict[str, int] = {}
        for sentence, times_typed in zip(sentences, times, strict=True):
            counts[sentence] = counts.get(sentence, 0) + times_typed
        self.entries: list[tuple[str, int]] = list(counts.items())
        self.query = ""

    def input(self, c: str) -> list[str]:
        if c == "#":
            if self.query:
                self.entries.append((self.query, 1))
            self.query = ""
            return []
        self.query += c
        matches = sorted(
            (-count, sentence)
            for sentence, count in self.entries
            if sentence.startswith(self.query)
        )
        result: list[str] = []
        for _, sentence in matches:
            if sentence not in result:
                result.append(sentence)
            if len(result) == 3:
                break
        return result
