import numpy as np


class PCA:
    """Principal component analysis by the SVD of the centred data (scikit-learn's shape).

    fit sets mean_ (d,), components_ (k, d) (rows, each signed so its largest-magnitude entry is
    positive), explained_variance_ (k,) (n - 1 denominator), explained_variance_ratio_ (k,)
    (over the total variance), singular_values_ (k,).
    """

    def __init__(self, n_components: int | None = None):
        raise NotImplementedError

    def fit(self, X: np.ndarray) -> "PCA":
        raise NotImplementedError

    def transform(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        raise NotImplementedError
