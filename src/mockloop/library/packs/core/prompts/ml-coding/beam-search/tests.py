"""Tests for beam-search: beam_search(step, bos, eos, beam_size, max_len, length_penalty).

Results are compared exactly (tokens, and final scores to 1e-9) with the stated algorithm
written out here without any early stop, on the statement's example and on random models (with
-inf entries, unnormalised values, ties); step is instrumented: never called on a prefix ending
in eos, at most once per live hypothesis per step, every prefix starting with bos.
"""

import math
import random

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def reference(step, bos, eos, beam_size, max_len, alpha):
    live, finished = [([], 0.0)], []
    for t in range(1, max_len + 1):
        cands = []
        for b, (toks, raw) in enumerate(live):
            logp = np.asarray(step([bos] + toks), dtype=np.float64)
            for tok in range(len(logp)):
                if np.isfinite(logp[tok]):
                    cands.append((raw + float(logp[tok]), b, tok))
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        new_live = []
        for rank, (raw, b, tok) in enumerate(cands):
            if len(new_live) == beam_size:
                break
            toks = live[b][0] + [tok]
            if tok == eos:
                if rank < beam_size:
                    finished.append((toks, raw / t**alpha))
            else:
                new_live.append((toks, raw))
        live = new_live
        if not live:
            break
    finished += [(toks, raw / max_len**alpha) for toks, raw in live]
    order = sorted(range(len(finished)), key=lambda i: (-finished[i][1], i))
    return [finished[i] for i in order[:beam_size]]


class Model:
    """step(prefix): log-probabilities from a table keyed by the prefix; records every call."""

    def __init__(self, table, default, eos):
        self.table, self.default, self.eos = table, default, eos
        self.calls = []

    def __call__(self, prefix):
        prefix = list(prefix)
        self.calls.append(tuple(prefix))
        return np.array(self.table.get(tuple(prefix), self.default), dtype=np.float64)


def random_model(seed, V, eos, depth, inf_rate=0.2, ties=False, unnormalised=False):
    rng = random.Random(seed)
    table = {}

    def row():
        values = [math.log(rng.choice([0.1, 0.2, 0.3, 0.4])) if ties else math.log(rng.random() + 1e-3) for _ in range(V)]
        values = [v if rng.random() > inf_rate else -math.inf for v in values]
        if all(v == -math.inf for v in values):
            values[rng.randrange(V)] = math.log(0.5)
        if unnormalised:
            values = [v - rng.random() for v in values]
        return values

    def fill(prefix, level):
        table[tuple(prefix)] = row()
        if level < depth:
            for tok in range(V):
                if tok != eos:
                    fill(prefix + [tok], level + 1)

    fill([0], 0)
    return table, row()


def check(solution, table, default, eos, beam_size, max_len, alpha, text):
    ref_model = Model(table, default, eos)
    want = reference(ref_model, 0, eos, beam_size, max_len, alpha)
    model = Model(table, default, eos)
    given(text)
    got = solution.beam_search(model, 0, eos, beam_size, max_len, length_penalty=alpha)
    if not isinstance(got, list) or any(not (isinstance(h, tuple) and len(h) == 2) for h in got):
        raise Mismatch(got, want, text, "beam_search should return a list of (tokens, score) tuples")
    tokens = [list(map(int, h[0])) if isinstance(h[0], list) else h[0] for h in got]
    expect(tokens, [h[0] for h in want], input=text + "  # the tokens of each hypothesis, best first")
    for (_, score), (_, want_score) in zip(got, want):
        expect_close(float(score), float(want_score), rtol=0, atol=1e-9, input=text, name="a final score")
    seen = set()
    for prefix in model.calls:
        if not prefix or prefix[0] != 0:
            raise Mismatch(prefix, "a prefix starting with bos", text, f"step was called on {list(prefix)}, which does not start with bos")
        if len(prefix) > 1 and prefix[-1] == eos:
            raise Mismatch(prefix, "no call after eos", text, f"step was called on {list(prefix)}, which ends in eos")
        if prefix in seen:
            raise Mismatch(prefix, "one call per live hypothesis per step", text, f"step was called twice on {list(prefix)}")
        seen.add(prefix)
    extra = set(model.calls) - set(ref_model.calls)
    if extra:
        raise Mismatch(sorted(extra)[:3], "only live hypotheses", text, f"step was called on {list(sorted(extra)[0])}, which is not a live hypothesis")


