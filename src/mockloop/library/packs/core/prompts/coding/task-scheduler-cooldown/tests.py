"""Tests for task-scheduler-cooldown: least_interval(tasks, n) -> int.

Each test calls least_interval on a list of upper-case letters and a cooldown n, and compares
the answer with the statement's examples, hand-checked cases, a breadth-first search over every
schedule (tiny inputs) and a greedy simulation (larger inputs). See docs/judge.md for the format.
"""

import heapq
import random
from collections import Counter, deque

from harness import expect, given, visible


def show(tasks):
    """The task list as Python, shortened when long."""
    if len(tasks) <= 30:
        return repr(tasks)
    counts = ", ".join(f"{letter!r}: {count}" for letter, count in sorted(Counter(tasks).items()))
    return f"<{len(tasks)} tasks: {{{counts}}}>"


def check(solution, tasks, n, expected):
    """Call least_interval on a copy of tasks and compare with expected."""
    call = f"least_interval({show(tasks)}, {n})"
    given(call)
    got = solution.least_interval(list(tasks), n)
    expect(got, expected, input=call)


def brute_force(tasks, n):
    """Breadth-first search over (copies left, cooldown left) per letter: the true optimum."""
    letters = sorted(set(tasks))
    start = (tuple(tasks.count(c) for c in letters), (0,) * len(letters))
    frontier, seen, steps = [start], {start}, 0
    while True:
        following = []
        for left, cool in frontier:
            if not any(left):
                return steps
            moves = [None] + [i for i in range(len(letters)) if left[i] and not cool[i]]
            for i in moves:  # None: an idle unit
                left2 = tuple(c - (j == i) for j, c in enumerate(left))
                cool2 = tuple(n if j == i else max(0, c - 1) for j, c in enumerate(cool))
                if (left2, cool2) not in seen:
                    seen.add((left2, cool2))
                    following.append((left2, cool2))
        frontier, steps = following, steps + 1


def simulate(tasks, n):
    """Run the available letter with the most copies left; jump over idle stretches."""
    heap = [-c for c in Counter(tasks).values()]
    heapq.heapify(heap)
    cooling = deque()
    time = 0
    while heap or cooling:
        while cooling and cooling[0][0] <= time:
            heapq.heappush(heap, -cooling.popleft()[1])
        if heap:
            left = -heapq.heappop(heap) - 1
            if left:
                cooling.append((time + n + 1, left))
            time += 1
        else:
            time = cooling[0][0]
    return time


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's five examples: idles, ties, no cooldown, one letter, enough variety."""
    check(solution, ["A", "A", "A", "B", "B", "C"], 2, 7)
    check(solution, ["A", "A", "A", "B", "B", "B"], 2, 8)
    check(solution, ["A", "A", "A", "B", "B", "B"], 0, 6)
    check(solution, ["X", "X", "X", "X"], 3, 13)
    check(solution, ["A", "A", "B", "B", "C", "C", "D", "D"], 1, 8)


@visible
def test_a_single_task(solution):
    """One task takes one unit, whatever the cooldown."""
    check(solution, ["A"], 100, 1)
    check(solution, ["Z"], 0, 1)


def test_one_letter_repeated(solution):
    """A single letter needs n idles between each pair of runs, and none after the last."""
    check(solution, ["Q"] * 5, 1, 9)
    check(solution, ["B"] * 2, 100, 102)
    check(solution, ["K"] * 7, 0, 7)


def test_letters_tied_for_the_top_count(solution):
    """Every letter tied for the highest count adds one unit to the last frame."""
    check(solution, list("AAABBBCCC"), 2, 9)
    check(solution, list("AAABBBCCC"), 3, 11)
    check(solution, list("AABBCCDD"), 5, 10)
    check(solution, list("ZZZYYYX"), 4, 12)


def test_other_letters_fill_the_gaps_without_idles(solution):
    """When other letters overflow the idle slots, the answer is the number of tasks."""
    check(solution, list("AAABCDEFG"), 2, 9)
    check(solution, list("AAAABBBCCDDEEFFGG"), 3, 17)
    check(solution, list("ABCDEFGHIJ"), 9, 10)


def test_no_cooldown_means_no_idles(solution):
    """With n = 0 every schedule is idle-free."""
    check(solution, list("AAAAABBC"), 0, 8)
    check(solution, ["M"] * 40 + ["N"], 0, 41)


def test_the_schedule_ends_with_the_last_task(solution):
    """No idle unit follows the last task, even when letters are still cooling down."""
    check(solution, list("AAABBC"), 2, 7)
    check(solution, list("ABC"), 50, 3)
    check(solution, list("AAB"), 3, 5)


def test_the_most_frequent_letter_is_not_first_alphabetically(solution):
    """Only counts matter: a frequent letter late in the alphabet or the input still sets the frame."""
    check(solution, list("ABBB"), 1, 5)
    check(solution, list("ABCZZZZ"), 1, 7)
    check(solution, list("ZZZZABC"), 2, 10)
    check(solution, list("AABBBBCC"), 1, 8)


def test_the_input_list_is_not_modified(solution):
    """least_interval leaves the caller's list exactly as it was."""
    tasks = list("CABACBA")
    call = f"least_interval({tasks!r}, 2)"
    given(call)
    solution.least_interval(tasks, 2)
    expect(tasks, list("CABACBA"), input=f"tasks after {call}")


def test_random_tiny_inputs_match_a_search_over_every_schedule(solution):
    """Hundreds of small random inputs agree with an exhaustive search for the optimum."""
    rng = random.Random(621)
    for _ in range(250):
        tasks = [rng.choice("ABC") for _ in range(rng.randint(1, 7))]
        n = rng.randint(0, 3)
        check(solution, tasks, n, brute_force(tasks, n))


def test_random_inputs_match_a_greedy_simulation(solution):
    """Hundreds of random inputs of up to 300 tasks agree with an optimal greedy simulation."""
    rng = random.Random(2024)
    for _ in range(300):
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[: rng.randint(1, 26)]
        tasks = [rng.choice(alphabet) for _ in range(rng.randint(1, 300))]
        n = rng.randint(0, 15)
        check(solution, tasks, n, simulate(tasks, n))


def test_ten_thousand_tasks(solution):
    """Inputs of 10^4 tasks with cooldowns up to 100 are answered quickly."""
    check(solution, ["A"] * 10_000, 100, 9_999 * 101 + 1)
    rng = random.Random(58)
    for n in (0, 7, 100):
        tasks = [rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(10_000)]
        check(solution, tasks, n, simulate(tasks, n))
    tasks = ["E"] * 5_000 + [rng.choice("ABCD") for _ in range(5_000)]
    check(solution, tasks, 100, simulate(tasks, 100))
