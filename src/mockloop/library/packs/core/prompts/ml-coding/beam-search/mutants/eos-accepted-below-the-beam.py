"""Mutant: every eos candidate seen while filling the beam finishes, whatever its rank."""

import numpy as np


def _search(step, bos, eos, beam_size, max_len, length_penalty, early_stop):
    if beam_size < 1 or max_len < 1 or length_penalty < 0:
        raise ValueError("need beam_size >= 1, max_len >= 1 and length_penalty >= 0")
    alpha = length_penalty
    live = [([], 0.0)]                  # (tokens, raw score), best first
    finished = []                       # (tokens, final score), in finishing order
    for t in range(1, max_len + 1):
        cands = []                      # (raw, parent rank, token)
        for b, (toks, raw) in enumerate(live):
            logp = np.asarray(step([bos] + toks), dtype=np.float64)
            for tok in np.flatnonzero(np.isfinite(logp)):
                cands.append((raw + float(logp[tok]), b, int(tok)))
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        new_live = []
        for rank, (raw, b, tok) in enumerate(cands):
            if len(new_live) == beam_size:
                break
            toks = live[b][0] + [tok]
            if tok == eos:
                if True:
                    finished.append((toks, raw / t ** alpha))
            else:
                new_live.append((toks, raw))
        live = new_live
        if not live:
            break
        if early_stop and len(finished) >= beam_size:
            kth_best = sorted(score for _, score in finished)[-beam_size]
            if live[0][1] / max_len ** alpha <= kth_best:  # no live beam can still get in
                live = []
                break
    finished += [(toks, raw / max_len ** alpha) for toks, raw in live]   # cut off at max_len
    order = sorted(range(len(finished)), key=lambda i: (-finished[i][1], i))
    return [finished[i] for i in order[:beam_size]]


def beam_search(step, bos: int, eos: int, beam_size: int, max_len: int,
                length_penalty: float = 0.0) -> list[tuple[list[int], float]]:
    return _search(step, bos, eos, beam_size, max_len, length_penalty, early_stop=True)
