"""Mutant: evaluation mode still draws from rng (and discards the draw)."""

import numpy as np


class Dropout:
    def __init__(self, p: float, rng: np.random.Generator):
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p, self.rng = float(p), rng
        self.training = True
        self._keep = None          # bool mask of the last training-mode forward (1 byte per element)
        self._shape = None         # shape of the last forward input; None before any forward

    def train(self) -> "Dropout":
        self.training = True
        return self

    def eval(self) -> "Dropout":
        self.training = False
        return self

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        self._shape = x.shape
        if not self.training or self.p == 0.0:
            self.rng.random(x.shape)
            self._keep = None                          # identity: nothing to remember, no draw
            return x.copy()
        if self.p == 1.0:
            self._keep = np.zeros(x.shape, dtype=bool)  # drop everything; never divide by 0
            return np.zeros_like(x)
        self._keep = self.rng.random(x.shape) >= self.p   # P(keep) = 1 - p, one draw per element
        return np.where(self._keep, x / (1.0 - self.p), 0.0)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        if self._shape is None:
            raise RuntimeError("backward called before forward")
        dout = np.asarray(dout, dtype=np.float64)
        if dout.shape != self._shape:
            raise ValueError("dout must have the shape of the last forward input")
        if self._keep is None:
            return dout.copy()
        if self.p == 1.0:
            return np.zeros_like(dout)
        return np.where(self._keep, dout / (1.0 - self.p), 0.0)   # the SAME mask and scale
