import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^(-z)) elementwise, any shape, float64; never overflows (|z| up to 1e4)."""
    raise NotImplementedError


def log_loss(y: np.ndarray, logits: np.ndarray) -> float:
    """Mean binary cross-entropy computed from the logits, as a Python float; exact for |z| up to 1e4."""
    raise NotImplementedError


class LogisticRegression:
    """Binary logistic regression, L2 penalty (lam / 2)||w||^2 (not on the bias), fitted by
    full-batch gradient descent from w = 0, b = 0 with step lr (default 1 / L,
    L = sigma_max([X, 1])^2 / (4n) + lam), stopping when the gradient norm is <= tol or after
    max_iter updates. Sets coef_ (d,), intercept_ (float) and n_iter_ (int)."""

    def __init__(self, lam: float = 0.0, lr: float | None = None,
                 max_iter: int = 100_000, tol: float = 1e-8):
        raise NotImplementedError

    def fit(self, X: np.ndarray, y: np.ndarray) -> "LogisticRegression":
        raise NotImplementedError

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError
