import numpy as np


def beam_search(step, bos: int, eos: int, beam_size: int, max_len: int,
                length_penalty: float = 0.0) -> list[tuple[list[int], float]]:
    """Beam search over step(prefix) -> next-token log-probabilities (prefix starts with bos).

    Rank candidates (hypothesis, token) by raw score (sum of log-probs), ties by parent rank then
    token id; take live hypotheses from the top until beam_size; an eos candidate finishes if its
    rank (over all candidates) is below beam_size, else it is dropped. Stop when nothing is live;
    after max_len steps the live ones finish as they are. Return the beam_size best finished by
    raw / L ** length_penalty (L counts eos), highest first, ties in finishing order.
    ValueError if beam_size < 1, max_len < 1 or length_penalty < 0.
    """
    raise NotImplementedError
