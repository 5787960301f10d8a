"""The harness's helpers for tests.py, and its hand-written JSON, checked in process."""

from __future__ import annotations

import json

import pytest

from mockloop.judge import harness
from mockloop.judge.harness import Mismatch, expect, expect_raises, same


class Liar:
    """Claims to equal anything: a submission could return it to pass a naive comparison."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


class SneakyInt(int):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = int.__hash__


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        (Liar(), 3),
        (SneakyInt(4), 3),
        (True, 1),
        (1, True),
        (1.0, 1),
        ([1, Liar()], [1, 2]),
        ((1, 2), [1, 2]),
        ({1, 2}, frozenset({1, 2})),
        ({"a": Liar()}, {"a": 1}),
        ({Liar()}, {1}),
        ({(1, Liar())}, {(1, 2)}),
        ({Liar(): 1}, {1: 1}),
        ("3", 3),
        (None, ""),
    ],
)
def test_same_rejects_lookalikes_and_objects_that_claim_equality(
    got: object, expected: object
) -> None:
    assert not same(got, expected)


@pytest.mark.parametrize(
    "value", [3, "x", None, [1, [2, "a"]], (1, 2), {"k": [1]}, {1, 2}, frozenset({"a"}), b"b", 0.5]
)
def test_same_accepts_equal_built_in_values(value: object) -> None:
    assert same(value, value)


def test_expect_raises_a_mismatch_that_carries_input_expected_and_got() -> None:
    with pytest.raises(Mismatch) as caught:
        expect([2, 1], [1, 2], input="f()")
    assert (caught.value.input, caught.value.got, caught.value.expected) == ("f()", [2, 1], [1, 2])
    assert str(caught.value) == "expected [1, 2], got [2, 1]"


def test_expect_raises_passes_on_the_error_and_fails_without_it() -> None:
    expect_raises(ValueError, lambda: int("x"), input="int('x')")
    with pytest.raises(Mismatch, match="expected ValueError raised, got 5"):
        expect_raises(ValueError, lambda: 5, input="five()")


def test_visible_marks_a_test() -> None:
    @harness.visible
    def test_example(solution: object) -> None:
        """An example."""

    assert test_example.visible is True  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "value",
    [
        {"a": 'quote " backslash \\ newline \n tab \t bell \x07'},
        {"text": "café ☕ 𝄞", "lone": "\udc80"},
        {"nested": [1, 2.5, True, False, None, {"x": []}]},
    ],
)
def test_the_harness_json_is_read_back_exactly(value: dict[str, object]) -> None:
    text = harness._json(value)
    assert text.isascii()
    assert json.loads(text) == value


def test_a_repr_that_raises_or_runs_long_is_shown_safely() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert harness._show(Broken()).startswith("<Broken ")
    assert len(harness._show(list(range(10**5)))) <= 500
