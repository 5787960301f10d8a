import numpy as np


def init_centroids(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++: the first centroid is a point chosen uniformly at random; each next one is a
    point drawn with probability proportional to its squared distance to the nearest centroid
    chosen so far. Returns shape (k, d)."""
    raise NotImplementedError


def kmeans(
    X: np.ndarray,
    k: int,
    max_iter: int = 100,
    tol: float = 1e-6,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's algorithm from the module-level init_centroids(X, k, rng): returns (centroids
    (k, d), labels (n,)). Stops when the assignments stop changing, no centroid moves more than
    tol, or after max_iter iterations. An empty cluster is re-seeded; a centroid is never nan."""
    raise NotImplementedError
