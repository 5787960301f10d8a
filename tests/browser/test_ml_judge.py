"""An ML prompt judged in real Chromium: top-k-top-p-sampling solved without the max-subtraction
fails the stability test with a clear message; the fix passes every test."""

from __future__ import annotations

from playwright.sync_api import expect

from mockloop.settings import BUNDLED_PACK

PROMPT = BUNDLED_PACK / "prompts" / "ml-coding" / "top-k-top-p-sampling"
STABILITY_TEST = "test_logits_around_1e4_are_sampled_stably"
# Right in every way but one: the softmax does not subtract the max, so exp(1e4) overflows.
WRONG = """import numpy as np


def sample(logits, temperature=1.0, top_k=None, top_p=None, rng=None):
    z = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        return int(np.argmax(z))
    rng = np.random.default_rng() if rng is None else rng
    z = z / temperature
    if top_k is not None and top_k < z.size:
        keep = np.argsort(-z)[:top_k]
        masked = np.full_like(z, -np.inf)
        masked[keep] = z[keep]
        z = masked
    p = np.exp(z)
    p = p / p.sum()
    if top_p is not None:
        order = np.argsort(-p)
        n_keep = int(np.searchsorted(np.cumsum(p[order]), top_p)) + 1
        kept = np.zeros_like(p)
        kept[order[:n_keep]] = p[order[:n_keep]]
        p = kept / kept.sum()
    return int(rng.choice(p.size, p=p))
"""
FIXED = WRONG.replace("    p = np.exp(z)\n", "    p = np.exp(z - z.max())\n")


def replace_code(page, code: str) -> None:
    """Select everything in the editor and type the new code over it."""
    page.click("#editor .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    expect(page.locator("#editor .cm-content")).to_contain_text("def sample(")


def test_the_stability_test_catches_a_softmax_without_the_max_then_the_fix_passes(page):
    page.goto("/prompts/top-k-top-p-sampling")
    page.click("#timer-start")
    editor = page.locator("#editor .cm-content")
    expect(editor).to_be_visible()
    expect(editor).to_contain_text("def sample(")

    replace_code(page, WRONG)
    page.click("#run-tests")
    summary = page.locator("#verdict .verdict-summary")
    expect(summary).to_have_attribute("data-status", "runtime-error", timeout=90_000)
    stability = page.locator("#verdict .test-result").filter(
        has=page.locator(".test-name", has_text=STABILITY_TEST)
    )
    expect(stability).to_have_attribute("data-passed", "false")
    # The message says what went wrong, in the user's own code: nan probabilities from exp.
    expect(stability.locator(".test-message")).to_contain_text("Probabilities contain NaN")
    expect(stability.locator(".test-message")).to_contain_text("rng.choice(p.size, p=p)")
    expect(stability).to_contain_text("overflow encountered in exp")
    # Only the stability test fails: the rest of the solution is right.
    failing = page.locator('#verdict .test-result[data-passed="false"] .test-name')
    assert failing.all_inner_texts() == [STABILITY_TEST]

    replace_code(page, FIXED)
    page.click("#run-tests")
    expect(summary).to_have_attribute("data-status", "passed", timeout=90_000)
    expect(summary).to_contain_text("All 10 tests passed")
    assert page.locator('#verdict .test-result[data-passed="false"]').count() == 0
    expect(stability).to_have_attribute("data-passed", "true")
