"""Mutant: the 1/N of the mean is missing from the gradients."""

import numpy as np


class MLP:
    def __init__(self, d_in: int, d_hidden: int, d_out: int, rng: np.random.Generator):
        # He initialisation for ReLU layers: variance 2 / fan_in keeps activations from shrinking
        self.W1 = rng.normal(0.0, np.sqrt(2.0 / d_in), size=(d_in, d_hidden))
        self.b1 = np.zeros(d_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(2.0 / d_hidden), size=(d_hidden, d_out))
        self.b2 = np.zeros(d_out)

    def _forward(self, X):
        X = np.asarray(X, dtype=np.float64)
        Z1 = X @ self.W1 + self.b1                     # (N, H) pre-activation
        H = np.maximum(Z1, 0.0)                        # (N, H)
        return X, Z1, H, H @ self.W2 + self.b2         # logits (N, C)

    def forward(self, X):
        return self._forward(X)[3]

    def predict(self, X):
        return self.forward(X).argmax(axis=1)

    def loss_and_grads(self, X, y):
        X, Z1, H, S = self._forward(X)
        y = np.asarray(y)
        N = X.shape[0]
        shifted = S - S.max(axis=1, keepdims=True)     # stable softmax cross-entropy
        lse = np.log(np.exp(shifted).sum(axis=1))
        loss = float(np.mean(lse - shifted[np.arange(N), y]))
        dS = np.exp(shifted - lse[:, None])            # softmax
        dS[np.arange(N), y] -= 1.0

        dW2 = H.T @ dS                                 # (H, C)
        db2 = dS.sum(axis=0)                           # (C,)
        dH = dS @ self.W2.T                            # (N, H): the W2 used in the forward pass
        dZ1 = dH * (Z1 > 0)                            # ReLU gate; derivative 0 at exactly 0
        dW1 = X.T @ dZ1                                # (D, H)
        db1 = dZ1.sum(axis=0)                          # (H,)
        return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def sgd_step(self, grads, lr):
        for name, g in grads.items():
            getattr(self, name)[...] -= lr * g        # in place: same array objects

    def fit(self, X, y, lr, steps):
        losses = []
        for _ in range(steps):
            loss, grads = self.loss_and_grads(X, y)   # all gradients first ...
            losses.append(loss)
            self.sgd_step(grads, lr)                  # ... then one update
        return losses
