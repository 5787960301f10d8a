"""Tests for inverted-dropout: Dropout(p, rng) with train(), eval(), forward(x), backward(dout).

Randomness is checked statistically over 200,000 elements, never against another mask: the
dropped fraction and the mean of forward(x) / x within 6 standard deviations of p and 1 (the
contract allows 5; a correct layer fails a check with probability about 2e-9), independence of
the elements by a dispersion (chi-square) test on per-row counts, and kept elements exactly
x / (1 - p). Evaluation mode must draw nothing from rng (its state is compared).
"""

import math

import numpy as np

from harness import Mismatch, chi_square_p_value, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}

ROWS, COLS = 400, 500


def data(seed=0):
    return np.random.default_rng(seed).normal(size=(ROWS, COLS)) + 3.0  # no element is 0


def layer(solution, p, seed, text):
    given(text)
    return solution.Dropout(p, np.random.default_rng(seed))


def forward(d, x, text):
    before = x.copy()
    given(text)
    y = d.forward(x)
    if not isinstance(y, np.ndarray) or y.shape != x.shape:
        raise Mismatch(y, f"an array of shape {x.shape}", text, f"forward returned {getattr(y, 'shape', type(y).__name__)}, expected shape {x.shape}")
    if not np.array_equal(x, before):
        raise Mismatch("modified x", "x unchanged", text, "forward modified its input")
    if np.shares_memory(y, x):
        raise Mismatch("x itself", "a new array", text, "forward returned (a view of) its input, not a new array")
    return y


def check_statistics(solution, p, seed):
    x = data(seed)
    n = x.size
    text = f"d = Dropout({p}, np.random.default_rng({seed})); d.forward(x) for x of shape {x.shape}"
    d = layer(solution, p, seed, text)
    y = forward(d, x, text)
    if np.isnan(y).any():
        raise Mismatch(y, "no nan", text, "forward returned nan")
    kept = y != 0
    expect_close(y[kept], x[kept] / (1 - p), rtol=1e-12, atol=0, input=text, name="the kept elements (x / (1 - p))")
    dropped = 1 - kept.mean()
    sigma = math.sqrt(p * (1 - p) / n)
    if abs(dropped - p) > 6 * sigma:
        raise Mismatch(round(dropped, 5), p, text,
                       f"dropped {dropped:.4f} of {n} elements; expected {p} (within 6 standard deviations, {6 * sigma:.4f})")
    ratio = (y / x).mean()
    sigma = math.sqrt(p / (1 - p) / n)
    if abs(ratio - 1) > 6 * sigma:
        raise Mismatch(round(ratio, 5), 1.0, text,
                       f"the mean of forward(x) / x is {ratio:.4f}; expected 1 (within 6 standard deviations, {6 * sigma:.4f})")
    # Elements are dropped independently: per-row counts are binomial (a dispersion test).
    counts = (~kept).sum(axis=1)
    statistic = float(((counts - COLS * p) ** 2).sum() / (COLS * p * (1 - p)))
    p_value = chi_square_p_value(statistic, ROWS)
    if p_value < 1e-9:
        raise Mismatch(counts.tolist()[:10], "independent drops", text,
                       f"the drops are not independent per element: per-row counts disperse with chi-square {statistic:.0f} on {ROWS} degrees of freedom (p = {p_value:.2g})")
    return d, x, y


@visible
def test_the_example_from_the_statement(solution):
    """p = 0.25 on ones((2, 4)): entries 0 or 4/3; backward of 3s is 4 where kept; eval is the identity."""
    text = "d = Dropout(0.25, np.random.default_rng(0)); y = d.forward(np.ones((2, 4)))"
    d = layer(solution, 0.25, 0, text)
    y = forward(d, np.ones((2, 4)), text)
    if not np.all((y == 0) | np.isclose(y, 4 / 3, rtol=1e-12, atol=0)):
        raise Mismatch(y, "entries 0.0 or 1.3333", text, "every entry should be 0.0 or 1 / 0.75")
    given(text + "; d.backward(np.full((2, 4), 3.0))")
    expect_close(d.backward(np.full((2, 4), 3.0)), np.where(y != 0, 4.0, 0.0), rtol=1e-12, atol=0, input="d.backward(np.full((2, 4), 3.0))")
    given(text + "; d.eval().forward(np.array([1.0, 2.0]))")
    expect_close(d.eval().forward(np.array([1.0, 2.0])), np.array([1.0, 2.0]), rtol=0, atol=0, input="d.eval().forward(np.array([1.0, 2.0]))")


@visible
def test_the_drop_rate_and_the_scale(solution):
    """p = 0.1, 0.5, 0.8 over 200,000 elements: drop rate p, kept elements x / (1 - p), mean kept."""
    for p, seed in ((0.1, 1), (0.5, 2), (0.8, 3)):
        check_statistics(solution, p, seed)


