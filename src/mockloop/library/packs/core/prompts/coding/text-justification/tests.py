"""Tests for text-justification: full_justify(words, max_width) -> the justified lines.

Results are compared exactly; every call also checks that words is unchanged. The random
tests compare with a model that takes its line breaks from the standard library's textwrap
(the same greedy packing) and hands out spare spaces one at a time from the left. See
docs/judge.md for the format.
"""

import random
import textwrap

from harness import Mismatch, expect, given, visible


def show(words):
    if len(words) <= 12:
        return repr(words)
    return f"<{len(words)} words: {words[:5]!r}...>"


def check(solution, words, max_width, expected):
    call = f"full_justify({show(words)}, {max_width})"
    given(call)
    before = list(words)
    got = solution.full_justify(words, max_width)
    expect(got, expected, input=call)
    if words != before:
        raise Mismatch(show(words), show(before), f"words after {call} (must not change)")


def model(words, max_width):
    """textwrap's greedy breaks; spare spaces dealt one by one to the gaps from the left."""
    wrapped = textwrap.wrap(
        " ".join(words), max_width, break_long_words=False, break_on_hyphens=False
    )
    lines = []
    for n, text in enumerate(wrapped):
        line = text.split(" ")
        if n == len(wrapped) - 1 or len(line) == 1:
            lines.append(" ".join(line) + " " * (max_width - len(" ".join(line))))
            continue
        gaps = [1] * (len(line) - 1)
        spare = max_width - len(" ".join(line))
        for i in range(spare):
            gaps[i % len(gaps)] += 1
        lines.append("".join(w + " " * g for w, g in zip(line, gaps, strict=False)) + line[-1])
    return lines


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's three examples."""
    check(solution, ["The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog."], 16,
          ["The  quick brown", "fox  jumps  over", "the lazy dog.   "])  # fmt: skip
    check(
        solution, ["a", "verylongword", "b"], 12, ["a           ", "verylongword", "b           "]
    )
    check(solution, ["one", "two", "three", "four"], 9, ["one   two", "three    ", "four     "])


def test_a_line_that_fits_exactly_is_not_split(solution):
    """Words that fill max_width exactly, with single spaces, stay on one line."""
    check(solution, ["ab", "cd"], 5, ["ab cd"])
    check(solution, ["a", "b", "c", "d"], 3, ["a b", "c d"])
    check(solution, ["aaa", "bb", "c", "dd"], 6, ["aaa bb", "c dd  "])


def test_the_spaces_between_words_count_when_packing(solution):
    """A word fits only with its separating space: letters alone are not enough."""
    check(solution, ["aaaa", "bbbb"], 8, ["aaaa    ", "bbbb    "])
    check(solution, ["ab", "cd", "ef", "gh"], 7, ["ab   cd", "ef gh  "])


def test_extra_spaces_go_to_the_leftmost_gaps(solution):
    """Spare spaces are spread evenly, the leftmost gaps taking one more when they do not divide."""
    check(solution, ["a", "b", "c", "dddd"], 6, ["a  b c", "dddd  "])
    check(solution, ["a", "b", "c", "d", "eeeeeeeeeee"], 11, ["a   b  c  d", "eeeeeeeeeee"])
    check(
        solution, ["x", "y", "z", "w", "v", "longerword"], 14, ["x   y  z  w  v", "longerword    "]
    )


def test_a_single_word_line_is_left_aligned(solution):
    """A line holding one word that is not the last: the word, then spaces up to max_width."""
    check(solution, ["hello", "worldwide"], 9, ["hello    ", "worldwide"])
    check(solution, ["a", "bbbbb", "cc", "d"], 5, ["a    ", "bbbbb", "cc d "])
    check(
        solution,
        ["tiny", "enormousword", "end"],
        12,
        ["tiny        ", "enormousword", "end         "],
    )


def test_the_last_line_is_left_justified(solution):
    """The last line has single spaces between its words and padding on the right."""
    check(solution, ["the", "end", "is", "near", "now"], 10, ["the end is", "near now  "])
    check(solution, ["ab", "cd", "e", "f"], 5, ["ab cd", "e f  "])
    check(solution, ["a", "b"], 10, ["a b       "])
    check(solution, ["What", "must", "be", "shall", "be"], 12, ["What must be", "shall be    "])


def test_words_as_long_as_the_line(solution):
    """Words of length max_width fill a line each, and max_width 1 gives one letter per line."""
    check(solution, ["abc", "def", "g"], 3, ["abc", "def", "g  "])
    check(solution, ["x", "y", "z"], 1, ["x", "y", "z"])
    check(solution, ["solo"], 4, ["solo"])


def test_the_words_list_is_not_modified(solution):
    """words holds the same strings in the same order after the call (the result is checked elsewhere)."""
    for words, width in [(["keep", "these", "words", "as", "they", "are"], 10), (["a", "b"], 3)]:
        call = f"full_justify({words!r}, {width})"
        given(call)
        before = list(words)
        solution.full_justify(words, width)
        if words != before:
            raise Mismatch(words, before, f"words after {call} (must not change)")


def test_three_hundred_words_at_width_one_hundred(solution):
    """The largest input, 300 words at max_width 100, agrees with the model."""
    rng = random.Random(680)
    words = ["".join(rng.choices("abcdefghij,.;-'", k=rng.randint(1, 14))) for _ in range(300)]
    check(solution, words, 100, model(words, 100))


def test_random_paragraphs_match_a_model(solution):
    """Hundreds of random paragraphs agree with textwrap's breaks and left-first spacing."""
    rng = random.Random(68)
    for _ in range(600):
        width = rng.randint(1, 20)
        words = [
            "".join(rng.choices("abc.", k=rng.randint(1, width))) for _ in range(rng.randint(1, 12))
        ]
        check(solution, words, width, model(words, width))
