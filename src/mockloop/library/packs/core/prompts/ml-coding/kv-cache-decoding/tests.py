"""Tests for kv-cache-decoding: KVCacheAttention(W_q, W_k, W_v, W_o, n_heads, max_len) with
forward, extend, step and reset.

forward is compared with causal multi-head attention computed here; extend/step with forward on
every split of the sequence into chunks (absolute tolerance 1e-9), including splits that only
decode after a prefill; the caches must be the same arrays for the object's lifetime and hold
each head's keys and values.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def reference(X, Ws, H):
    W_q, W_k, W_v, W_o = Ws
    T, d = X.shape
    dh = d // H
    q, k, v = (X @ W for W in (W_q, W_k, W_v))
    out = np.zeros((T, d))
    for h in range(H):
        cols = slice(h * dh, (h + 1) * dh)
        s = q[:, cols] @ k[:, cols].T / np.sqrt(dh)
        s = np.where(np.tril(np.ones((T, T), dtype=bool)), s, -np.inf)
        w = np.exp(s - s.max(1, keepdims=True))
        out[:, cols] = (w / w.sum(1, keepdims=True)) @ v[:, cols]
    return out @ W_o


def setup(d, H, T, seed, scale=0.5):
    rng = np.random.default_rng(seed)
    Ws = [rng.normal(size=(d, d)) * scale / np.sqrt(d) * 3 for _ in range(4)]
    return Ws, rng.normal(size=(T, d))


def build(solution, Ws, H, max_len, text):
    given(text)
    return solution.KVCacheAttention(*[W.copy() for W in Ws], n_heads=H, max_len=max_len)


def run_chunks(solution, attn, X, sizes, text):
    given(text)
    attn.reset()
    outputs, start = [], 0
    for size in sizes:
        if size == "step":
            outputs.append(np.asarray(attn.step(X[start].copy()))[None])
            start += 1
        else:
            outputs.append(np.asarray(attn.extend(X[start : start + size].copy())))
            start += size
    return np.vstack(outputs)


@visible
def test_the_example_from_the_statement(solution):
    """Token by token, and a prefill of 6 then a chunk of 4, both equal forward(X)."""
    rng = np.random.default_rng(0)
    d, H = 16, 4
    Ws = [rng.normal(size=(d, d)) / 4 for _ in range(4)]
    X = rng.normal(size=(10, d))
    attn = build(solution, Ws, H, 32, "attn = KVCacheAttention(*W, n_heads=4, max_len=32)")
    given("attn.forward(X)")
    full = attn.forward(X.copy())
    expect_close(full, reference(X, Ws, H), rtol=0, atol=1e-9, input="attn.forward(X)")
    steps = run_chunks(solution, attn, X, ["step"] * 10, "[attn.step(x) for x in X]")
    expect_close(steps, full, rtol=0, atol=1e-9, input="np.stack([attn.step(x) for x in X])")
    expect(attn.length, 10, input="attn.length after 10 steps")
    expect(attn.k_cache.shape, (4, 32, 4), input="attn.k_cache.shape")
    chunks = run_chunks(solution, attn, X, [6, 4], "attn.reset(); attn.extend(X[:6]); attn.extend(X[6:])")
    expect_close(chunks, full, rtol=0, atol=1e-9, input="np.vstack([attn.extend(X[:6]), attn.extend(X[6:])]) after reset")


@visible
def test_forward_is_causal_multi_head_attention(solution):
    """forward(X) equals causal attention per head (columns h*d_head:(h+1)*d_head), then W_o."""
    for d, H, T in ((8, 1, 5), (12, 3, 7), (24, 6, 9), (6, 6, 4)):
        Ws, X = setup(d, H, T, seed=d + H)
        attn = build(solution, Ws, H, T + 3, f"KVCacheAttention(d={d}, n_heads={H}, max_len={T + 3})")
        text = f"attn.forward(X) with d={d}, n_heads={H}, T={T}"
        given(text)
        expect_close(attn.forward(X.copy()), reference(X, Ws, H), rtol=0, atol=1e-9, input=text)


def test_every_chunking_equals_the_full_forward(solution):
    """Prefill then decode, decode then a chunk, uneven chunks: always forward(X)."""
    d, H, T = 12, 3, 11
    Ws, X = setup(d, H, T, seed=1)
    attn = build(solution, Ws, H, 16, "KVCacheAttention(d=12, n_heads=3, max_len=16)")
    want = reference(X, Ws, H)
    for sizes in ([11], [1] * 11, [4, "step", "step", 5], ["step", 3, 2, "step", 4], [2, 2, 2, 2, 3], [10, "step"]):
        text = f"attn.reset(); extend/step in chunks {sizes}"
        expect_close(run_chunks(solution, attn, X, sizes, text), want, rtol=0, atol=1e-9, input=text)


def test_a_chunk_after_the_cache_masks_in_absolute_positions(solution):
    """A chunk of n after L cached tokens: query i sees keys j <= L + i (not the (n, n) pattern)."""
    d, H, T = 8, 2, 9
    Ws, X = setup(d, H, T, seed=2)
    attn = build(solution, Ws, H, 9, "KVCacheAttention(d=8, n_heads=2, max_len=9)")
    want = reference(X, Ws, H)
    for sizes in ([3, 6], [5, 4], [1, 8]):
        text = f"attn.reset(); attn.extend(X[:{sizes[0]}]); attn.extend(X[{sizes[0]}:])"
        expect_close(run_chunks(solution, attn, X, sizes, text), want, rtol=0, atol=1e-9, input=text)


def test_the_cache_is_allocated_once_and_holds_each_heads_keys(solution):
    """k_cache and v_cache stay the same arrays; k_cache[h, p] is head h of X[p] @ W_k."""
    d, H, T = 12, 4, 7
    Ws, X = setup(d, H, T, seed=3)
    attn = build(solution, Ws, H, 10, "KVCacheAttention(d=12, n_heads=4, max_len=10)")
    k_cache, v_cache = attn.k_cache, attn.v_cache
    expect((k_cache.shape, v_cache.shape), ((4, 10, 3), (4, 10, 3)), input="(attn.k_cache.shape, attn.v_cache.shape)")
    run_chunks(solution, attn, X, [3, "step", 3], "extend(X[:3]); step(X[3]); extend(X[4:])")
    if attn.k_cache is not k_cache or attn.v_cache is not v_cache:
        raise Mismatch("new arrays", "the same arrays", "attn.k_cache is the array from __init__", "k_cache and v_cache must be allocated once and written in place")
    expect(attn.length, 7, input="attn.length")
    keys = (X @ Ws[1]).reshape(T, H, 3).transpose(1, 0, 2)
    values = (X @ Ws[2]).reshape(T, H, 3).transpose(1, 0, 2)
    expect_close(attn.k_cache[:, :7], keys, rtol=0, atol=1e-9, input="attn.k_cache[:, :7]")
    expect_close(attn.v_cache[:, :7], values, rtol=0, atol=1e-9, input="attn.v_cache[:, :7]")


def test_forward_leaves_the_cache_alone(solution):
    """forward reads and writes no cache state: decoding after a forward is unaffected."""
    d, H, T = 8, 2, 6
    Ws, X = setup(d, H, T, seed=4)
    attn = build(solution, Ws, H, 8, "KVCacheAttention(d=8, n_heads=2, max_len=8)")
    attn.extend(X[:3].copy())
    given("attn.extend(X[:3]); attn.forward(Y); attn.extend(X[3:])")
    attn.forward(np.random.default_rng(5).normal(size=(5, d)))
    expect(attn.length, 3, input="attn.length after extend(X[:3]) and a forward")
    rest = attn.extend(X[3:].copy())
    expect_close(rest, reference(X, Ws, H)[3:], rtol=0, atol=1e-9, input="attn.extend(X[3:]) after a forward")


def test_overflow_raises_and_changes_nothing(solution):
    """extend past max_len raises ValueError and leaves length and the cache as they were."""
    d, H, T = 8, 2, 6
    Ws, X = setup(d, H, T, seed=6)
    attn = build(solution, Ws, H, 5, "KVCacheAttention(d=8, n_heads=2, max_len=5)")
    attn.extend(X[:4].copy())
    before = (attn.k_cache.copy(), attn.v_cache.copy())
    given("attn.extend(X[:4]); attn.extend(X[4:6])  # 6 > max_len 5")
    expect_raises(ValueError, lambda: attn.extend(X[4:6].copy()), input="attn.extend(X[4:6]) past max_len")
    expect(attn.length, 4, input="attn.length after the failed extend")
    if not (np.array_equal(attn.k_cache, before[0]) and np.array_equal(attn.v_cache, before[1])):
        raise Mismatch("changed cache", "unchanged cache", "after the failed extend", "a failed extend changed the cache")
    expect_close(attn.step(X[4].copy()), reference(X[:5], Ws, H)[4], rtol=0, atol=1e-9, input="attn.step(X[4]) after the failed extend")
    given("KVCacheAttention(W, n_heads=3) with d = 8")
    expect_raises(ValueError, lambda: solution.KVCacheAttention(*Ws, n_heads=3, max_len=5), input="KVCacheAttention(d=8, n_heads=3)")


def test_reset_reuses_the_cache(solution):
    """After reset, a new sequence decodes as if the cache were empty (stale entries never read)."""
    d, H = 8, 2
    Ws, X = setup(d, H, 8, seed=7)
    Y = np.random.default_rng(8).normal(size=(5, d))
    attn = build(solution, Ws, H, 8, "KVCacheAttention(d=8, n_heads=2, max_len=8)")
    run_chunks(solution, attn, X, [8], "attn.extend(X)")
    got = run_chunks(solution, attn, Y, ["step"] * 5, "attn.reset(); [attn.step(y) for y in Y]")
    expect_close(got, reference(Y, Ws, H), rtol=0, atol=1e-9, input="attn.reset(); steps over a new sequence")
