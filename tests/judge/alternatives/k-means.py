"""A correct k-means written differently from the reference: k-means++ by an inverse-CDF draw
from rng.random(), assignment-then-update loop with a final re-assignment, empty clusters
re-seeded at a random point."""

import numpy as np


def init_centroids(X, k, rng):
    X = np.asarray(X, dtype=float)
    chosen = [int(rng.integers(len(X)))]
    for _ in range(1, k):
        d2 = np.min([((X - X[c]) ** 2).sum(1) for c in chosen], axis=0)
        cumulative = np.cumsum(d2)
        u = rng.random() * cumulative[-1]
        chosen.append(int(np.searchsorted(cumulative, u, side="right")))
    return X[chosen].copy()


def kmeans(X, k, max_iter=100, tol=1e-6, rng=None):
    X = np.asarray(X, dtype=float)
    if rng is None:
        rng = np.random.default_rng()
    C = np.array(init_centroids(X, k, rng), dtype=float)

    def assign(C):
        return np.argmin(np.linalg.norm(X[:, None, :] - C[None, :, :], axis=2), axis=1)

    labels = assign(C)
    for _ in range(max_iter):
        new = C.copy()
        for j in range(k):
            members = X[labels == j]
            new[j] = members.mean(axis=0) if len(members) else X[rng.integers(len(X))]
        moved = np.linalg.norm(new - C, axis=1).max()
        C = new
        new_labels = assign(C)
        settled = (new_labels == labels).all()
        labels = new_labels
        if settled or moved <= tol:
            break
    return C, labels
