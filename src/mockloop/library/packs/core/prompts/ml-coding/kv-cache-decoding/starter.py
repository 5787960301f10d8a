import numpy as np


class KVCacheAttention:
    """Causal multi-head self-attention over one sequence, in full or incrementally with a KV
    cache (k_cache, v_cache: (n_heads, max_len, d_head), allocated once, updated in place)."""

    def __init__(self, W_q, W_k, W_v, W_o, n_heads: int, max_len: int):
        """(d, d) weights, row-vector convention q = x @ W_q; ValueError unless n_heads divides d."""
        raise NotImplementedError

    def forward(self, X: np.ndarray) -> np.ndarray:
        """(T, d) -> (T, d); position i attends to j <= i; no cache involved."""
        raise NotImplementedError

    def extend(self, X: np.ndarray) -> np.ndarray:
        """(n, d) -> (n, d) for positions length..length+n-1, attending to the cache and to the
        chunk up to itself; writes their keys and values, then length += n. ValueError (and no
        change) past max_len."""
        raise NotImplementedError

    def step(self, x_t: np.ndarray) -> np.ndarray:
        """(d,) -> (d,): extend(x_t[None])[0]."""
        raise NotImplementedError

    def reset(self) -> None:
        """length = 0 (the cache arrays are reused)."""
        raise NotImplementedError
