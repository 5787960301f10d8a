"""Mutant: the loss is log(softmax) at the label, which is -inf once the probability underflows."""

import numpy as np


def softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))      # largest term is exp(0) = 1
    return e / e.sum(axis=-1, keepdims=True)


def softmax_cross_entropy(logits, labels, ignore_index: int | None = -100):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],):
        raise ValueError("logits must be (N, C) and labels (N,)")
    N, C = z.shape
    valid = np.ones(N, dtype=bool) if ignore_index is None else (y != ignore_index)
    if np.any((y[valid] < 0) | (y[valid] >= C)):
        raise ValueError("label out of range")
    grad = np.zeros_like(z)
    M = int(valid.sum())
    if M == 0:
        return 0.0, grad                                # nothing to learn from; avoid 0/0
    zv, yv = z[valid], y[valid].astype(np.int64)
    shifted = zv - zv.max(axis=1, keepdims=True)
    lse = np.log(np.exp(shifted).sum(axis=1))           # log-sum-exp of the shifted row, in [0, log C]
    with np.errstate(divide='ignore'):
        log_p_label = np.log(np.exp(shifted - lse[:, None])[np.arange(M), yv])
    loss = float(-log_p_label.mean())
    g = np.exp(shifted - lse[:, None])                  # softmax, reusing the LSE
    g[np.arange(M), yv] -= 1.0                          # p - onehot
    grad[valid] = g / M                                 # mean over the M counted rows only
    return loss, grad
