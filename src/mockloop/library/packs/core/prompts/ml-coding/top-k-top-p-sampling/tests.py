"""Tests for top-k-top-p-sampling: sample(logits, temperature, top_k, top_p, rng) -> int.

Randomised behaviour is checked on the distribution of many draws from a seeded generator, never
draw by draw: each test compares the counts with the exact distribution (computed here from
sorted Python lists) by a chi-square test whose false-failure rate is below 1e-9, and fails at
once if a token of probability zero is ever drawn. Inputs keep top_p at least 1e-6 away from
every cumulative sum and have no ties at the k-th logit or at the argmax, as the contract says.
"""

import math

import numpy as np

from harness import Mismatch, expect, expect_distribution, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 90, "cpu_seconds": 60}


def exact(logits, temperature=1.0, top_k=None, top_p=None):
    """The distribution the contract defines, {token: probability}, from sorted Python lists."""
    z = [float(x) / temperature for x in logits]
    ranked = sorted(range(len(z)), key=lambda i: -z[i])
    if top_k is not None:
        ranked = ranked[:top_k]
    top = z[ranked[0]]
    weights = [math.exp(z[i] - top) for i in ranked]
    total = sum(weights)
    probs = [w / total for w in weights]
    kept, cumulative = [], 0.0
    for i, q in zip(ranked, probs):
        kept.append((i, q))
        cumulative += q
        if top_p is not None:
            assert abs(cumulative - top_p) > 1e-6, "test input too close to a cumulative sum"
        if top_p is not None and cumulative >= top_p:
            break
    mass = sum(q for _, q in kept)
    distribution = {i: 0.0 for i in range(len(logits))}
    for i, q in kept:
        distribution[i] = q / mass
    return distribution


def call_text(logits, temperature, top_k, top_p):
    shown = np.array2string(np.asarray(logits), precision=4, separator=", ", threshold=12)
    return (
        f"sample(np.array({shown}), temperature={temperature}, top_k={top_k}, "
        f"top_p={top_p}, rng=rng)"
    )


def draw(solution, logits, n, seed, temperature=1.0, top_k=None, top_p=None):
    """n draws from one seeded generator, each checked to be an int index into logits."""
    rng = np.random.default_rng(seed)
    text = call_text(logits, temperature, top_k, top_p)
    given(f"rng = np.random.default_rng({seed}); {n} x {text}")
    counts = {}
    size = len(logits)
    for _ in range(n):
        token = solution.sample(logits.copy(), temperature, top_k=top_k, top_p=top_p, rng=rng)
        if isinstance(token, bool) or not isinstance(token, int | np.integer):
            raise Mismatch(token, "an int", text, f"sample returned {type(token).__name__}, not an int")
        token = int(token)
        if not 0 <= token < size:
            raise Mismatch(token, f"an index in 0..{size - 1}", text, f"sample returned {token}, outside 0..{size - 1}")
        counts[token] = counts.get(token, 0) + 1
    return counts, text


def check(solution, logits, n, seed, temperature=1.0, top_k=None, top_p=None):
    logits = np.asarray(logits, dtype=np.float64)
    counts, text = draw(solution, logits, n, seed, temperature, top_k, top_p)
    want = exact(logits, temperature, top_k, top_p)
    expect_distribution(counts, want, input=f"{n} draws of {text}", name="token")


STATEMENT = [1.0, 3.0, -2.0, 2.2, 0.4, 2.9, -0.5]


@visible
def test_the_example_from_the_statement(solution):
    """temperature 0.8, top_k 5, top_p 0.85 keep tokens 1, 5, 3 only, in the right proportions."""
    check(solution, STATEMENT, 4000, seed=1, temperature=0.8, top_k=5, top_p=0.85)


@visible
def test_temperature_zero_returns_the_argmax(solution):
    """temperature 0 is greedy decoding: always the argmax, whatever top_k and top_p say."""
    rng = np.random.default_rng(2)
    cases = [
        (STATEMENT, None, None),
        ([-3.0, -1.0, -2.0], None, None),
        ([0.5, 9.0, 1e4, -1e4, 3.0], 2, 0.5),
        ([2.0, 7.5, 7.25, 1.0], 1, None),
        ([-1e4, -1e4 + 2, -1e4 + 1], None, 0.3),
    ]
    for logits, top_k, top_p in cases:
        logits = np.array(logits)
        text = call_text(logits, 0, top_k, top_p)
        given(text)
        for _ in range(3):
            got = solution.sample(logits.copy(), 0, top_k=top_k, top_p=top_p, rng=rng)
            if isinstance(got, bool) or not isinstance(got, int | np.integer):
                expect(got, int(np.argmax(logits)), input=text)
            expect(int(got), int(np.argmax(logits)), input=text)


