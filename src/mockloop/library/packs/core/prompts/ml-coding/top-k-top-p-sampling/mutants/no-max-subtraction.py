"""Mutant: the softmax does not subtract the max, so exp overflows to inf (nan) near 1e4."""

import numpy as np


def sample(logits, temperature=1.0, top_k=None, top_p=None, rng=None):
    z = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        return int(np.argmax(z))
    rng = np.random.default_rng() if rng is None else rng
    z = z / temperature
    if top_k is not None and top_k < z.size:
        keep = np.argpartition(z, -top_k)[-top_k:]
        masked = np.full_like(z, -np.inf)
        masked[keep] = z[keep]
        z = masked
    p = np.exp(z)
    p /= p.sum()
    if top_p is not None and top_p < 1.0:
        order = np.argsort(-p, kind="stable")
        cum = np.cumsum(p[order])
        n_keep = min(int(np.searchsorted(cum, top_p)) + 1, p.size)
        nucleus = np.zeros_like(p)
        nucleus[order[:n_keep]] = p[order[:n_keep]]
        p = nucleus / nucleus.sum()
    return int(rng.choice(p.size, p=p))