STATEMENT = {
    (0,): [-math.inf, -math.inf, math.log(0.6), math.log(0.4)],
    (0, 2): [-math.inf, math.log(0.4), math.log(0.3), math.log(0.3)],
    (0, 3): [-math.inf, math.log(0.9), math.log(0.05), math.log(0.05)],
}
THIRD = [-math.inf, math.log(1 / 3), math.log(1 / 3), math.log(1 / 3)]


@visible
def test_the_example_from_the_statement(solution):
    """beam 2, max_len 3: [([3, 1], log 0.36), ([2, 1], log 0.24)], where greedy decoding finds only [2, 1]."""
    check(solution, STATEMENT, THIRD, 1, 2, 3, 0.0, "beam_search(step, bos=0, eos=1, beam_size=2, max_len=3)")
    given("beam_search(step, 0, 1, 2, 3)")
    got = solution.beam_search(Model(STATEMENT, THIRD, 1), 0, 1, 2, 3)
    expect([h[0] for h in got], [[3, 1], [2, 1]], input="[tokens for tokens, _ in beam_search(step, 0, 1, 2, 3)]")
    expect_close(float(got[0][1]), math.log(0.36), rtol=0, atol=1e-12, input="beam_search(step, 0, 1, 2, 3)[0][1]")


@visible
def test_random_models(solution):
    """Random models, beam sizes 1 to 4, max_len up to 5, no length penalty."""
    for seed in range(20):
        beam = 1 + seed % 4
        max_len = 2 + seed % 4
        table, default = random_model(seed, 4, 1, max_len)
        check(solution, table, default, 1, beam, max_len, 0.0, f"beam_search(random model {seed}, beam_size={beam}, max_len={max_len})")


def test_length_penalty(solution):
    """Final score raw / L ** alpha with L counting eos: alpha 0.6 and 1.0 reorder the answers."""
    for seed in range(20, 36):
        alpha = (0.6, 1.0, 2.0)[seed % 3]
        table, default = random_model(seed, 5, 2, 5)
        check(solution, table, default, 2, 3, 5, alpha, f"beam_search(random model {seed}, beam_size=3, max_len=5, length_penalty={alpha})")


def test_ties_and_unnormalised_values(solution):
    """Equal raw scores: parent rank, then token id; final ties in finishing order; values need not sum to 1."""
    for seed in range(40, 56):
        table, default = random_model(seed, 4, 3, 4, ties=True, unnormalised=seed % 2 == 0)
        check(solution, table, default, 3, 2 + seed % 3, 4, (0.0, 0.5)[seed % 2], f"beam_search(random model {seed} with tied scores)")


def test_eos_must_rank_within_the_beam(solution):
    """An eos candidate ranked beam_size or lower is dropped, and the beam refills with live ones."""
    table = {
        (0,): [-math.inf, -math.inf, math.log(0.5), math.log(0.3), math.log(0.2)],
        (0, 2): [-math.inf, math.log(0.1), math.log(0.5), math.log(0.4), -math.inf],
        (0, 3): [-math.inf, math.log(0.9), math.log(0.05), math.log(0.05), -math.inf],
    }
    default = [-math.inf, math.log(0.5), math.log(0.25), math.log(0.25), -math.inf]
    for beam in (1, 2, 3):
        check(solution, table, default, 1, beam, 4, 0.0, f"beam_search(eos ranking example, beam_size={beam}, max_len=4)")


def test_hypotheses_cut_off_at_max_len_are_returned(solution):
    """With no eos reachable, the live hypotheses after max_len finish as they are."""
    table = {}
    default = [-math.inf, -math.inf, math.log(0.7), math.log(0.3)]
    check(solution, table, default, 1, 3, 3, 0.0, "beam_search(a model that never emits eos, beam_size=3, max_len=3)")
    check(solution, table, default, 1, 2, 1, 1.0, "beam_search(never eos, beam_size=2, max_len=1, length_penalty=1.0)")


def test_bad_arguments_raise(solution):
    """beam_size < 1, max_len < 1 or length_penalty < 0: ValueError."""
    model = Model(STATEMENT, THIRD, 1)
    for args, kwargs in (((0, 3), {}), ((2, 0), {}), ((2, 3), {"length_penalty": -0.5})):
        text = f"beam_search(step, 0, 1, {args[0]}, {args[1]}, **{kwargs})"
        given(text)
        expect_raises(ValueError, lambda args=args, kwargs=kwargs: solution.beam_search(model, 0, 1, *args, **kwargs), input=text)
