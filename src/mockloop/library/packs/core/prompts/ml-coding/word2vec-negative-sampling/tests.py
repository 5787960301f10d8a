"""Tests for word2vec-negative-sampling: sgns_loss_and_grads, noise_distribution, build_table,
sample_negatives and train_sgns.

The loss and gradients are compared with the formula and with central differences (and stay
finite at scores of +-1000); the noise table's counts are checked against table_size * p; the
negatives' distribution over many draws by a chi-square test (false-failure rate below 1e-9);
train_sgns by its outcome on two topics, and by one deterministic case: a corpus of one word,
where every negative is that word, so its updates can be followed exactly.
"""

import math

import numpy as np

from harness import Mismatch, expect, expect_close, expect_distribution, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 30, "wall_seconds": 120, "cpu_seconds": 90}


def log_sigmoid(x):
    return -np.logaddexp(0.0, -x)


def reference(v, u, neg):
    s_pos, s_neg = u @ v, neg @ v
    loss = float(-log_sigmoid(s_pos) - log_sigmoid(-s_neg).sum())
    g_pos = np.exp(log_sigmoid(s_pos)) - 1
    g_neg = np.exp(log_sigmoid(s_neg))
    return loss, g_pos * u + g_neg @ neg, g_pos * v, g_neg[:, None] * v[None, :]


def check_sgns(solution, v, u, neg, text):
    given(text)
    result = solution.sgns_loss_and_grads(v.copy(), u.copy(), neg.copy())
    if not isinstance(result, tuple) or len(result) != 4:
        raise Mismatch(result, "(loss, g_v, g_o, g_neg)", text, "sgns_loss_and_grads should return four values")
    want = reference(v, u, neg)
    expect_close(float(result[0]), want[0], rtol=1e-10, atol=1e-12, input=text, name="the loss")
    for got, expected, name in zip(result[1:], want[1:], ("grad_v_c", "grad_u_o", "grad_u_neg")):
        expect_close(np.asarray(got), expected, rtol=1e-10, atol=1e-12, input=text, name=name)
    return result


@visible
def test_the_examples_from_the_statement(solution):
    """Zero centre vector: loss 6 log 2, g_v = [2, 2, 2]; noise [0.8227, 0.1463, 0.0260, 0.0050, 0]; table counts."""
    loss, g_v, g_o, g_neg = check_sgns(solution, np.zeros(3), np.ones(3), np.ones((5, 3)), "sgns_loss_and_grads(np.zeros(3), np.ones(3), np.ones((5, 3)))")
    given("noise_distribution(np.array([900, 90, 9, 1, 0]))")
    p = solution.noise_distribution(np.array([900, 90, 9, 1, 0]))
    w = np.array([900, 90, 9, 1, 0]) ** 0.75
    expect_close(p, w / w.sum(), rtol=1e-12, atol=0, input="noise_distribution([900, 90, 9, 1, 0])")
    given("np.bincount(build_table(p, 10_000), minlength=5)")
    table = solution.build_table(p, 10_000)
    check_table(table, w / w.sum(), 10_000, "build_table(p, 10_000)")


def check_table(table, p, size, text):
    if not isinstance(table, np.ndarray) or table.dtype != np.int64 or table.shape != (size,):
        raise Mismatch(getattr(table, "dtype", type(table).__name__), "int64", text, f"build_table should return an int64 array of length {size}")
    counts = np.bincount(table, minlength=len(p))
    if len(counts) > len(p) or table.min() < 0:
        raise Mismatch(counts, "ids in range", text, "the table holds ids outside the vocabulary")
    off = np.abs(counts - size * p)
    if (off >= 1).any():
        i = int(np.argmax(off))
        raise Mismatch(int(counts[i]), round(float(size * p[i]), 3), text, f"word {i} appears {counts[i]} times; table_size * p = {size * p[i]:.3f} (off by 1 or more)")
    if (counts[p == 0] > 0).any():
        raise Mismatch(counts, "no word of probability 0", text, "a word of probability 0 is in the table")


