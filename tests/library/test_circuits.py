"""Circuits as content: the bundled loops, and circuits.yaml errors that name file, field and expectation."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from mockloop.library import load_library
from mockloop.library.circuits import check_circuit
from mockloop.practice import circuits
from mockloop.settings import BUNDLED_PACK

SEED_LOOPS = {
    # the seed's "Mock interview circuits": (kind, minutes, named prompts) per segment
    "anthropic-style-loop": [
        ("prompt", 90, ["web-crawler"]),
        ("break", 15, []),
        ("prompt", 60, ["multi-head-attention"]),
        ("prompts", 45, ["slow-down-launch", "why-this-company", "failure-with-cost"]),
        ("prompt", 45, ["rlhf-pipeline"]),
    ],
    "openai-style-loop": [
        ("prompt", 75, ["time-based-kv-store"]),
        ("prompt", 75, ["spreadsheet-api"]),
        ("break", 15, []),
        ("prompts", 60, ["top-k-top-p-sampling", "speculative-decoding"]),
        ("prompts", 45, ["why-this-company", "slow-down-launch", "failure-with-cost"]),
    ],
    "pinterest-style-ml-loop": [
        ("pick", 20, []),  # the 60-minute tech screen: 3 ML fundamentals ...
        ("pick", 40, []),  # ... then 2 LC-hard problems
        ("choice", 45, ["k-means", "multi-head-attention"]),
        ("prompt", 60, ["pinterest-home-feed"]),
        ("prompts", 30, ["in-batch-negatives", "auc-vs-ab-test"]),
        ("prompts", 45, ["most-impactful-project", "ambiguous-project"]),
    ],
}


@pytest.fixture(scope="module")
def bundled():
    return load_library([BUNDLED_PACK])


def shape(circuit):
    from mockloop.library.circuits import named_in

    return [(s.kind, s.minutes, named_in(s)) for s in circuit.segments]


def test_the_seeds_three_loops_ship_with_their_rounds_minutes_and_breaks(bundled):
    for slug, expected in SEED_LOOPS.items():
        assert shape(bundled.circuits[slug]) == expected, slug
    pinterest = bundled.circuits["pinterest-style-ml-loop"].segments
    assert (pinterest[0].count, pinterest[0].filter.category) == (3, "theory")
    assert (pinterest[1].count, pinterest[1].filter.category) == (2, "coding")
    assert pinterest[1].filter.difficulty == "hard"
    assert pinterest[0].minutes + pinterest[1].minutes == 60


def test_at_least_five_more_loops_model_other_real_loops(bundled):
    others = set(bundled.circuits) - set(SEED_LOOPS)
    assert {
        "phone-screen-60",
        "big-tech-swe-onsite",
        "ml-research-engineer-loop",
        "senior-system-design-loop",
        "daily-drill-30",
    } <= others
    assert bundled.circuits["phone-screen-60"].total_minutes() == 60
    assert bundled.circuits["daily-drill-30"].total_minutes() == 30


def test_every_bundled_circuit_loads_without_error_and_always_resolves(bundled):
    assert [e for e in bundled.errors if e.path.name == "circuits.yaml"] == []
    for circuit in bundled.circuits.values():
        assert check_circuit(circuit, bundled.prompts) == []
        for seed in range(10):
            resolved = circuits.resolve(circuit, bundled, random.Random(seed))
            slugs = [s for seg in resolved for s in seg.prompts + seg.choices]
            assert len(slugs) == len(set(slugs)), f"{circuit.slug} repeats a prompt"
            assert all(s in bundled.prompts for s in slugs)


GOOD = """\
- slug: my-loop
  title: My loop
  segments:
    - {kind: prompt, label: Coding, minutes: 45, prompt: lru-cache}
    - {kind: break, label: Walk, minutes: 10}
    - {kind: pick, label: Theory, minutes: 20, count: 2, filter: {category: theory}}
