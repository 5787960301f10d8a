"""A correct sample() written differently from the reference: pure Python lists, its own
inverse-CDF draw from rng.random() (so it consumes the generator differently)."""

import math


def sample(logits, temperature=1.0, top_k=None, top_p=None, rng=None):
    values = [float(x) for x in logits]
    if temperature == 0:
        return max(range(len(values)), key=lambda i: values[i])
    ranked = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    if top_k is not None:
        ranked = ranked[:top_k]
    top = values[ranked[0]] / temperature
    weights = [math.exp(values[i] / temperature - top) for i in ranked]
    total = sum(weights)
    kept, cumulative = [], 0.0
    for i, w in zip(ranked, weights, strict=True):
        kept.append((i, w))
        cumulative += w / total
        if top_p is not None and cumulative >= top_p:
            break
    mass = sum(w for _, w in kept)
    u = rng.random() * mass
    for i, w in reversed(kept):  # walk from the least probable end: a different mapping
        u -= w
        if u < 0:
            return i
    return kept[0][0]
