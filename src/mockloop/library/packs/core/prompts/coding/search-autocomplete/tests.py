"""Tests for search-autocomplete: AutocompleteSystem(sentences, times) with input(c) -> list[str].

Each test builds a system, types characters one at a time and checks every suggestion list:
at most 3 sentences starting with the query, by count (highest first), ties by string order.
See docs/judge.md for the format.
"""

import random

from harness import expect, given, same, visible


def replay(solution, sentences, times, typed, expected):
    """Build the system, type each character of `typed`, and compare the lists returned."""
    calls = [constructor(sentences, times)]
    given(lambda: shorten(calls))
    system = solution.AutocompleteSystem(list(sentences), list(times))
    for c, want in zip(typed, expected, strict=True):
        calls.append(f"s.input({c!r})")
        got = system.input(c)
        if not same(got, want):
            expect(got, want, input=shorten(calls))
    return system, calls


def constructor(sentences, times):
    if len(sentences) <= 6:
        return f"s = AutocompleteSystem({sentences!r}, {times!r})"
    return (f"s = AutocompleteSystem({sentences[:3]!r}[:-1] + ... {len(sentences)} sentences, "
            f"{times[:3]!r}[:-1] + ...)")  # fmt: skip


def shorten(calls):
    """The calls that led to a failure: the constructor and the last 30 keystrokes."""
    if len(calls) <= 32:
        return "; ".join(calls)
    return f"{calls[0]}; ... {len(calls) - 31} more calls ...; " + "; ".join(calls[-30:])


class Model:
    """A plainly correct engine: scans and sorts every sentence on every keystroke."""

    def __init__(self, sentences, times):
        self.count, self.query = {}, ""
        for sentence, times_typed in zip(sentences, times, strict=True):
            self.count[sentence] = self.count.get(sentence, 0) + times_typed

    def input(self, c):
        if c == "#":
            if self.query:
                self.count[self.query] = self.count.get(self.query, 0) + 1
            self.query = ""
            return []
        self.query += c
        matches = [s for s in self.count if s.startswith(self.query)]
        return sorted(matches, key=lambda s: (-self.count[s], s))[:3]


def check_against_model(solution, sentences, times, typed):
    model = Model(sentences, times)
    replay(solution, sentences, times, typed, [model.input(c) for c in typed])


