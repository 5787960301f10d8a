"""Mutant: patches are flattened as (p, q, c) while the weights are (c, p, q)."""

import numpy as np


def conv2d_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    if size < 1 or kernel < 1 or stride < 1 or padding < 0:
        raise ValueError("size, kernel, stride must be >= 1 and padding >= 0")
    out = (size + 2 * padding - kernel) // stride + 1          # floor: partial windows dropped
    if out < 1:
        raise ValueError("kernel larger than the padded input")
    return out


def im2col(x, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """(N, C, H, W) -> (N*Ho*Wo, C*kh*kw); rows (n, i, j), columns (c, p, q)."""
    x = np.asarray(x)
    if x.ndim != 4:
        raise ValueError("x must be (N, C, H, W)")
    N, C, H, W = x.shape
    Ho = conv2d_output_size(H, kh, stride, padding)
    Wo = conv2d_output_size(W, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))   # spatial axes only
    cols = np.empty((N, C, kh, kw, Ho, Wo), dtype=xp.dtype)
    for p in range(kh):                    # one strided slice per kernel offset
        for q in range(kw):
            cols[:, :, p, q] = xp[:, :, p : p + stride * Ho : stride, q : q + stride * Wo : stride]
    return cols.transpose(0, 4, 5, 2, 3, 1).reshape(N * Ho * Wo, C * kh * kw)


def conv2d(x, w, b=None, stride: int = 1, padding: int = 0) -> np.ndarray:
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.ndim != 4 or w.ndim != 4 or x.shape[1] != w.shape[1]:
        raise ValueError("x is (N, C, H, W) and w is (C_out, C, kh, kw) with the same C")
    N = x.shape[0]
    C_out, _, kh, kw = w.shape
    Ho = conv2d_output_size(x.shape[2], kh, stride, padding)
    Wo = conv2d_output_size(x.shape[3], kw, stride, padding)
    out = im2col(x, kh, kw, stride, padding) @ w.reshape(C_out, -1).T   # (N*Ho*Wo, C_out)
    if b is not None:
        b = np.asarray(b, dtype=np.float64)
        if b.shape != (C_out,):
            raise ValueError("b must be (C_out,)")
        out = out + b                                       # one bias per output channel
    return out.reshape(N, Ho, Wo, C_out).transpose(0, 3, 1, 2)   # NOT out.reshape(N, C_out, Ho, Wo)
