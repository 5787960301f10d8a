"""Tests for flatten-nested-iterator: NestedIterator(nested) with has_next(), next(), and the
iterator protocol.

Each test iterates over a nested list, mixing has_next() and next() calls, and compares the
integers with a plain flattening of the list; others check StopIteration, that the input is left
alone, 10**4-deep nesting, and that the constructor and each call do little work.
See docs/judge.md for the format.
"""

import copy
import random

from harness import Mismatch, expect, expect_raises, given, same, visible


def flatten(nested):
    """The integers of nested in order (recursive: for shallow test data only)."""
    out = []
    for item in nested:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out


def short(value):
    text = repr(value)
    return text if len(text) <= 120 else text[:100] + "...]"


def drain(solution, nested, pattern="n", text=None):
    """Call has_next() ("h") and next() ("n") as the pattern says, repeating its last letter;
    check every answer; end with has_next() False. Return the integers read."""
    text = text or f"it = NestedIterator({short(nested)})"
    calls = [text]
    given(lambda: "; ".join(calls[:1] + calls[-12:]))
    expected = flatten(nested)
    it = solution.NestedIterator(nested)
    got, step = [], 0
    while len(got) < len(expected):
        op = pattern[min(step, len(pattern) - 1)]
        step += 1
        if op == "h":
            calls.append("it.has_next()")
            answer = it.has_next()
            if answer is not True:
                expect(answer, True, input="; ".join(calls[:1] + calls[-12:]))
        else:
            calls.append("it.next()")
            value = it.next()
            want = expected[len(got)]
            if not same(value, want):
                expect(value, want, input="; ".join(calls[:1] + calls[-12:]))
            got.append(value)
    calls.append("it.has_next()")
    expect(it.has_next(), False, input="; ".join(calls[:1] + calls[-12:]))
    return it, calls


