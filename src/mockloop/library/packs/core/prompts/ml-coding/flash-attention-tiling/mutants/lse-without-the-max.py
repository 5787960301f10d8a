"""Mutant: lse is log(l), forgetting the running maximum it is relative to."""

import tracemalloc

import numpy as np


def naive_attention(q, k, v, causal=False):
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (q, k, v))
    s = q @ k.T / np.sqrt(q.shape[1])                        # (N, M): the matrix flash avoids
    if causal:
        s = np.where(np.arange(k.shape[0])[None, :] > np.arange(q.shape[0])[:, None], -np.inf, s)
    s -= s.max(axis=1, keepdims=True)
    p = np.exp(s)
    return (p / p.sum(axis=1, keepdims=True)) @ v


def flash_attention(q, k, v, block_q=64, block_k=64, causal=False, return_lse=False):
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (q, k, v))
    if q.ndim != 2 or k.ndim != 2 or v.ndim != 2:
        raise ValueError("q, k, v must be 2-D")
    (N, d), (M, d_k), (M_v, d_v) = q.shape, k.shape, v.shape
    if d != d_k or M != M_v or N == 0 or M == 0:
        raise ValueError("shapes must be q (N, d), k (M, d), v (M, d_v) with N, M >= 1")
    if block_q < 1 or block_k < 1:
        raise ValueError("block sizes must be >= 1")
    if causal and N != M:
        raise ValueError("causal attention needs N == M")
    scale = 1.0 / np.sqrt(d)
    out = np.empty((N, d_v))
    lse = np.empty(N)
    for qs in range(0, N, block_q):                          # ragged last tile included
        qe = min(qs + block_q, N)
        q_tile = q[qs:qe] * scale                            # fold the scale into q once
        m = np.full(qe - qs, -np.inf)                        # running row max
        l = np.zeros(qe - qs)                                # running sum of exp(s - m)
        acc = np.zeros((qe - qs, d_v))                       # running un-normalised output
        k_end = min(M, qe) if causal else M                  # keys after the last query: skip
        for ks in range(0, k_end, block_k):
            ke = min(ks + block_k, M)
            s = q_tile @ k[ks:ke].T                          # (bq, bk): the only score tile alive
            if causal and ke - 1 > qs:                       # tile touches the diagonal
                rows = np.arange(qs, qe)[:, None]            # GLOBAL positions, not tile-local
                s = np.where(np.arange(ks, ke)[None, :] > rows, -np.inf, s)
            m_new = np.maximum(m, s.max(axis=1))
            alpha = np.exp(m - m_new)                        # rescales the old state; exp(-inf) = 0
            p = np.exp(s - m_new[:, None])
            l = alpha * l + p.sum(axis=1)
            acc = alpha[:, None] * acc + p @ v[ks:ke]
            m = m_new
        out[qs:qe] = acc / l[:, None]                        # normalise once, at the end
        lse[qs:qe] = np.log(l)
    return (out, lse) if return_lse else out
