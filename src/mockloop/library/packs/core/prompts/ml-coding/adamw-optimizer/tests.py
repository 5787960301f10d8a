"""Tests for adamw-optimizer: Adam and AdamW over a dict of numpy parameters, step(grads).

Both run side by side with PyTorch's update rule (torch.optim.Adam / AdamW, single-tensor path,
written out here in numpy float64: denominator sqrt(v) / sqrt(1 - beta2^t) + eps, step size
lr / (1 - beta1^t)) for dozens of steps with gradients of very different magnitudes and some
None or missing, comparing every parameter at relative tolerance 1e-10.
"""

import math

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


class Torch:
    """PyTorch's Adam/AdamW update, per parameter."""

    def __init__(self, params, lr, betas, eps, weight_decay, decoupled):
        self.params = {k: v.copy() for k, v in params.items()}
        self.lr, (self.b1, self.b2), self.eps, self.wd, self.decoupled = lr, betas, eps, weight_decay, decoupled
        self.state = {k: [0, np.zeros_like(v), np.zeros_like(v)] for k, v in params.items()}

    def step(self, grads):
        for name, p in self.params.items():
            g = grads.get(name)
            if g is None:
                continue
            st = self.state[name]
            st[0] += 1
            t = st[0]
            if self.decoupled:
                p *= 1 - self.lr * self.wd
            elif self.wd:
                g = g + self.wd * p
            st[1] += (g - st[1]) * (1 - self.b1)  # lerp
            st[2] = st[2] * self.b2 + (1 - self.b2) * g * g
            denom = np.sqrt(st[2]) / math.sqrt(1 - self.b2**t) + self.eps
            p -= (self.lr / (1 - self.b1**t)) * st[1] / denom


def gradients(rng, shapes, step):
    out = {}
    for name, shape in shapes.items():
        if rng.random() < 0.2:
            if rng.random() < 0.5:
                out[name] = None
            continue  # missing entirely
        scale = 10.0 ** rng.uniform(-6, 4)
        out[name] = rng.normal(size=shape) * scale
    return out


def run(solution, cls, kwargs, steps, seed):
    rng = np.random.default_rng(seed)
    shapes = {"w": (3, 4), "b": (4,), "scale": (), "emb": (2, 2, 3)}
    params = {name: rng.normal(size=shape) for name, shape in shapes.items()}
    params["scale"] = np.array(1.5)
    text = f"opt = {cls}(params, **{kwargs}); {steps} steps with random gradients (some None or missing)"
    given(text)
    opt = getattr(solution, cls)(params, **kwargs)
    defaults = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2 if cls == "AdamW" else 0.0}
    settings = {**defaults, **kwargs}
    ref = Torch(params, settings["lr"], settings["betas"], settings["eps"], settings["weight_decay"], cls == "AdamW")
    objects = dict(params)
    for step in range(steps):
        grads = gradients(rng, shapes, step)
        copies = {k: (None if v is None else v.copy()) for k, v in grads.items()}
        opt.step(grads)
        ref.step(copies)
        for name, g in grads.items():
            if g is not None and not np.array_equal(g, copies[name]):
                raise Mismatch("modified gradient", "unchanged", text, f"step modified the gradient of {name!r}")
        for name in shapes:
            if params[name] is not objects[name]:
                raise Mismatch("a new array", "the same array", text, f"params[{name!r}] was replaced: update the caller's arrays in place")
            expect_close(params[name], ref.params[name], rtol=1e-10, atol=1e-300, input=f"{text}: after step {step + 1}", name=f"params[{name!r}]")


@visible
def test_the_examples_from_the_statement(solution):
    """AdamW lr 0.1, wd 0.01, g = 0.5: [0.899, -2.098]; Adam with g = 0: the L2 gradient gives a full step, [1.9]."""
    params = {"w": np.array([1.0, -2.0])}
    w = params["w"]
    given('opt = AdamW(params, lr=0.1, weight_decay=0.01); opt.step({"w": np.array([0.5, 0.5])})')
    solution.AdamW(params, lr=0.1, weight_decay=0.01).step({"w": np.array([0.5, 0.5])})
    expect(params["w"] is w, True, input='params["w"] is the same array after step()')
    expect_close(params["w"], np.array([0.999 - 0.1 * 0.5 / (0.5 + 1e-8), -1.998 - 0.1 * 0.5 / (0.5 + 1e-8)]), rtol=1e-12, atol=0, input='params["w"]')
    q = {"w": np.array([2.0])}
    given('Adam(q, lr=0.1, weight_decay=0.01).step({"w": np.array([0.0])})')
    solution.Adam(q, lr=0.1, weight_decay=0.01).step({"w": np.array([0.0])})
    ref = Torch({"w": np.array([2.0])}, 0.1, (0.9, 0.999), 1e-8, 0.01, False)
    ref.step({"w": np.array([0.0])})
    expect_close(q["w"], ref.params["w"], rtol=1e-12, atol=0, input='q["w"]')