def random_nested(rng, depth):
    out = []
    for _ in range(rng.randint(0, 4)):
        if depth and rng.random() < 0.4:
            out.append(random_nested(rng, depth - 1))
        else:
            out.append(rng.randint(-3, 3))
    return out


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: three lists read with list(), and one with nothing to yield."""
    for nested, want in (([[1, 1], 2, [1, 1]], [1, 1, 2, 1, 1]), ([1, [4, [6]]], [1, 4, 6]),
                         ([[], [[]], 0, [[], [-3]]], [0, -3])):  # fmt: skip
        call = f"list(NestedIterator({nested!r}))"
        given(call)
        expect(list(solution.NestedIterator(nested)), want, input=call)
    given("it = NestedIterator([[], [[]]]); it.has_next()")
    it = solution.NestedIterator([[], [[]]])
    expect(it.has_next(), False, input="it = NestedIterator([[], [[]]]); it.has_next()")
    given("it = NestedIterator([[], [[]]]); it.has_next(); it.next()")
    expect_raises(
        StopIteration, it.next, input="it = NestedIterator([[], [[]]]); it.has_next(); it.next()"
    )


@visible
def test_has_next_then_next_in_turn(solution):
    """Alternating has_next() and next() reads every integer once, in order."""
    drain(solution, [[1, [2, 3]], 4, [], [[5]], 6], "hn" * 6)


def test_has_next_consumes_nothing(solution):
    """Several has_next() calls in a row, then next(), lose and repeat no integer."""
    drain(solution, [5, [6, [7]], [], 8], "hhhnhhnhhhhnhnh")
    drain(solution, [[[1]], 2, [[3, 4]]], "hhhhhhhhn")


def test_zero_and_negative_integers_are_values(solution):
    """0 and negative integers are yielded like any other, and has_next() sees them."""
    drain(solution, [0, [0, -1], [[0]], -7, 0], "hn")
    drain(solution, [[[0]]], "hhn")
    drain(solution, [0], "n")


def test_empty_lists_yield_nothing(solution):
    """Lists that hold only empty lists give has_next() False and next() StopIteration."""
    for nested in ([], [[]], [[], []], [[[[]]], []], [[], [[]], [[[], [[]]]]]):
        call = f"it = NestedIterator({nested!r}); it.has_next()"
        given(call)
        it = solution.NestedIterator(nested)
        expect(it.has_next(), False, input=call)
        expect(it.has_next(), False, input=call + "; it.has_next()")
        expect_raises(StopIteration, it.next, input=call + "; it.has_next(); it.next()")
    drain(solution, [[], [[]], [[], 9, []], [[[]]], [], 10, [[]]], "hn")


def test_an_exhausted_iterator_keeps_raising_stop_iteration(solution):
    """After the last integer, next() and __next__ raise StopIteration every time."""
    it, calls = drain(solution, [1, [2]], "n")
    for call, method in (("it.next()", it.next), ("next(it)", lambda: next(it)),
                         ("it.next()", it.next)):  # fmt: skip
        calls.append(call)
        text = "; ".join(calls)
        given(text)
        expect_raises(StopIteration, method, input=text)
    expect(it.has_next(), False, input="; ".join(calls) + "; it.has_next()")


def test_the_iterator_protocol(solution):
    """iter(it) is it, next(it) works, and a for loop reads every integer."""
    nested = [3, [1, [4, 1]], [], 5]
    given(f"it = NestedIterator({nested!r}); iter(it) is it")
    it = solution.NestedIterator(nested)
    expect(iter(it) is it, True, input=f"it = NestedIterator({nested!r}); iter(it) is it")
    expect(next(it), 3, input=f"it = NestedIterator({nested!r}); next(it)")
    rest = [value for value in it]
    expect(rest, [1, 4, 1, 5], input=f"it = NestedIterator({nested!r}); next(it); list(it)")


def test_the_input_is_not_modified(solution):
    """Iterating leaves the nested list, and every list inside it, exactly as it was."""
    nested = [[1, [2, []]], [], 3, [[4], 5]]
    inner = [nested[0], nested[0][1], nested[3]]
    before = copy.deepcopy(nested)
    drain(solution, nested, "hhn")
    given(f"list(NestedIterator({before!r})), then compare the list with its copy")
    now = [nested[0], nested[0][1], nested[3]]
    if nested != before or any(a is not b for a, b in zip(now, inner, strict=True)):
        raise Mismatch(short(nested), short(before), "the list after iterating over it")


def test_nesting_ten_thousand_deep(solution):
    """Integers spread over 10**4 levels of nesting come out in order, without a RecursionError."""
    deep = [7]
    for level in range(10_000):
        deep = [deep, []] if level % 2 else [-level, deep]
    text = "it = NestedIterator(d) where d, 10,000 levels deep, is [[-9998, [[-9996, [...[7]...]], []]], []]"
    given(text)
    it = solution.NestedIterator(deep)
    got = []
    while it.has_next():
        got.append(it.next())
    want = [-level for level in range(9_998, -1, -2)] + [7]
    if got != want:
        raise Mismatch(short(got), short(want), text)


def test_long_random_lists_match_flattening(solution):
    """Thousands of random nested lists, read with random has_next() calls, match flattening."""
    rng = random.Random(341)
    for _ in range(1500):
        nested = random_nested(rng, 4)
        pattern = "".join(rng.choice("hnn") for _ in range(12)) + "n"
        drain(solution, nested, pattern)


def test_the_constructor_does_not_walk_the_list(solution):
    """1,000 iterators over a list of 75,000 items each read one value: O(1) set-up each."""
    nested = [[2 * i, 2 * i + 1] for i in range(25_000)]
    text = (
        "for _ in range(1000): NestedIterator(x).next(), x = [[0, 1], [2, 3], ..., [49998, 49999]]"
    )
    given(text)
    for _ in range(1000):
        it = solution.NestedIterator(nested)
        value = it.next()
        if not same(value, 0):
            expect(value, 0, input=text)


def test_deep_and_wide_is_linear(solution):
    """50,000 integers at the bottom of 10**4 levels: amortised O(1) per call, not O(depth)."""
    deep = list(range(50_000))
    for _ in range(10_000):
        deep = [deep]
    text = "list(NestedIterator(d)) where d = [[[...[0, 1, ..., 49999]...]]] 10,000 levels deep"
    given(text)
    got = list(solution.NestedIterator(deep))
    if got != list(range(50_000)):
        raise Mismatch(short(got), short(list(range(50_000))), text)
