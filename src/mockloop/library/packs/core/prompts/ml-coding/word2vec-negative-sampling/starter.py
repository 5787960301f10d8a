import numpy as np


def sgns_loss_and_grads(v_c: np.ndarray, u_o: np.ndarray, u_neg: np.ndarray
                        ) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """loss = -log sigma(u_o . v_c) - sum_j log sigma(-u_neg[j] . v_c) and its gradients with
    respect to v_c (d,), u_o (d,) and each row of u_neg (K, d); finite for scores up to +-1000."""
    raise NotImplementedError


def noise_distribution(counts: np.ndarray, power: float = 0.75) -> np.ndarray:
    """Probabilities proportional to counts ** power (0 for count 0). ValueError if counts is not
    1-D, has a negative entry, or is all zero."""
    raise NotImplementedError


def build_table(probs: np.ndarray, table_size: int) -> np.ndarray:
    """An int64 table of length table_size where word i appears n_i times, |n_i - table_size *
    probs[i]| < 1; a word of probability 0 never appears."""
    raise NotImplementedError


def sample_negatives(table: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k word ids drawn uniformly from the table (O(1) each)."""
    raise NotImplementedError


def train_sgns(sentences: list[list[int]], vocab_size: int, dim: int = 16, window: int = 2, k: int = 5,
               epochs: int = 5, lr: float = 0.05, rng: np.random.Generator | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """Plain SGD on skip-gram with negative sampling; returns (W_in, W_out)."""
    raise NotImplementedError
