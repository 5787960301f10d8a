"""Mutant: the class counts are recounted with a mask for every candidate: O(n^2), too slow at 10^5 rows."""

import numpy as np

TIE_TOL = 1e-12


def _impurity_rows(c, criterion):
    """Impurity of every row of a (m, C) count matrix; an empty row has impurity 0."""
    n = c.sum(axis=1, keepdims=True)
    p = np.divide(c, n, out=np.zeros_like(c), where=n > 0)
    if criterion == "gini":
        return np.where(n[:, 0] > 0, 1.0 - (p * p).sum(axis=1), 0.0)
    logp = np.log2(p, out=np.zeros_like(p), where=p > 0)     # 0 log 0 = 0
    return -(p * logp).sum(axis=1)


def impurity(counts, criterion="gini"):
    c = np.asarray(counts, dtype=np.float64)
    if criterion not in ("gini", "entropy"):
        raise ValueError(f"unknown criterion {criterion!r}")
    if c.ndim != 1 or np.any(c < 0):
        raise ValueError("counts must be a 1-D array of non-negative numbers")
    return float(_impurity_rows(c[None, :], criterion)[0])


def best_split(X, y, criterion="gini", min_samples_leaf=1):
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError("X must be (n, f) and y (n,) with n >= 1")
    if criterion not in ("gini", "entropy") or min_samples_leaf < 1:
        raise ValueError("bad criterion or min_samples_leaf")
    if not np.all(np.isfinite(X)) or np.any(y < 0) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError("X must be finite and y non-negative integers")
    n, n_features = X.shape
    onehot = np.eye(int(y.max()) + 1)[y]                      # (n, C)
    parent = impurity(onehot.sum(axis=0), criterion)
    per_feature = []                                          # (gains, thresholds), thresholds ascending
    for f in range(n_features):
        order = np.argsort(X[:, f], kind="stable")            # O(n log n)
        xs = X[order, f]
        left = np.cumsum(onehot[order], axis=0)               # left[i]: class counts of xs[:i+1]
        right = left[-1] - left                               # the rest
        n_left = np.arange(1, n + 1)
        # a split after position i (i = 0..n-2) is valid only between two different values
        ok = np.zeros(n, dtype=bool)
        ok[:-1] = xs[1:] != xs[:-1]
        ok &= (n_left >= min_samples_leaf) & (n - n_left >= min_samples_leaf)
        i = np.flatnonzero(ok)
        left = np.array([onehot[X[:, f] <= xs[t]].sum(axis=0) for t in range(n)])
        right = left[-1] - left
        child = (n_left[i] * _impurity_rows(left[i], criterion)
                 + (n - n_left[i]) * _impurity_rows(right[i], criterion)) / n   # size-weighted
        a, b = xs[i], xs[i + 1]
        thr = a / 2.0 + b / 2.0                               # midpoint; (a + b) / 2 overflows near 1e308
        thr = np.where(thr == b, a, thr)                      # adjacent floats: midpoint rounds up to b
        per_feature.append((parent - child, thr))
    top = max((g.max() for g, _ in per_feature if g.size), default=None)
    if top is None or top <= TIE_TOL:
        return None                                           # no valid split, or none that helps
    for f, (gains, thr) in enumerate(per_feature):            # lowest feature, then lowest threshold
        near = np.flatnonzero(gains >= top - TIE_TOL)
        if near.size:
            return f, float(thr[near[0]]), float(gains[near[0]])
