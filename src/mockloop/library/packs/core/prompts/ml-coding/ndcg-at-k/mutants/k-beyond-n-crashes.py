"""Mutant: k > n is not handled: the discounts are computed for k positions and indexed past n."""

import itertools

import numpy as np


def _groups(scores):
    """Positions 0..n-1 of the descending ranking, split into runs of equal score."""
    order = np.argsort(-scores, kind="stable")
    s = scores[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    ends = np.r_[starts[1:], s.size]
    return order, starts, ends


def _check(scores, relevance, k=None):
    s, r = np.asarray(scores, dtype=np.float64), np.asarray(relevance)
    if s.ndim != 1 or s.shape != r.shape or s.size == 0:
        raise ValueError("scores and relevance must be non-empty 1-D arrays of the same length")
    if not np.all(np.isfinite(s)) or np.any(r < 0) or np.any(r != np.floor(r)):
        raise ValueError("scores must be finite and relevance non-negative integers")
    if k is not None and (int(k) != k or k < 1):
        raise ValueError("k must be a positive integer")
    return s, r.astype(np.float64)


def _gain(rel, gain):
    if gain == "exponential":
        return 2.0 ** rel - 1.0
    if gain == "linear":
        return rel
    raise ValueError(f"unknown gain {gain!r}")


def _discounts(n, k):
    d = np.zeros(n)
    d[:k] = 1.0 / np.log2(np.arange(2, k + 2))
    return d


def _tie_averaged(per_position, scores, values):
    """E[sum_i values[i] * per_position[rank of i]] over uniformly random tie-breaking."""
    order, starts, ends = _groups(scores)
    cum = np.r_[0.0, np.cumsum(per_position)]
    mean_pos = (cum[ends] - cum[starts]) / (ends - starts)   # average weight of the group's positions
    v = np.add.reduceat(values[order], starts)                # total value in each group
    return float(np.sum(v * mean_pos))


def dcg_at_k(scores, relevance, k, gain="exponential"):
    s, r = _check(scores, relevance, k)
    return _tie_averaged(_discounts(s.size, k), s, _gain(r, gain))


def ndcg_at_k(scores, relevance, k, gain="exponential"):
    s, r = _check(scores, relevance, k)
    ideal_gains = np.sort(_gain(r, gain))[::-1]
    idcg = float(np.sum(ideal_gains * _discounts(s.size, k)))
    if idcg == 0.0:
        return float("nan")                                   # no relevant item: undefined
    return dcg_at_k(s, r, k, gain) / idcg


def recall_at_k(scores, relevance, k):
    s, r = _check(scores, relevance, k)
    n_rel = np.count_nonzero(r > 0)
    if n_rel == 0:
        return float("nan")
    in_top_k = (np.arange(s.size) < k).astype(np.float64)    # weight 1 for the first k positions
    return _tie_averaged(in_top_k, s, (r > 0).astype(np.float64)) / n_rel


def reciprocal_rank(scores, relevance):
    s, r = _check(scores, relevance)
    rel = r > 0
    if not rel.any():
        return float("nan")
    order, starts, ends = _groups(s)
    hits = np.add.reduceat(rel[order].astype(np.int64), starts)
    gi = int(np.flatnonzero(hits)[0])                          # first group holding a relevant item
    g, m, first = int(ends[gi] - starts[gi]), int(hits[gi]), int(starts[gi]) + 1
    # P(first relevant at offset j) = P(offsets 0..j-1 irrelevant) * m / (g - j)
    j = np.arange(g - m + 1)
    none_before = np.r_[1.0, np.cumprod((g - m - j[:-1]) / (g - j[:-1]))]
    p = none_before * m / (g - j)
    return float(np.sum(p / (first + j)))


def evaluate(queries, k, gain="exponential"):
    rows = [(ndcg_at_k(s, r, k, gain), reciprocal_rank(s, r), recall_at_k(s, r, k)) for s, r in queries]
    rows = np.array([row for row in rows if not np.isnan(row[0])]).reshape(-1, 3)
    if rows.shape[0] == 0:
        raise ValueError("no query has a relevant item")
    ndcg, mrr, recall = rows.mean(axis=0)
    return {"ndcg": float(ndcg), "mrr": float(mrr), "recall": float(recall)}
