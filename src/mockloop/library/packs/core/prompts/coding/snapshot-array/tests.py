"""Tests for snapshot-array: SnapshotArray(length) with set(index, val), snap() -> int and
get(index, snap_id) -> int.

Each test replays calls on a fresh array and checks every snap id, every value read, and the
IndexError / ValueError of bad indices and snapshot ids. See docs/judge.md for the format.
"""

import random

from harness import Mismatch, expect, expect_raises, given, same, visible


def replay(solution, length, steps):
    """Run ("set", i, v), ("snap", expected_id) and ("get", i, snap_id, expected) steps, where
    expected may be IndexError or ValueError, on a fresh SnapshotArray(length)."""
    calls = [f"a = SnapshotArray({length})"]
    given(lambda: shorten(calls))
    array = solution.SnapshotArray(length)
    for step in steps:
        op, *args = step
        if op == "set":
            calls.append(f"a.set({args[0]}, {args[1]})")
            if len(args) == 3:
                check_raises(args[2], lambda a=args: array.set(a[0], a[1]), calls)
            else:
                array.set(*args)
        elif op == "snap":
            calls.append("a.snap()")
            got = array.snap()
            if not same(got, args[0]):
                expect(got, args[0], input=shorten(calls))
        else:
            index, snap_id, expected = args
            calls.append(f"a.get({index}, {snap_id})")
            if isinstance(expected, type):
                check_raises(expected, lambda i=index, s=snap_id: array.get(i, s), calls)
                continue
            got = array.get(index, snap_id)
            if not same(got, expected):
                expect(got, expected, input=shorten(calls))


def check_raises(error, call, calls):
    """Fail unless call() raises error; a different exception is reported as a wrong answer."""
    try:
        got = call()
    except error:
        return
    except (IndexError, ValueError, KeyError) as other:
        raise Mismatch(f"{type(other).__name__} raised", f"{error.__name__} raised",
                       shorten(calls)) from None  # fmt: skip
    raise Mismatch(got, f"{error.__name__} raised", shorten(calls))


def shorten(calls):
    """The calls that led to a failure: the constructor and the last 20 steps."""
    if len(calls) <= 22:
        return "; ".join(calls)
    return f"{calls[0]}; ... {len(calls) - 21} more calls ...; " + "; ".join(calls[-20:])


