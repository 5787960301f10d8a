"""Tests for viterbi-decoding: viterbi(log_pi, log_A, log_B, obs) -> (path, score) and
forward_log_likelihood(log_pi, log_A, log_B, obs).

Small models (S <= 3, T <= 6, with and without -inf entries, asymmetric transitions) are checked
against brute-force enumeration of all S^T paths to 1e-9: the returned path's own log
probability must be the maximum (ties may return any best path) and the score must equal it;
the likelihood must equal the log of the sum. T = 2,000 checks that nothing underflows.
"""

import itertools

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def path_log_prob(log_pi, log_A, log_B, obs, path):
    total = log_pi[path[0]] + log_B[path[0], obs[0]]
    for t in range(1, len(obs)):
        total += log_A[path[t - 1], path[t]] + log_B[path[t], obs[t]]
    return total


def brute(log_pi, log_A, log_B, obs):
    S = len(log_pi)
    scores = [path_log_prob(log_pi, log_A, log_B, obs, p) for p in itertools.product(range(S), repeat=len(obs))]
    best = max(scores)
    finite = [s for s in scores if s > -np.inf]
    total = -np.inf if not finite else max(finite) + np.log(sum(np.exp(s - max(finite)) for s in finite))
    return best, total


def model(S, V, seed, zeros=0.0):
    rng = np.random.default_rng(seed)

    def rows(n, m):
        p = rng.dirichlet(np.ones(m) * 0.7, size=n)
        p[rng.random(p.shape) < zeros] = 0.0
        p[p.sum(1) == 0, 0] = 1.0
        with np.errstate(divide="ignore"):
            return np.log(p / p.sum(1, keepdims=True))

    return rows(1, S)[0], rows(S, S), rows(S, V)


def decode(solution, log_pi, log_A, log_B, obs, text):
    given(text)
    result = solution.viterbi(log_pi, log_A, log_B, list(obs))
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mismatch(result, "(path, score)", text, "viterbi should return (path, score)")
    path, score = result
    if type(path) is not list or len(path) != len(obs) or any(type(s) is not int for s in path):
        raise Mismatch(path, f"a list of {len(obs)} Python ints", text, f"the path should be a list of {len(obs)} Python ints")
    if any(not 0 <= s < len(log_pi) for s in path):
        raise Mismatch(path, "states in range", text, "the path has a state out of range")
    return path, score


def check(solution, log_pi, log_A, log_B, obs, text):
    best, total = brute(log_pi, log_A, log_B, obs)
    if best > -np.inf:
        path, score = decode(solution, log_pi, log_A, log_B, obs, text)
        own = path_log_prob(log_pi, log_A, log_B, obs, path)
        if not abs(own - best) <= 1e-9:
            raise Mismatch(path, "a most likely path", text, f"the path's own log probability is {own:.6g}, the maximum is {best:.6g}")
        expect_close(float(score), float(best), rtol=0, atol=1e-9, input=text, name="the score")
    given(text.replace("viterbi", "forward_log_likelihood"))
    got = solution.forward_log_likelihood(log_pi, log_A, log_B, list(obs))
    expect_close(float(got) if isinstance(got, np.floating) else got, float(total), rtol=0, atol=1e-9,
                 input=text.replace("viterbi", "forward_log_likelihood"), name="the log likelihood")


@visible
def test_the_healthy_or_fever_example(solution):
    """The statement's model: path [0, 0, 1] with log 0.01512 = -4.1917; likelihood log 0.03628."""
    log_pi = np.log([0.6, 0.4])
    log_A = np.log([[0.7, 0.3], [0.4, 0.6]])
    log_B = np.log([[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]])
    text = "viterbi(log_pi, log_A, log_B, [0, 1, 2]) for the healthy-or-fever model"
    path, score = decode(solution, log_pi, log_A, log_B, [0, 1, 2], text)
    expect(path, [0, 0, 1], input=text + "[0]")
    expect_close(float(score), float(np.log(0.01512)), rtol=0, atol=1e-9, input=text + "[1]", name="the score")
    given("forward_log_likelihood(log_pi, log_A, log_B, [0, 1, 2])")
    total = brute(log_pi, log_A, log_B, [0, 1, 2])[1]  # log 0.036276
    expect_close(float(solution.forward_log_likelihood(log_pi, log_A, log_B, [0, 1, 2])), float(total),
                 rtol=0, atol=1e-9, input="forward_log_likelihood(log_pi, log_A, log_B, [0, 1, 2])", name="the log likelihood")


