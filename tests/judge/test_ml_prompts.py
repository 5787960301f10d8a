"""The ML-coding prompts, judged through judge() with the sandbox, as a user's code is: every
reference passes (warm and, for the five seed prompts, cold), every starter fails, every mutant
fails because a test caught it (a wrong answer or an error, never the clock), a correct solution
written differently passes, and a missing torch gives a verdict that says how to install it."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from mockloop.judge import sandbox
from mockloop.judge.judge import judge, load_tests
from mockloop.settings import BUNDLED_PACK

IN_CI = os.environ.get("CI", "").lower() == "true"
ML = BUNDLED_PACK / "prompts" / "ml-coding"
ALTERNATIVES = Path(__file__).parent / "alternatives"
SEED_ML_PROMPTS = [
    "multi-head-attention", "bpe-tokenizer", "top-k-top-p-sampling", "k-means",
    "speculative-decoding",
]  # fmt: skip
RUNNABLE = sorted(path.parent for path in ML.glob("*/tests.py"))
MUTANTS = [
    (folder, mutant) for folder in RUNNABLE for mutant in sorted(folder.glob("mutants/*.py"))
]

# The bugs the contract lists for the five seed prompts, each a mutant (more may exist).
REQUIRED_MUTANTS = {
    "multi-head-attention": [
        "no-scaling", "scaled-by-d-model", "mask-after-softmax",
        "causal-mask-on-the-wrong-triangle", "heads-split-with-the-wrong-view",
        "heads-merged-without-transpose", "pad-mask-ignored", "pad-mask-on-queries",
        "no-output-projection",
    ],
    "bpe-tokenizer": [
        "merges-applied-by-frequency", "merges-applied-left-to-right", "decode-per-token",
        "unseen-bytes-crash", "one-merge-too-many", "one-merge-too-few",
        "overlapping-pairs-counted-once",
    ],
    "top-k-top-p-sampling": [
        "no-max-subtraction", "top-p-drops-the-crossing-token", "top-p-keeps-one-too-many",
        "temperature-zero-divides-by-zero", "top-p-before-top-k", "no-renormalisation",
    ],
    "k-means": [
        "init-uniform", "init-proportional-to-distance", "empty-cluster-gives-nan",
        "labels-before-the-last-update", "median-update", "mean-over-the-wrong-axis",
        "stops-after-one-iteration",
    ],
    "speculative-decoding": [
        "inverted-acceptance-ratio", "residual-from-the-target", "no-bonus-token",
        "target-called-per-token", "returns-too-many-tokens", "returns-too-few-tokens",
    ],
}  # fmt: skip


def label(value: object) -> str:
    if isinstance(value, Path):
        return value.stem if value.parent.name in ("mutants", "alternatives") else value.name
    return str(value)


def require_packages(folder: Path) -> None:
    """Skip a prompt whose packages are missing here; on CI, fail instead."""
    missing = sandbox.missing_packages(load_tests(folder).packages)
    if missing:
        message = f"{folder.name} needs {', '.join(missing)}: pip install 'mockloop[ml]'"
        if IN_CI:
            pytest.fail(f"required on CI: {message}")
        pytest.skip(message)


def test_the_five_seed_ml_prompts_are_runnable_with_every_contract_bug_as_a_mutant() -> None:
    runnable = {folder.name for folder in RUNNABLE}
    assert set(SEED_ML_PROMPTS) <= runnable
    for slug, bugs in REQUIRED_MUTANTS.items():
        present = {path.stem for path in (ML / slug / "mutants").glob("*.py")}
        assert set(bugs) <= present, f"{slug} lacks mutants {set(bugs) - present}"
    for folder in RUNNABLE:
        for name in ("starter.py", "tests.py", "solution.py"):
            assert (folder / name).is_file(), f"{folder.name} has no {name}"
        assert len(list(folder.glob("mutants/*.py"))) >= 3, f"{folder.name} has too few mutants"


def test_torch_is_installed_on_ci() -> None:
    if importlib.util.find_spec("torch") is None:
        if IN_CI:
            pytest.fail("torch is required on CI (pip install torch==2.13.0)")
        pytest.skip("torch is not installed: pip install 'mockloop[ml]'")


@pytest.mark.parametrize("folder", RUNNABLE, ids=label)
def test_the_reference_passes_in_a_warm_run(folder: Path) -> None:
    require_packages(folder)
    verdict = judge(folder, (folder / "solution.py").read_text(), warm=True)
    failures = [(test.name, test.message) for test in verdict.tests if not test.passed]
    assert verdict.passed, f"{verdict.status}: {verdict.message}\n{failures}"
    assert verdict.sandbox == "bubblewrap"


@pytest.mark.parametrize("slug", SEED_ML_PROMPTS)
def test_the_reference_passes_in_a_cold_run(slug: str) -> None:
    folder = ML / slug
    require_packages(folder)
    verdict = judge(folder, (folder / "solution.py").read_text(), warm=False)
    failures = [(test.name, test.message) for test in verdict.tests if not test.passed]
    assert verdict.passed, f"{verdict.status}: {verdict.message}\n{failures}"


@pytest.mark.parametrize("alternative", sorted(ALTERNATIVES.glob("*.py")), ids=label)
def test_a_correct_solution_written_differently_passes(alternative: Path) -> None:
    """Tests rely on the contract only: another correct solution, using the random generator
    differently, passes too."""
    folder = ML / alternative.stem
    require_packages(folder)
    verdict = judge(folder, alternative.read_text(), warm=True)
    failures = [(test.name, test.message) for test in verdict.tests if not test.passed]
    assert verdict.passed, f"{verdict.status}: {verdict.message}\n{failures}"


@pytest.mark.parametrize(("folder", "mutant"), MUTANTS, ids=label)
def test_every_mutant_is_caught_by_a_test(folder: Path, mutant: Path) -> None:
    require_packages(folder)
    code = mutant.read_text()
    # A mutant whose bug is its complexity ("too slow" in its docstring) is caught by the clock
    # of the test that runs a large input; every other one by a check or an error it raises.
    slow = "too slow" in code.split('"""')[1]
    limits = load_tests(folder).limits
    if slow:
        limits = limits.replace(test_seconds=min(limits.test_seconds, 5.0))
    verdict = judge(folder, code, limits=limits, warm=True)
    assert not verdict.passed, f"{mutant.name} passed every test of {folder.name}"
    caught_by = ("failed", "runtime-error", "time-limit") if slow else ("failed", "runtime-error")
    assert verdict.status in caught_by, verdict.message
    caught = [test for test in verdict.tests if test.status in caught_by]
    assert caught, verdict.message


