"""Tests for flash-attention-tiling: naive_attention(q, k, v, causal) and flash_attention(q, k, v,
block_q, block_k, causal, return_lse).

Both are compared at rtol = atol = 1e-10 with attention computed here independently (the full
score matrix, float64), for random shapes, block sizes from 1 to larger than N, causal and not,
and scores of magnitude up to 1e4; peak memory is measured with tracemalloc for N = M = 2048.
"""

import tracemalloc

import numpy as np

from harness import Mismatch, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 20, "wall_seconds": 120, "cpu_seconds": 60}


def reference(q, k, v, causal=False):
    s = q @ k.T / np.sqrt(q.shape[1])
    if causal:
        s = np.where(np.tril(np.ones(s.shape, dtype=bool)), s, -np.inf)
    m = s.max(1, keepdims=True)
    p = np.exp(s - m)
    lse = m[:, 0] + np.log(p.sum(1))
    return p @ v / p.sum(1, keepdims=True), lse


def inputs(N, M, d, d_v, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(N, d)) * scale, rng.normal(size=(M, d)) * scale, rng.normal(size=(M, d_v))


def flash(solution, q, k, v, text, **kwargs):
    copies = (q.copy(), k.copy(), v.copy())
    given(text)
    result = solution.flash_attention(q, k, v, **kwargs)
    if not all(np.array_equal(a, b) for a, b in zip((q, k, v), copies)):
        raise Mismatch("modified inputs", "inputs unchanged", text, "flash_attention modified its inputs")
    return result


def check(solution, N, M, d, d_v, block_q, block_k, causal, seed, scale=1.0):
    q, k, v = inputs(N, M, d, d_v, seed, scale)
    want, want_lse = reference(q, k, v, causal)
    text = f"flash_attention(q {(N, d)}, k {(M, d)}, v {(M, d_v)}, block_q={block_q}, block_k={block_k}, causal={causal}, return_lse=True)"
    result = flash(solution, q, k, v, text, block_q=block_q, block_k=block_k, causal=causal, return_lse=True)
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mismatch(result, "(out, lse)", text, "with return_lse=True flash_attention should return (out, lse)")
    out, lse = result
    expect_close(out, want, rtol=1e-10, atol=1e-10, input=text, name="out")
    expect_close(lse, want_lse, rtol=1e-10, atol=1e-10, input=text, name="lse")
    plain = flash(solution, q, k, v, text.replace(", return_lse=True", ""), block_q=block_q, block_k=block_k, causal=causal)
    expect_close(plain, want, rtol=1e-10, atol=1e-10, input=text.replace(", return_lse=True", ""), name="out")


@visible
def test_the_example_from_the_statement(solution):
    """300 x 64 queries and keys, blocks 64 x 48: equal to full attention; causal row 0 is v[0]."""
    check(solution, 300, 300, 64, 32, 64, 48, False, seed=0)
    q, k, v = inputs(300, 300, 64, 32, 0)
    out, lse = flash(solution, q, k, v, "flash_attention(q, k, v, causal=True, return_lse=True)", causal=True, return_lse=True)
    expect_close(out[0], v[0], rtol=1e-10, atol=1e-10, input="flash_attention(q, k, v, causal=True)[0]", name="out[0]")
    # One query, scores [1, 3 | 2, 5] in two key tiles, values [10, 20 | 30, 40].
    q1 = np.array([[1.0]])
    k1 = np.array([[1.0], [3.0], [2.0], [5.0]])
    v1 = np.array([[10.0], [20.0], [30.0], [40.0]])
    text = "flash_attention([[1]], [[1], [3], [2], [5]], [[10], [20], [30], [40]], block_k=2, return_lse=True)"
    out, lse = flash(solution, q1, k1, v1, text, block_k=2, return_lse=True)
    want, want_lse = reference(q1, k1, v1)  # 36.8806 and 5.18518
    expect_close(out, want, rtol=1e-10, atol=1e-10, input=text, name="out")
    expect_close(lse, want_lse, rtol=1e-10, atol=1e-10, input=text, name="lse")