def random_sentence(rng, alphabet, longest):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest))).strip() or "a"


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: counts, a tie, a miss, "#" recording a new sentence."""
    replay(
        solution,
        ["i love you", "island", "iroman", "i love leetcode"],
        [5, 3, 2, 2],
        ["i", " ", "a", "#", "i", " ", "a"],
        [
            ["i love you", "island", "i love leetcode"],
            ["i love you", "i love leetcode"],
            [],
            [],
            ["i love you", "island", "i love leetcode"],
            ["i love you", "i love leetcode", "i a"],
            ["i a"],
        ],
    )


@visible
def test_no_sentences_at_first(solution):
    """With no past sentences nothing is suggested, until a typed sentence is recorded."""
    replay(solution, [], [], "ab#a#ab", [[], [], [], ["ab"], [], ["a", "ab"], ["ab"]])


def test_ties_go_to_the_smaller_string(solution):
    """Sentences with equal counts come in plain string order, a space before any letter."""
    replay(solution, ["bc", "b a", "ba", "bb", "b"], [2, 2, 2, 2, 2], "bb",
           [["b", "b a", "ba"], ["bb"]])  # fmt: skip
    replay(
        solution, ["xz", "xy", "xyz", "x"], [1, 3, 1, 3], "xy", [["x", "xy", "xyz"], ["xy", "xyz"]]
    )


def test_repeated_sentences_add_up(solution):
    """A sentence listed several times in the constructor has the sum of its counts."""
    replay(solution, ["ab", "ac", "ab", "ad", "ab"], [1, 2, 1, 3, 1], "a", [["ab", "ad", "ac"]])


def test_typing_a_known_sentence_adds_to_its_count(solution):
    """ "#" after a known sentence increments its count rather than adding a second entry."""
    replay(solution, ["cat", "car", "cab"], [2, 3, 4], "cat#cat#cat#ca",
           [["cab", "car", "cat"], ["cab", "car", "cat"], ["cat"], [],
            ["cab", "car", "cat"], ["cab", "car", "cat"], ["cat"], [],
            ["cab", "cat", "car"], ["cab", "cat", "car"], ["cat"], [],
            ["cat", "cab", "car"], ["cat", "cab", "car"]])  # fmt: skip


def test_a_recorded_sentence_is_suggested_for_every_prefix(solution):
    """After "#", the new sentence is suggested as soon as any prefix of it is typed."""
    replay(solution, ["hello"], [1], "hex#h#hex#he",
           [["hello"], ["hello"], [], [], ["hello", "hex"], [], ["h", "hello", "hex"],
            ["hello", "hex"], ["hex"], [], ["hex", "h", "hello"], ["hex", "hello"]])  # fmt: skip


def test_a_count_that_grows_reorders_the_suggestions(solution):
    """A sentence already among the top 3 moves up when its count overtakes the others."""
    replay(solution, ["ab", "ac", "ad", "ae"], [5, 4, 3, 1], "ad#ad#ad#a",
           [["ab", "ac", "ad"], ["ad"], [], ["ab", "ac", "ad"], ["ad"], [],
            ["ab", "ad", "ac"], ["ad"], [], ["ad", "ab", "ac"]])  # fmt: skip


def test_at_most_three_are_returned(solution):
    """With many matches only the best 3 are returned; fewer matches return them all."""
    words = ["s" + c for c in "abcdefgh"]
    replay(solution, words, list(range(1, 9)), "s", [["sh", "sg", "sf"]])
    replay(solution, words[:2], [1, 1], "s", [["sa", "sb"]])


def test_the_query_resets_after_a_hash(solution):
    """After "#" the next character starts a new query from scratch."""
    replay(solution, ["ab", "ba", "bab"], [1, 2, 3], "ab#ba#b",
           [["ab"], ["ab"], [], ["bab", "ba"], ["bab", "ba"], [], ["ba", "bab"]])  # fmt: skip


def test_a_query_that_matched_nothing_keeps_matching_nothing(solution):
    """Once the query matches no sentence, longer queries match nothing until "#"."""
    replay(solution, ["ab", "b", "ba"], [1, 1, 1], "xb a#b",
           [[], [], [], [], [], ["b", "ba"]])  # fmt: skip
    replay(solution, ["ab", "b", "ba"], [1, 1, 1], "acb#b", [["ab"], [], [], [], ["b", "ba"]])


def test_spaces_are_part_of_the_query(solution):
    """A space is an ordinary character of the prefix, not a word break."""
    replay(solution, ["new york", "new yorker", "newyork", "new"], [1, 2, 3, 4], "new y",
           [["new", "newyork", "new yorker"], ["new", "newyork", "new yorker"],
            ["new", "newyork", "new yorker"], ["new yorker", "new york"],
            ["new yorker", "new york"]])  # fmt: skip


def test_the_returned_list_belongs_to_the_caller(solution):
    """Changing a returned list does not change later suggestions."""
    system, calls = replay(solution, ["ab", "ac"], [2, 1], "", [])
    for c in "a":
        got = system.input(c)
        calls.append(f"got = s.input({c!r}); got.clear(); got.append('zz')")
        got.clear()
        got.append("zz")
    calls.append("s.input('#')")
    system.input("#")
    for c, want in (("a", ["ab", "a", "ac"]), ("b", ["ab"])):
        calls.append(f"s.input({c!r})")
        got = system.input(c)
        if not same(got, want):
            expect(got, want, input=shorten(calls))


def test_long_random_sessions_match_a_brute_force(solution):
    """Thousands of random keystrokes, with shared prefixes and frequent ties, agree with a scan."""
    rng = random.Random(642)
    for alphabet, longest, count, keys in (("ab ", 4, 8, "ab #"), ("abc ", 6, 40, "abc  ##"),
                                           ("abcdefgh ", 10, 150, "abcd ##")):  # fmt: skip
        for _ in range(3):
            sentences = [random_sentence(rng, alphabet, longest) for _ in range(count)]
            times = [rng.randint(1, 4) for _ in sentences]
            typed = [rng.choice(keys) for _ in range(600)]
            check_against_model(solution, sentences, times, typed)
