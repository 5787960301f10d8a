"""Tests for ndcg-at-k: dcg_at_k, ndcg_at_k, recall_at_k, reciprocal_rank and evaluate.

Each metric is compared (absolute 1e-12) with a brute force that averages the plain metric over
every ordering consistent with the scores (n <= 7, heavy ties), inputs are permuted (the result
must not change), and a query of 10^5 tied items checks the O(n log n) tie handling.
"""

import itertools
import math

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 90, "cpu_seconds": 60}


def plain(ranked, k, gain):
    """(dcg, idcg, recall, rr) of one ordering: ranked is the list of grades in rank order."""
    g = (lambda r: 2.0**r - 1) if gain == "exponential" else (lambda r: float(r))
    dcg = sum(g(r) / math.log2(i + 2) for i, r in enumerate(ranked[:k]))
    ideal = sorted(ranked, reverse=True)
    idcg = sum(g(r) / math.log2(i + 2) for i, r in enumerate(ideal[:k]))
    relevant = sum(1 for r in ranked if r > 0)
    recall = sum(1 for r in ranked[:k] if r > 0) / relevant if relevant else float("nan")
    rr = next((1 / (i + 1) for i, r in enumerate(ranked) if r > 0), float("nan"))
    return dcg, idcg, recall, rr


def brute(scores, relevance, k, gain="exponential"):
    """Every metric averaged over every ordering consistent with the scores."""
    values = sorted(set(scores), reverse=True)
    groups = [[r for s, r in zip(scores, relevance) if s == v] for v in values]
    total = [0.0, 0.0, 0.0, 0.0]
    count = 0
    for combo in itertools.product(*(list(itertools.permutations(g)) for g in groups)):
        ranked = [r for group in combo for r in group]
        for i, value in enumerate(plain(ranked, k, gain)):
            total[i] += value
        count += 1
    dcg, idcg, recall, rr = (t / count for t in total)
    return {"dcg": dcg, "ndcg": dcg / idcg if idcg else float("nan"), "recall": recall, "rr": rr}


def metric(solution, name, scores, relevance, k, gain, text):
    s, r = np.array(scores, dtype=float), np.array(relevance)
    copies = (s.copy(), r.copy())
    args = (s, r) if name == "reciprocal_rank" else (s, r, k) if name == "recall_at_k" else (s, r, k, gain)
    given(text)
    got = getattr(solution, name)(*args)
    if not (np.array_equal(s, copies[0]) and np.array_equal(r, copies[1])):
        raise Mismatch("modified inputs", "inputs unchanged", text, f"{name} modified its inputs")
    if not isinstance(got, float):
        raise Mismatch(got, "a float", text, f"{name} should return a float, not {type(got).__name__}")
    return got


def check(solution, scores, relevance, k, gain="exponential"):
    want = brute(list(scores), list(relevance), k, gain)
    names = {"dcg_at_k": "dcg", "ndcg_at_k": "ndcg", "recall_at_k": "recall", "reciprocal_rank": "rr"}
    for name, key in names.items():
        text = f"{name}({list(scores)}, {list(relevance)}" + ("" if name == "reciprocal_rank" else f", k={k}") + (f", gain={gain!r})" if name in ("dcg_at_k", "ndcg_at_k") else ")")
        got = metric(solution, name, scores, relevance, k, gain, text)
        if math.isnan(want[key]):
            if not math.isnan(got):
                raise Mismatch(got, float("nan"), text, f"{name} should be nan for a query without relevant items")
            continue
        expect_close(got, want[key], rtol=0, atol=1e-12, input=text)


@visible
def test_the_examples_from_the_statement(solution):
    """dcg 8.8928, ndcg 0.8557 (linear 0.8100), recall 0.5, and the tie examples 0.6111 and 0.5."""
    check(solution, [0.9, 0.8, 0.7, 0.6, 0.5], [3, 2, 0, 1, 2], 3)
    check(solution, [0.9, 0.8, 0.7, 0.6, 0.5], [3, 2, 0, 1, 2], 3, gain="linear")
    check(solution, [1.0, 1.0, 1.0, 0.5], [0, 1, 0, 1], 2)
    check(solution, [0.5, 0.5], [1, 0], 1)


@visible
def test_against_every_tie_consistent_ordering(solution):
    """Random queries of up to 7 items with heavy ties, both gains and several k."""
    rng = np.random.default_rng(1)
    for trial in range(30):
        n = int(rng.integers(1, 8))
        scores = rng.integers(0, 3, size=n).astype(float).tolist()
        relevance = rng.integers(0, 4, size=n).tolist()
        if not any(relevance):
            relevance[0] = 1
        k = int(rng.integers(1, n + 3))
        check(solution, scores, relevance, k, gain="linear" if trial % 3 == 0 else "exponential")


def test_the_input_order_does_not_matter(solution):
    """Permuting the items changes no metric (ties are averaged, never broken by position)."""
    rng = np.random.default_rng(2)
    scores = np.array([2.0, 2.0, 1.0, 2.0, 0.0, 1.0, 2.0])
    relevance = np.array([0, 3, 1, 0, 2, 0, 1])
    for seed in range(4):
        order = np.random.default_rng(10 + seed).permutation(7)
        check(solution, scores[order].tolist(), relevance[order].tolist(), 3)
    del rng


