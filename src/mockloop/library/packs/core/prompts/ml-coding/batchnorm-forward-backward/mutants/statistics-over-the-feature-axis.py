"""Mutant: the mean and variance are taken over the features (axis 1): LayerNorm."""

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        if num_features < 1 or eps <= 0 or not 0.0 <= momentum <= 1.0:
            raise ValueError("invalid hyperparameter")
        self.eps, self.momentum = eps, momentum
        self.gamma, self.beta = np.ones(num_features), np.zeros(num_features)
        self.running_mean, self.running_var = np.zeros(num_features), np.ones(num_features)
        self.training = True
        self._cache = None

    def train(self):
        self.training = True
        return self

    def eval(self):
        self.training = False
        return self

    def forward(self, x):
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.gamma.shape[0]:
            raise ValueError("x must be (N, num_features)")
        N = x.shape[0]
        if self.training:
            if N < 2:
                raise ValueError("training mode needs at least 2 rows per batch")
            mu, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * x.mean(axis=0)
            self.running_var = (1 - m) * self.running_var + m * x.var(axis=0) * N / (N - 1)
        else:
            mu, var = self.running_mean, self.running_var     # constants
        rstd = 1.0 / np.sqrt(var + self.eps)                  # eps inside the square root
        xhat = (x - mu) * rstd
        self._cache = (xhat, rstd, self.training, self.gamma.copy())
        return self.gamma * xhat + self.beta

    def backward(self, dout):
        if self._cache is None:
            raise RuntimeError("backward called before forward")
        xhat, rstd, batch_stats, gamma = self._cache
        dout = np.asarray(dout, dtype=np.float64)
        if dout.shape != xhat.shape:
            raise ValueError("dout must have the shape of the forward output")
        dgamma, dbeta = (dout * xhat).sum(axis=0), dout.sum(axis=0)
        g = dout * gamma
        if batch_stats:                                       # mu, var depend on every row
            dx = rstd * (g - g.mean(axis=0) - xhat * (g * xhat).mean(axis=0))
        else:                                                 # eval: per-feature affine map
            dx = g * rstd
        return dx, dgamma, dbeta
