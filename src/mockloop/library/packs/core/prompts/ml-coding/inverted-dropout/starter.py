import numpy as np


class Dropout:
    """Inverted dropout: in training, each element is kept with probability 1 - p and scaled by
    1 / (1 - p); in evaluation, the identity (and no random draw)."""

    def __init__(self, p: float, rng: np.random.Generator):
        """p is the probability of dropping (0 <= p <= 1, else ValueError); all randomness from rng."""
        raise NotImplementedError

    def train(self) -> "Dropout":
        raise NotImplementedError

    def eval(self) -> "Dropout":
        raise NotImplementedError

    def forward(self, x: np.ndarray) -> np.ndarray:
        """A new float64 array; x is not modified."""
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """dout times the mask and scale of the most recent forward (identity after an eval-mode
        forward). RuntimeError before any forward; ValueError on a shape mismatch."""
        raise NotImplementedError
