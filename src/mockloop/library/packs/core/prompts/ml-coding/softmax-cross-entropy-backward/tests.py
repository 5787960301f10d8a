"""Tests for softmax-cross-entropy-backward: softmax(z) and softmax_cross_entropy(logits, labels,
ignore_index=-100) -> (loss, grad).

Values are compared with a reference computed here (log-sum-exp in float64) at float64
tolerances; the gradient is also checked against central finite differences of the loss.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def reference(logits, labels, ignore_index=-100):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    valid = np.ones(len(y), bool) if ignore_index is None else y != ignore_index
    grad = np.zeros_like(z)
    M = int(valid.sum())
    if M == 0:
        return 0.0, grad
    zv = z[valid]
    m = zv.max(1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(zv - m).sum(1))
    rows = np.arange(M)
    loss = float((lse - zv[rows, y[valid]]).mean())
    p = np.exp(zv - lse[:, None])
    p[rows, y[valid]] -= 1
    grad[valid] = p / M
    return loss, grad


def call(solution, logits, labels, text, **kwargs):
    given(text)
    before = (logits.copy(), labels.copy())
    result = solution.softmax_cross_entropy(logits, labels, **kwargs)
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mismatch(result, "(loss, grad)", text, "softmax_cross_entropy should return (loss, grad)")
    loss, grad = result
    if not isinstance(loss, float):
        raise Mismatch(loss, "a Python float", text, f"the loss should be a Python float, not {type(loss).__name__}")
    if not (np.array_equal(logits, before[0]) and np.array_equal(labels, before[1])):
        raise Mismatch("modified inputs", "inputs unchanged", text, "softmax_cross_entropy modified its inputs")
    return loss, grad


def check(solution, logits, labels, text, **kwargs):
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels)
    loss, grad = call(solution, logits, labels, text, **kwargs)
    want_loss, want_grad = reference(logits, labels, **kwargs)
    expect_close(loss, want_loss, rtol=1e-9, atol=1e-12, input=text, name="the loss")
    expect_close(grad, want_grad, rtol=1e-9, atol=1e-12, input=text, name="the gradient")
    return loss, grad


@visible
def test_the_example_from_the_statement(solution):
    """Three rows, the third padding (-100): loss 0.753 over the two counted rows, and its gradient."""
    logits = [[2.0, 1.0, 0.0], [0.0, 0.0, 0.0], [1.0, 3.0, -1.0]]
    check(solution, logits, [0, 2, -100], "softmax_cross_entropy([[2, 1, 0], [0, 0, 0], [1, 3, -1]], [0, 2, -100])")


@visible
def test_large_logits_stay_finite_and_exact(solution):
    """Logits of magnitude 1e4: no overflow, no nan; [[0, -1000]] with label 1 has loss 1000."""
    loss, _ = check(solution, [[0.0, -1000.0]], [1], "softmax_cross_entropy([[0.0, -1000.0]], [1])")
    rng = np.random.default_rng(1)
    big = rng.normal(0, 1, size=(6, 5)) * 1e4
    check(solution, big, rng.integers(0, 5, size=6), "softmax_cross_entropy(logits of magnitude 1e4, labels)")
    given("softmax(np.array([[1e4, 0.0, -1e4], [-1e4, -1e4 + 1, -1e4 + 2]]))")
    z = np.array([[1e4, 0.0, -1e4], [-1e4, -1e4 + 1, -1e4 + 2]])
    shifted = z - z.max(-1, keepdims=True)
    want = np.exp(shifted) / np.exp(shifted).sum(-1, keepdims=True)
    expect_close(solution.softmax(z), want, rtol=1e-12, atol=1e-300, input="softmax(...)", name="the softmax")


def test_the_gradient_matches_finite_differences(solution):
    """Every entry of the gradient equals a central difference of the loss (step 1e-6)."""
    rng = np.random.default_rng(2)
    logits = rng.normal(0, 2, size=(5, 4))
    labels = np.array([1, -100, 3, 0, 3])
    text = "finite differences of softmax_cross_entropy(random (5, 4), [1, -100, 3, 0, 3])"
    _, grad = call(solution, logits.copy(), labels, text)
    numeric = np.zeros_like(logits)
    for index in np.ndindex(logits.shape):
        plus, minus = logits.copy(), logits.copy()
        plus[index] += 1e-6
        minus[index] -= 1e-6
        numeric[index] = (solution.softmax_cross_entropy(plus, labels)[0] - solution.softmax_cross_entropy(minus, labels)[0]) / 2e-6
    expect_close(grad, numeric, rtol=1e-5, atol=1e-7, input=text, name="the gradient (against finite differences)")


def test_ignored_rows_count_for_nothing(solution):
    """Padding rows get a zero gradient and the mean is over the M counted rows, not all N."""
    rng = np.random.default_rng(3)
    logits = rng.normal(0, 3, size=(8, 6))
    labels = np.array([5, -100, -100, 0, 2, -100, 4, 1])
    check(solution, logits, labels, "softmax_cross_entropy((8, 6) logits, labels with three -100 rows)")


def test_another_ignore_index_and_none(solution):
    """ignore_index may be any label value, or None (then every row counts)."""
    rng = np.random.default_rng(4)
    logits = rng.normal(0, 1, size=(6, 4))
    check(solution, logits, np.array([0, 3, 3, 1, 2, 3]), "softmax_cross_entropy(logits, labels, ignore_index=3)", ignore_index=3)
    check(solution, logits, np.array([0, 3, 3, 1, 2, 3]), "softmax_cross_entropy(logits, labels, ignore_index=None)", ignore_index=None)


def test_labels_out_of_range_raise(solution):
    """A counted label outside 0..C-1 raises ValueError (-100 too, when ignore_index is None)."""
    logits = np.zeros((3, 4))
    for labels, kwargs in [([0, 4, 1], {}), ([0, -1, 1], {}), ([0, -100, 1], {"ignore_index": None})]:
        text = f"softmax_cross_entropy(np.zeros((3, 4)), {labels}, **{kwargs})"
        given(text)
        expect_raises(ValueError, lambda: solution.softmax_cross_entropy(logits.copy(), np.array(labels), **kwargs), input=text)


def test_every_row_ignored_gives_zero(solution):
    """M = 0: the loss is 0.0 and the gradient all zeros (not nan)."""
    logits = np.array([[1.0, 2.0], [3.0, -1.0]])
    loss, grad = call(solution, logits, np.array([-100, -100]), "softmax_cross_entropy(logits, [-100, -100])")
    expect(loss, 0.0, input="softmax_cross_entropy(logits, [-100, -100])[0]")
    expect_close(grad, np.zeros((2, 2)), rtol=0, atol=0, input="softmax_cross_entropy(logits, [-100, -100])[1]", name="the gradient")


def test_softmax_works_on_any_shape_over_the_last_axis(solution):
    """softmax of a (2, 3, 4) array normalises each last-axis row; a 1-D array is one row."""
    rng = np.random.default_rng(5)
    for shape in [(2, 3, 4), (7,), (1, 1), (4, 1, 3)]:
        z = rng.normal(0, 5, size=shape)
        e = np.exp(z - z.max(-1, keepdims=True))
        given(f"softmax(random array of shape {shape})")
        expect_close(solution.softmax(z.copy()), e / e.sum(-1, keepdims=True), rtol=1e-12, atol=1e-15,
                     input=f"softmax(random {shape})", name="the softmax")


def test_one_class_and_one_row(solution):
    """C = 1 (the loss is 0 and the gradient 0) and N = 1."""
    check(solution, [[3.5]], [0], "softmax_cross_entropy([[3.5]], [0])")
    check(solution, [[-2.0, 7.0, 0.5]], [2], "softmax_cross_entropy([[-2.0, 7.0, 0.5]], [2])")
