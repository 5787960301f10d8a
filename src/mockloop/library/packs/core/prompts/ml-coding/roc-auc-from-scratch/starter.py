import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """The fraction of (positive, negative) pairs ordered correctly, tied pairs counting one
    half, as a Python float, in O(n log n). ValueError for mismatched lengths, labels not in
    {0, 1}, non-finite scores, or a single class."""
    raise NotImplementedError


def roc_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds), length u + 1 for u distinct scores: thresholds[0] = inf, then
    the distinct scores in decreasing order; fpr[i], tpr[i] = fractions of negatives and
    positives with score >= thresholds[i]. Every point is kept."""
    raise NotImplementedError
