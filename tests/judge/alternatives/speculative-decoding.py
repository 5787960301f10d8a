"""A correct speculative_decode written differently from the reference: always drafts k tokens
and truncates the last round, draws by inverse CDF from rng.random(), keeps a copy of the rows."""

import numpy as np


def _draw(p, rng):
    c = np.cumsum(p)
    return int(min(np.searchsorted(c, rng.random() * c[-1], side="right"), len(p) - 1))


def speculative_decode(target, draft, prefix, n_tokens, k, rng):
    seq = list(prefix)
    start = len(seq)
    while len(seq) - start < n_tokens:
        proposals, rows = [], []
        for _ in range(k):
            q = np.array(draft(seq + proposals)[-1], dtype=float)
            rows.append(q)
            proposals.append(_draw(q, rng))
        verified = target(seq + proposals)
        base = len(seq) - 1
        for i, t in enumerate(proposals):
            p, q = verified[base + i], rows[i]
            if rng.random() * q[t] < p[t]:
                seq.append(t)
                continue
            residual = np.clip(p - q, 0.0, None)
            seq.append(_draw(residual if residual.sum() > 0 else p, rng))
            break
        else:
            seq.append(_draw(verified[base + k], rng))
    return seq[start : start + n_tokens]
