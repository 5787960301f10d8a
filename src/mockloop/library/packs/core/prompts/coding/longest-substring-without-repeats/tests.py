"""Tests for longest-substring-without-repeats: length_of_longest_substring(s) and
longest_unique_substring(s), the leftmost longest substring whose characters are distinct.

Answers come from the statement, from strings built with a known answer, or from a brute
force over every substring written here. See docs/judge.md for the format.
"""

import random

from harness import expect, given, visible


def shown(s):
    """The string as the call shows it, shortened when long."""
    if len(s) <= 60:
        return repr(s)
    return f"{s[:30]!r} + ... ({len(s)} chars)"


def check(solution, s, expected):
    """Both functions on s: the substring must be expected, the length len(expected)."""
    call = f"longest_unique_substring({shown(s)})"
    given(call)
    expect(solution.longest_unique_substring(s), expected, input=call)
    call = f"length_of_longest_substring({shown(s)})"
    given(call)
    expect(solution.length_of_longest_substring(s), len(expected), input=call)


def brute_force(s):
    """A plainly correct model: every substring, in order of start, keeping the first longest."""
    best = ""
    for i in range(len(s)):
        for j in range(i + 1, len(s) + 1):
            if j - i > len(best) and len(set(s[i:j])) == j - i:
                best = s[i:j]
    return best


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples, for both functions."""
    for s, expected in [
        ("abcabcbb", "abc"), ("abba", "ab"), ("dvdf", "vdf"), ("tmmzuxt", "mzuxt"),
        ("bbbb", "b"), ("", ""),
    ]:  # fmt: skip
        check(solution, s, expected)


def test_the_window_never_moves_back_to_an_old_repeat(solution):
    """A repeat seen before the window's start does not pull the window back."""
    for s, expected in [
        ("abba", "ab"), ("tmmzuxt", "mzuxt"), ("abcbxyza", "cbxyza"), ("aabaab!bb", "ab!"),
        ("wxyzzyxwv", "zyxwv"),
    ]:  # fmt: skip
        check(solution, s, expected)


def test_characters_after_a_repeat_are_kept(solution):
    """At a repeat the window restarts just after the earlier copy, not at the repeat itself."""
    for s, expected in [
        ("dvdf", "vdf"), ("anviaj", "nviaj"), ("ohvhjdml", "vhjdml"), ("abcdcefgh", "dcefgh"),
    ]:  # fmt: skip
        check(solution, s, expected)


def test_ties_return_the_leftmost(solution):
    """Among several longest substrings, the one that starts first is returned."""
    for s, expected in [
        ("abcabc", "abc"), ("ab ba", "ab "), ("xyzzyx", "xyz"), ("aabbcc", "ab"), ("pqpq", "pq"),
        ("klmnopklmnop", "klmnop"),
    ]:  # fmt: skip
        check(solution, s, expected)


def test_short_strings(solution):
    """The empty string, one character, and one character repeated."""
    for s, expected in [("", ""), ("a", "a"), (" ", " "), ("zz", "z"), ("bbbbbbb", "b")]:
        check(solution, s, expected)


def test_a_string_without_repeats_is_its_own_answer(solution):
    """When every character is distinct, the whole string is returned."""
    for s in ("abcdefghijklmnopqrstuvwxyz", "0123456789", "aAbBcC", "a1!Zz "):
        check(solution, s, s)


def test_any_character_counts(solution):
    """Case, spaces, digits, symbols and non-ASCII code points are all characters."""
    for s, expected in [
        ("aA", "aA"), ("Aa a", "Aa "), ("1 2 3", "1 2"), ("€a€", "€a"), ("日本日本語", "日本語"),
        ("🙂🙃🙂", "🙂🙃"), ("a-b_c-d", "a-b_c"), ("~!@~", "~!@"),
    ]:  # fmt: skip
        check(solution, s, expected)


def test_100000_characters(solution):
    """Up to 100,000 characters over a large alphabet take O(n), not O(n * alphabet)."""
    cycle = "".join(chr(0x4E00 + i % 20_000) for i in range(100_000))
    check(solution, cycle, cycle[:20_000])
    run = "".join(chr(0x3400 + i) for i in range(10_000))
    check(solution, "ab" * 1_000 + run + "c" * 1_000, "ab" + run + "c")


def test_random_strings_match_brute_force(solution):
    """Hundreds of random short strings over small alphabets agree with checking every substring."""
    rng = random.Random(3)
    for _ in range(500):
        alphabet = rng.choice(("ab", "abc", "abcdA ", "xyz€"))
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        check(solution, s, brute_force(s))
