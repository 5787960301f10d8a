import numpy as np


def rope_frequencies(d: int, base: float = 10000.0) -> np.ndarray:
    """The d // 2 angular frequencies theta_i = base ** (-2 * i / d) (float64). ValueError
    unless d is even and positive."""
    raise NotImplementedError


def apply_rope(x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0) -> np.ndarray:
    """Rotate each row of x (T, d) by its position (default 0..T-1), half-split pairing:
    feature i pairs with i + d/2, rotated counter-clockwise by m * theta_i. Returns a new
    float64 (T, d) array; x is not modified. ValueError for odd d or bad positions."""
    raise NotImplementedError
