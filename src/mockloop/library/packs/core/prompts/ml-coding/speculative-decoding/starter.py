import numpy as np


def speculative_decode(target, draft, prefix: list[int], n_tokens: int, k: int,
                       rng: np.random.Generator) -> list[int]:
    """Return exactly n_tokens new tokens, distributed as sampling them from target alone.

    A model is a function model(tokens) -> array (len(tokens), V): row i is the next-token
    distribution after tokens[: i + 1]. Each round the draft proposes k tokens one at a time;
    the target is called ONCE on the sequence plus all proposals; each proposal t is accepted
    with probability min(1, p_target(t) / p_draft(t)); at the first rejection one token is drawn
    from normalize(max(0, p_target - p_draft)) and the round ends; if all k are accepted, one
    bonus token is drawn from the target's last row. Do not modify prefix.
    """
    raise NotImplementedError
