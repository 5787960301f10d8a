"""Mutant: the target is called once per proposed token instead of once per round."""

import numpy as np


def speculative_decode(target, draft, prefix: list[int], n_tokens: int, k: int,
                       rng: np.random.Generator) -> list[int]:
    tokens = list(prefix)  # never modify the caller's list
    out: list[int] = []
    while len(out) < n_tokens:
        # never draft more than we can use: a round emits at most (drafted + 1) tokens
        n_draft = min(k, n_tokens - len(out) - 1)
        drafted, q_rows = [], []
        for _ in range(n_draft):
            q = draft(tokens + drafted)[-1]           # draft's next-token distribution
            drafted.append(int(rng.choice(len(q), p=q)))
            q_rows.append(q)
        # ONE target call scores every drafted position plus the bonus position
        p_rows = np.array([target(tokens + drafted[:i])[-1] for i in range(n_draft + 1)])
        emitted = []
        for i, t in enumerate(drafted):
            p, q = p_rows[i], q_rows[i]
            if rng.random() < min(1.0, p[t] / q[t]):  # q[t] > 0: t was drawn from q
                emitted.append(t)
                continue
            residual = np.maximum(p - q, 0.0)          # where the target wants more than the draft gave
            z = residual.sum()
            r = residual / z if z > 0 else p           # z == 0 only if p == q up to rounding
            emitted.append(int(rng.choice(len(r), p=r)))
            break
        else:
            bonus = p_rows[n_draft]                    # all accepted: one free token from the target
            emitted.append(int(rng.choice(len(bonus), p=bonus)))
        tokens += emitted
        out += emitted
    return out
