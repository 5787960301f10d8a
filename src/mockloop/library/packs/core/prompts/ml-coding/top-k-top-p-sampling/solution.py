import numpy as np


def sample(
    logits: np.ndarray,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    rng: np.random.Generator | None = None,
) -> int:
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim != 1 or z.size == 0:
        raise ValueError("logits must be a non-empty 1-D array")
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    if temperature == 0:
        return int(np.argmax(z))  # greedy; never divide by zero
    rng = np.random.default_rng() if rng is None else rng

    z = z / temperature
    if top_k is not None and top_k < z.size:
        keep = np.argpartition(z, -top_k)[-top_k:]  # the k largest, O(V)
        masked = np.full_like(z, -np.inf)
        masked[keep] = z[keep]
        z = masked

    z = z - z.max()  # stable softmax: the largest exponent is exp(0) = 1
    p = np.exp(z)  # filtered tokens: exp(-inf) = 0
    p /= p.sum()

    if top_p is not None and top_p < 1.0:
        order = np.argsort(-p, kind="stable")  # most probable first
        cum = np.cumsum(p[order])
        n_keep = int(np.searchsorted(cum, top_p)) + 1  # first index with cum >= top_p, inclusive
        n_keep = min(n_keep, p.size)
        nucleus = np.zeros_like(p)
        nucleus[order[:n_keep]] = p[order[:n_keep]]
        p = nucleus / nucleus.sum()  # renormalise over the kept set

    return int(rng.choice(p.size, p=p))
