"""Mutant: the path holds numpy integers instead of Python ints."""

import itertools

import numpy as np


def _check(log_pi, log_A, log_B, obs):
    log_pi, log_A, log_B = (np.asarray(a, dtype=np.float64) for a in (log_pi, log_A, log_B))
    S = log_pi.shape[0] if log_pi.ndim == 1 else 0
    if S == 0 or log_A.shape != (S, S) or log_B.ndim != 2 or log_B.shape[0] != S:
        raise ValueError("need log_pi (S,), log_A (S, S), log_B (S, V) with S >= 1")
    obs = np.asarray(obs, dtype=np.int64)
    if obs.ndim != 1 or obs.size == 0 or obs.min() < 0 or obs.max() >= log_B.shape[1]:
        raise ValueError("obs must be a non-empty sequence of symbols in 0..V-1")
    return log_pi, log_A, log_B, obs


def viterbi(log_pi, log_A, log_B, obs):
    log_pi, log_A, log_B, obs = _check(log_pi, log_A, log_B, obs)
    T, S = obs.size, log_pi.size
    delta = log_pi + log_B[:, obs[0]]                    # the first emission counts too
    back = np.zeros((T, S), dtype=np.int64)              # back[t, j]: best predecessor of j at time t
    for t in range(1, T):
        cand = delta[:, None] + log_A                    # cand[i, j]: be in i, move to j
        back[t] = cand.argmax(axis=0)                    # maximise over the PREVIOUS state (axis 0)
        delta = cand[back[t], np.arange(S)] + log_B[:, obs[t]]
    best = float(delta.max())
    if best == -np.inf:
        raise ValueError("the observations have probability zero under this model")
    path = [delta.argmax()]
    for t in range(T - 1, 0, -1):
        path.append(back[t, path[-1]])
    return path[::-1], best


def _logsumexp(a, axis):
    m = a.max(axis=axis)
    m_safe = np.where(np.isfinite(m), m, 0.0)            # all -inf: avoid (-inf) - (-inf) = nan
    with np.errstate(divide="ignore"):
        return m_safe + np.log(np.exp(a - np.expand_dims(m_safe, axis)).sum(axis=axis))


def forward_log_likelihood(log_pi, log_A, log_B, obs):
    log_pi, log_A, log_B, obs = _check(log_pi, log_A, log_B, obs)
    alpha = log_pi + log_B[:, obs[0]]
    for t in range(1, obs.size):
        alpha = _logsumexp(alpha[:, None] + log_A, axis=0) + log_B[:, obs[t]]   # sum, not max
    return float(_logsumexp(alpha, axis=0))
