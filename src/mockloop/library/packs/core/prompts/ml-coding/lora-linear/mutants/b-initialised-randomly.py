"""Mutant: lora_B is initialised randomly, so outputs change before any training."""

import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float = 1.0):
        super().__init__()
        if not isinstance(base, nn.Linear):
            raise TypeError("base must be an nn.Linear")
        if r < 1 or r > min(base.in_features, base.out_features):
            raise ValueError("need 1 <= r <= min(in_features, out_features)")
        self.base, self.r, self.alpha = base, r, alpha
        self.scaling = alpha / r
        self.merged = False
        for p in base.parameters():                      # weight and bias stay frozen
            p.requires_grad_(False)
        w = base.weight
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features, dtype=w.dtype, device=w.device))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=w.dtype, device=w.device))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        nn.init.normal_(self.lora_B, std=0.02)

    def delta_weight(self) -> torch.Tensor:
        return self.scaling * (self.lora_B @ self.lora_A)       # (out, r) @ (r, in) = (out, in)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.base(x)
        if self.merged:                                  # the delta already lives in base.weight
            return y
        return y + self.scaling * ((x @ self.lora_A.T) @ self.lora_B.T)   # two thin matmuls

    @torch.no_grad()
    def merge(self) -> None:
        if not self.merged:
            self.base.weight += self.delta_weight()
            self.merged = True

    @torch.no_grad()
    def unmerge(self) -> None:
        if self.merged:
            self.base.weight -= self.delta_weight()
            self.merged = False


def count_parameters(module: nn.Module) -> tuple[int, int]:
    params = list(module.parameters())
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)


def apply_lora(model: nn.Module, targets: set[str], r: int, alpha: float = 1.0) -> nn.Module:
    for p in model.parameters():
        p.requires_grad_(False)                          # freeze everything first
    for parent in list(model.modules()):                 # snapshot: new wrappers are not revisited
        for name, child in list(parent.named_children()):
            if name in targets and isinstance(child, nn.Linear):
                setattr(parent, name, LoRALinear(child, r, alpha))
    return model
