import numpy as np


class MLP:
    """A two-layer ReLU classifier with a hand-written backward pass. Parameters: float64 arrays
    W1 (d_in, d_hidden), b1 (d_hidden,), W2 (d_hidden, d_out), b2 (d_out,)."""

    def __init__(self, d_in: int, d_hidden: int, d_out: int, rng: np.random.Generator):
        """He initialisation: W1 ~ N(0, 2/d_in), W2 ~ N(0, 2/d_hidden) drawn with rng; biases 0."""
        raise NotImplementedError

    def forward(self, X: np.ndarray) -> np.ndarray:
        """logits = relu(X @ W1 + b1) @ W2 + b2, shape (N, d_out)."""
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The argmax of the logits per row, shape (N,)."""
        raise NotImplementedError

    def loss_and_grads(self, X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
        """Mean softmax cross-entropy (stable) and its gradients {"W1", "b1", "W2", "b2"};
        ReLU's derivative at 0 is 0. Changes no parameter."""
        raise NotImplementedError

    def sgd_step(self, grads: dict[str, np.ndarray], lr: float) -> None:
        """param -= lr * grads[name], in place (the same array objects)."""
        raise NotImplementedError

    def fit(self, X: np.ndarray, y: np.ndarray, lr: float, steps: int) -> list[float]:
        """steps iterations of loss_and_grads then sgd_step; the losses, each before its update."""
        raise NotImplementedError
