"""Tests for merge-k-sorted-lists: merge_k_sorted_lists(lists) -> one new sorted list.

The expected answer is sorted() of all the elements together. Every check passes the
caller's lists themselves, then also checks that they are unchanged and that the result
is a new list object, not one of them. See docs/judge.md for the format.
"""

import random

from harness import Mismatch, expect, given, visible


def shown(lists):
    """The lists as the call shows them, shortened when long."""
    if len(lists) <= 8 and sum(map(len, lists)) <= 40:
        return repr(lists)
    total = sum(map(len, lists))
    return f"<{len(lists)} lists, {total} numbers: {lists[0][:5]!r}, ...>"


def check(solution, lists, expected=None):
    """The merge must equal sorted(all elements), leave the lists as they were, and be new."""
    if expected is None:
        expected = sorted(value for values in lists for value in values)
    before = [list(values) for values in lists]
    call = f"merge_k_sorted_lists({shown(lists)})"
    given(call)
    got = solution.merge_k_sorted_lists(lists)
    exact = type(got) is list and set(map(type, got)) <= {int} and got == expected  # fast path
    if not exact:
        expect(got, expected, input=call)
    if lists != before:
        summary = "an input list was modified"
        raise Mismatch(lists, before, f"lists after {call}", summary=summary)
    if any(got is values for values in lists):
        summary = "returned one of the input lists instead of a new list"
        raise Mismatch("one of the input lists", "a new list", call, summary=summary)


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: three lists, no lists, empty lists among negative values."""
    check(solution, [[1, 4, 5], [1, 3, 4], [2, 6]], [1, 1, 2, 3, 4, 4, 5, 6])
    check(solution, [], [])
    check(solution, [[], [-3, -3, 0], [], [-3]], [-3, -3, -3, 0])


def test_duplicates_are_kept(solution):
    """Equal values, within one list and across lists, all appear in the result."""
    check(solution, [[1, 1, 1], [1, 1]], [1, 1, 1, 1, 1])
    check(solution, [[2, 2, 3], [2, 3, 3], [3]])
    check(solution, [[5], [5], [5], [5]])


def test_empty_lists_anywhere(solution):
    """Empty inner lists, first, last or all of them, are skipped without errors."""
    for lists in ([[]], [[], []], [[], [1]], [[1], []], [[], [], [0, 2], [], [1], []]):
        check(solution, lists)


def test_a_single_list_gives_a_new_copy(solution):
    """With one list, the result equals it but is a new list object."""
    check(solution, [[1, 2, 3]])
    check(solution, [[-7, 0, 0, 9]])
    check(solution, [[4]])


def test_negative_values(solution):
    """Negative and mixed-sign values merge in order."""
    check(solution, [[-10, -5, 0], [-7, -6, 8], [-100]])
    check(solution, [[-(10**9), 10**9], [0]])


def test_lists_of_very_different_lengths(solution):
    """A long list's remaining elements follow once the short lists run out."""
    check(solution, [list(range(0, 100, 2)), [1], [3, 5]])
    check(solution, [[50], list(range(40))])
    check(solution, [[1, 2], [10, 11, 12, 13, 14, 15], [3]])
    check(solution, [list(range(10)), list(range(10, 20))])


def test_each_next_value_comes_from_its_own_list(solution):
    """Interleaved lists: after taking a value, the next one is read from the same list."""
    check(solution, [[1, 4, 7, 10], [2, 5, 8, 11], [3, 6, 9, 12]])
    check(solution, [[0, 10, 20], [1, 2, 3, 4, 5], [30]])
    check(solution, [[1, 100], [2, 3, 4], [5, 6]])


def test_the_input_lists_are_not_modified(solution):
    """Every input list, and the outer list, are unchanged after the call."""
    check(solution, [[1, 3, 5], [2, 4, 6], [0, 7]])
    check(solution, [[9], [1, 2, 3, 4]])


def test_ten_thousand_lists(solution):
    """10,000 lists holding 50,000 numbers merge in O(N log k), not O(N * k)."""
    rng = random.Random(23)
    lists = []
    for i in range(10_000):
        start = rng.getrandbits(20) - 2**19
        lists.append([start + 3 * j for j in range(i % 9 + 1)])
    check(solution, lists)


def test_random_lists_match_sorting(solution):
    """Hundreds of random small inputs agree with sorting all the elements."""
    rng = random.Random(2023)
    for _ in range(400):
        lists = [
            sorted(rng.randint(-5, 5) for _ in range(rng.randint(0, 6)))
            for _ in range(rng.randint(0, 6))
        ]
        check(solution, lists)
