import numpy as np


def naive_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False) -> np.ndarray:
    """softmax(q k^T / sqrt(d)) v with the full (N, M) score matrix; float64 (N, d_v)."""
    raise NotImplementedError


def flash_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, block_q: int = 64, block_k: int = 64,
                    causal: bool = False, return_lse: bool = False):
    """The same result, one block_q x block_k tile of scores at a time (online softmax).

    causal requires N == M (query i sees keys j <= i). With return_lse, returns (out, lse) where
    lse[i] = log sum_j exp(q_i . k_j / sqrt(d)) over the keys query i may see. ValueError for
    block sizes below 1 or inconsistent shapes.
    """
    raise NotImplementedError
