"""Mutant: LayerNorm uses 1 / (sqrt(var) + eps)."""

import numpy as np


def layernorm_forward(x, gamma, beta, eps: float = 1e-5):
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(axis=-1, keepdims=True)          # biased: divide by D
    rstd = 1.0 / (np.sqrt(var) + eps)
    xhat = xc * rstd
    y = gamma * xhat + beta
    return y, (xhat, rstd, np.asarray(gamma, dtype=np.float64))


def layernorm_backward(dout, cache):
    xhat, rstd, gamma = cache
    dout = np.asarray(dout, dtype=np.float64)
    lead = tuple(range(dout.ndim - 1))                     # every axis but the feature axis
    dgamma = (dout * xhat).sum(axis=lead)                  # uses xhat, not y
    dbeta = dout.sum(axis=lead)
    g = dout * gamma
    dx = rstd * (g - g.mean(axis=-1, keepdims=True) - xhat * (g * xhat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta


def rmsnorm_forward(x, gamma, eps: float = 1e-6):
    x = np.asarray(x, dtype=np.float64)
    rstd = 1.0 / np.sqrt((x * x).mean(axis=-1, keepdims=True) + eps)
    xhat = x * rstd
    return gamma * xhat, (xhat, rstd, np.asarray(gamma, dtype=np.float64))


def rmsnorm_backward(dout, cache):
    xhat, rstd, gamma = cache
    dout = np.asarray(dout, dtype=np.float64)
    dgamma = (dout * xhat).sum(axis=tuple(range(dout.ndim - 1)))
    g = dout * gamma
    dx = rstd * (g - xhat * (g * xhat).mean(axis=-1, keepdims=True))
    return dx, dgamma
