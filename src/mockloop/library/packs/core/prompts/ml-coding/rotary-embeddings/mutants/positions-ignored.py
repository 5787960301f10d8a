"""Mutant: positions are ignored: rows are always rotated by their index."""

import numpy as np


def rope_frequencies(d: int, base: float = 10000.0) -> np.ndarray:
    if d <= 0 or d % 2:
        raise ValueError("d must be a positive even number")
    return base ** (-2.0 * np.arange(d // 2) / d)            # theta_i = base^(-2i/d)


def apply_rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)                      # new array; ints become floats
    if x.ndim != 2:
        raise ValueError("x must have shape (T, d)")
    T, d = x.shape
    theta = rope_frequencies(d, base)                        # raises for odd d
    pos = np.arange(T, dtype=np.float64)
    if pos.shape != (T,):
        raise ValueError("positions must have shape (T,)")
    angles = pos[:, None] * theta[None, :]                   # (T, d/2): one angle per position and pair
    cos, sin = np.cos(angles), np.sin(angles)
    x1, x2 = x[:, : d // 2], x[:, d // 2 :]                  # half-split: pair i is (i, i + d/2)
    return np.concatenate([x1 * cos - x2 * sin, x1 * sin + x2 * cos], axis=1)
