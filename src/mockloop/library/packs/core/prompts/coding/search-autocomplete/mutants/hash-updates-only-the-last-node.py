"""Mutant: a sentence recorded by "#" updates the cached list of its last node only."""

K = 3


class _Node:
    __slots__ = ("children", "top")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.top: list[str] = []  # the best sentences in this subtree, best first


class AutocompleteSystem:
    def __init__(self, sentences: list[str], times: list[int]) -> None:
        self.count: dict[str, int] = {}
        self.root = _Node()
        for sentence, times_typed in zip(sentences, times, strict=True):
            self._record(sentence, times_typed)  # repeated sentences add up
        self.query: list[str] = []
        self.node: _Node | None = self.root  # the current query's node; None: nothing matches

    def _rank(self, sentence: str) -> tuple[int, str]:
        return (-self.count[sentence], sentence)  # higher count first, then the smaller string

    def _record(self, sentence: str, times: int) -> None:
        self.count[sentence] = self.count.get(sentence, 0) + times
        node = self.root
        for ch in sentence:  # every prefix of the sentence may now rank it differently
            node = node.children.setdefault(ch, _Node())
            if sentence not in node.top:
                node.top.append(sentence)
            node.top.sort(key=self._rank)  # counts only grow: the old top 3 plus this one
            del node.top[K:]

    def input(self, c: str) -> list[str]:
        if c == "#":
            sentence = "".join(self.query)
            if sentence:
                self.count[sentence] = self.count.get(sentence, 0) + 1
                node = self.root
                for ch in sentence:
                    node = node.children.setdefault(ch, _Node())
                if sentence not in node.top:
                    node.top.append(sentence)
                node.top.sort(key=self._rank)
                del node.top[K:]
            self.query, self.node = [], self.root
            return []
        self.query.append(c)
        if self.node is not None:  # once off the trie, stay off until "#"
            self.node = self.node.children.get(c)
        return list(self.node.top) if self.node is not None else []  # a copy of the cache
