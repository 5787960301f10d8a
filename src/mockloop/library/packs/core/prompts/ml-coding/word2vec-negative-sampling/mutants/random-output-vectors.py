"""Mutant: W_out starts random, like W_in, instead of at zero."""

import numpy as np


def _log_sigmoid(x):
    return -np.logaddexp(0.0, -x)                        # log(1 / (1 + e^-x)), no overflow either way


def _sigmoid(x):
    return np.exp(_log_sigmoid(x))


def sgns_loss_and_grads(v_c, u_o, u_neg):
    v_c, u_o, u_neg = (np.asarray(a, dtype=np.float64) for a in (v_c, u_o, u_neg))
    s_pos = u_o @ v_c                                    # scalar
    s_neg = u_neg @ v_c                                  # (K,)
    loss = -_log_sigmoid(s_pos) - _log_sigmoid(-s_neg).sum()
    g_pos = _sigmoid(s_pos) - 1.0                        # dL/ds_pos, in [-1, 0]
    g_neg = _sigmoid(s_neg)                              # dL/ds_neg, in [0, 1]
    return float(loss), g_pos * u_o + g_neg @ u_neg, g_pos * v_c, g_neg[:, None] * v_c[None, :]


def noise_distribution(counts, power=0.75):
    c = np.asarray(counts, dtype=np.float64)
    if c.ndim != 1 or np.any(c < 0) or not np.any(c > 0):
        raise ValueError("counts must be 1-D, non-negative, not all zero")
    w = c ** power                                       # 0 ** 0.75 == 0: unseen words never drawn
    return w / w.sum()


def build_table(probs, table_size):
    cum = np.cumsum(probs)
    cum /= cum[-1]                                       # exactly 1.0 at the end
    mids = (np.arange(table_size) + 0.5) / table_size    # inverse CDF at cell midpoints
    return np.searchsorted(cum, mids, side="right").astype(np.int64)


def sample_negatives(table, k, rng):
    return table[rng.integers(0, table.size, size=k)]    # O(1) per draw


def train_sgns(sentences, vocab_size, dim=16, window=2, k=5, epochs=5, lr=0.05, rng=None):
    rng = np.random.default_rng() if rng is None else rng
    counts = np.bincount(np.concatenate([np.asarray(s, dtype=np.int64) for s in sentences]),
                         minlength=vocab_size)
    table = build_table(noise_distribution(counts), 100_000)
    W_in = (rng.random((vocab_size, dim)) - 0.5) / dim  # small random inputs,
    W_out = (rng.random((vocab_size, dim)) - 0.5) / dim
    for _ in range(epochs):
        for sent in sentences:
            for i, c in enumerate(sent):
                for j in range(max(0, i - window), min(len(sent), i + window + 1)):
                    if j == i:
                        continue
                    o, neg = sent[j], sample_negatives(table, k, rng)
                    _, g_v, g_o, g_neg = sgns_loss_and_grads(W_in[c], W_out[o], W_out[neg])
                    W_in[c] -= lr * g_v                  # all gradients were computed first
                    W_out[o] -= lr * g_o
                    np.add.at(W_out, neg, -lr * g_neg)   # repeated ids accumulate
    return W_in, W_out
