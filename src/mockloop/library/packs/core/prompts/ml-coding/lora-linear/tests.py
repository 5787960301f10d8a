"""Tests for lora-linear: LoRALinear(base, r, alpha) with forward, merge, unmerge;
count_parameters(module); apply_lora(model, targets, r, alpha).

Outputs are compared with base(x) + (alpha / r) (x A^T) B^T computed here, at float32
tolerances (rtol 1.3e-6, atol 1e-5), on a 48 -> 80 layer (not square, so an orientation slip
cannot hide) after setting lora_B to seeded values (it starts at zero).
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


def wrapped(solution, in_features, out_features, r, alpha, seed, bias=True):
    torch.manual_seed(seed)
    base = nn.Linear(in_features, out_features, bias=bias)
    text = f"lora = LoRALinear(nn.Linear({in_features}, {out_features}, bias={bias}), r={r}, alpha={alpha})"
    given(text)
    lora = solution.LoRALinear(base, r=r, alpha=alpha)
    return base, lora, text


def trained(lora, seed):
    """As if training had moved B (and A): seeded values."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        lora.lora_B.copy_(torch.randn(lora.lora_B.shape, generator=generator) * 0.2)
        lora.lora_A.copy_(torch.randn(lora.lora_A.shape, generator=generator) * 0.2)


def expected(base_weight, base_bias, A, B, scaling, x):
    y = x.double() @ base_weight.double().T + (0 if base_bias is None else base_bias.double())
    return (y + scaling * (x.double() @ A.double().T) @ B.double().T).float()


@visible
def test_the_example_from_the_statement(solution):
    """r 8, alpha 16 on a 1024 -> 4096 layer: scaling 2.0, 40,960 trainable of 4,239,360; output equals base(x) at first."""
    base, lora, text = wrapped(solution, 1024, 4096, 8, 16, seed=0)
    expect(lora.base is base, True, input=f"{text}; lora.base is base")
    expect((lora.r, lora.alpha, lora.scaling, lora.merged), (8, 16, 2.0, False), input="(lora.r, lora.alpha, lora.scaling, lora.merged)")
    expect((list(lora.lora_A.shape), list(lora.lora_B.shape)), ([8, 1024], [4096, 8]), input="lora_A and lora_B shapes")
    given("count_parameters(lora)")
    expect(solution.count_parameters(lora), (40960, 4239360), input="count_parameters(lora)")
    x = torch.randn(2, 5, 1024)
    given("torch.equal(lora(x), base(x)) at initialisation")
    with torch.no_grad():
        expect(bool(torch.equal(lora(x), base(x))), True, input="torch.equal(lora(x), base(x)) at initialisation")


@visible
def test_forward_adds_the_scaled_low_rank_update(solution):
    """forward is base(x) + (alpha / r) (x A^T) B^T, for any number of leading dimensions."""
    base, lora, text = wrapped(solution, 48, 80, 4, 8.0, seed=1)
    trained(lora, 2)
    for shape in ((5, 48), (2, 3, 48), (48,)):
        x = torch.randn(*shape, generator=torch.Generator().manual_seed(len(shape)))
        given(f"{text}; trained; lora(x of shape {shape})")
        with torch.no_grad():
            expect_close(lora(x), expected(base.weight, base.bias, lora.lora_A, lora.lora_B, 2.0, x), input=f"lora(x of shape {shape})", name="the output")


def test_initialisation_and_freezing(solution):
    """Base weight and bias frozen; lora_A random (kaiming-uniform bound 1/sqrt(in)), lora_B zeros; the parameters in order."""
    base, lora, text = wrapped(solution, 48, 80, 6, 3.0, seed=3)
    trainable = {name: p.requires_grad for name, p in lora.named_parameters()}
    expect(trainable, {"base.weight": False, "base.bias": False, "lora_A": True, "lora_B": True},
           input="{name: p.requires_grad for name, p in lora.named_parameters()}")
    expect(bool(torch.all(lora.lora_B == 0)), True, input="lora.lora_B is all zeros")
    bound = 1 / math.sqrt(48)
    A = lora.lora_A.detach()
    if not (A.abs().max() <= bound + 1e-7 and A.std() > bound / 4):
        raise Mismatch("lora_A", f"uniform in (-{bound:.3f}, {bound:.3f})", text, "lora_A should be kaiming_uniform_(a=sqrt(5)): uniform in +-1/sqrt(in_features)")
    expect((str(lora.lora_A.dtype), str(lora.lora_B.dtype)), (str(base.weight.dtype),) * 2, input="dtypes of lora_A, lora_B")
    given("LoRALinear(nn.Linear(48, 80, bias=False), r=6)")
    no_bias = solution.LoRALinear(nn.Linear(48, 80, bias=False), r=6)
    expect(sorted(name for name, _ in no_bias.named_parameters()), ["base.weight", "lora_A", "lora_B"], input="parameters without a bias")
    given("LoRALinear(nn.Linear(8, 8).double(), r=2)")
    double = solution.LoRALinear(nn.Linear(8, 8).double(), r=2)
    expect((str(double.lora_A.dtype), str(double.lora_B.dtype)), ("torch.float64", "torch.float64"), input="dtypes for a float64 base")


