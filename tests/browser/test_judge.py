"""Judged code in real Chromium: type a wrong LRU cache, see the failing test named, fix it, pass."""

from __future__ import annotations

from playwright.sync_api import expect

from mockloop.settings import BUNDLED_PACK

LRU = BUNDLED_PACK / "prompts" / "coding" / "lru-cache"
# A classic bug: get() does not refresh recency.
WRONG = """from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = OrderedDict()

    def get(self, key):
        return self.items.get(key, -1)

    def put(self, key, value):
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)
"""


def replace_code(page, code: str) -> None:
    """Select everything in the editor and type the new code over it."""
    page.click("#editor .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    expect(page.locator("#editor .cm-content")).to_contain_text("class LRUCache")


def test_a_wrong_solution_fails_by_name_then_the_fix_passes(page):
    page.goto("/prompts/lru-cache")
    page.click("#timer-start")
    editor = page.locator("#editor .cm-content")
    expect(editor).to_be_visible()
    expect(editor).to_contain_text((LRU / "starter.py").read_text().splitlines()[0][:20])

    replace_code(page, WRONG)
    page.click("#run-tests")
    summary = page.locator("#verdict .verdict-summary")
    expect(summary).to_have_attribute("data-status", "failed", timeout=30_000)
    failing = page.locator('#verdict .test-result[data-passed="false"] .test-name')
    expect(failing.first).to_be_visible()
    names = failing.all_inner_texts()
    assert "test_the_example_from_the_statement" in names
    example = page.locator('#verdict .test-result[data-passed="false"]').first
    expect(example).to_contain_text("expected")
    expect(example).to_contain_text("-1")

    # The draft survives a reload.
    page.reload()
    expect(page.locator("#editor .cm-content")).to_contain_text("return self.items.get(key, -1)")

    replace_code(page, (LRU / "solution.py").read_text())
    page.locator("#editor .cm-content").press("Control+Enter")
    expect(summary).to_have_attribute("data-status", "passed", timeout=30_000)
    expect(summary).to_contain_text("All")
    assert page.locator('#verdict .test-result[data-passed="false"]').count() == 0
    assert page.locator("#verdict .test-result").count() >= 5


def test_the_editor_works_at_phone_width(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/prompts/lru-cache")
    page.click("#timer-start")
    expect(page.locator("#editor .cm-content")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    context.close()