def test_k_larger_than_the_list(solution):
    """k may exceed n: every item counts, and the ideal list is truncated the same way."""
    check(solution, [0.3, 0.1, 0.2], [1, 0, 2], 10)
    check(solution, [0.3, 0.3, 0.2], [2, 0, 1], 4, gain="linear")


def test_queries_without_a_relevant_item(solution):
    """ndcg, recall and reciprocal rank are nan; dcg is 0.0."""
    check(solution, [0.4, 0.2, 0.9], [0, 0, 0], 2)
    given("dcg_at_k([0.4, 0.2, 0.9], [0, 0, 0], 2)")
    expect(solution.dcg_at_k(np.array([0.4, 0.2, 0.9]), np.array([0, 0, 0]), 2), 0.0, input="dcg_at_k([0.4, 0.2, 0.9], [0, 0, 0], 2)")


def test_evaluate_averages_over_queries_with_relevant_items(solution):
    """evaluate skips queries with no relevant item; ValueError if none is left."""
    queries = [
        ([0.9, 0.8, 0.7, 0.6, 0.5], [3, 2, 0, 1, 2]),
        ([1.0, 1.0, 1.0, 0.5], [0, 1, 0, 1]),
        ([0.1, 0.2], [0, 0]),
        ([0.5, 0.5, 0.4], [1, 0, 2]),
    ]
    kept = [brute(s, r, 3) for s, r in queries if any(r)]
    want = {"ndcg": sum(q["ndcg"] for q in kept) / 3, "mrr": sum(q["rr"] for q in kept) / 3, "recall": sum(q["recall"] for q in kept) / 3}
    given("evaluate(four queries, one without relevant items, k=3)")
    got = solution.evaluate([(np.array(s), np.array(r)) for s, r in queries], 3)
    if not isinstance(got, dict) or set(got) != {"ndcg", "mrr", "recall"}:
        raise Mismatch(got, want, "evaluate(...)", 'evaluate should return {"ndcg", "mrr", "recall"}')
    for key in want:
        expect_close(float(got[key]), want[key], rtol=0, atol=1e-12, input="evaluate(four queries, k=3)", name=f'evaluate(...)["{key}"]')
    given("evaluate([([0.1, 0.2], [0, 0])], 3)")
    expect_raises(ValueError, lambda: solution.evaluate([(np.array([0.1, 0.2]), np.array([0, 0]))], 3), input="evaluate([([0.1, 0.2], [0, 0])], 3)")


def test_a_hundred_thousand_tied_items(solution):
    """10^5 items with one score: expected metrics in closed form, in O(n log n)."""
    n, k = 100_000, 10
    rng = np.random.default_rng(3)
    relevance = (rng.random(n) < 0.01).astype(np.int64) * rng.integers(1, 4, size=n)
    scores = np.full(n, 0.5)
    R = int((relevance > 0).sum())
    gains = 2.0**relevance - 1
    discounts = 1 / np.log2(np.arange(2, k + 2))
    dcg = gains.mean() * discounts.sum()
    idcg = (np.sort(gains)[::-1][:k] * discounts).sum()
    # P(first relevant at rank j) for a uniform random order
    j = np.arange(1, n - R + 2)
    log_none = np.r_[0.0, np.cumsum(np.log((n - R - np.arange(n - R)) / (n - np.arange(n - R))))]
    p_first = np.exp(log_none) * R / (n - j + 1)
    want = {"dcg_at_k": dcg, "ndcg_at_k": dcg / idcg, "recall_at_k": k / n, "reciprocal_rank": float((p_first / j).sum())}
    for name, value in want.items():
        text = f"{name}(10^5 tied items" + ("" if name == "reciprocal_rank" else ", k=10") + ")"
        got = metric(solution, name, scores, relevance, k, "exponential", text)
        expect_close(got, float(value), rtol=1e-9, atol=1e-12, input=text)


def test_bad_inputs_raise(solution):
    """Mismatched lengths, empty input, negative or fractional grades, bad k, unknown gain: ValueError."""
    s, r = np.array([0.1, 0.2]), np.array([1, 0])
    cases = [
        ("lengths 2 and 1", lambda: solution.ndcg_at_k(s, r[:1], 1)),
        ("empty input", lambda: solution.dcg_at_k(np.array([]), np.array([]), 1)),
        ("a negative grade", lambda: solution.ndcg_at_k(s, np.array([1, -1]), 1)),
        ("a fractional grade", lambda: solution.recall_at_k(s, np.array([1.5, 0]), 1)),
        ("k=0", lambda: solution.ndcg_at_k(s, r, 0)),
        ("a nan score", lambda: solution.reciprocal_rank(np.array([np.nan, 0.2]), r)),
        ("gain 'cubic'", lambda: solution.dcg_at_k(s, r, 1, gain="cubic")),
    ]
    for what, call in cases:
        given(what)
        expect_raises(ValueError, call, input=what)