@visible
def test_against_every_path_on_small_models(solution):
    """Random models, S <= 3, T <= 6: the best path and the total probability, by enumeration."""
    rng = np.random.default_rng(1)
    for trial in range(12):
        S, V, T = int(rng.integers(1, 4)), int(rng.integers(2, 5)), int(rng.integers(1, 7))
        log_pi, log_A, log_B = model(S, V, seed=100 + trial)
        obs = rng.integers(0, V, size=T).tolist()
        check(solution, log_pi, log_A, log_B, obs, f"viterbi(random model S={S}, V={V}, obs={obs})")


def test_forbidden_transitions_and_emissions(solution):
    """Models with -inf entries: impossible steps are never taken and never poison the sums."""
    rng = np.random.default_rng(2)
    for trial in range(15):
        S, V, T = int(rng.integers(2, 4)), int(rng.integers(2, 4)), int(rng.integers(1, 7))
        log_pi, log_A, log_B = model(S, V, seed=200 + trial, zeros=0.35)
        obs = rng.integers(0, V, size=T).tolist()
        check(solution, log_pi, log_A, log_B, obs, f"viterbi(model with -inf entries, S={S}, obs={obs})")


def test_an_impossible_sequence(solution):
    """Every path has probability 0: viterbi raises ValueError, the likelihood is -inf (not nan)."""
    with np.errstate(divide="ignore"):
        log_pi = np.log([1.0, 0.0])
        log_A = np.log([[1.0, 0.0], [0.0, 1.0]])
        log_B = np.log([[1.0, 0.0], [0.0, 1.0]])
    text = "viterbi(log_pi, log_A, log_B, [0, 1]) where symbol 1 can never be emitted"
    given(text)
    expect_raises(ValueError, lambda: solution.viterbi(log_pi, log_A, log_B, [0, 1]), input=text)
    given("forward_log_likelihood(..., [0, 1])")
    got = solution.forward_log_likelihood(log_pi, log_A, log_B, [0, 1])
    if not (got == -np.inf):
        raise Mismatch(got, float("-inf"), "forward_log_likelihood(..., [0, 1])", f"the likelihood should be -inf, got {got}")


def test_two_thousand_steps_do_not_underflow(solution):
    """T = 2,000: probabilities far below the smallest float64, handled in log space."""
    log_pi, log_A, log_B = model(3, 4, seed=3)
    obs = np.random.default_rng(4).integers(0, 4, size=2000).tolist()
    text = "viterbi(random 3-state model, 2,000 observations)"
    path, score = decode(solution, log_pi, log_A, log_B, obs, text)
    # references here: the same recurrences, written plainly in log space
    delta = log_pi + log_B[:, obs[0]]
    alpha = delta.copy()
    for o in obs[1:]:
        delta = (delta[:, None] + log_A).max(0) + log_B[:, o]
        m = alpha.max()
        alpha = m + np.log(np.exp(alpha - m) @ np.exp(log_A)) + log_B[:, o]
    expect_close(float(score), float(delta.max()), rtol=1e-12, atol=1e-9, input=text, name="the score")
    own = path_log_prob(log_pi, log_A, log_B, obs, path)
    expect_close(float(own), float(delta.max()), rtol=1e-12, atol=1e-9, input=text, name="the path's own log probability")
    m = alpha.max()
    given(text.replace("viterbi", "forward_log_likelihood"))
    got = solution.forward_log_likelihood(log_pi, log_A, log_B, obs)
    expect_close(float(got), float(m + np.log(np.exp(alpha - m).sum())), rtol=1e-12, atol=1e-9, input=text.replace("viterbi", "forward_log_likelihood"), name="the log likelihood")


def test_one_step_and_one_state(solution):
    """T = 1 (the best single state) and S = 1 (the only path)."""
    log_pi, log_A, log_B = model(3, 3, seed=5)
    check(solution, log_pi, log_A, log_B, [2], "viterbi(3-state model, obs=[2])")
    log_pi, log_A, log_B = model(1, 3, seed=6)
    check(solution, log_pi, log_A, log_B, [0, 2, 1, 1], "viterbi(1-state model, obs=[0, 2, 1, 1])")


def test_bad_inputs_raise(solution):
    """Empty obs, a symbol out of range, or inconsistent shapes raise ValueError."""
    log_pi, log_A, log_B = model(2, 3, seed=7)
    cases = [
        ("obs=[]", (log_pi, log_A, log_B, [])),
        ("obs=[0, 3]", (log_pi, log_A, log_B, [0, 3])),
        ("obs=[-1]", (log_pi, log_A, log_B, [-1])),
        ("log_A of shape (3, 3)", (log_pi, np.zeros((3, 3)), log_B, [0])),
        ("log_B of shape (3, 3)", (log_pi, log_A, np.zeros((3, 3)), [0])),
    ]
    for what, args in cases:
        for name in ("viterbi", "forward_log_likelihood"):
            text = f"{name}(...) with {what}"
            given(text)
            expect_raises(ValueError, lambda name=name, args=args: getattr(solution, name)(*args), input=text)
