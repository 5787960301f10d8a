import math

import torch
import torch.nn as nn


class GroupedQueryAttention(nn.Module):
    """Grouped-query attention: n_heads query heads share n_kv_heads key/value heads (query head
    h reads kv head h // (n_heads // n_kv_heads)). Written by hand (no SDPA)."""

    def __init__(self, d_model: int, n_heads: int, n_kv_heads: int):
        """ValueError unless d_model % n_heads == 0 and n_heads % n_kv_heads == 0 (all positive).
        Stores self.n_heads and self.n_kv_heads; exactly four bias-free nn.Linear submodules:
        q_proj (d_model -> n_heads * d_head), k_proj and v_proj (d_model -> n_kv_heads * d_head),
        o_proj (d_model -> d_model)."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x, causal: bool = True):
        """x: (B, T, d_model) -> (B, T, d_model). Scores q.k / sqrt(d_head); causal: query i sees
        keys j <= i (masked before the softmax); heads concatenated in order, then o_proj."""
        raise NotImplementedError


def mha_to_gqa(mha: GroupedQueryAttention, n_kv_heads: int) -> GroupedQueryAttention:
    """A new module with the same d_model and n_heads, q_proj and o_proj copied, each kv head's
    key and value weights the mean of the group of original heads it replaces. ValueError unless
    mha.n_kv_heads == mha.n_heads and n_kv_heads divides n_heads."""
    raise NotImplementedError
