import numpy as np


def impurity(counts: np.ndarray, criterion: str = "gini") -> float:
    """Gini (1 - sum p^2) or entropy (-sum p log2 p, 0 log 0 = 0) of class counts, as a Python
    float; all-zero counts give 0.0. ValueError for another criterion or bad counts."""
    raise NotImplementedError


def best_split(X: np.ndarray, y: np.ndarray, criterion: str = "gini",
               min_samples_leaf: int = 1) -> tuple[int, float, float] | None:
    """(feature, threshold, gain) of the split with the largest impurity decrease, or None.

    Candidates: for two consecutive distinct values a < b of a column, rows with x <= a go left;
    threshold (a + b) / 2 (or a if that rounds to b); both sides need min_samples_leaf rows.
    Gain: I(parent) - n_L/n I(left) - n_R/n I(right). None if no candidate or the best gain is
    <= 1e-12. Ties within 1e-12: the smallest feature, then the smallest threshold.
    O(f n (log n + C)): one sort and one prefix-count pass per feature.
    """
    raise NotImplementedError
