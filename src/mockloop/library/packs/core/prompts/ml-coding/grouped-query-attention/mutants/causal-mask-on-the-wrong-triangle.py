"""Mutant: the causal mask blocks the past instead of the future."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int, n_kv_heads: int):
        super().__init__()
        if min(d_model, n_heads, n_kv_heads) <= 0:
            raise ValueError("d_model, n_heads and n_kv_heads must be positive")
        if d_model % n_heads or n_heads % n_kv_heads:
            raise ValueError("need d_model % n_heads == 0 and n_heads % n_kv_heads == 0")
        self.d_model, self.n_heads, self.n_kv_heads = d_model, n_heads, n_kv_heads
        self.d_head = d_model // n_heads
        self.group = n_heads // n_kv_heads
        self.q_proj = nn.Linear(d_model, n_heads * self.d_head, bias=False)
        self.k_proj = nn.Linear(d_model, n_kv_heads * self.d_head, bias=False)  # the smaller ones
        self.v_proj = nn.Linear(d_model, n_kv_heads * self.d_head, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal: bool = True):
        B, T, D = x.shape
        H, Hkv, G, Dh = self.n_heads, self.n_kv_heads, self.group, self.d_head
        q = self.q_proj(x).view(B, T, H, Dh).transpose(1, 2)      # (B, H, T, Dh)
        k = self.k_proj(x).view(B, T, Hkv, Dh).transpose(1, 2)    # (B, Hkv, T, Dh)
        v = self.v_proj(x).view(B, T, Hkv, Dh).transpose(1, 2)    # (B, Hkv, T, Dh)
        q = q.reshape(B, Hkv, G, T, Dh)                          # head h = j*G + g -> (j, g)
        k, v = k.unsqueeze(2), v.unsqueeze(2)                     # (B, Hkv, 1, T, Dh): broadcast over g
        scores = q @ k.transpose(-2, -1) / math.sqrt(Dh)          # (B, Hkv, G, Tq, Tk)
        if causal:
            future = torch.ones(T, T, dtype=torch.bool, device=x.device).tril(-1)
            scores = scores.masked_fill(future, float("-inf"))
        y = scores.softmax(dim=-1) @ v                            # (B, Hkv, G, T, Dh)
        y = y.reshape(B, H, T, Dh).transpose(1, 2).reshape(B, T, D)  # heads back in order
        return self.o_proj(y)


def mha_to_gqa(mha: GroupedQueryAttention, n_kv_heads: int) -> GroupedQueryAttention:
    if mha.n_kv_heads != mha.n_heads:
        raise ValueError("source must be multi-head attention (n_kv_heads == n_heads)")
    H, Dh, D = mha.n_heads, mha.d_head, mha.d_model
    if n_kv_heads <= 0 or H % n_kv_heads:
        raise ValueError("n_kv_heads must divide n_heads")
    G = H // n_kv_heads
    new = GroupedQueryAttention(D, H, n_kv_heads)
    with torch.no_grad():
        new.q_proj.weight.copy_(mha.q_proj.weight)
        new.o_proj.weight.copy_(mha.o_proj.weight)
        for src, dst in ((mha.k_proj, new.k_proj), (mha.v_proj, new.v_proj)):
            # rows of head h are h*Dh:(h+1)*Dh; heads j*G .. j*G+G-1 form kv group j
            pooled = src.weight.view(n_kv_heads, G, Dh, D).mean(dim=1)  # (Hkv, Dh, D)
            dst.weight.copy_(pooled.reshape(n_kv_heads * Dh, D))
    return new
