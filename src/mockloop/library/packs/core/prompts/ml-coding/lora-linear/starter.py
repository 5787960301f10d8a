import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """A frozen nn.Linear plus a trainable low-rank update (alpha / r) * B @ A."""

    def __init__(self, base: nn.Linear, r: int, alpha: float = 1.0):
        """Wraps base itself (no copy) and freezes it. TypeError unless base is an nn.Linear;
        ValueError unless 1 <= r <= min(in, out). Stores r, alpha, scaling = alpha / r and
        merged = False; lora_A (r, in) kaiming-uniform (a = sqrt(5)), lora_B (out, r) zeros."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """base(x) + scaling * (x A^T) B^T when not merged; base(x) when merged."""
        raise NotImplementedError

    def merge(self) -> None:
        """Without gradients: base.weight += scaling * B @ A; merged = True (no-op if merged)."""
        raise NotImplementedError

    def unmerge(self) -> None:
        """Undo merge (no-op if not merged)."""
        raise NotImplementedError


def count_parameters(module: nn.Module) -> tuple[int, int]:
    """(trainable, total) element counts over module.parameters()."""
    raise NotImplementedError


def apply_lora(model: nn.Module, targets: set[str], r: int, alpha: float = 1.0) -> nn.Module:
    """Freeze every parameter, then replace in place every nn.Linear child (any depth) whose
    attribute name is in targets by LoRALinear(child, r, alpha); return model."""
    raise NotImplementedError
