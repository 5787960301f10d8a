"""Mutant: inverse_transform does not add the mean back."""

import numpy as np


class PCA:
    def __init__(self, n_components: int | None = None):
        self.n_components = n_components
        self.components_ = None

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] < 2:
            raise ValueError("X must be (n, d) with n >= 2")
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components must be in 1..{min(n, d)}")
        self.mean_ = X.mean(axis=0)
        U, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)   # S descending
        rows = np.arange(Vt.shape[0])
        signs = np.sign(Vt[rows, np.argmax(np.abs(Vt), axis=1)])        # argmax: first on ties
        signs[signs == 0] = 1.0
        Vt = Vt * signs[:, None]                                         # flip whole rows
        var = S**2 / (n - 1)                                             # covariance eigenvalues
        total = var.sum()                                                # = trace of the covariance
        self.components_ = Vt[:k]                                        # rows are the axes
        self.singular_values_ = S[:k]
        self.explained_variance_ = var[:k]
        self.explained_variance_ratio_ = var[:k] / total if total > 0 else np.zeros(k)
        return self

    def _check(self, A, width):
        A = np.asarray(A, dtype=np.float64)
        if A.ndim != 2 or A.shape[1] != width:
            raise ValueError(f"expected a 2-D array with {width} columns")
        return A

    def transform(self, X):
        if self.components_ is None:
            raise RuntimeError("call fit first")
        return (self._check(X, self.mean_.size) - self.mean_) @ self.components_.T   # TRAINING mean

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        if self.components_ is None:
            raise RuntimeError("call fit first")
        return self._check(Z, self.components_.shape[0]) @ self.components_
