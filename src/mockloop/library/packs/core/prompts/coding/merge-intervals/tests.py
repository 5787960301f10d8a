"""Tests for merge-intervals: merge(intervals) -> the merged closed intervals, sorted by start.

Intervals that share a point (touching included) merge. Every check passes the caller's
list itself and then also compares it with a copy taken before the call: the input must be
unchanged. Answers come from the statement, from inputs built with a known answer, or from
a model written here that marks covered points. See docs/judge.md for the format.
"""

import random

from harness import Mismatch, expect, given, visible


def shown(intervals):
    """The intervals as the call shows them, shortened when long."""
    if len(intervals) <= 12:
        return repr(intervals)
    return f"[{', '.join(map(repr, intervals[:6]))}, ... {len(intervals)} intervals]"


def check(solution, intervals, expected):
    """merge(intervals) must equal expected, and intervals must be unchanged afterwards."""
    before = [list(interval) for interval in intervals]
    call = f"merge({shown(intervals)})"
    given(call)
    got = solution.merge(intervals)
    expect(got, expected, input=call)
    if intervals != before:
        summary = "the input was modified: its order, or one of its intervals, changed"
        raise Mismatch(intervals, before, f"intervals after {call}", summary=summary)


def covered_runs(intervals):
    """A plainly correct model: mark every covered half-step, then read off the runs.

    Doubling the coordinates keeps [1, 4] and [5, 6] apart (the half-point 4.5 is uncovered)
    while [1, 4] and [4, 5] run together through 4.
    """
    covered = set()
    for start, end in intervals:
        covered.update(range(2 * start, 2 * end + 1))
    runs = []
    for point in sorted(covered):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return [[start // 2, end // 2] for start, end in runs]


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: overlap, touching, nesting, unsorted, empty."""
    check(solution, [[1, 3], [2, 6], [8, 10], [15, 18]], [[1, 6], [8, 10], [15, 18]])
    check(solution, [[1, 4], [4, 5]], [[1, 5]])
    check(solution, [[1, 10], [2, 3], [4, 5]], [[1, 10]])
    check(solution, [[5, 6], [1, 2]], [[1, 2], [5, 6]])
    check(solution, [], [])


def test_input_in_any_order(solution):
    """Unsorted input is merged and returned sorted by start."""
    check(solution, [[1, 2], [5, 6], [2, 5]], [[1, 6]])
    check(solution, [[8, 10], [1, 3], [15, 18], [2, 6]], [[1, 6], [8, 10], [15, 18]])
    check(solution, [[9, 9], [7, 7], [5, 5], [3, 3]], [[3, 3], [5, 5], [7, 7], [9, 9]])
    check(solution, [[4, 5], [0, 1], [2, 4]], [[0, 1], [2, 5]])


def test_touching_intervals_merge(solution):
    """Intervals that share only an end point merge, in chains too."""
    check(solution, [[1, 2], [2, 3], [3, 4]], [[1, 4]])
    check(solution, [[3, 4], [1, 3]], [[1, 4]])
    check(solution, [[1, 3], [3, 3]], [[1, 3]])
    check(solution, [[0, 0], [0, 5]], [[0, 5]])


def test_neighbouring_integers_do_not_merge(solution):
    """Intervals at neighbouring integers share no point, so they stay apart."""
    check(solution, [[1, 4], [5, 6]], [[1, 4], [5, 6]])
    check(solution, [[1, 1], [2, 2], [3, 3]], [[1, 1], [2, 2], [3, 3]])
    check(solution, [[-3, -2], [-1, 0]], [[-3, -2], [-1, 0]])


def test_nested_intervals_keep_the_outer_end(solution):
    """An interval inside the current block never shrinks it."""
    check(solution, [[1, 10], [2, 3]], [[1, 10]])
    check(solution, [[1, 10], [2, 3], [4, 12]], [[1, 12]])
    check(solution, [[1, 10], [2, 3], [4, 5], [11, 12]], [[1, 10], [11, 12]])
    check(solution, [[1, 10], [2, 3], [10, 11]], [[1, 11]])


def test_duplicates_and_single_points(solution):
    """Repeated intervals merge into one, and a point [x, x] is an interval."""
    check(solution, [[2, 5], [2, 5], [2, 5]], [[2, 5]])
    check(solution, [[3, 3]], [[3, 3]])
    check(solution, [[3, 3], [3, 3], [1, 2]], [[1, 2], [3, 3]])
    check(solution, [[1, 5], [3, 3]], [[1, 5]])


def test_the_last_block_is_kept(solution):
    """The final merged block is part of the result, alone or after others."""
    check(solution, [[1, 2]], [[1, 2]])
    check(solution, [[1, 2], [4, 5]], [[1, 2], [4, 5]])
    check(solution, [[1, 2], [4, 5], [5, 9]], [[1, 2], [4, 9]])


def test_negative_and_extreme_values(solution):
    """Coordinates from -10^9 to 10^9 work like any other."""
    big = 10**9
    check(solution, [[-big, big], [0, 0]], [[-big, big]])
    check(solution, [[big, big], [-big, -big], [-5, 5]], [[-big, -big], [-5, 5], [big, big]])
    check(solution, [[-big, 0], [0, big]], [[-big, big]])


def test_the_input_is_not_modified(solution):
    """Neither the caller's list order nor any of its intervals change."""
    check(solution, [[8, 10], [1, 3], [2, 6], [15, 18]], [[1, 6], [8, 10], [15, 18]])
    check(solution, [[1, 4], [2, 9], [3, 5]], [[1, 9]])
    check(solution, [[6, 7], [1, 2], [2, 3]], [[1, 3], [6, 7]])


def test_100000_intervals(solution):
    """100,000 shuffled intervals in 1,000 groups merge in O(n log n), not O(n^2)."""

    def interval(k):  # group k // 100: a chain of 99 intervals, and one nested inside it
        base, j = (k // 100) * 1000 - 500_000_000, k % 100
        return [base + 5 * j, base + 5 * j + 7] if j < 99 else [base + 1, base + 400]

    n = 100_000
    intervals = [interval(i * 7_919 % n) for i in range(n)]  # shuffled by a stride prime to n
    expected = [
        [group * 1000 - 500_000_000, group * 1000 - 500_000_000 + 497] for group in range(1000)
    ]
    check(solution, intervals, expected)


def test_random_small_inputs_match_a_point_model(solution):
    """Hundreds of random small inputs agree with marking every covered point."""
    rng = random.Random(1956)
    for _ in range(400):
        intervals = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randint(-6, 12)
            intervals.append([start, start + rng.randint(0, 4)])
        check(solution, intervals, covered_runs(intervals))
