"""A correct MultiHeadAttention written differently from the reference: einsum, q scaled before
the product, a large finite negative instead of -inf, one combined boolean mask."""

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.h = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x, causal=True, pad_mask=None):
        B, T, D = x.shape
        dh = D // self.h
        q, k, v = self.qkv(x).reshape(B, T, 3, self.h, dh).unbind(dim=2)  # (B, T, H, dh)
        q = q * dh**-0.5
        scores = torch.einsum("bqhd,bkhd->bhqk", q, k)
        blocked = torch.zeros(B, 1, T, T, dtype=torch.bool, device=x.device)
        if causal:
            blocked = blocked | torch.triu(torch.ones(T, T, dtype=torch.bool, device=x.device), 1)
        if pad_mask is not None:
            blocked = blocked | pad_mask.view(B, 1, 1, T)
        scores = scores.masked_fill(blocked, torch.finfo(scores.dtype).min)
        weights = torch.softmax(scores, dim=-1)
        y = torch.einsum("bhqk,bkhd->bqhd", weights, v).reshape(B, T, D)
        return self.out(y)
