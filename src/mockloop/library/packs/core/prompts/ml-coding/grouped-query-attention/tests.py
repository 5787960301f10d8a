"""Tests for grouped-query-attention: GroupedQueryAttention(d_model, n_heads, n_kv_heads) and
mha_to_gqa(mha, n_kv_heads).

Outputs are compared with a reference computed here in float64 from the module's own q_proj,
k_proj, v_proj and o_proj weights (set to seeded values first), query head h reading kv head
h // group, at float32 tolerances (rtol 1.3e-6, atol 1e-5); the extremes n_kv_heads = n_heads
(MHA) and 1 (MQA) and a middle case; the conversion is checked weight by weight.
"""

import math

import torch
import torch.nn as nn

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["torch"]
LIMITS = {
    "test_seconds": 20, "wall_seconds": 120, "cpu_seconds": 60,
    "memory_rlimit": "data", "memory_bytes": 1073741824,
}  # fmt: skip


def build(solution, D, H, Hkv, seed):
    given(f"gqa = GroupedQueryAttention({D}, {H}, {Hkv}) with seeded weights")
    torch.manual_seed(seed)
    gqa = solution.GroupedQueryAttention(D, H, Hkv)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, scale in (("q_proj", 1.5), ("k_proj", 1.5), ("v_proj", 1.0), ("o_proj", 1.0)):
            layer = getattr(gqa, name, None)
            if not isinstance(layer, nn.Linear):
                raise Mismatch(type(layer).__name__, "nn.Linear", f"gqa.{name}", f"gqa.{name} should be an nn.Linear")
            layer.weight.copy_(torch.randn(layer.weight.shape, generator=generator) * scale / layer.weight.shape[1] ** 0.5)
    return gqa


