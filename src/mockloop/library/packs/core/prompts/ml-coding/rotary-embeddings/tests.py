"""Tests for rotary-embeddings: rope_frequencies(d, base) and apply_rope(x, positions, base).

apply_rope is compared with the stated formula, pair by pair with an explicit 2x2 rotation
(computed here), at float64 tolerance (atol 1e-10); plus its properties: position 0 is the
identity, norms are preserved, scores depend only on m - n. The sign of the rotation and the
half-split pairing are only caught by the formula, so every test compares values.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def rope_loop(x, positions, base=10000.0):
    T, d = x.shape
    y = np.array(x, dtype=np.float64)
    for t in range(T):
        for i in range(d // 2):
            a = positions[t] * base ** (-2 * i / d)
            R = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
            y[t, [i, i + d // 2]] = R @ np.asarray(x, dtype=np.float64)[t, [i, i + d // 2]]
    return y


def rope(solution, x, text, **kwargs):
    before = np.array(x, copy=True)
    given(text)
    y = solution.apply_rope(x, **kwargs)
    if not isinstance(y, np.ndarray) or y.dtype != np.float64:
        raise Mismatch(y, "a float64 array", text, f"apply_rope should return a float64 numpy array, not {getattr(y, 'dtype', type(y).__name__)}")
    if y is x or np.shares_memory(y, x):
        raise Mismatch("the input array", "a new array", text, "apply_rope should return a new array, not write into x")
    if not np.array_equal(x, before):
        raise Mismatch("modified x", "x unchanged", text, "apply_rope modified x")
    return y


@visible
def test_the_example_from_the_statement(solution):
    """rope_frequencies(8) = [1, 0.1, 0.01, 0.001]; [[1, 2, 3, 4]] at position 1 is [[-1.984, 1.960, 2.462, 4.020]]."""
    given("rope_frequencies(8)")
    expect_close(solution.rope_frequencies(8), np.array([1.0, 0.1, 0.01, 0.001]), rtol=1e-12, atol=0, input="rope_frequencies(8)")
    x = np.array([[1.0, 2.0, 3.0, 4.0]])
    expect_close(rope(solution, x, "apply_rope([[1, 2, 3, 4]])"), x, rtol=0, atol=1e-15, input="apply_rope([[1, 2, 3, 4]])", name="position 0")
    text = "apply_rope([[1, 2, 3, 4]], positions=np.array([1]))"
    want = np.array([[np.cos(1) - 3 * np.sin(1), 2 * np.cos(0.01) - 4 * np.sin(0.01), np.sin(1) + 3 * np.cos(1), 2 * np.sin(0.01) + 4 * np.cos(0.01)]])
    expect_close(rope(solution, x, text, positions=np.array([1])), want, rtol=1e-12, atol=1e-12, input=text)


@visible
def test_matches_the_formula_for_random_inputs(solution):
    """Random (T, d) inputs at random positions: each pair (i, i + d/2) rotated by m * theta_i."""
    rng = np.random.default_rng(1)
    for T, d in ((1, 2), (7, 16), (33, 64)):
        x = rng.normal(size=(T, d))
        positions = rng.integers(0, 5000, size=T)
        text = f"apply_rope(random x of shape {(T, d)}, positions=random ints below 5000)"
        expect_close(rope(solution, x, text, positions=positions), rope_loop(x, positions), rtol=1e-9, atol=1e-10, input=text)


def test_default_positions_count_from_zero(solution):
    """positions=None means 0, 1, ..., T-1."""
    x = np.random.default_rng(2).normal(size=(9, 8))
    expect_close(rope(solution, x, "apply_rope(x)"), rope_loop(x, np.arange(9)), rtol=1e-9, atol=1e-10, input="apply_rope(x) for x of shape (9, 8)")


def test_frequencies_for_other_sizes_and_bases(solution):
    """theta_i = base ** (-2i/d): the slowest frequency is base ** (-(d-2)/d), not base ** -0.5."""
    for d, base in ((2, 10000.0), (64, 10000.0), (128, 500000.0), (6, 2.0)):
        text = f"rope_frequencies({d}, base={base})"
        given(text)
        expect_close(solution.rope_frequencies(d, base=base), base ** (-2.0 * np.arange(d // 2) / d), rtol=1e-12, atol=0, input=text)
    x = np.random.default_rng(3).normal(size=(4, 12))
    positions = np.array([0, 7, 300, 12345])
    text = "apply_rope(x of shape (4, 12), positions=[0, 7, 300, 12345], base=500.0)"
    expect_close(rope(solution, x, text, positions=positions, base=500.0), rope_loop(x, positions, 500.0), rtol=1e-9, atol=1e-10, input=text)


def test_non_contiguous_and_fractional_positions(solution):
    """Positions need not be contiguous or integers (a KV cache's absolute positions)."""
    x = np.random.default_rng(4).normal(size=(5, 10))
    positions = np.array([100, 3, 3, 70.5, 0.25])
    text = "apply_rope(x, positions=[100, 3, 3, 70.5, 0.25])"
    expect_close(rope(solution, x, text, positions=positions), rope_loop(x, positions), rtol=1e-9, atol=1e-10, input=text)


def test_norms_are_kept_and_scores_depend_on_the_offset(solution):
    """Each row keeps its norm; q at m and k at n score the same for every m - n = 3."""
    rng = np.random.default_rng(5)
    q, k = rng.normal(size=(1, 32)), rng.normal(size=(1, 32))

    def score(m, n):
        a = rope(solution, q, f"apply_rope(q, [{m}])", positions=np.array([m]))[0]
        b = rope(solution, k, f"apply_rope(k, [{n}])", positions=np.array([n]))[0]
        return float(a @ b)

    want = score(3, 0)
    for m, n in ((5, 2), (1000, 997), (70.5, 67.5)):
        expect_close(score(m, n), want, rtol=1e-9, atol=1e-9, input=f"apply_rope(q, [{m}]) @ apply_rope(k, [{n}]) vs positions 3 and 0", name="the score")
    y = rope(solution, q, "apply_rope(q, [12345])", positions=np.array([12345]))
    expect_close(np.linalg.norm(y), np.linalg.norm(q), rtol=1e-12, atol=0, input="norm of apply_rope(q, [12345])", name="the norm")


def test_integer_inputs_become_floats(solution):
    """An integer x is rotated as floats (no truncation), and the result is float64."""
    x = np.array([[1, 2, 3, 4], [5, -6, 7, 8]])
    text = "apply_rope(np.array([[1, 2, 3, 4], [5, -6, 7, 8]]))"
    expect_close(rope(solution, x, text), rope_loop(x.astype(float), np.arange(2)), rtol=1e-9, atol=1e-10, input=text)


def test_bad_shapes_raise(solution):
    """Odd d, a non-positive d, or positions of the wrong length raise ValueError."""
    for d in (3, 0, -2):
        given(f"rope_frequencies({d})")
        expect_raises(ValueError, lambda d=d: solution.rope_frequencies(d), input=f"rope_frequencies({d})")
    given("apply_rope(np.zeros((2, 5)))")
    expect_raises(ValueError, lambda: solution.apply_rope(np.zeros((2, 5))), input="apply_rope(np.zeros((2, 5)))")
    given("apply_rope(np.zeros((3, 4)), positions=np.arange(2))")
    expect_raises(ValueError, lambda: solution.apply_rope(np.zeros((3, 4)), positions=np.arange(2)), input="apply_rope(np.zeros((3, 4)), positions=np.arange(2))")
    expect(True, True)