def test_backward_reuses_the_forward_mask(solution):
    """backward is dout times the same mask and scale (y / x), twice the same, for the latest forward."""
    d, x, y = check_statistics(solution, 0.3, 4)
    dout = np.random.default_rng(5).normal(size=x.shape)
    text = "d.backward(dout) after d.forward(x), p = 0.3"
    given(text)
    first = d.backward(dout.copy())
    expect_close(first, dout * y / x, rtol=1e-10, atol=1e-12, input=text, name="dx")
    given(text + " (called again)")
    expect_close(d.backward(dout.copy()), first, rtol=0, atol=0, input=text + ", a second time", name="dx")
    x2 = data(6)
    y2 = forward(d, x2, "d.forward(x2), then d.backward(dout)")
    given("d.forward(x2); d.backward(dout)")
    expect_close(d.backward(dout.copy()), dout * y2 / x2, rtol=1e-10, atol=1e-12, input="d.forward(x2); d.backward(dout)", name="dx")


def test_each_forward_draws_a_new_mask(solution):
    """Two training forwards of the same input drop different elements."""
    x = data(7)
    d = layer(solution, 0.5, 8, "d = Dropout(0.5, np.random.default_rng(8))")
    first = forward(d, x, "d.forward(x)") != 0
    second = forward(d, x, "d.forward(x) again") != 0
    same = (first == second).mean()
    if same > 0.6:
        raise Mismatch(round(same, 3), "about 0.5", "two calls of d.forward(x)", f"two forwards agree on {same:.1%} of the mask; independent masks agree on about 50%")


def test_evaluation_is_the_identity_and_draws_nothing(solution):
    """eval(): forward returns x (a new array), backward returns dout, rng's state is untouched."""
    rng = np.random.default_rng(9)
    given("d = Dropout(0.5, rng).eval()")
    d = solution.Dropout(0.5, rng)
    expect(d.training, True, input="Dropout(0.5, rng).training")
    returned = d.eval()
    expect(returned is d and d.training is False, True, input="d.eval() returns d and sets training = False")
    x = data(10)
    state = rng.bit_generator.state
    y = forward(d, x, "d.eval(); d.forward(x)")
    expect_close(y, x, rtol=0, atol=0, input="d.eval().forward(x)")
    expect(rng.bit_generator.state == state, True, input="rng.bit_generator.state unchanged by an eval-mode forward")
    dout = np.ones_like(x) * 2
    given("d.backward(dout) after an eval-mode forward")
    expect_close(d.backward(dout), dout, rtol=0, atol=0, input="d.backward(dout) after an eval-mode forward")
    back = d.train()
    expect(back is d and d.training is True, True, input="d.train() returns d and sets training = True")


def test_p_zero_and_p_one(solution):
    """p = 0 is the identity; p = 1 returns zeros, with no division by zero and no nan."""
    x = data(11)
    y = forward(layer(solution, 0.0, 12, "Dropout(0.0, rng)"), x, "Dropout(0.0, rng).forward(x)")
    expect_close(y, x, rtol=0, atol=0, input="Dropout(0.0, rng).forward(x)")
    d = layer(solution, 1.0, 13, "Dropout(1.0, rng)")
    y = forward(d, x, "Dropout(1.0, rng).forward(x)")
    expect_close(y, np.zeros_like(x), rtol=0, atol=0, input="Dropout(1.0, rng).forward(x)")
    given("Dropout(1.0, rng).backward(ones)")
    expect_close(d.backward(np.ones_like(x)), np.zeros_like(x), rtol=0, atol=0, input="Dropout(1.0, rng).backward(ones)")


def test_the_same_seed_gives_the_same_output(solution):
    """All randomness comes from rng: two layers seeded alike give the same outputs."""
    x = data(14)
    a = forward(layer(solution, 0.4, 15, "Dropout(0.4, default_rng(15))"), x, "Dropout(0.4, default_rng(15)).forward(x)")
    b = forward(layer(solution, 0.4, 15, "Dropout(0.4, default_rng(15))"), x, "another Dropout(0.4, default_rng(15)).forward(x)")
    expect_close(a, b, rtol=0, atol=0, input="two layers seeded with 15, the same x", name="the second layer's output")


def test_bad_arguments_raise(solution):
    """p outside [0, 1] raises ValueError; backward before forward RuntimeError; a wrong shape ValueError."""
    for p in (-0.1, 1.5):
        given(f"Dropout({p}, rng)")
        expect_raises(ValueError, lambda p=p: solution.Dropout(p, np.random.default_rng(0)), input=f"Dropout({p}, rng)")
    d = solution.Dropout(0.5, np.random.default_rng(0))
    given("Dropout(0.5, rng).backward(np.ones(3)) before any forward")
    expect_raises(RuntimeError, lambda: d.backward(np.ones(3)), input="backward before forward")
    forward(d, np.ones((2, 3)), "d.forward(np.ones((2, 3)))")
    given("d.backward(np.ones((3, 2))) after d.forward(np.ones((2, 3)))")
    expect_raises(ValueError, lambda: d.backward(np.ones((3, 2))), input="d.backward(np.ones((3, 2)))")
