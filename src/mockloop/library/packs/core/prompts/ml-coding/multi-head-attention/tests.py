"""Tests for multi-head-attention: MultiHeadAttention(d_model, n_heads) with exactly the
submodules qkv = nn.Linear(d_model, 3 * d_model) and out = nn.Linear(d_model, d_model), and
forward(x, causal=True, pad_mask=None).

Each output is compared with a reference computed here, in float64, from the module's own qkv and
out weights (set to seeded random values first), with float32 tolerances (rtol 1.3e-6, atol
1e-5, as torch.testing uses); causal and padding masks are checked both against the reference
and as properties (a later token cannot change earlier outputs; a padded sequence gives what the
unpadded one gives). No test makes a query row fully masked.
"""

import math

import torch
import torch.nn as nn

from harness import Mismatch, expect, expect_close, given, visible

PACKAGES = ["torch"]
LIMITS = {
    "test_seconds": 20, "wall_seconds": 120, "cpu_seconds": 60,
    "memory_rlimit": "data", "memory_bytes": 1073741824,
}  # fmt: skip


def build(solution, d_model, n_heads, seed):
    """The submission's module, with its qkv and out weights set to seeded random values."""
    given(f"torch.manual_seed({seed}); mha = MultiHeadAttention({d_model}, {n_heads})")
    torch.manual_seed(seed)
    mha = solution.MultiHeadAttention(d_model, n_heads)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        # q and k entries of variance about 2: scores of a few units, so every mask and scale
        # matters, while outputs stay near 1 (where float32 tolerances are meant for).
        for name, scale in (("qkv", 1.5), ("out", 1.0)):
            layer = getattr(mha, name, None)
            if not isinstance(layer, nn.Linear):
                raise Mismatch(type(layer).__name__, "nn.Linear", f"mha.{name}", f"mha.{name} should be an nn.Linear")
            fan_in = layer.weight.shape[1]
            layer.weight.copy_(torch.randn(layer.weight.shape, generator=generator) * scale / fan_in**0.5)
            if layer.bias is not None:
                layer.bias.copy_(torch.randn(layer.bias.shape, generator=generator) * 0.2)
    return mha


def reference(mha, x, n_heads, causal, pad_mask):
    """Attention computed in float64 from the module's own weights, the contract's layout."""
    B, T, D = x.shape
    H, Dh = n_heads, D // n_heads
    W, b = mha.qkv.weight.double(), mha.qkv.bias.double()
    qkv = (x.double() @ W.T + b).view(B, T, 3, H, Dh)
    q, k, v = (qkv[:, :, i].permute(0, 2, 1, 3) for i in range(3))  # (B, H, T, Dh)
    scores = q @ k.transpose(-2, -1) / math.sqrt(Dh)
    allowed = torch.ones(B, 1, T, T, dtype=torch.bool)
    if causal:
        allowed = allowed & torch.ones(T, T, dtype=torch.bool).tril()
    if pad_mask is not None:
        allowed = allowed & ~pad_mask[:, None, None, :]
    weights = scores.masked_fill(~allowed, float("-inf")).softmax(dim=-1)
    y = (weights @ v).permute(0, 2, 1, 3).reshape(B, T, D)
    return (y @ mha.out.weight.double().T + mha.out.bias.double()).float()


def check(solution, B, T, D, H, seed, causal=None, pad=None):
    """forward against the reference; causal=None calls forward(x) with the default."""
    mha = build(solution, D, H, seed)
    x = torch.randn(B, T, D, generator=torch.Generator().manual_seed(seed + 1))
    pad_mask = None
    if pad is not None:
        pad_mask = torch.zeros(B, T, dtype=torch.bool)
        for row, length in pad.items():
            pad_mask[row, length:] = True
    kwargs = {} if causal is None else {"causal": causal}
    if pad_mask is not None:
        kwargs["pad_mask"] = pad_mask
    shown = ", ".join([f"x of shape ({B}, {T}, {D})", *(f"{k}={v!r}" if k != "pad_mask" else f"pad_mask with padding {pad}" for k, v in kwargs.items())])
    call = f"mha = MultiHeadAttention({D}, {H}) with seeded weights; mha({shown})"
    given(call)
    with torch.no_grad():
        got = mha(x.clone(), **kwargs)
        want = reference(mha, x, H, True if causal is None else causal, pad_mask)
    expect_close(got, want, input=call, name="the output")
    return mha, x


@visible
def test_matches_a_reference_built_from_its_own_weights(solution):
    """Causal by default: mha(x) equals attention computed from mha.qkv and mha.out."""
    check(solution, B=2, T=7, D=32, H=4, seed=1)


