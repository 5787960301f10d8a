import numpy as np


def dcg_at_k(scores, relevance, k: int, gain: str = "exponential") -> float:
    """sum over ranks i <= k of gain(rel at rank i) / log2(i + 1); gain "exponential" is
    2^rel - 1, "linear" is rel. Tied scores: the expected value over random tie orders."""
    raise NotImplementedError


def ndcg_at_k(scores, relevance, k: int, gain: str = "exponential") -> float:
    """DCG@k / IDCG@k (the ideal ordering by grade); nan if no item is relevant."""
    raise NotImplementedError


def recall_at_k(scores, relevance, k: int) -> float:
    """Relevant items in the top k / all relevant items (expected over ties); nan if none."""
    raise NotImplementedError


def reciprocal_rank(scores, relevance) -> float:
    """1 / rank of the highest-ranked relevant item (expected over ties); nan if none."""
    raise NotImplementedError


def evaluate(queries, k: int, gain: str = "exponential") -> dict[str, float]:
    """{"ndcg", "mrr", "recall"}: means over the queries with a relevant item (ValueError if none)."""
    raise NotImplementedError
