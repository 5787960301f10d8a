import numpy as np


def sample(
    logits: np.ndarray,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    rng: np.random.Generator | None = None,
) -> int:
    """Pick the next token from a 1-D array of logits.

    temperature == 0: the argmax. Otherwise: divide by temperature; keep the top_k largest (if
    given); softmax, stably (logits can be around 1e4); keep the smallest set of most probable
    tokens whose cumulative probability is >= top_p (if given; at least one token);
    renormalise and draw one index with rng.
    """
    raise NotImplementedError