@visible
def test_has_exactly_the_qkv_and_out_submodules(solution):
    """qkv = nn.Linear(d_model, 3 * d_model) and out = nn.Linear(d_model, d_model), nothing else."""
    given("mha = MultiHeadAttention(64, 8)")
    mha = solution.MultiHeadAttention(64, 8)
    expect(isinstance(mha, nn.Module), True, input="isinstance(mha, torch.nn.Module)")
    names = sorted(name for name, _ in mha.named_parameters())
    expect(names, ["out.bias", "out.weight", "qkv.bias", "qkv.weight"], input="sorted(name for name, _ in mha.named_parameters())")
    expect(list(mha.qkv.weight.shape), [192, 64], input="list(mha.qkv.weight.shape)")
    expect(list(mha.out.weight.shape), [64, 64], input="list(mha.out.weight.shape)")


@visible
def test_the_output_has_the_input_shape(solution):
    """(B, T, d_model) in, (B, T, d_model) out, for several sizes."""
    for B, T, D, H in [(2, 10, 64, 8), (1, 1, 8, 2), (3, 5, 12, 3)]:
        mha = build(solution, D, H, seed=B + T)
        call = f"MultiHeadAttention({D}, {H})(torch.randn({B}, {T}, {D})).shape"
        given(call)
        with torch.no_grad():
            got = mha(torch.randn(B, T, D))
        expect(tuple(got.shape), (B, T, D), input=call)


def test_without_the_causal_mask(solution):
    """causal=False: every query attends to every key."""
    check(solution, B=2, T=6, D=24, H=3, seed=2, causal=False)


def test_the_causal_mask_blocks_only_future_keys(solution):
    """causal=True: query i attends to keys j <= i, itself included."""
    check(solution, B=3, T=9, D=16, H=2, seed=3, causal=True)


def test_padding_masks_keys_with_the_causal_mask(solution):
    """pad_mask True marks padded keys: no query reads them; padded rows are still computed."""
    check(solution, B=3, T=8, D=32, H=4, seed=4, causal=True, pad={1: 5, 2: 7})


def test_padding_masks_keys_without_the_causal_mask(solution):
    """pad_mask without the causal mask removes the padded key columns for every query."""
    check(solution, B=2, T=7, D=20, H=5, seed=5, causal=False, pad={0: 4, 1: 6})


def test_a_later_token_cannot_change_earlier_outputs(solution):
    """Causality: changing the last token leaves every earlier output unchanged."""
    mha = build(solution, 32, 4, seed=6)
    x = torch.randn(2, 7, 32, generator=torch.Generator().manual_seed(7))
    x2 = x.clone()
    x2[:, -1] += 3.0
    call = "mha(x) and mha(x2) where x2 differs from x only at the last position"
    given(call)
    with torch.no_grad():
        first, second = mha(x), mha(x2)
    expect_close(second[:, :-1], first[:, :-1], input=call, name="the outputs before the last position")


def test_a_padded_sequence_matches_the_unpadded_one(solution):
    """y[1, :7] with padding after 7 tokens equals running the 7 real tokens alone."""
    mha = build(solution, 64, 8, seed=8)
    x = torch.randn(2, 10, 64, generator=torch.Generator().manual_seed(9))
    pad = torch.zeros(2, 10, dtype=torch.bool)
    pad[1, 7:] = True
    call = "mha(x, causal=True, pad_mask=pad)[1, :7] vs mha(x[1:2, :7])[0], pad[1, 7:] = True"
    given(call)
    with torch.no_grad():
        padded = mha(x, causal=True, pad_mask=pad)[1, :7]
        alone = mha(x[1:2, :7])[0]
        padded_free = mha(x, causal=False, pad_mask=pad)[1, :7]
        alone_free = mha(x[1:2, :7], causal=False)[0]
    expect_close(padded, alone, input=call, name="the real positions of the padded sequence")
    expect_close(padded_free, alone_free, input=call.replace("causal=True", "causal=False"), name="the real positions (causal=False)")


def test_one_head_and_one_feature_per_head(solution):
    """The extremes of the head split: n_heads = 1, and n_heads = d_model (d_head = 1)."""
    check(solution, B=2, T=5, D=8, H=1, seed=10, causal=False)
    check(solution, B=2, T=5, D=8, H=8, seed=11, causal=True, pad={0: 3})


def test_longer_sequences_with_many_heads(solution):
    """B = 4, T = 33, d_model = 96, 12 heads, causal with padding of different lengths."""
    check(solution, B=4, T=33, D=96, H=12, seed=12, causal=True, pad={0: 33, 1: 20, 2: 1, 3: 32})