def random_steps(rng, length, count, values):
    """Random calls, each read checked against a full copy of the array per snapshot."""
    current, copies, steps = [0] * length, [], []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45:
            index, value = rng.randrange(length), rng.choice(values)
            current[index] = value
            steps.append(("set", index, value))
        elif roll < 0.65:
            steps.append(("snap", len(copies)))
            copies.append(current[:])
        elif copies:
            index, snap_id = rng.randrange(length), rng.randrange(len(copies))
            steps.append(("get", index, snap_id, copies[snap_id][index]))
    return steps


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: a write after a snapshot stays out of it; a future id raises."""
    replay(solution, 3, [
        ("set", 0, 5), ("snap", 0), ("set", 0, 6), ("get", 0, 0, 5), ("get", 1, 0, 0),
        ("snap", 1), ("get", 0, 1, 6), ("get", 0, 2, ValueError),
    ])  # fmt: skip


@visible
def test_snapshot_ids_count_from_zero(solution):
    """snap() returns 0, 1, 2, ... even when nothing was written in between."""
    replay(solution, 1, [("snap", 0), ("snap", 1), ("set", 0, 4), ("snap", 2), ("snap", 3)])


def test_a_length_below_one_raises_value_error(solution):
    """SnapshotArray(0) and SnapshotArray(-3) raise ValueError."""
    for length in (0, -3):
        given(f"SnapshotArray({length})")
        expect_raises(ValueError, lambda n=length: solution.SnapshotArray(n),
                      input=f"SnapshotArray({length})")  # fmt: skip


def test_writes_after_a_snapshot_stay_out_of_it(solution):
    """Writes made after snapshot k, or not yet snapped, are invisible in snapshot k."""
    replay(solution, 2, [
        ("snap", 0), ("set", 0, 1), ("get", 0, 0, 0), ("snap", 1), ("set", 0, 2),
        ("set", 1, 3), ("get", 0, 1, 1), ("get", 1, 1, 0), ("get", 0, 0, 0),
        ("snap", 2), ("get", 0, 2, 2), ("get", 1, 2, 3), ("get", 0, 1, 1),
    ])  # fmt: skip


def test_the_last_write_before_a_snapshot_wins(solution):
    """Several writes to one index between two snapshots: the snapshot holds the last one."""
    replay(solution, 3, [
        ("set", 1, 7), ("set", 1, 8), ("set", 1, 9), ("snap", 0), ("set", 1, 1),
        ("set", 1, 2), ("snap", 1), ("get", 1, 0, 9), ("get", 1, 1, 2),
        ("set", 2, 5), ("set", 2, 6), ("snap", 2), ("get", 2, 2, 6), ("get", 2, 1, 0),
    ])  # fmt: skip


def test_a_write_made_in_that_exact_epoch_is_seen(solution):
    """A value written just before snapshot k is what snapshot k holds, not the older one."""
    replay(solution, 2, [
        ("set", 0, 1), ("snap", 0), ("snap", 1), ("set", 0, 2), ("snap", 2), ("snap", 3),
        ("get", 0, 0, 1), ("get", 0, 1, 1), ("get", 0, 2, 2), ("get", 0, 3, 2),
    ])  # fmt: skip


def test_writing_zero_is_recorded(solution):
    """set(i, 0) after a non-zero value makes later snapshots read 0."""
    replay(solution, 2, [
        ("set", 1, 5), ("snap", 0), ("set", 1, 0), ("snap", 1), ("set", 1, -4),
        ("snap", 2), ("get", 1, 0, 5), ("get", 1, 1, 0), ("get", 1, 2, -4),
    ])  # fmt: skip


def test_untouched_indices_read_zero(solution):
    """An index never written reads 0 in every snapshot."""
    replay(solution, 5, [
        ("snap", 0), ("set", 2, 9), ("snap", 1), ("get", 0, 0, 0), ("get", 4, 1, 0),
        ("get", 3, 0, 0), ("get", 2, 0, 0), ("get", 2, 1, 9),
    ])  # fmt: skip


def test_bad_indices_raise_index_error(solution):
    """An index < 0 or >= length raises IndexError from set and get; negatives do not wrap."""
    replay(solution, 3, [
        ("set", 2, 7), ("set", 0, 1), ("snap", 0), ("set", 3, 1, IndexError),
        ("set", -1, 1, IndexError), ("get", -1, 0, IndexError), ("get", 3, 0, IndexError),
        ("get", -3, 0, IndexError), ("set", 10**6, 1, IndexError), ("get", 2, 0, 7),
        ("snap", 1), ("get", 2, 1, 7), ("get", 0, 1, 1),
    ])  # fmt: skip


def test_bad_snapshot_ids_raise_value_error(solution):
    """A snap_id < 0 or not yet taken raises ValueError, even with writes pending."""
    replay(solution, 2, [
        ("get", 0, 0, ValueError), ("set", 0, 3), ("get", 0, 0, ValueError), ("snap", 0),
        ("set", 0, 4), ("get", 0, 1, ValueError), ("get", 0, -1, ValueError),
        ("get", 1, 5, ValueError), ("get", 0, 0, 3), ("snap", 1), ("get", 0, 1, 4),
    ])  # fmt: skip


def test_long_random_sequences_match_full_copies(solution):
    """Thousands of random calls agree with a model that copies the array at every snapshot."""
    rng = random.Random(1146)
    for length in (1, 2, 5, 40):
        for _ in range(3):
            replay(solution, length, random_steps(rng, length, 800, [0, 1, 2, 3, -7, 10**9]))


def test_a_hundred_thousand_snapshots_of_a_long_array(solution):
    """10**5 snapshots of an array of length 10**5, with writes and reads spread over them."""
    rng = random.Random(11460)
    length = 10**5
    calls = [f"a = SnapshotArray({length})"]
    given(lambda: shorten(calls))
    array = solution.SnapshotArray(length)
    calls.append("for k in range(100000): (every 10th k: a.set(7, k); a.set(k, k)); a.snap()")
    for k in range(length):
        if k % 10 == 0:
            array.set(7, k)
            array.set(k, k)
        array.snap()
    for _ in range(10_000):
        snap_id = rng.randrange(length)
        index = rng.choice((7, snap_id, snap_id - snap_id % 10, length - 1))
        if index == 7:
            expected = snap_id - snap_id % 10
        elif index % 10 == 0 and index <= snap_id:
            expected = index
        else:
            expected = 0
        got = array.get(index, snap_id)
        if not same(got, expected):
            expect(got, expected, input=shorten(calls + [f"a.get({index}, {snap_id})"]))
