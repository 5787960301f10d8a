"""Tests for roc-auc-from-scratch: roc_auc(y_true, scores) and roc_curve(y_true, scores).

AUC is compared with brute-force pair counting (ties count one half) to 1e-12 on random inputs
with and without heavy ties, and checked not to depend on the input order; the curve with its
definition (fractions with score >= each distinct threshold). A test with n = 10^6 checks the
O(n log n) time and the absence of integer overflow.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 120, "cpu_seconds": 60, "memory_bytes": 1073741824}


def pairs_auc(y, s):
    pos, neg = s[y == 1], s[y == 0]
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return (greater + 0.5 * ties) / (len(pos) * len(neg))


def curve(y, s):
    thresholds = np.r_[np.inf, np.unique(s)[::-1]]
    tpr = np.array([(s[y == 1] >= t).mean() for t in thresholds])
    fpr = np.array([(s[y == 0] >= t).mean() for t in thresholds])
    return fpr, tpr, thresholds


def auc(solution, y, s, text):
    copies = (y.copy(), s.copy())
    given(text)
    value = solution.roc_auc(y, s)
    if not isinstance(value, float):
        raise Mismatch(value, "a Python float", text, f"roc_auc should return a Python float, not {type(value).__name__}")
    if not (np.array_equal(y, copies[0]) and np.array_equal(s, copies[1])):
        raise Mismatch("modified inputs", "inputs unchanged", text, "roc_auc modified its inputs")
    return value


def check_auc(solution, y, s, text):
    expect_close(auc(solution, y, s, text), float(pairs_auc(y, s)), rtol=0, atol=1e-12, input=text, name="the AUC")


def check_curve(solution, y, s, text):
    given(text)
    result = solution.roc_curve(y, s)
    if not isinstance(result, tuple) or len(result) != 3:
        raise Mismatch(result, "(fpr, tpr, thresholds)", text, "roc_curve should return (fpr, tpr, thresholds)")
    want = curve(y, s)
    for got, expected, name in zip(result, want, ("fpr", "tpr", "thresholds")):
        expect_close(np.asarray(got) if isinstance(got, list) else got, expected, rtol=0, atol=1e-12, input=text, name=name)


@visible
def test_the_examples_from_the_statement(solution):
    """0.75 and 0.875 (a tied pair counts one half), 0.5 for one tied pair, and the example curve."""
    check_auc(solution, np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]), "roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])")
    check_auc(solution, np.array([0, 1, 0, 1]), np.array([1.0, 2.0, 2.0, 3.0]), "roc_auc([0, 1, 0, 1], [1.0, 2.0, 2.0, 3.0])")
    check_auc(solution, np.array([1, 0]), np.array([0.5, 0.5]), "roc_auc([1, 0], [0.5, 0.5])")
    check_curve(solution, np.array([0, 1, 0, 1]), np.array([1.0, 2.0, 2.0, 3.0]), "roc_curve([0, 1, 0, 1], [1.0, 2.0, 2.0, 3.0])")


@visible
def test_random_scores_without_ties(solution):
    """Random continuous scores: the exact fraction of correctly ordered pairs."""
    rng = np.random.default_rng(1)
    for n in (2, 10, 500):
        y = rng.integers(0, 2, size=n)
        y[0], y[-1] = 0, 1
        s = rng.normal(size=n) + y
        check_auc(solution, y, s, f"roc_auc(random labels, random scores), n = {n}")
        check_curve(solution, y, s, f"roc_curve(random labels, random scores), n = {n}")


def test_heavily_tied_scores(solution):
    """Scores from a handful of values: ties between classes count one half."""
    rng = np.random.default_rng(2)
    for n, values in ((50, 3), (400, 5), (1000, 2)):
        y = rng.integers(0, 2, size=n)
        y[0], y[-1] = 0, 1
        s = rng.integers(0, values, size=n).astype(float) + 0.5 * y * rng.integers(0, 2, size=n)
        check_auc(solution, y, s, f"roc_auc with scores among {values} values, n = {n}")
        check_curve(solution, y, s, f"roc_curve with scores among {values} values, n = {n}")


def test_a_constant_classifier_scores_one_half(solution):
    """Every score equal: AUC 0.5, and the curve goes straight from (0, 0) to (1, 1)."""
    y = np.array([1, 0, 0, 1, 1, 0, 1])
    check_auc(solution, y, np.full(7, 3.0), "roc_auc(labels, all scores 3.0)")
    check_curve(solution, y, np.full(7, 3.0), "roc_curve(labels, all scores 3.0)")


def test_the_order_of_the_input_does_not_matter(solution):
    """Shuffling the rows changes nothing (average ranks, not ordinal ones)."""
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=300)
    y[:2] = [0, 1]
    s = rng.integers(0, 4, size=300).astype(float)
    first = auc(solution, y, s, "roc_auc(y, s)")
    for seed in range(3):
        order = np.random.default_rng(10 + seed).permutation(300)
        expect_close(auc(solution, y[order], s[order], "roc_auc(y[perm], s[perm])"), first, rtol=0, atol=1e-12,
                     input="roc_auc of the same rows shuffled", name="the AUC")
    expect_close(first, float(pairs_auc(y, s)), rtol=0, atol=1e-12, input="roc_auc(y, s)", name="the AUC")


def test_labels_as_floats_and_bools(solution):
    """y_true may hold ints, floats or bools; a perfect and a reversed ranking give 1 and 0."""
    s = np.array([0.1, 0.2, 0.7, 0.9])
    check_auc(solution, np.array([0.0, 0.0, 1.0, 1.0]), s, "roc_auc([0., 0., 1., 1.], s)")
    check_auc(solution, np.array([True, True, False, False]), s, "roc_auc([True, True, False, False], s)")


def test_a_million_rows(solution):
    """n = 10^6 with 5 * 10^5 positives: O(n log n) time, and no integer overflow in n_pos * n_neg."""
    rng = np.random.default_rng(4)
    y = np.zeros(1_000_000, dtype=np.int64)
    y[rng.permutation(1_000_000)[:500_000]] = 1
    s = rng.integers(0, 1000, size=1_000_000).astype(float) + 200 * y
    # exact by counting per score value
    values = np.unique(s)
    pos = np.bincount(np.searchsorted(values, s[y == 1]), minlength=len(values)).astype(float)
    neg = np.bincount(np.searchsorted(values, s[y == 0]), minlength=len(values)).astype(float)
    below = np.cumsum(neg) - neg
    want = float((pos * below).sum() + 0.5 * (pos * neg).sum()) / (500_000.0 * 500_000.0)
    expect_close(auc(solution, y, s, "roc_auc(10**6 rows)"), want, rtol=0, atol=1e-12, input="roc_auc(10**6 rows with 1000 score values)", name="the AUC")


def test_bad_inputs_raise(solution):
    """Different lengths, a label not 0/1, a non-finite score, or one class only: ValueError."""
    cases = [
        ("lengths 3 and 2", [0, 1, 1], [0.1, 0.2]),
        ("a label 2", [0, 1, 2], [0.1, 0.2, 0.3]),
        ("a nan score", [0, 1, 1], [0.1, float("nan"), 0.3]),
        ("an infinite score", [0, 1, 1], [0.1, float("inf"), 0.3]),
        ("positives only", [1, 1, 1], [0.1, 0.2, 0.3]),
        ("negatives only", [0, 0], [0.1, 0.2]),
    ]
    for what, y, s in cases:
        for name in ("roc_auc", "roc_curve"):
            text = f"{name}({y}, {s})  # {what}"
            given(text)
            expect_raises(ValueError, lambda name=name, y=y, s=s: getattr(solution, name)(np.array(y), np.array(s)), input=text)
    expect(True, True)
