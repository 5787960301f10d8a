"""Mutant: the labels returned come from the assignment before the last update."""

import numpy as np


def init_centroids(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++: first centroid uniform, each next one drawn with probability proportional to D(x)^2."""
    X = np.asarray(X, dtype=np.float64)
    n = X.shape[0]
    centroids = np.empty((k, X.shape[1]))
    centroids[0] = X[rng.integers(n)]
    d2 = ((X - centroids[0]) ** 2).sum(axis=1)  # squared distance to the nearest chosen centroid
    for j in range(1, k):
        total = d2.sum()
        # already-chosen points have d2 == 0, so they cannot be drawn again
        idx = rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)
        centroids[j] = X[idx]
        d2 = np.minimum(d2, ((X - centroids[j]) ** 2).sum(axis=1))
    return centroids


def _sq_dists(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    # (n, k) via |x|^2 - 2 x.c + |c|^2: memory n*k instead of the n*k*d of naive broadcasting
    d2 = (X**2).sum(1)[:, None] - 2.0 * X @ C.T + (C**2).sum(1)[None, :]
    return np.maximum(d2, 0.0)  # cancellation can leave tiny negatives


def kmeans(X, k, max_iter=100, tol=1e-6, rng=None):
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.default_rng() if rng is None else rng
    C = np.array(init_centroids(X, k, rng), dtype=np.float64)  # global name, looked up at call time
    for _ in range(max_iter):
        # assignment, then update: the labels returned belong to the centroids before the update
        labels = _sq_dists(X, C).argmin(axis=1)
        counts = np.bincount(labels, minlength=k)
        sums = np.zeros_like(C)
        np.add.at(sums, labels, X)
        new_C = C.copy()
        nonempty = counts > 0
        new_C[nonempty] = sums[nonempty] / counts[nonempty, None]
        shift = np.sqrt(((new_C - C) ** 2).sum(axis=1)).max()
        C = new_C
        if shift <= tol:
            break
    return C, labels
