"""Mutant: reset does not rewind length."""

import numpy as np


class KVCacheAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads: int, max_len: int):
        self.W_q, self.W_k, self.W_v, self.W_o = (np.array(W, dtype=np.float64) for W in (W_q, W_k, W_v, W_o))
        d = self.W_q.shape[0]
        if n_heads <= 0 or d % n_heads:
            raise ValueError("n_heads must divide d")
        if max_len <= 0:
            raise ValueError("max_len must be positive")
        self.d, self.n_heads, self.d_head, self.max_len = d, n_heads, d // n_heads, max_len
        # allocated once, written in place: no per-step reallocation or copying
        self.k_cache = np.zeros((n_heads, max_len, self.d_head))
        self.v_cache = np.zeros((n_heads, max_len, self.d_head))
        self.length = 0

    def _heads(self, Y):                       # (n, d) -> (H, n, d_head)
        return Y.reshape(Y.shape[0], self.n_heads, self.d_head).transpose(1, 0, 2)

    def _attend(self, q, k, v, offset):
        """q: (H, n, dh) at positions offset..offset+n-1; k, v: (H, offset+n, dh) at 0..offset+n-1."""
        n, t = q.shape[1], k.shape[1]
        s = q @ k.transpose(0, 2, 1) / np.sqrt(self.d_head)           # (H, n, t)
        if n > 1:                                                     # one query sees all its past
            future = np.arange(t)[None, :] > offset + np.arange(n)[:, None]   # absolute positions
            s = np.where(future, -np.inf, s)
        s = s - s.max(axis=-1, keepdims=True)                         # stable softmax
        w = np.exp(s)
        w /= w.sum(axis=-1, keepdims=True)
        y = w @ v                                                     # (H, n, dh)
        return y.transpose(1, 0, 2).reshape(n, self.d) @ self.W_o     # concat heads, project

    def forward(self, X):
        X = np.asarray(X, dtype=np.float64)
        return self._attend(self._heads(X @ self.W_q), self._heads(X @ self.W_k),
                            self._heads(X @ self.W_v), offset=0)

    def extend(self, X):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != self.d or X.shape[0] == 0:
            raise ValueError("X must have shape (n, d) with n >= 1")
        L, n = self.length, X.shape[0]
        if L + n > self.max_len:
            raise ValueError(f"cache full: {L} + {n} > max_len {self.max_len}")  # nothing changed yet
        self.k_cache[:, L:L + n] = self._heads(X @ self.W_k)          # only the NEW keys are computed
        self.v_cache[:, L:L + n] = self._heads(X @ self.W_v)
        self.length = L + n
        return self._attend(self._heads(X @ self.W_q), self.k_cache[:, :L + n],
                            self.v_cache[:, :L + n], offset=L)

    def step(self, x_t):
        x_t = np.asarray(x_t, dtype=np.float64)
        if x_t.shape != (self.d,):
            raise ValueError("x_t must have shape (d,)")
        return self.extend(x_t[None])[0]

    def reset(self):
        self.length = min(self.length, self.max_len)