@visible
def test_naive_attention_is_the_full_matrix_version(solution):
    """naive_attention equals attention computed here, causal and not."""
    for causal in (False, True):
        q, k, v = inputs(17, 17, 8, 5, 1)
        text = f"naive_attention(q (17, 8), k (17, 8), v (17, 5), causal={causal})"
        given(text)
        expect_close(solution.naive_attention(q, k, v, causal=causal), reference(q, k, v, causal)[0], rtol=1e-10, atol=1e-10, input=text)


def test_block_sizes_from_one_to_larger_than_n(solution):
    """Results do not depend on the blocks: 1, ragged tiles, one tile, blocks larger than N or M."""
    for block_q, block_k in ((1, 1), (7, 5), (64, 64), (100, 3), (3, 100), (500, 500)):
        check(solution, 37, 53, 16, 12, block_q, block_k, False, seed=block_q * 7 + block_k)


def test_causal_with_ragged_tiles(solution):
    """Causal attention with tiles that straddle the diagonal at every offset."""
    for block_q, block_k in ((1, 1), (5, 3), (3, 5), (16, 16), (7, 64), (64, 7)):
        check(solution, 41, 41, 8, 6, block_q, block_k, True, seed=100 + block_q + block_k)


def test_scores_of_magnitude_1e4_do_not_overflow(solution):
    """q and k scaled so scores reach about 1e4: no overflow, no nan, still exact."""
    check(solution, 33, 29, 16, 8, 8, 6, False, seed=3, scale=40.0)
    check(solution, 33, 33, 16, 8, 5, 9, True, seed=4, scale=40.0)


def test_single_rows_and_columns(solution):
    """N = 1, M = 1, d = 1 and d_v = 1 are all allowed."""
    check(solution, 1, 9, 4, 3, 4, 4, False, seed=5)
    check(solution, 6, 1, 4, 3, 4, 4, False, seed=6)
    check(solution, 1, 1, 1, 1, 1, 1, True, seed=7)


def test_bad_arguments_raise(solution):
    """block sizes below 1, causal with N != M, and mismatched shapes raise ValueError."""
    q, k, v = inputs(4, 5, 3, 2, 8)
    cases = [
        ("block_q=0", lambda: solution.flash_attention(q, k, v, block_q=0)),
        ("block_k=0", lambda: solution.flash_attention(q, k, v, block_k=0)),
        ("causal with N=4, M=5", lambda: solution.flash_attention(q, k, v, causal=True)),
        ("k with d=2", lambda: solution.flash_attention(q, k[:, :2], v)),
        ("v with M=4", lambda: solution.flash_attention(q, k, v[:4])),
    ]
    for what, call in cases:
        given(f"flash_attention(...) with {what}")
        expect_raises(ValueError, call, input=f"flash_attention(...) with {what}")


def test_peak_memory_stays_under_8_mib(solution):
    """N = M = 2048, d = d_v = 32, blocks of 128: peak traced memory below 8 MiB (one score matrix is 32 MiB)."""
    q, k, v = inputs(2048, 2048, 32, 32, 9)
    text = "flash_attention(q, k, v, block_q=128, block_k=128) with N = M = 2048, d = d_v = 32, under tracemalloc"
    given(text)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        out = solution.flash_attention(q, k, v, block_q=128, block_k=128)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    if peak >= 8 * 1024 * 1024:
        raise Mismatch(f"{peak / 2**20:.1f} MiB", "under 8 MiB", text, f"peak traced memory was {peak / 2**20:.1f} MiB, over 8 MiB")
    expect_close(out[:64], reference(q[:64], k, v)[0], rtol=1e-10, atol=1e-10, input=text, name="the first 64 rows of out")
