"""Tests for speculative-decoding: speculative_decode(target, draft, prefix, n_tokens, k, rng).

The output distribution is checked over many seeded runs on small vocabularies against the exact
distribution of sampling n_tokens from the target alone (enumerated here), with a chi-square test
whose false-failure rate is below 1e-9; a sequence of probability zero under the target must
never appear. Never individual runs: solutions may use the generator differently. The models
are tables that depend on the position and the last token, so reading the wrong row shows. The
number of target calls is counted when the draft is the target itself.
"""

import itertools
import math

import numpy as np

from harness import Mismatch, expect, expect_distribution, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 20, "wall_seconds": 120, "cpu_seconds": 90}


class Table:
    """A model: row i of model(tokens) is table[i % len(table)][tokens[i]]; counts its calls."""

    def __init__(self, table, name):
        self.table = [np.asarray(t, dtype=np.float64) for t in table]
        self.name = name
        self.calls = 0

    def __call__(self, tokens):
        self.calls += 1
        rows = [self.table[i % len(self.table)][t] for i, t in enumerate(tokens)]
        return np.array(rows)

    def row(self, tokens):
        return self.table[(len(tokens) - 1) % len(self.table)][tokens[-1]]


def exact(target, prefix, n):
    """{sequence: probability} of sampling n tokens from the target alone."""
    V = len(target.table[0][0])
    out = {}
    for sequence in itertools.product(range(V), repeat=n):
        tokens, p = list(prefix), 1.0
        for t in sequence:
            p *= target.row(tokens)[t]
            tokens.append(t)
        out[sequence] = p
    return out


def run(solution, target, draft, prefix, n, k, rng, call):
    before = list(prefix)
    given(call)
    out = solution.speculative_decode(target, draft, prefix, n, k, rng)
    if type(out) is not list:
        raise Mismatch(out, f"a list of {n} tokens", call, f"speculative_decode returned a {type(out).__name__}, not a list")
    if len(out) != n:
        raise Mismatch(out, f"a list of {n} tokens", call, f"speculative_decode returned {len(out)} tokens, expected {n}")
    if any(isinstance(t, bool) or not isinstance(t, int | np.integer) for t in out):
        raise Mismatch(out, "ints", call, "the tokens should be ints")
    if prefix != before:
        raise Mismatch(prefix, before, call, "speculative_decode modified prefix")
    return tuple(int(t) for t in out)


def check(solution, target, draft, prefix, n, k, trials, seed):
    rng = np.random.default_rng(seed)
    call = f"speculative_decode({target.name}, {draft.name}, {prefix}, n_tokens={n}, k={k}, rng=rng)"
    counts = {}
    for _ in range(trials):
        sequence = run(solution, target, draft, list(prefix), n, k, rng, call)
        counts[sequence] = counts.get(sequence, 0) + 1
    expect_distribution(counts, exact(target, prefix, n), input=f"{trials} runs of {call}", name="sequence")


# The statement's position: target p = [0.5, 0.3, 0.2], draft q = [0.2, 0.2, 0.6].
P = Table([[[0.5, 0.3, 0.2], [0.6, 0.3, 0.1], [0.2, 0.5, 0.3]],
           [[0.1, 0.1, 0.8], [0.5, 0.5, 0.0], [0.3, 0.3, 0.4]]], "target")  # fmt: skip
Q = Table([[[0.2, 0.2, 0.6], [0.2, 0.2, 0.6], [0.5, 0.5, 0.0]],
           [[0.4, 0.4, 0.2], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]]], "draft")  # fmt: skip
# Impossible tokens under the target that the draft likes: accepting them is a bug that shows.
P0 = Table([[[0.0, 0.7, 0.3], [0.6, 0.0, 0.4], [0.0, 0.0, 1.0]],
            [[0.5, 0.5, 0.0], [0.2, 0.0, 0.8], [0.0, 0.9, 0.1]]], "sparse_target")  # fmt: skip
