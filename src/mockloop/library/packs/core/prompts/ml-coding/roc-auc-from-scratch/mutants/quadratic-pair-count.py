"""Mutant: every pair compared through an n_pos x n_neg matrix: too slow and too big at n = 10^6."""

import numpy as np


def _check(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=np.float64)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must be 1-D arrays of the same length")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores must be finite")
    y = y.astype(bool)
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs at least one positive and one negative")
    return y, s, n_pos, n_neg


def average_ranks(s: np.ndarray) -> np.ndarray:
    """1-based ascending ranks; tied values share the mean of the ranks they occupy."""
    order = np.argsort(s, kind="mergesort")
    sorted_s = s[order]
    starts = np.flatnonzero(np.r_[True, sorted_s[1:] != sorted_s[:-1]])   # first index of each run
    ends = np.r_[starts[1:], s.size]                                        # one past its last index
    ranks = np.empty(s.size)
    ranks[order] = np.repeat((starts + 1 + ends) / 2.0, ends - starts)      # mean of starts+1 .. ends
    return ranks


def roc_auc(y_true, scores) -> float:
    y, s, n_pos, n_neg = _check(y_true, scores)
    pos, neg = s[y], s[~y]
    u = sum(float((p > neg).sum() + 0.5 * (p == neg).sum()) for p in pos)
    return float(u / (float(n_pos) * float(n_neg)))             # float product: no integer overflow


def roc_curve(y_true, scores):
    y, s, n_pos, n_neg = _check(y_true, scores)
    order = np.argsort(-s, kind="mergesort")                     # descending score
    s_sorted, y_sorted = s[order], y[order]
    last = np.r_[s_sorted[1:] != s_sorted[:-1], True]            # last element of each tie group
    tpr = np.r_[0.0, np.cumsum(y_sorted)[last] / n_pos]
    fpr = np.r_[0.0, np.cumsum(~y_sorted)[last] / n_neg]
    return fpr, tpr, np.r_[np.inf, s_sorted[last]]


def trapezoid(fpr, tpr) -> float:
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))
