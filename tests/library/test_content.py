"""The bundled library as a product: the seed's prompts exist, each has every part, and its code runs."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from mockloop.library import load_library
from mockloop.settings import BUNDLED_PACK
from tests.conftest import require_or_skip

SEED = {
    "coding": ["web-crawler", "time-based-kv-store", "spreadsheet-api", "lru-cache", "top-k-frequent"],
    "ml-coding": [
        "multi-head-attention", "bpe-tokenizer", "top-k-top-p-sampling", "k-means", "speculative-decoding",
    ],
    "ml-system-design": [
        "youtube-recommendations", "chatgpt-serving", "rlhf-pipeline", "distributed-rate-limiter",
        "pinterest-home-feed",
    ],
    "behavioral": ["slow-down-launch", "why-leaving", "failure-with-cost", "why-this-company"],
    "theory": [
        "adam-bias-correction", "l1-vs-l2-sparsity", "cross-entropy-vs-mse", "chinchilla-scaling",
        "mla-decoupled-rope", "kv-cache-size", "auc-vs-ab-test", "log-sum-exp", "in-batch-negatives",
    ],
}  # fmt: skip
FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<code>.*?)^```\s*$", re.S | re.M)
LIBRARY = load_library([BUNDLED_PACK])


MINIMUM = {"coding": 40, "ml-coding": 25, "ml-system-design": 20, "behavioral": 25, "theory": 40}


def test_the_library_has_enough_prompts_in_every_category():
    counts = {c: sum(p.category == c for p in LIBRARY.prompts.values()) for c in MINIMUM}
    assert all(counts[c] >= n for c, n in MINIMUM.items()), counts
    assert len(LIBRARY.prompts) >= 150


def test_no_two_prompts_share_a_title_or_most_of_their_key_points():
    titles = [p.title.casefold() for p in LIBRARY.prompts.values()]
    assert len(titles) == len(set(titles))
    words = {s: {w for kp in p.key_points for w in kp.text.lower().split() if len(w) > 5}
             for s, p in LIBRARY.prompts.items()}  # fmt: skip
    slugs = sorted(words)
    for i, a in enumerate(slugs):
        for b in slugs[i + 1 :]:
            overlap = len(words[a] & words[b]) / max(1, min(len(words[a]), len(words[b])))
            assert overlap < 0.6, f"{a} and {b} share {overlap:.0%} of their key point vocabulary"


def test_the_bundled_pack_loads_without_errors():
    assert [str(e) for e in LIBRARY.errors] == []


@pytest.mark.parametrize("category", SEED)
def test_every_seed_prompt_exists_in_its_category(category):
    for slug in SEED[category]:
        prompt = LIBRARY.get(slug)
        assert prompt is not None, f"seed prompt {slug} is missing"
        assert prompt.category == category


@pytest.mark.parametrize("slug", sorted(LIBRARY.prompts))
def test_every_prompt_has_the_parts_a_user_expects(slug):
    prompt = LIBRARY.get(slug)
    assert len(prompt.statement) > 150, "the statement is too thin to practise from"
    assert len(prompt.answer) > 1500, "the model answer is much thinner than its peers"
    assert 2 <= len(prompt.hints) <= 4 and 4 <= len(prompt.key_points) <= 10
    assert 2 <= len(prompt.follow_ups) <= 5
    assert all(len(f.answer) > 80 for f in prompt.follow_ups), "a follow-up answer is a stub"
    assert all(len(kp.text.split()) >= 4 for kp in prompt.key_points), (
        "a key point is not a sentence"
    )
    assert all(t == t.lower() for t in prompt.tags) and prompt.tags, "every prompt needs tags"
    if prompt.category == "behavioral" and "tell me about a" in prompt.statement.lower():
        for word in ("Situation", "Task", "Action", "Result"):
            assert word in prompt.answer, (
                f"a story question's answer carries a STAR scaffold ({word})"
            )
    if prompt.category in ("coding", "ml-coding"):
        assert "```python" in prompt.statement, "a coding statement states its interface in code"
        assert "```python" in prompt.answer, "a coding answer shows its solution"


def _code_blocks():
    for slug, prompt in sorted(LIBRARY.prompts.items()):
        texts = [prompt.answer, *(f.answer for f in prompt.follow_ups)]
        n = 0
        for text in texts:
            for m in FENCE.finditer(text):
                info = m["info"].strip().split()
                if info[:1] == ["python"] and "fragment" not in info:
                    n += 1
                    yield pytest.param(m["code"], id=f"{slug}-{n}")


@pytest.mark.parametrize("code", list(_code_blocks()))
def test_every_python_block_in_an_answer_runs(code, tmp_path):
    if (
        re.search(r"^\s*(import torch|from torch)", code, re.M)
        and importlib.util.find_spec("torch") is None
    ):
        require_or_skip("torch is not installed (pip install torch==2.13.0)")
    script = tmp_path / "block.py"
    script.write_text(code)
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
