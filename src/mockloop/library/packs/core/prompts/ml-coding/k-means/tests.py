"""Tests for k-means: init_centroids(X, k, rng) (k-means++) and kmeans(X, k, max_iter, tol, rng).

k-means++ is checked on the distribution of the chosen points over many seeded calls against the
exact probabilities (enumerated here), with a chi-square test whose false-failure rate is below
1e-9; a point of probability zero (one already chosen) must never be drawn. kmeans is checked
with init_centroids replaced by a fixed start (the contract lets tests do that), against plain
Lloyd iterations computed here, and on its own with properties that any correct run has: labels
are the nearest centroids, centroids are the means of their points, nothing is nan.
"""

import itertools
from contextlib import contextmanager

import numpy as np

from harness import Mismatch, expect_close, expect_distribution, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 90, "cpu_seconds": 60}


def exact_init(X, k):
    """{tuple of chosen points (as coordinate tuples): probability} for k-means++ on X."""
    n = len(X)
    out = {}
    for order in itertools.permutations(range(n), k):
        p = 1.0 / n
        chosen = [order[0]]
        for j in order[1:]:
            d2 = np.array([min(((X[i] - X[c]) ** 2).sum() for c in chosen) for i in range(n)])
            total = d2.sum()
            p *= d2[j] / total if total > 0 else 0.0
            chosen.append(j)
        if p > 0:
            key = tuple(tuple(float(v) for v in X[i]) for i in order)
            out[key] = out.get(key, 0.0) + p
    return out


def init_draws(solution, X, k, n, seed):
    rng = np.random.default_rng(seed)
    call = f"X = np.array({X.tolist()}); init_centroids(X, {k}, rng)"
    given(f"rng = np.random.default_rng({seed}); {n} x {call}")
    points = {tuple(float(v) for v in row) for row in X}
    counts = {}
    for _ in range(n):
        C = solution.init_centroids(X.copy(), k, rng)
        if not isinstance(C, np.ndarray) or C.shape != (k, X.shape[1]):
            shape = getattr(C, "shape", None)
            raise Mismatch(C, f"an array of shape {(k, X.shape[1])}", call, f"init_centroids returned shape {shape}, expected {(k, X.shape[1])}")
        key = tuple(tuple(float(v) for v in row) for row in C)
        if any(row not in points for row in key):
            raise Mismatch(C, "rows that are points of X", call, "init_centroids returned a row that is not a point of X")
        counts[key] = counts.get(key, 0) + 1
    return counts, call


def check_init(solution, X, k, n, seed):
    X = np.asarray(X, dtype=np.float64)
    counts, call = init_draws(solution, X, k, n, seed)
    expect_distribution(counts, exact_init(X, k), input=f"{n} calls of {call}", name="choice of centroids")


def lloyd(X, C, max_iter=100, tol=1e-6):
    """Plain Lloyd iterations from C (tests only use starts that never empty a cluster)."""
    C = C.astype(np.float64)
    labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
    for _ in range(max_iter):
        new = np.array([X[labels == j].mean(0) for j in range(len(C))])
        shift = np.sqrt(((new - C) ** 2).sum(1)).max()
        C = new
        new_labels = ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1)
        done = np.array_equal(new_labels, labels) or shift <= tol
        labels = new_labels
        if done:
            break
    return C, labels


def blobs(seed, centers, sizes, spread=1.0):
    rng = np.random.default_rng(seed)
    return np.vstack([np.asarray(c, float) + spread * rng.normal(size=(m, len(c))) for c, m in zip(centers, sizes)])


def run_kmeans(solution, X, k, call, **kwargs):
    given(call)
    result = solution.kmeans(X.copy(), k, **kwargs)
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mismatch(result, "(centroids, labels)", call, "kmeans should return a tuple (centroids, labels)")
    C, labels = result
    if not isinstance(C, np.ndarray) or C.shape != (k, X.shape[1]):
        raise Mismatch(C, f"shape {(k, X.shape[1])}", call, f"centroids have shape {getattr(C, 'shape', None)}, expected {(k, X.shape[1])}")
    if not isinstance(labels, np.ndarray) or labels.shape != (len(X),) or labels.dtype.kind not in "iu":
        raise Mismatch(labels, f"an integer array of shape ({len(X)},)", call,
                       f"labels should be an integer array of shape ({len(X)},), not {getattr(labels, 'dtype', type(labels).__name__)} {getattr(labels, 'shape', '')}")
    if np.isnan(C).any():
        row = int(np.argwhere(np.isnan(C))[0][0])
        raise Mismatch(C, "finite centroids", call, f"centroid {row} is nan")
    if labels.min() < 0 or labels.max() >= k:
        raise Mismatch(labels, f"labels in 0..{k - 1}", call, f"labels should be in 0..{k - 1}")
    return C, labels


