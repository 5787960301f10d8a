"""Every runnable prompt's reference solution passes and every known-wrong mutant fails, judged
through the same path as a user's submission: judge(), the harness, the sandbox."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mockloop.judge import sandbox
from mockloop.judge.judge import judge, load_tests
from mockloop.settings import BUNDLED_PACK

SEED_CODING_PROMPTS = [
    "lru-cache", "top-k-frequent", "time-based-kv-store", "spreadsheet-api", "web-crawler",
]  # fmt: skip
RUNNABLE = sorted(path.parent for path in (BUNDLED_PACK / "prompts").glob("*/*/tests.py"))
# The ML-coding prompts' mutants run in test_ml_prompts.py, with their own (longer) limits and a
# stricter check: caught by a test, never by the clock.
MUTANTS = [
    (folder, mutant)
    for folder in RUNNABLE
    if folder.parent.name != "ml-coding"
    for mutant in sorted(folder.glob("mutants/*.py"))
]


def label(value: object) -> str:
    if isinstance(value, Path):
        return value.stem if value.parent.name == "mutants" else value.name
    return str(value)


def test_every_coding_and_ml_coding_prompt_is_runnable() -> None:
    runnable = {folder.name for folder in RUNNABLE}
    assert set(SEED_CODING_PROMPTS) <= runnable
    for category in ("coding", "ml-coding"):
        prompts = {p.parent.name for p in (BUNDLED_PACK / "prompts" / category).glob("*/prompt.md")}
        assert len(prompts) >= 25 and prompts <= runnable, (
            f"{category}: {sorted(prompts - runnable)}"
        )
    for folder in RUNNABLE:
        for name in ("starter.py", "tests.py", "solution.py"):
            assert (folder / name).is_file(), f"{folder.name} has no {name}"
        assert list(folder.glob("mutants/*.py")), f"{folder.name} has no mutants"


@pytest.mark.parametrize("folder", RUNNABLE, ids=label)
def test_tests_have_hints_and_both_visible_and_hidden_cases(folder: Path) -> None:
    suite = load_tests(folder)
    assert all(test.hint.strip() for test in suite.tests)
    assert any(test.visible for test in suite.tests), "no visible test: the user sees no example"
    assert any(not test.visible for test in suite.tests), "no hidden test"


def require_packages(folder: Path) -> None:
    """Skip a prompt whose packages (torch) are not installed here; on CI, fail instead."""
    missing = sandbox.missing_packages(load_tests(folder).packages)
    if missing:
        message = f"{folder.name} needs {', '.join(missing)}: pip install 'mockloop[ml]'"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"required on CI: {message}")
        pytest.skip(message)


@pytest.mark.parametrize("folder", RUNNABLE, ids=label)
def test_the_reference_solution_passes_every_test(folder: Path) -> None:
    require_packages(folder)
    verdict = judge(folder, (folder / "solution.py").read_text())
    failures = [(test.name, test.message) for test in verdict.tests if not test.passed]
    assert verdict.passed, f"{verdict.status}: {verdict.message}\n{failures}"
    assert verdict.status == "passed"
    assert verdict.sandbox == "bubblewrap"


@pytest.mark.parametrize("folder", RUNNABLE, ids=label)
def test_the_starter_runs_and_fails_every_test(folder: Path) -> None:
    require_packages(folder)
    verdict = judge(folder, (folder / "starter.py").read_text())
    assert verdict.status == "runtime-error"
    assert not any(test.passed for test in verdict.tests)
    visible = [test for test in verdict.tests if not test.hidden]
    assert all("NotImplementedError" in test.message for test in visible)


@pytest.mark.parametrize(("folder", "mutant"), MUTANTS, ids=label)
def test_every_mutant_fails_at_least_one_test(folder: Path, mutant: Path) -> None:
    # A shorter per-test limit: mutants that hang need not hang for long.
    limits = load_tests(folder).limits.replace(test_seconds=1.0)
    verdict = judge(folder, mutant.read_text(), limits=limits)
    assert not verdict.passed, f"{mutant.name} passed every test of {folder.name}"
    # The failure must be the mutant's, found by a test, never the judge's own error.
    assert verdict.status in ("failed", "runtime-error", "time-limit"), verdict.message
    failing = [
        test for test in verdict.tests if test.status in ("failed", "runtime-error", "time-limit")
    ]
    assert failing, verdict.message