@visible
def test_adam_matches_pytorch(solution):
    """Adam, default options then lr 0.01 with betas (0.8, 0.99): 40 steps, every parameter to 1e-10."""
    run(solution, "Adam", {}, 40, seed=1)
    run(solution, "Adam", {"lr": 0.01, "betas": (0.8, 0.99)}, 40, seed=2)


def test_adam_with_l2_weight_decay_matches_pytorch(solution):
    """Adam's weight decay adds lam * theta to the gradient, inside the moments."""
    run(solution, "Adam", {"lr": 0.02, "weight_decay": 0.1}, 50, seed=3)


def test_adamw_matches_pytorch(solution):
    """AdamW (default decay 0.01, then 0.3): decoupled decay theta * (1 - lr * lam) before the step."""
    run(solution, "AdamW", {}, 40, seed=4)
    run(solution, "AdamW", {"lr": 0.05, "weight_decay": 0.3, "eps": 1e-6}, 50, seed=5)


def test_a_skipped_parameter_keeps_its_own_step_count(solution):
    """A parameter with a None or missing gradient keeps value, moments and step: its bias correction uses its own t."""
    params = {"a": np.ones(3), "b": np.ones(3)}
    ref = Torch(params, 0.1, (0.9, 0.999), 1e-8, 0.0, False)
    opt = solution.Adam(params, lr=0.1)
    schedule = [{"a": np.full(3, 0.3)}, {"a": np.full(3, -1.0), "b": None}, {"a": np.full(3, 2.0)}, {"a": np.full(3, 0.5), "b": np.full(3, 4.0)}, {"b": np.full(3, -0.1)}]
    for i, grads in enumerate(schedule):
        given(f"step {i + 1} of {schedule}")
        opt.step({k: (None if v is None else v.copy()) for k, v in grads.items()})
        ref.step(grads)
        for name in ("a", "b"):
            expect_close(params[name], ref.params[name], rtol=1e-12, atol=0, input=f"after step {i + 1}", name=f"params[{name!r}]")


def test_bad_arguments_raise(solution):
    """Unknown name: KeyError; wrong gradient shape: ValueError; bad hyperparameters: ValueError."""
    params = {"a": np.ones(2)}
    opt = solution.Adam(params)
    given('opt.step({"c": np.ones(2)})')
    expect_raises(KeyError, lambda: opt.step({"c": np.ones(2)}), input='opt.step({"c": np.ones(2)})')
    given('opt.step({"a": np.ones(3)})')
    expect_raises(ValueError, lambda: opt.step({"a": np.ones(3)}), input='opt.step({"a": np.ones(3)})')
    for kwargs in ({"lr": -1.0}, {"eps": -1e-8}, {"weight_decay": -0.1}, {"betas": (1.0, 0.999)}, {"betas": (0.9, -0.1)}):
        for cls in ("Adam", "AdamW"):
            given(f"{cls}(params, **{kwargs})")
            expect_raises(ValueError, lambda cls=cls, kwargs=kwargs: getattr(solution, cls)({"a": np.ones(2)}, **kwargs), input=f"{cls}(params, **{kwargs})")


def test_each_parameter_has_its_own_moments(solution):
    """Two parameters of the same shape do not share m and v."""
    params = {"x": np.zeros(4), "y": np.zeros(4)}
    ref = Torch(params, 0.01, (0.9, 0.999), 1e-8, 0.01, True)
    opt = solution.AdamW(params, lr=0.01)
    rng = np.random.default_rng(6)
    for i in range(10):
        grads = {"x": rng.normal(size=4) * 100, "y": rng.normal(size=4) * 1e-4}
        given(f"step {i + 1}: large gradients for x, tiny ones for y")
        opt.step({k: v.copy() for k, v in grads.items()})
        ref.step(grads)
    for name in ("x", "y"):
        expect_close(params[name], ref.params[name], rtol=1e-10, atol=0, input="after 10 steps", name=f"params[{name!r}]")


def test_adam_minimises_an_ill_conditioned_quadratic(solution):
    """Curvatures 100 and 0.01: Adam's per-coordinate scaling brings both near 0 in 3,000 steps."""
    q = {"x": np.array([5.0, -3.0])}
    given("3000 Adam(lr=0.05) steps on f(x) = 50 x0^2 + 0.005 x1^2")
    opt = solution.Adam(q, lr=0.05)
    for _ in range(3000):
        opt.step({"x": np.array([100.0, 0.01]) * q["x"]})
    if not np.all(np.abs(q["x"]) < 1e-2):
        raise Mismatch(q["x"], "both below 1e-2", "after 3000 steps", f"x = {q['x']} after 3000 steps")