def check_nearest(X, C, labels, call):
    d = ((X[:, None] - C[None]) ** 2).sum(-1)
    best = d.min(1)
    own = d[np.arange(len(X)), labels]
    wrong = np.flatnonzero(own > best + 1e-9 * (1 + best))
    if wrong.size:
        raise Mismatch(labels, "nearest-centroid labels", call,
                       f"{wrong.size} of {len(X)} labels are not the nearest centroid (first: point {int(wrong[0])})")


def check_means(X, C, labels, call, atol=1e-5):
    for j in range(len(C)):
        members = X[labels == j]
        if len(members):
            expect_close(C[j], members.mean(0), atol=atol, rtol=1e-7, input=call, name=f"centroid {j} (the mean of its points)")


@visible
def test_init_example_from_the_statement(solution):
    """X = [[0], [1], [3]], k = 2: first uniform, then 1.0 w.p. 1/10 and 3.0 w.p. 9/10 after 0.0."""
    check_init(solution, [[0.0], [1.0], [3.0]], 2, 3000, seed=1)


def test_init_on_points_in_the_plane(solution):
    """k-means++ with k = 3 on six points in 2-D: every ordered choice in its D^2 proportion."""
    X = [[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [5.0, 5.0], [6.0, 5.0], [10.0, 0.0]]
    check_init(solution, X, 3, 5000, seed=2)


def test_init_never_picks_a_point_already_chosen(solution):
    """A duplicate of a chosen point has distance 0: it is never drawn again."""
    X = [[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [4.0, 3.0], [0.0, 0.0]]
    check_init(solution, X, 3, 4000, seed=3)


@visible
def test_three_blobs(solution):
    """Three blobs of 200 points: centroids near the blob centres, labels nearest, centroids means."""
    X = blobs(0, [(0, 0), (8, 0), (0, 8)], [200, 200, 200])
    call = "X = three blobs around (0, 0), (8, 0), (0, 8); kmeans(X, 3, rng=np.random.default_rng(1))"
    C, labels = run_kmeans(solution, X, 3, call, rng=np.random.default_rng(1))
    check_nearest(X, C, labels, call)
    check_means(X, C, labels, call)
    for center in [(0, 0), (8, 0), (0, 8)]:
        distance = np.sqrt(((C - np.array(center)) ** 2).sum(1)).min()
        if distance > 0.5:
            raise Mismatch(C, "a centroid near each blob centre", call, f"no centroid within 0.5 of the blob centre {center}")


@contextmanager
def init_replaced(solution, function):
    """The module's init_centroids replaced by `function` for the duration (then restored)."""
    original = solution.init_centroids
    solution.init_centroids = function
    try:
        yield
    finally:
        solution.init_centroids = original


def start_at(solution, start):
    """init_centroids replaced by one that returns a fixed start."""
    start = np.asarray(start, dtype=np.float64)
    return init_replaced(solution, lambda X, k, rng: start.copy())


def test_from_a_given_start_it_converges_as_lloyd_does(solution):
    """From a fixed start (init_centroids replaced), the centroids Lloyd's iterations converge to."""
    X = blobs(4, [(0, 0), (6, 1), (2, 7), (9, 8)], [60, 80, 50, 70], spread=1.3)
    start = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    call = "kmeans(X, 4, rng=rng) with init_centroids returning [[0, 0], [1, 0], [0, 1], [1, 1]]"
    with start_at(solution, start):
        C, labels = run_kmeans(solution, X, 4, call, rng=np.random.default_rng(5))
    want, want_labels = lloyd(X, start)
    expect_close(C, want, atol=1e-5, rtol=1e-7, input=call, name="the centroids")
    check_nearest(X, C, labels, call)


def test_the_update_is_the_mean_of_the_cluster(solution):
    """The update moves each centroid to the mean (not the median) of its points, per coordinate."""
    rng = np.random.default_rng(6)
    X = np.vstack([rng.exponential(1.0, size=(80, 3)), 10 + rng.exponential(2.0, size=(60, 3))])
    start = np.array([X[0], X[100]])
    call = "kmeans(X, 2, max_iter=1) on skewed clusters, from a fixed start"
    with start_at(solution, start):
        C, labels = run_kmeans(solution, X, 2, call, max_iter=1, rng=np.random.default_rng(7))
    want, _ = lloyd(X, start, max_iter=1)
    expect_close(C, want, atol=1e-9, rtol=1e-9, input=call, name="the centroids after one iteration")


def test_labels_are_the_nearest_centroid_on_return(solution):
    """Stopped early by max_iter, the labels still say which returned centroid is nearest."""
    X = blobs(8, [(0, 0), (5, 0), (0, 5)], [70, 70, 70], spread=1.5)
    for max_iter in (1, 2, 3):
        call = f"kmeans(X, 3, max_iter={max_iter}) from a fixed start"
        with start_at(solution, [[-1.0, -1.0], [-0.5, -1.0], [-1.0, -0.5]]):
            C, labels = run_kmeans(solution, X, 3, call, max_iter=max_iter, rng=np.random.default_rng(9))
        check_nearest(X, C, labels, call)


def test_it_does_not_stop_after_one_iteration(solution):
    """Lloyd's iterations go on until the assignments settle, not a fixed single pass."""
    X = blobs(10, [(0, 0), (10, 0)], [100, 100], spread=1.0)
    start = np.array([[4.0, 3.0], [4.5, 3.0]])
    call = "kmeans(X, 2) from a start between two blobs"
    with start_at(solution, start):
        C, labels = run_kmeans(solution, X, 2, call, rng=np.random.default_rng(11))
    want, _ = lloyd(X, start)
    expect_close(C, want, atol=1e-5, rtol=1e-7, input=call, name="the centroids")
    check_means(X, C, labels, call)


def test_tol_stops_when_no_centroid_moves_more_than_it(solution):
    """With a large tol, the first update that moves no centroid farther than tol is the last."""
    X = blobs(12, [(0, 0), (4, 0), (10, 0)], [100, 100, 100], spread=1.0)
    start = np.array([[0.0, 0.0], [1.0, 0.0]])
    call = "kmeans(X, 2, tol=20.0) on three blobs in a row, from [[0, 0], [1, 0]]"
    with start_at(solution, start):
        C, labels = run_kmeans(solution, X, 2, call, tol=20.0, rng=np.random.default_rng(13))
    want, _ = lloyd(X, start, max_iter=1)
    assert not np.allclose(lloyd(X, start, max_iter=2)[0], want), "the start converges too soon"
    expect_close(C, want, atol=1e-9, rtol=1e-9, input=call, name="the centroids after the first update")
    check_nearest(X, C, labels, call)


def test_an_empty_cluster_is_reseeded_never_nan(solution):
    """A start with a centroid far from every point empties its cluster: re-seeded, never nan."""
    X = blobs(14, [(0, 0), (8, 0)], [100, 100], spread=1.0)
    call = "kmeans(X, 3) with init_centroids returning [[0, 0], [8, 0], [100, 100]]"
    with start_at(solution, [[0.0, 0.0], [8.0, 0.0], [100.0, 100.0]]):
        C, labels = run_kmeans(solution, X, 3, call, rng=np.random.default_rng(15))
    check_nearest(X, C, labels, call)
    if not np.isfinite(C).all():
        raise Mismatch(C, "finite centroids", call, "a centroid is not finite")


def test_the_module_level_init_is_looked_up_at_call_time(solution):
    """kmeans calls the module's init_centroids as it is when kmeans runs (tests replace it)."""
    X = np.array([[0.0], [0.2], [10.0], [10.2], [20.0], [20.2]])
    calls = []

    def fixed(X_, k, rng):
        calls.append(k)
        return np.array([[0.0], [10.0], [20.0]])

    call = "kmeans(X, 3) with init_centroids replaced"
    with init_replaced(solution, fixed):
        C, labels = run_kmeans(solution, X, 3, call, rng=np.random.default_rng(16))
    if calls != [3]:
        raise Mismatch(calls, [3], call, f"the replaced init_centroids was called {len(calls)} times, expected once")
    expect_close(C, np.array([[0.1], [10.1], [20.1]]), atol=1e-9, rtol=1e-9, input=call, name="the centroids")


def test_without_a_generator(solution):
    """rng=None: kmeans makes its own generator and still returns a valid clustering."""
    X = blobs(17, [(0, 0), (8, 8)], [50, 50], spread=0.5)
    call = "kmeans(X, 2)"
    C, labels = run_kmeans(solution, X, 2, call)
    check_nearest(X, C, labels, call)