@visible
def test_logits_around_1e4_are_sampled_stably(solution):
    """Logits near +1e4 or -1e4 need a stable softmax (subtract the max): no overflow, no nan."""
    check(solution, [1e4, 1e4 - 1, 0.0], 3000, seed=3)
    check(solution, [-1e4, -1e4 - 1.5, -1e4 + 0.5, -2e4], 3000, seed=4)
    check(solution, [1e4, 1e4 - 2, 9990.0, 5.0], 3000, seed=5, temperature=2.0, top_k=3)


def test_top_k_alone_keeps_the_k_largest_logits(solution):
    """top_k keeps exactly the k largest logits, in softmax proportions among themselves."""
    logits = np.random.default_rng(6).normal(0, 1.5, size=12)
    check(solution, logits, 4000, seed=7, top_k=4)
    check(solution, logits, 3000, seed=8, top_k=1)
    check(solution, logits, 3000, seed=9, top_k=12)


def test_top_p_keeps_the_token_that_crosses_the_threshold(solution):
    """top_p keeps the smallest prefix of sorted tokens whose cumulative probability reaches it."""
    logits = np.log([0.05, 0.5, 0.15, 0.3])  # sorted: 0.5, 0.3, 0.15, 0.05
    check(solution, logits, 4000, seed=10, top_p=0.7)  # 0.5 < 0.7 <= 0.8: tokens 1 and 3
    check(solution, logits, 4000, seed=11, top_p=0.9)  # 0.8 < 0.9 <= 0.95: tokens 1, 3, 2
    check(solution, logits, 4000, seed=12, top_p=0.96)  # all four


def test_top_p_always_keeps_at_least_one_token(solution):
    """A top_p below the largest probability keeps only the most probable token."""
    logits = np.log([0.2, 0.6, 0.2 - 1e-3, 1e-3])
    check(solution, logits, 1000, seed=13, top_p=0.3)
    check(solution, logits, 1000, seed=14, top_p=1e-3)


def test_top_k_is_applied_before_top_p(solution):
    """top_k filters first and the softmax is over the k kept logits; top_p applies to that."""
    logits = np.log([0.3, 0.25, 0.2, 0.15, 0.1])
    # top_k=2 then softmax: [0.545, 0.455]; top_p=0.5 keeps token 0 alone.
    check(solution, logits, 1500, seed=15, top_k=2, top_p=0.5)
    # top_k=3: [0.4, 0.333, 0.267]; top_p=0.7 keeps tokens 0 and 1.
    check(solution, logits, 3000, seed=16, top_k=3, top_p=0.7)


def test_filtered_probabilities_are_renormalised(solution):
    """After top-k and top-p the kept tokens' probabilities are rescaled to sum to one."""
    logits = np.log([0.1, 0.35, 0.05, 0.4, 0.09])
    check(solution, logits, 4000, seed=17, top_p=0.6)  # keeps 3 and 1 (0.4 + 0.35)
    check(solution, logits, 4000, seed=18, top_k=3, top_p=0.99)


def test_temperature_sharpens_and_flattens_the_distribution(solution):
    """Dividing by the temperature: below 1 sharpens, above 1 flattens."""
    logits = np.array([2.0, 1.0, 0.0, -1.0])
    check(solution, logits, 4000, seed=19, temperature=0.5)
    check(solution, logits, 4000, seed=20, temperature=3.0)
    check(solution, logits, 4000, seed=21, temperature=1.7, top_k=3, top_p=0.8)


def test_a_large_vocabulary(solution):
    """A vocabulary of 2000 tokens with top_k 50 and top_p 0.9."""
    logits = np.random.default_rng(22).normal(0, 2.0, size=2000)
    check(solution, logits, 4000, seed=23, temperature=0.9, top_k=50, top_p=0.9)
