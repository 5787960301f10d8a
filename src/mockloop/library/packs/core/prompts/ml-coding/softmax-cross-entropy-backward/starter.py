import numpy as np


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, any shape, float64; finite for any finite input."""
    raise NotImplementedError


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray,
                          ignore_index: int | None = -100) -> tuple[float, np.ndarray]:
    """Mean cross-entropy over the rows not ignored, and its gradient with respect to the logits.

    logits (N, C), labels (N,). A row is ignored when labels[i] == ignore_index (unless that is
    None); other labels must be in 0..C-1 (else ValueError). loss = mean over the M counted rows
    of -log softmax(logits_i)[labels_i]; grad[i] = (softmax(logits_i) - onehot) / M for counted
    rows, 0 for ignored ones. M = 0 gives (0.0, zeros). The loss is a Python float.
    """
    raise NotImplementedError