def test_a_tensor_failure_says_what_differs() -> None:
    folder = ML / "multi-head-attention"
    require_packages(folder)
    verdict = judge(folder, (folder / "mutants" / "no-scaling.py").read_text(), warm=True)
    first = verdict.tests[0]
    assert first.name == "test_matches_a_reference_built_from_its_own_weights"
    assert first.status == "failed"
    assert first.message.startswith("the output differs: abs error ")
    assert "tolerance atol 1e-05 + rtol 1.3e-06 * |expected|" in first.message
    nan = judge(folder, (folder / "mutants" / "pad-mask-on-queries.py").read_text(), warm=True)
    hidden = next(t for t in nan.tests if t.name == "test_padding_masks_keys_with_the_causal_mask")
    assert hidden.hidden and "wrong answer: the output is nan at index (1, 5, 0)" in hidden.message


def test_a_statistical_failure_says_what_was_expected_and_what_was_drawn() -> None:
    folder = ML / "top-k-top-p-sampling"
    keeps_more = (folder / "mutants" / "top-p-keeps-one-too-many.py").read_text()
    verdict = judge(folder, keeps_more, warm=True)
    first = verdict.tests[0]
    assert first.status == "failed"
    assert first.message.startswith("drew a token of probability 0: token 0 ")
    drops = (folder / "mutants" / "top-p-drops-the-crossing-token.py").read_text()
    verdict = judge(folder, drops, warm=True)
    message = verdict.tests[0].message
    assert "the draws do not follow the expected distribution (chi-square" in message
    assert "token 3 expected 16.3%, drawn 0.0%" in message


def test_the_stability_test_names_the_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = ML / "top-k-top-p-sampling"
    code = (folder / "mutants" / "no-max-subtraction.py").read_text()
    verdict = judge(folder, code, warm=True)
    stability = next(
        t for t in verdict.tests if t.name == "test_logits_around_1e4_are_sampled_stably"
    )
    assert stability.status == "runtime-error" and not stability.hidden
    assert "ValueError: Probabilities contain NaN" in stability.message
    assert "overflow encountered in exp" in (stability.output or "")


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
def test_without_torch_a_torch_prompt_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, warm: bool
) -> None:
    monkeypatch.setenv(sandbox.HIDE_PACKAGES_ENV, "torch")
    folder = ML / "multi-head-attention"
    verdict = judge(folder, (folder / "solution.py").read_text(), warm=warm)
    assert verdict.status == "error" and not verdict.passed
    assert verdict.message == (
        "this prompt needs torch, which is not installed here; "
        "install it with: pip install 'mockloop[ml]'"
    )
    assert all(test.status == "not-run" for test in verdict.tests)
    assert all(test.message == "not run: torch is not installed" for test in verdict.tests)
    assert "Traceback" not in str(verdict.model_dump())
    # numpy prompts are not affected
    other = ML / "k-means"
    assert judge(other, (other / "solution.py").read_text(), warm=warm).passed
