"""docs/judge.md stays true: every limit, every helper for tests.py and the setting are documented."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from mockloop.judge.sandbox import Limits

DOC = (Path(__file__).parents[2] / "docs" / "judge.md").read_text()


@pytest.mark.parametrize("field", [field.name for field in dataclasses.fields(Limits)])
def test_every_limit_is_documented(field: str) -> None:
    assert re.search(rf"^\| `{field}` \|", DOC, re.MULTILINE), f"{field} is not in the table"


@pytest.mark.parametrize(
    "name",
    ["visible", "expect", "expect_raises", "given", "same", "Mismatch", "LIMITS", "PACKAGES"],
)
def test_every_helper_for_tests_is_documented(name: str) -> None:
    assert re.search(rf"`[^`]*\b{name}\b[^`]*`", DOC), f"{name} is not documented"


def test_the_sandbox_setting_is_documented() -> None:
    assert "MOCKLOOP_SANDBOX=bubblewrap|rlimits" in DOC