@visible
def test_loss_and_gradients(solution):
    """Random vectors: the loss and each gradient as the formula says, and against central differences."""
    rng = np.random.default_rng(1)
    for K in (0, 1, 4):
        v, u, neg = rng.normal(size=6), rng.normal(size=6), rng.normal(size=(K, 6))
        neg = neg if K else np.zeros((0, 6))
        loss, g_v, g_o, g_neg = check_sgns(solution, v, u, neg, f"sgns_loss_and_grads(random v (6,), u (6,), u_neg ({K}, 6))")
        expect(np.asarray(g_neg).shape, (K, 6), input="grad_u_neg.shape")
        f = lambda v_, u_, n_: reference(v_, u_, n_)[0]  # noqa: E731
        for got, which, name in ((g_v, 0, "grad_v_c"), (g_o, 1, "grad_u_o"), (g_neg, 2, "grad_u_neg")):
            arrays = [v.copy(), u.copy(), neg.copy()]
            numeric = np.zeros_like(arrays[which])
            for index in np.ndindex(numeric.shape):
                arrays[which][index] += 1e-6
                plus = f(*arrays)
                arrays[which][index] -= 2e-6
                numeric[index] = (plus - f(*arrays)) / 2e-6
                arrays[which][index] += 1e-6
            expect_close(np.asarray(got), numeric, rtol=1e-5, atol=1e-8, input="central differences", name=name)


def test_a_repeated_negative_gets_its_own_row(solution):
    """Two negatives that are the same word have two gradient rows."""
    v, u = np.array([0.3, -0.2]), np.array([0.1, 0.4])
    neg = np.array([[0.5, 0.5], [0.5, 0.5], [-1.0, 0.2]])
    check_sgns(solution, v, u, neg, "sgns_loss_and_grads(v, u, u_neg with two equal rows)")


def test_scores_of_a_thousand_stay_finite(solution):
    """Scores of +-1000: the loss is exact (1000 or 0 per term) and nothing is inf or nan."""
    v = np.array([10.0, 0.0])
    for u, neg in ((np.array([-100.0, 0.0]), np.array([[100.0, 0.0]])), (np.array([100.0, 0.0]), np.array([[-100.0, 0.0], [100.0, 1.0]]))):
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            check_sgns(solution, v, u, neg, f"sgns_loss_and_grads([10, 0], {u.tolist()}, {neg.tolist()})  # scores of +-1000")


def test_noise_distribution(solution):
    """counts ** power, normalised, for several powers; ValueError for bad counts."""
    for counts, power in (([5, 0, 20, 1], 0.75), ([3, 3, 3], 0.75), ([10, 1, 0, 4], 1.0), ([7, 2], 0.0)):
        c = np.array(counts, dtype=float)
        w = np.where(c > 0, c**power, 0.0)
        text = f"noise_distribution({counts}, power={power})"
        given(text)
        expect_close(solution.noise_distribution(np.array(counts), power=power), w / w.sum(), rtol=1e-12, atol=0, input=text)
    for bad in ([0, 0, 0], [1, -1, 2], [[1, 2], [3, 4]]):
        given(f"noise_distribution({bad})")
        expect_raises(ValueError, lambda bad=bad: solution.noise_distribution(np.array(bad)), input=f"noise_distribution({bad})")


def test_build_table_counts(solution):
    """Each word appears within 1 of table_size * p; words of probability 0 never do."""
    rng = np.random.default_rng(2)
    for size in (7, 1000, 12_345):
        counts = rng.integers(0, 50, size=9)
        counts[3] = 0
        p = (counts**0.75) / (counts**0.75).sum()
        given(f"build_table(p over 9 words, {size})")
        check_table(solution.build_table(p, size), p, size, f"build_table(p, {size})")


