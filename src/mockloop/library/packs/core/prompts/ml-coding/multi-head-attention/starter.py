import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    """Multi-head self-attention, written by hand (no nn.MultiheadAttention, no SDPA)."""

    def __init__(self, d_model: int, n_heads: int):
        """Exactly two parameterised submodules: self.qkv = nn.Linear(d_model, 3 * d_model)
        and self.out = nn.Linear(d_model, d_model). d_model is divisible by n_heads."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x, causal: bool = True, pad_mask=None):
        """x: (B, T, d_model) -> (B, T, d_model).

        self.qkv(x) viewed as (B, T, 3, n_heads, d_head) gives q, k, v (dimension 2) and the
        heads (dimension 3). Scores q.k / sqrt(d_head); masks before the softmax: causal means
        query i sees keys j <= i; pad_mask (B, T) bool, True marks a padded KEY position. Heads
        concatenated in order, then self.out.
        """
        raise NotImplementedError
