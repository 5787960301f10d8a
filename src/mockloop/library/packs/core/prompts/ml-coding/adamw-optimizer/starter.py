import numpy as np


class Adam:
    """torch.optim.Adam over a dict of float64 numpy arrays, updated in place. weight_decay adds
    lam * theta to the gradient (L2). Each parameter has its own step count and moments."""

    def __init__(self, params: dict[str, np.ndarray], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0):
        raise NotImplementedError

    def step(self, grads: dict[str, np.ndarray | None]) -> None:
        """One update of every parameter with a non-None gradient; others are skipped entirely.
        KeyError for an unknown name; ValueError for a gradient of the wrong shape."""
        raise NotImplementedError


class AdamW(Adam):
    """torch.optim.AdamW: decoupled decay theta <- theta * (1 - lr * lam) before the Adam step."""

    def __init__(self, params: dict[str, np.ndarray], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 1e-2):
        raise NotImplementedError