def test_negatives_are_drawn_uniformly_from_the_table(solution):
    """20,000 draws from a table: each id in proportion to its share of the table."""
    table = np.array([0] * 5 + [1] * 3 + [2] * 1 + [4] * 11, dtype=np.int64)
    rng = np.random.default_rng(3)
    draws = []
    for _ in range(200):
        got = solution.sample_negatives(table, 100, rng)
        if not isinstance(got, np.ndarray) or got.shape != (100,):
            raise Mismatch(got, "an array of 100 ids", "sample_negatives(table, 100, rng)", "sample_negatives should return an array of k ids")
        draws.extend(int(i) for i in got)
    expect_distribution(draws, {0: 5 / 20, 1: 3 / 20, 2: 1 / 20, 3: 0.0, 4: 11 / 20},
                        input="200 x sample_negatives(table, 100, rng) for a table of 20 entries", name="word")


def test_a_word_drawn_twice_as_a_negative_gets_both_updates(solution):
    """Corpus [[0, 0]]: every negative is word 0, three times per example; all updates add up."""
    lr, k = 0.05, 3
    given("train_sgns([[0, 0]], vocab_size=3, dim=4, window=1, k=3, epochs=1, lr=0.05, rng)")
    W_in, W_out = solution.train_sgns([[0, 0]], vocab_size=3, dim=4, window=1, k=k, epochs=1, lr=lr, rng=np.random.default_rng(4))
    y = W_in[0]
    # Example 1 changes only W_out[0], to -lr x (x = W_in[0] at the start); example 2 gives
    # W_in[0] = x (1 + lr^2 (4 s - 1)) and W_out[0] = -4 lr s x, with s = sigmoid(-lr |x|^2).
    x = y.copy()
    for _ in range(50):
        s = 1 / (1 + math.exp(lr * float(x @ x)))
        x = y / (1 + lr * lr * (4 * s - 1))
    s = 1 / (1 + math.exp(lr * float(x @ x)))
    expect_close(W_out[0], -4 * lr * s * x, rtol=1e-6, atol=1e-12, input="W_out[0] after training on [[0, 0]] with k=3", name="W_out[0]")
    expect_close(W_out[1:], np.zeros((2, 4)), rtol=0, atol=0, input="W_out[1:] (words never seen)", name="W_out[1:]")
    if not (np.abs(W_in) < 0.5 / 4 + 1e-3).all():
        raise Mismatch(W_in, "W_in initialised uniform in [-0.5/dim, 0.5/dim)", "W_in", "W_in should start uniform in [-0.5/dim, 0.5/dim)")


def test_training_separates_two_topics(solution):
    """400 sentences over two topics (words 0-4, 5-9): each word's nearest neighbour is in its topic."""
    rng = np.random.default_rng(5)
    sentences = []
    for i in range(400):
        base = 0 if i % 2 == 0 else 5
        sentences.append([int(base + w) for w in rng.integers(0, 5, size=6)])
    given("train_sgns(two-topic corpus, vocab_size=10, dim=8, window=2, k=5, epochs=3, lr=0.05, rng=default_rng(6))")
    W_in, W_out = solution.train_sgns(sentences, vocab_size=10, dim=8, window=2, k=5, epochs=3, lr=0.05, rng=np.random.default_rng(6))
    expect((np.asarray(W_in).shape, np.asarray(W_out).shape), ((10, 8), (10, 8)), input="(W_in.shape, W_out.shape)")
    unit = W_in / np.linalg.norm(W_in, axis=1, keepdims=True)
    similarity = unit @ unit.T
    np.fill_diagonal(similarity, -np.inf)
    nearest = similarity.argmax(axis=1)
    wrong = [w for w in range(10) if (nearest[w] < 5) != (w < 5)]
    if wrong:
        raise Mismatch(nearest.tolist(), "neighbours in the same topic", "nearest neighbours by cosine of W_in", f"words {wrong} have their nearest neighbour in the other topic")
