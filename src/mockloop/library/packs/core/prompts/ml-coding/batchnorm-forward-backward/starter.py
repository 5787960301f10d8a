import numpy as np


class BatchNorm1d:
    """torch.nn.BatchNorm1d for (N, D) inputs, with a hand-written backward pass.

    Attributes: gamma (ones), beta (zeros), running_mean (zeros), running_var (ones), all (D,)
    float64, and training (True after construction).
    """

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        raise NotImplementedError

    def train(self) -> "BatchNorm1d":
        raise NotImplementedError

    def eval(self) -> "BatchNorm1d":
        raise NotImplementedError

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Training: normalise with the batch mean and biased variance, then update the running
        mean and (unbiased) variance with momentum; N < 2 raises ValueError. Evaluation: use the
        running statistics, update nothing."""
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(dx, dgamma, dbeta) for the most recent forward. RuntimeError before any forward;
        ValueError for a dout of the wrong shape. Changes no attribute."""
        raise NotImplementedError
