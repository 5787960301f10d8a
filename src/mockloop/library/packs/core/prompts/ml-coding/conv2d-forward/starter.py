import numpy as np


def conv2d_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    """The number of window positions along one axis (windows must fit in the padded input).
    ValueError if none fits, size/kernel/stride below 1, or padding negative."""
    raise NotImplementedError


def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """(N, C, H, W) -> (N*Ho*Wo, C*kh*kw): row n*Ho*Wo + i*Wo + j, column c*kh*kw + p*kw + q
    holds x_padded[n, c, i*stride + p, j*stride + q]."""
    raise NotImplementedError


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None,
           stride: int = 1, padding: int = 0) -> np.ndarray:
    """Cross-correlation (no kernel flip) as one matrix product: float64 (N, C_out, Ho, Wo).
    w is (C_out, C, kh, kw), b None or (C_out,). ValueError for mismatched channels, a bad b,
    or no window fitting. No Python loop over N, C, C_out, Ho or Wo."""
    raise NotImplementedError
