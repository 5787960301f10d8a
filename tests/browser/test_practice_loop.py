"""The whole practice loop in real Chromium, as a user would do it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from mockloop.library import load_library
from mockloop.settings import BUNDLED_PACK


def seconds(text: str) -> int:
    sign = -1 if text.startswith("+") else 1
    parts = [int(p) for p in text.lstrip("+").split(":")]
    total = 0
    for p in parts:
        total = total * 60 + p
    return sign * total


def clock(page) -> int:
    return seconds(page.locator("#timer .clock").inner_text().strip())


def test_filter_random_time_reveal_mark_postmortem_and_history(page):
    library = load_library([BUNDLED_PACK])
    page.goto("/")
    page.select_option("select[name=category]", "coding")
    expect(page).to_have_url(re.compile(r"category=coding"))
    titles = page.locator("#prompt-list ul.prompts li > a")
    expect(titles.first).to_be_visible()
    coding_titles = {p.title for p in library.prompts.values() if p.category == "coding"}
    assert set(titles.all_inner_texts()) == coding_titles

    page.click("#random-mock")
    expect(page).to_have_url(re.compile(r"/prompts/[a-z0-9-]+$"))
    slug = page.url.rsplit("/", 1)[1]
    prompt = library.get(slug)
    assert prompt.category == "coding"

    page.click("#timer-start")
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    expect(page.locator("#timer")).to_have_attribute("data-state", "running")
    start = clock(page)
    assert prompt.minutes * 60 - 3 <= start <= prompt.minutes * 60
    page.wait_for_timeout(2500)
    assert clock(page) <= start - 2

    page.keyboard.press("p")  # pause by shortcut
    expect(page.locator("#timer")).to_have_attribute("data-state", "paused")
    paused_at = clock(page)
    page.wait_for_timeout(1500)
    assert clock(page) == paused_at
    page.click("#timer-resume")
    expect(page.locator("#timer")).to_have_attribute("data-state", "running")

    page.wait_for_timeout(1000)
    page.reload()
    expect(page.locator("#timer")).to_have_attribute("data-state", "running")
    used = prompt.minutes * 60 - clock(page)
    assert 3 <= used <= 8, f"after reload the timer shows {used}s used"

    page.keyboard.press("s")  # stop by shortcut
    expect(page.locator("#timer")).to_have_attribute("data-state", "stopped")
    stopped = clock(page)
    page.wait_for_timeout(1200)
    assert clock(page) == stopped

    page.click("#reveal-hint")
    expect(page.locator(".hint-list li")).to_have_count(1)
    page.keyboard.press("h")
    expect(page.locator(".hint-list li")).to_have_count(2)
    page.click("#reveal-answer")
    expect(page.locator("#answer-body")).to_be_visible()
    expect(page.locator("#answer-body pre.highlight").first).to_be_visible()
    page.click("#reveal-followups")
    expect(page.locator("details.followup")).to_have_count(len(prompt.follow_ups))

    missed = [prompt.key_points[0], prompt.key_points[2]]
    for kp in missed:
        page.check(f"input[name=missed][value={kp.id}]")
    expect(page.locator("#marks-status")).to_contain_text("2 missed")

    page.fill("#pm-went-well", "Talked through the interface first")
    page.fill("#pm-missed", "Forgot the edge case")
    page.type("#pm-next-time", "Write the tests before the code")
    expect(page.locator("#postmortem-status")).to_contain_text("Saved")
    page.wait_for_timeout(600)

    page.reload()
    for kp in prompt.key_points:
        box = page.locator(f"input[name=missed][value={kp.id}]")
        expect(box).to_be_checked(checked=kp in missed)
    expect(page.locator("#pm-next-time")).to_have_value("Write the tests before the code")
    expect(page.locator("#pm-went-well")).to_have_value("Talked through the interface first")

    page.click("nav >> text=History")
    row = page.locator("table.attempts tbody tr").first
    expect(row).to_contain_text(prompt.title)
    expect(row).to_contain_text("Write the tests before the code")
    expect(row).to_contain_text(f"2 of {len(prompt.key_points)}")


def test_pages_fit_a_phone_screen(browser, server):
    context = browser.new_context(
        base_url=server, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    for path in ("/", "/prompts/web-crawler", "/history", "/resources"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    page.goto("/prompts/web-crawler")
    page.click("#timer-start")
    expect(page.locator("#timer .clock")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    context.close()


def test_the_theme_follows_the_system_setting(browser, server):
    backgrounds = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=server, color_scheme=scheme)
        page = context.new_page()
        page.goto("/prompts/web-crawler")
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    luminance = {
        k: sum(int(x) for x in v[v.index("(") + 1 : -1].split(",")[:3])
        for k, v in backgrounds.items()
    }
    assert luminance["light"] > 600 and luminance["dark"] < 150, backgrounds
