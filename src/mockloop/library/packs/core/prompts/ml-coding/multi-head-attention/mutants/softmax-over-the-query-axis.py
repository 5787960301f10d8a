"""Mutant: the softmax normalises over queries (dim -2) instead of keys."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        if d_model % n_heads != 0:
            raise ValueError("d_model must be divisible by n_heads")
        self.n_heads = n_heads
        self.d_head = d_model // n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)  # W_q, W_k, W_v stacked
        self.out = nn.Linear(d_model, d_model)      # W_o

    def forward(self, x, causal: bool = True, pad_mask=None):
        B, T, D = x.shape
        H, Dh = self.n_heads, self.d_head
        qkv = self.qkv(x).view(B, T, 3, H, Dh)          # (B, T, 3, H, Dh)
        q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)  # each (B, H, T, Dh)
        scores = q @ k.transpose(-2, -1) / math.sqrt(Dh)  # (B, H, Tq, Tk)
        if causal:
            # query i may see keys j <= i: block the strict upper triangle
            future = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(future, float("-inf"))
        if pad_mask is not None:
            # (B, Tk) -> (B, 1, 1, Tk): same key columns blocked for every head and query
            scores = scores.masked_fill(pad_mask[:, None, None, :], float("-inf"))
        weights = torch.nan_to_num(scores.softmax(dim=-2))
        y = weights @ v                                  # (B, H, T, Dh)
        y = y.transpose(1, 2).reshape(B, T, D)           # concat heads in order -> (B, T, D)
        return self.out(y)