Q0 = Table([[[0.6, 0.2, 0.2], [0.1, 0.8, 0.1], [0.5, 0.4, 0.1]],
            [[0.1, 0.1, 0.8], [0.3, 0.6, 0.1], [0.8, 0.1, 0.1]]], "greedy_draft")  # fmt: skip


def fresh(table):
    return Table(table.table, table.name)


@visible
def test_the_output_is_distributed_as_the_target(solution):
    """Three tokens after [1] with k = 2: every sequence in its target probability."""
    check(solution, fresh(P), fresh(Q), [1], n=3, k=2, trials=3000, seed=1)


@visible
def test_returns_exactly_n_tokens_and_leaves_the_prefix_alone(solution):
    """Exactly n_tokens new tokens (without the prefix) for many n and k; prefix unchanged."""
    rng = np.random.default_rng(2)
    for n, k in [(1, 1), (1, 4), (2, 1), (5, 2), (7, 3), (13, 4), (6, 6), (4, 9)]:
        prefix = [0, 2]
        call = f"speculative_decode(target, draft, {prefix}, n_tokens={n}, k={k}, rng=rng)"
        run(solution, fresh(P), fresh(Q), prefix, n, k, rng, call)


@visible
def test_with_the_draft_as_the_target_calls_the_target_rarely(solution):
    """draft == target accepts every proposal: at most ceil(n / (k + 1)) + 1 target calls."""
    for n, k in [(10, 3), (30, 4), (40, 3), (12, 2)]:
        target, draft = fresh(P), fresh(P)  # the same model, counted separately
        call = f"speculative_decode(target, target_copy, [1], n_tokens={n}, k={k}, rng=rng)"
        run(solution, target, draft, [1], n, k, np.random.default_rng(3), call)
        bound = math.ceil(n / (k + 1)) + 1
        if target.calls > bound:
            raise Mismatch(target.calls, f"at most {bound}", call,
                           f"the target was called {target.calls} times for {n} tokens with k={k}; at most {bound} expected")


def test_tokens_impossible_for_the_target_never_appear(solution):
    """A draft that likes tokens the target gives probability 0: they are never accepted."""
    check(solution, fresh(P0), fresh(Q0), [0], n=3, k=2, trials=3000, seed=4)


def test_the_residual_after_a_rejection_is_the_clipped_difference(solution):
    """After a rejection the token comes from normalize(max(0, p - q)), not from p."""
    check(solution, fresh(P), fresh(Q), [2], n=2, k=1, trials=4000, seed=5)
    check(solution, fresh(P0), fresh(Q0), [1], n=2, k=3, trials=3000, seed=6)


def test_longer_outputs_and_larger_k(solution):
    """Four tokens with k = 3 (rounds that end with a bonus token and rounds that do not)."""
    check(solution, fresh(P), fresh(Q), [0], n=4, k=3, trials=3000, seed=7)


def test_a_single_token(solution):
    """n_tokens = 1: one token from the target's row after the prefix, whatever k is."""
    check(solution, fresh(P), fresh(Q), [0, 2], n=1, k=3, trials=3000, seed=8)


def test_a_deterministic_draft(solution):
    """A draft that always proposes the same token: accepted with probability p(t)."""
    one_hot = Table([[[0.0, 0.0, 1.0]] * 3, [[1.0, 0.0, 0.0]] * 3], "one_hot_draft")
    check(solution, fresh(P), one_hot, [1], n=3, k=2, trials=3000, seed=9)


def test_the_target_is_called_once_per_round(solution):
    """One round is one target call, even when every proposal is rejected."""
    target, draft = fresh(P0), fresh(Q0)
    n, k = 12, 3
    call = f"speculative_decode(sparse_target, greedy_draft, [0], n_tokens={n}, k={k}, rng=rng)"
    run(solution, target, draft, [0], n, k, np.random.default_rng(10), call)
    if target.calls > n:
        raise Mismatch(target.calls, f"at most {n}", call, f"the target was called {target.calls} times for {n} tokens")
    expect(draft.calls <= n * k, True, input=call + "; draft calls <= n_tokens * k")
