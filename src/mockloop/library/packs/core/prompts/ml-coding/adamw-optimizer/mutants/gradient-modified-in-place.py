"""Mutant: Adam's L2 term is added to the caller's gradient array in place."""

import numpy as np


class Adam:
    """Adam with optional coupled L2 weight decay (torch.optim.Adam semantics)."""

    decoupled = False

    def __init__(self, params: dict[str, np.ndarray], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0):
        b1, b2 = betas
        if lr < 0 or eps < 0 or weight_decay < 0 or not (0 <= b1 < 1 and 0 <= b2 < 1):
            raise ValueError("invalid hyperparameter")
        self.params = params                                  # the caller's arrays, updated in place
        self.lr, self.beta1, self.beta2, self.eps, self.weight_decay = lr, b1, b2, eps, weight_decay
        self.state = {name: {"step": 0, "m": np.zeros_like(p), "v": np.zeros_like(p)}
                      for name, p in params.items()}

    def step(self, grads: dict[str, np.ndarray | None]) -> None:
        unknown = set(grads) - set(self.params)
        if unknown:
            raise KeyError(f"gradients for unknown parameters: {sorted(unknown)}")
        for name, p in self.params.items():
            g = grads.get(name)
            if g is None:
                continue                                      # skipped: value, moments, step unchanged
            g = np.asarray(g)
            if g.shape != p.shape:
                raise ValueError(f"{name}: gradient shape {g.shape} != parameter shape {p.shape}")
            st = self.state[name]
            st["step"] += 1
            t = st["step"]                                    # per-parameter step count
            if self.weight_decay:
                if self.decoupled:
                    p *= 1.0 - self.lr * self.weight_decay    # AdamW: before the Adam step, as torch
                else:
                    g += self.weight_decay * p
            st["m"] = self.beta1 * st["m"] + (1 - self.beta1) * g
            st["v"] = self.beta2 * st["v"] + (1 - self.beta2) * g * g
            m_hat = st["m"] / (1 - self.beta1**t)
            v_hat = st["v"] / (1 - self.beta2**t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)   # eps outside the sqrt; in place


class AdamW(Adam):
    decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, lr, betas, eps, weight_decay)