def test_gradients_reach_only_the_adapter(solution):
    """After a backward pass, lora_A and lora_B have gradients; the base weight and bias do not."""
    base, lora, text = wrapped(solution, 48, 80, 4, 4.0, seed=4)
    trained(lora, 5)
    x = torch.randn(7, 48, generator=torch.Generator().manual_seed(6))
    given(f"{text}; lora(x).square().sum().backward()")
    lora(x).square().sum().backward()
    expect((base.weight.grad is None, base.bias.grad is None), (True, True), input="base.weight.grad, base.bias.grad are None")
    expect((lora.lora_A.grad is not None, lora.lora_B.grad is not None), (True, True), input="lora_A.grad, lora_B.grad exist")


def test_merge_and_unmerge(solution):
    """Merged outputs equal unmerged ones; unmerge restores base.weight; each is a no-op twice."""
    base, lora, text = wrapped(solution, 48, 80, 4, 8.0, seed=7)
    trained(lora, 8)
    original = base.weight.detach().clone()
    x = torch.randn(6, 48, generator=torch.Generator().manual_seed(9))
    with torch.no_grad():
        before = lora(x)
    given(f"{text}; trained; lora.merge(); lora.merge()")
    lora.merge()
    lora.merge()
    expect(lora.merged, True, input="lora.merged after merge()")
    expect_close(base.weight.detach(), original + 2.0 * (lora.lora_B @ lora.lora_A).detach(), input="base.weight after merge() twice", name="base.weight")
    with torch.no_grad():
        expect_close(lora(x), before, input="lora(x) merged vs unmerged", name="the merged output")
    given("lora.unmerge(); lora.unmerge()")
    lora.unmerge()
    lora.unmerge()
    expect(lora.merged, False, input="lora.merged after unmerge()")
    expect_close(base.weight.detach(), original, input="base.weight after unmerge() twice", name="base.weight")
    with torch.no_grad():
        expect_close(lora(x), before, input="lora(x) after unmerge", name="the output")
    expect(base.weight.requires_grad, False, input="base.weight.requires_grad after merge and unmerge")


def test_apply_lora_wraps_the_targets_at_any_depth(solution):
    """Every nn.Linear named in targets is wrapped, at any depth; only the adapters are trainable."""

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.q_proj, self.k_proj, self.v_proj, self.o_proj = (nn.Linear(16, 16) for _ in range(4))

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.attn = Attention()
            self.mlp = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 16))
            self.norm = nn.LayerNorm(16)

    torch.manual_seed(10)
    model = nn.Sequential(Block(), Block())
    given('apply_lora(two blocks, {"q_proj", "v_proj"}, r=2, alpha=4)')
    returned = solution.apply_lora(model, {"q_proj", "v_proj"}, r=2, alpha=4)
    expect(returned is model, True, input="apply_lora returns the model itself")
    kinds = [(name, type(module).__name__) for name, module in model.named_modules() if name.endswith(("q_proj", "k_proj", "v_proj", "o_proj"))]
    expect(kinds, [(f"{b}.attn.{p}", "LoRALinear" if p in ("q_proj", "v_proj") else "Linear") for b in ("0", "1") for p in ("q_proj", "k_proj", "v_proj", "o_proj")],
           input="the type of every attention projection after apply_lora")
    trainable = sorted(name for name, p in model.named_parameters() if p.requires_grad)
    expect(trainable, sorted(f"{b}.attn.{p}.{w}" for b in ("0", "1") for p in ("q_proj", "v_proj") for w in ("lora_A", "lora_B")), input="trainable parameters after apply_lora")
    given("count_parameters(model)")
    total = sum(p.numel() for p in model.parameters())
    expect(solution.count_parameters(model), (4 * 2 * (16 + 16), total), input="count_parameters(model)")


def test_bad_arguments_raise(solution):
    """A base that is not nn.Linear: TypeError; r outside 1..min(in, out): ValueError."""
    given("LoRALinear(nn.Conv1d(4, 4, 1), r=1)")
    expect_raises(TypeError, lambda: solution.LoRALinear(nn.Conv1d(4, 4, 1), r=1), input="LoRALinear(nn.Conv1d(4, 4, 1), r=1)")
    for r in (0, 9):
        given(f"LoRALinear(nn.Linear(8, 20), r={r})")
        expect_raises(ValueError, lambda r=r: solution.LoRALinear(nn.Linear(8, 20), r=r), input=f"LoRALinear(nn.Linear(8, 20), r={r})")
