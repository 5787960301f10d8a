import numpy as np


def layernorm_forward(x, gamma, beta, eps: float = 1e-5) -> tuple[np.ndarray, object]:
    """y = gamma * (x - mean) / sqrt(var + eps) + beta over the last axis (biased variance).
    Returns (y, cache); the cache is whatever layernorm_backward needs."""
    raise NotImplementedError


def layernorm_backward(dout, cache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dx, dgamma, dbeta): dx has x's shape; dgamma, dbeta are (D,), summed over leading axes."""
    raise NotImplementedError


def rmsnorm_forward(x, gamma, eps: float = 1e-6) -> tuple[np.ndarray, object]:
    """y = gamma * x / sqrt(mean(x**2) + eps) over the last axis. Returns (y, cache)."""
    raise NotImplementedError


def rmsnorm_backward(dout, cache) -> tuple[np.ndarray, np.ndarray]:
    """(dx, dgamma)."""
    raise NotImplementedError