"""


def pack_with(tmp_path: Path, circuits_yaml: str) -> Path:
    (tmp_path / "circuits.yaml").write_text(circuits_yaml)
    return tmp_path


def errors_for(tmp_path: Path, text: str) -> list[str]:
    lib = load_library([BUNDLED_PACK, pack_with(tmp_path, text)])
    return [str(e) for e in lib.errors if e.path.name == "circuits.yaml"]


def test_a_pack_circuit_may_name_the_bundled_prompts(tmp_path):
    lib = load_library([BUNDLED_PACK, pack_with(tmp_path, GOOD)])
    assert "my-loop" in lib.circuits and not [e for e in lib.errors if "circuits" in str(e.path)]


@pytest.mark.parametrize(
    ("broken", "field", "expectation"),
    [
        (
            GOOD.replace("prompt: lru-cache", "prompt: no-such-prompt"),
            "[0].segments[0].prompt",
            "expected the slug of a loaded prompt, got 'no-such-prompt'",
        ),
        (
            GOOD.replace("kind: break", "kind: nap"),
            "[0].segments[1].kind",
            "expected one of prompt, prompts, pick, choice, break, got 'nap'",
        ),
        (
            GOOD.replace("{kind: break, label: Walk, minutes: 10}", "{label: Walk, minutes: 10}"),
            "[0].segments[1].kind",
            "is required",
        ),
        (
            GOOD.replace("label: Walk, minutes: 10", "label: Walk"),
            "[0].segments[1].minutes",
            "is required",
        ),
        (
            GOOD.replace("minutes: 10", "minutes: 10, prompt: lru-cache"),
            "[0].segments[1].prompt",
            "not a known field",
        ),
        (
            GOOD.replace("count: 2", "count: 20"),
            "[0].segments[2].count",
            "less than or equal to 10",
        ),
        (
            GOOD.replace("category: theory", "category: maths"),
            "[0].segments[2].filter.category",
            "expected 'coding'",
        ),
        (
            GOOD.replace("{category: theory}", "{tag: no-such-tag}"),
            "[0].segments[2].filter",
            "found 0",
        ),
        (GOOD.replace("slug: my-loop", "slug: My Loop"), "[0].slug", "lowercase-kebab"),
        (
            GOOD.replace("slug: my-loop", "slug: daily-drill-30"),
            "[0].slug",
            "expected a unique slug",
        ),
        (
            GOOD.replace(
                "{kind: break, label: Walk, minutes: 10}",
                "{kind: prompt, label: Again, minutes: 5, prompt: lru-cache}",
            ),
            "[0].segments[1].prompt",
            "expected each prompt once per circuit",
        ),
        ("slug: my-loop\n", "(file)", "expected a YAML list of circuits"),
    ],
)
def test_a_broken_circuit_names_the_file_the_field_and_what_was_expected(
    tmp_path, broken, field, expectation
):
    errors = errors_for(tmp_path, broken)
    assert any(f"circuits.yaml: {field}: " in e and expectation in e for e in errors), errors


def test_a_pick_asking_for_more_prompts_than_match_names_the_filter_and_what_it_found(
    tmp_path, bundled
):
    tag = min(bundled.tags(), key=lambda t: sum(t in p.tags for p in bundled.prompts.values()))
    matching = sorted(s for s, p in bundled.prompts.items() if tag in p.tags)
    text = GOOD.replace("{category: theory}", f"{{tag: {tag}}}").replace(
        "count: 2", f"count: {len(matching) + 1}"
    )
    [error] = errors_for(tmp_path, text)
    assert error.endswith(
        f"circuits.yaml: [0].segments[2].filter: expected at least {len(matching) + 1} prompts"
        f" matching tag={tag} (not counting prompts the circuit names);"
        f" found {len(matching)}: {', '.join(matching)}"
    )


def test_a_broken_circuit_is_not_loaded_but_the_others_are(tmp_path):
    text = GOOD + GOOD.replace("my-loop", "other-loop").replace("lru-cache", "nope")
    lib = load_library([BUNDLED_PACK, pack_with(tmp_path, text)])
    assert "my-loop" in lib.circuits and "other-loop" not in lib.circuits


def test_validate_checks_a_packs_circuits_against_its_own_and_the_bundled_prompts(tmp_path):
    pack_with(tmp_path, GOOD)
    ok = subprocess.run(
        [sys.executable, "-m", "mockloop", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "ok: 0 prompts, 0 resources, 1 circuits"
    pack_with(
        tmp_path,
        GOOD.replace("{category: theory}", "{tag: no-such-tag}").replace("lru-cache", "nope"),
    )
    bad = subprocess.run(
        [sys.executable, "-m", "mockloop", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert (
        "circuits.yaml: [0].segments[0].prompt: expected the slug of a loaded prompt" in bad.stderr
    )
    assert "circuits.yaml: [0].segments[2].filter: expected at least 2 prompts" in bad.stderr
    assert "2 errors found" in bad.stderr
