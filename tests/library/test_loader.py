"""The content loader: the bundled pack is valid, and a broken pack gets errors naming file, field and expectation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mockloop.library.loader import load_pack, parse_prompt

GOOD = """\
---
title: Two sum
category: coding
difficulty: easy
minutes: 20
companies: [Acme]
tags: [hash-map]
source: LeetCode 1
---

## Prompt

Find two numbers that add up to a target.

```python
def two_sum(nums, target): ...
```

## Hints

- Think about what you need to have seen.
- A dictionary from value to index.

## Answer

One pass with a dictionary.

## Key points

- [one-pass] One pass, checking `target - x` before inserting x.
- [hash-map] A hash map from value to index gives O(1) look-ups.
- [complexity] O(n) time and O(n) space.
- [duplicates] Handles a repeated value (3 + 3 = 6) by checking before inserting.

## Follow-ups

### What if the array is sorted?

Two pointers from both ends, O(1) extra space.

### What if there are many queries?

Build the index once.
"""


def write_prompt(root: Path, text: str, category: str = "coding", slug: str = "two-sum") -> Path:
    folder = root / "prompts" / category / slug
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "prompt.md"
    path.write_text(text)
    return path


def errors_for(tmp_path: Path, text: str) -> list[str]:
    write_prompt(tmp_path, text)
    return [f"{e.field}: {e.message}" for e in load_pack(tmp_path).errors]


def test_a_well_formed_prompt_loads_every_part(tmp_path):
    prompt, errors = parse_prompt(write_prompt(tmp_path, GOOD), "coding")
    assert errors == []
    assert prompt.slug == "two-sum" and prompt.minutes == 20 and prompt.companies == ["Acme"]
    assert prompt.hints == [
        "Think about what you need to have seen.",
        "A dictionary from value to index.",
    ]
    assert prompt.key_point_ids() == ["one-pass", "hash-map", "complexity", "duplicates"]
    assert prompt.key_points[0].text == "One pass, checking `target - x` before inserting x."
    assert [f.question for f in prompt.follow_ups] == [
        "What if the array is sorted?",
        "What if there are many queries?",
    ]
    assert "```python" in prompt.statement
    assert prompt.follow_ups[0].answer == "Two pointers from both ends, O(1) extra space."


def test_a_heading_inside_a_code_block_is_not_a_section(tmp_path):
    text = GOOD.replace("One pass with a dictionary.", "```markdown\n## Hints\n```\nOne pass.")
    prompt, errors = parse_prompt(write_prompt(tmp_path, text), "coding")
    assert errors == [] and "## Hints" in prompt.answer


@pytest.mark.parametrize(
    ("broken", "field", "expectation"),
    [
        (
            GOOD.replace("difficulty: easy", "difficulty: trivial"),
            "difficulty",
            "expected 'easy', 'medium' or 'hard'",
        ),
        (GOOD.replace("title: Two sum\n", ""), "title", "is required"),
        (GOOD.replace("minutes: 20", "minutes: 20\nminuts: 3"), "minuts", "not a known field"),
        (GOOD.replace("minutes: 20", "minutes: 0"), "minutes", "greater than or equal to 1"),
        (GOOD.replace("tags: [hash-map]", "tags: [Hash Map]"), "tags", "lowercase-kebab"),
        (GOOD.replace("category: coding", "category: theory"), "category", "the folder it sits in"),
        (GOOD.replace("## Hints", "## Hint"), "sections", "missing ['Hints']"),
        (GOOD.replace("- [one-pass]", "- one-pass:"), "Key points[1]", "[kebab-id]"),
        (GOOD.replace("[hash-map]", "[one-pass]"), "Key points[2]", "used twice"),
        (
            GOOD.replace(
                "- [duplicates] Handles a repeated value (3 + 3 = 6) by checking before inserting.\n",
                "",
            ),
            "key_points",
            "at least 4",
        ),
        (GOOD.replace("- A dictionary from value to index.\n", ""), "hints", "at least 2"),
        (GOOD.replace("---\ntitle", "title", 1), "front matter", "YAML block fenced by '---'"),
        (GOOD.replace("tags: [hash-map]", "tags: [hash-map"), "front matter", "valid YAML"),
    ],
)
def test_a_malformed_prompt_names_the_field_and_what_was_expected(
    tmp_path, broken, field, expectation
):
    errors = errors_for(tmp_path, broken)
    assert any(e.startswith(field) and expectation in e for e in errors), errors


def test_validate_reports_every_error_with_its_file_and_exits_non_zero(tmp_path):
    write_prompt(tmp_path, GOOD.replace("difficulty: easy", "difficulty: trivial"), slug="first")
    write_prompt(tmp_path, GOOD.replace("## Answer", "## Solution"), slug="second")
    (tmp_path / "resources.yaml").write_text("- name: X\n  cost: cheap\n  purpose: y\n")
    result = subprocess.run(
        [sys.executable, "-m", "mockloop", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    out = result.stderr
    assert "first/prompt.md: difficulty: expected" in out
    assert "second/prompt.md: sections:" in out and "'Solution'" in out
    assert "resources.yaml: [0].cost:" in out
    assert "3 errors found" in out


def test_the_bundled_pack_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "mockloop", "validate"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_a_second_pack_cannot_redefine_a_slug(tmp_path):
    from mockloop.library import load_library

    write_prompt(tmp_path / "a", GOOD)
    write_prompt(tmp_path / "b", GOOD)
    library = load_library([tmp_path / "a", tmp_path / "b"])
    assert len(library.prompts) == 1
    assert any("unique slug" in e.message for e in library.errors)


def test_a_user_pack_adds_prompts_through_the_setting(tmp_path, monkeypatch):
    write_prompt(tmp_path / "mine", GOOD)
    env = {"MOCKLOOP_PACKS": str(tmp_path / "mine"), "MOCKLOOP_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "mockloop", "show", "two-sum", "--json"],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, **env},
    )
    assert result.returncode == 0, result.stderr
    assert '"slug": "two-sum"' in result.stdout