def reference(gqa, x, H, Hkv, causal):
    B, T, D = x.shape
    Dh, G = D // H, H // Hkv
    x = x.double()
    q = (x @ gqa.q_proj.weight.double().T).view(B, T, H, Dh).transpose(1, 2)
    k = (x @ gqa.k_proj.weight.double().T).view(B, T, Hkv, Dh).transpose(1, 2)
    v = (x @ gqa.v_proj.weight.double().T).view(B, T, Hkv, Dh).transpose(1, 2)
    heads = []
    for h in range(H):
        s = q[:, h] @ k[:, h // G].transpose(-2, -1) / math.sqrt(Dh)
        if causal:
            s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
        heads.append(s.softmax(-1) @ v[:, h // G])
    y = torch.cat(heads, dim=-1)
    return (y @ gqa.o_proj.weight.double().T).float()


def check(solution, B, T, D, H, Hkv, seed, causal=None):
    gqa = build(solution, D, H, Hkv, seed)
    x = torch.randn(B, T, D, generator=torch.Generator().manual_seed(seed + 1))
    kwargs = {} if causal is None else {"causal": causal}
    text = f"GroupedQueryAttention({D}, {H}, {Hkv})(x of shape {(B, T, D)}{', causal=' + str(causal) if causal is not None else ''})"
    given(text)
    with torch.no_grad():
        got = gqa(x.clone(), **kwargs)
        want = reference(gqa, x, H, Hkv, True if causal is None else causal)
    expect_close(got, want, input=text, name="the output")


@visible
def test_the_example_from_the_statement(solution):
    """d_model 64, 8 query heads, 2 kv heads: k_proj is 16 x 64 and the output matches the reference."""
    gqa = build(solution, 64, 8, 2, seed=1)
    expect(list(gqa.k_proj.weight.shape), [16, 64], input="list(gqa.k_proj.weight.shape)")
    expect((gqa.n_heads, gqa.n_kv_heads), (8, 2), input="(gqa.n_heads, gqa.n_kv_heads)")
    check(solution, 3, 10, 64, 8, 2, seed=1)


@visible
def test_exactly_four_bias_free_projections(solution):
    """q_proj, k_proj, v_proj, o_proj without bias; only k and v shrink."""
    given("GroupedQueryAttention(48, 6, 3)")
    gqa = solution.GroupedQueryAttention(48, 6, 3)
    names = sorted(name for name, _ in gqa.named_parameters())
    expect(names, ["k_proj.weight", "o_proj.weight", "q_proj.weight", "v_proj.weight"], input="sorted(name for name, _ in gqa.named_parameters())")
    shapes = [list(getattr(gqa, n).weight.shape) for n in ("q_proj", "k_proj", "v_proj", "o_proj")]
    expect(shapes, [[48, 48], [24, 48], [24, 48], [48, 48]], input="weight shapes of q_proj, k_proj, v_proj, o_proj")


def test_multi_head_and_multi_query_extremes(solution):
    """n_kv_heads = n_heads is ordinary MHA; n_kv_heads = 1 is MQA."""
    check(solution, 2, 7, 32, 4, 4, seed=2)
    check(solution, 2, 7, 32, 4, 1, seed=3)


def test_consecutive_query_heads_share_a_kv_head(solution):
    """With 12 query heads and 3 kv heads, heads 0-3 read kv head 0, 4-7 kv head 1, 8-11 kv head 2."""
    check(solution, 2, 9, 48, 12, 3, seed=4, causal=False)
    check(solution, 1, 6, 24, 6, 2, seed=5, causal=True)


def test_without_the_causal_mask(solution):
    """causal=False: every query sees every key."""
    check(solution, 2, 8, 32, 8, 4, seed=6, causal=False)


def test_one_token_and_longer_sequences(solution):
    """T = 1, and T = 40 with d_head 16."""
    check(solution, 2, 1, 16, 4, 2, seed=7)
    check(solution, 2, 40, 64, 4, 2, seed=8)


def test_mha_to_gqa_mean_pools_each_group(solution):
    """q_proj and o_proj copied; kv head j's rows are the mean of original heads j*G .. j*G+G-1."""
    mha = build(solution, 64, 8, 8, seed=9)
    before = {name: getattr(mha, name).weight.detach().clone() for name in ("q_proj", "k_proj", "v_proj", "o_proj")}
    given("g2 = mha_to_gqa(GroupedQueryAttention(64, 8, 8), 2)")
    g2 = solution.mha_to_gqa(mha, 2)
    if g2 is mha or not isinstance(g2, nn.Module):
        raise Mismatch(g2, "a new module", "mha_to_gqa(mha, 2)", "mha_to_gqa should return a new module")
    expect((g2.n_heads, g2.n_kv_heads), (8, 2), input="(g2.n_heads, g2.n_kv_heads)")
    for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
        expect_close(getattr(mha, name).weight.detach(), before[name], rtol=0, atol=0, input=f"mha.{name}.weight after the conversion (unchanged)", name=f"mha.{name}.weight")
    expect_close(g2.q_proj.weight.detach(), before["q_proj"], rtol=0, atol=0, input="g2.q_proj.weight", name="g2.q_proj.weight")
    expect_close(g2.o_proj.weight.detach(), before["o_proj"], rtol=0, atol=0, input="g2.o_proj.weight", name="g2.o_proj.weight")
    for name in ("k_proj", "v_proj"):
        pooled = before[name].view(2, 4, 8, 64).mean(dim=1).reshape(16, 64)
        expect_close(getattr(g2, name).weight.detach(), pooled, input=f"g2.{name}.weight", name=f"g2.{name}.weight")
    x = torch.randn(2, 5, 64, generator=torch.Generator().manual_seed(10))
    given("g2(x)")
    with torch.no_grad():
        expect_close(g2(x), reference(g2, x, 8, 2, True), input="g2(x) against the reference from its own weights", name="g2(x)")


def test_invalid_shapes_raise(solution):
    """d_model not divisible by n_heads, n_heads not by n_kv_heads, or a bad conversion: ValueError."""
    for args in ((30, 4, 2), (32, 8, 3), (32, 0, 1), (32, 4, 0)):
        given(f"GroupedQueryAttention{args}")
        expect_raises(ValueError, lambda args=args: solution.GroupedQueryAttention(*args), input=f"GroupedQueryAttention{args}")
    gqa = solution.GroupedQueryAttention(32, 4, 2)
    given("mha_to_gqa(a module that is already grouped, 1)")
    expect_raises(ValueError, lambda: solution.mha_to_gqa(gqa, 1), input="mha_to_gqa(GroupedQueryAttention(32, 4, 2), 1)")
    mha = solution.GroupedQueryAttention(32, 4, 4)
    given("mha_to_gqa(GroupedQueryAttention(32, 4, 4), 3)")
    expect_raises(ValueError, lambda: solution.mha_to_gqa(mha, 3), input="mha_to_gqa(GroupedQueryAttention(32, 4, 4), 3)")
