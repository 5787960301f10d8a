from collections.abc import Sequence

import numpy as np


def viterbi(log_pi: np.ndarray, log_A: np.ndarray, log_B: np.ndarray, obs: Sequence[int]
            ) -> tuple[list[int], float]:
    """(path, score): a most likely state sequence (a list of T ints) and its natural log
    probability, in log space, O(T S^2). log_A[i, j] = log P(next = j | now = i). ValueError for
    empty obs, a symbol out of range, inconsistent shapes, or when every path has probability 0."""
    raise NotImplementedError


def forward_log_likelihood(log_pi: np.ndarray, log_A: np.ndarray, log_B: np.ndarray,
                           obs: Sequence[int]) -> float:
    """log P(obs), summed over every state sequence: -inf if it is zero, never nan."""
    raise NotImplementedError
