"""Progress in real Chromium: three attempts with different misses, then Today and the charts."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from mockloop.library import load_library
from mockloop.practice.reviews import RATING_NAMES, prompt_rating
from mockloop.settings import BUNDLED_PACK

LIBRARY = load_library([BUNDLED_PACK])


def attempt(page, slug: str, missed: list[int], postmortem: str = "") -> str:
    """Start, stop, reveal and mark an attempt; return the rating the page shows."""
    prompt = LIBRARY.get(slug)
    page.goto(f"/prompts/{slug}")
    page.click("#timer-start")
    expect(page.locator("#timer")).to_have_attribute("data-state", "running")
    page.click("#timer-stop")
    expect(page.locator("#timer")).to_have_attribute("data-state", "stopped")
    page.click("#reveal-answer")
    expect(page.locator("#answer-body")).to_be_visible()
    expect(page.locator("#review-rating")).to_contain_text("Not rated yet")
    if missed:
        for n in missed:
            page.check(f"input[name=missed][value={prompt.key_points[n].id}]")
        expect(page.locator("#marks-status")).to_contain_text(f"{len(missed)} missed")
    else:
        page.click("#marks-none")  # nothing to tick: say so
        expect(page.locator("#marks-status")).to_contain_text("0 missed")
    if postmortem:
        page.fill("#pm-missed", postmortem)
        expect(page.locator("#postmortem-status")).to_contain_text("Saved")
    hit = len(prompt.key_points) - len(missed)
    expected = RATING_NAMES[prompt_rating(hit, len(prompt.key_points), 60, prompt.minutes * 60)]
    expect(page.locator("#review-rating")).to_have_attribute("data-rating", expected)
    return expected


def this_week_bar(page):
    return page.locator("#chart-weeks rect.bar").last


def test_three_attempts_change_today_and_the_charts(page):
    crawler, lru = LIBRARY.get("web-crawler"), LIBRARY.get("lru-cache")
    theory = next(p for p in LIBRARY.prompts.values() if p.category == "theory")

    assert attempt(page, crawler.slug, [0, 1], postmortem="forgot the frontier") == "hard"
    page.goto("/stats")
    expect(this_week_bar(page)).to_have_attribute("data-value", "1")
    expect(page.locator("#chart-weeks desc")).to_contain_text("this week 1")
    expect(page.locator("#chart-hits-theory")).to_have_count(0)

    assert attempt(page, lru.slug, []) == "easy"
    page.click("#rate-again")  # the user knows better
    expect(page.locator("#review-rating")).to_have_attribute("data-rating", "again")
    expect(page.locator("#rate-again")).to_have_attribute("aria-pressed", "true")
    attempt(page, theory.slug, [0, 1, 2, 3, 4])

    page.goto("/stats")
    expect(this_week_bar(page)).to_have_attribute("data-value", "3")
    expect(page.locator("#chart-weeks desc")).to_contain_text("this week 3")
    expect(page.locator("#chart-hits-theory circle.dot")).to_have_count(1)
    most_missed = page.locator("#most-missed li")
    expect(most_missed.first).to_contain_text("missed 1 of 1")
    expect(page.locator(f"#most-missed li[data-prompt={theory.slug}]")).to_have_count(5)
    page.locator(f"#most-missed li[data-prompt={crawler.slug}] a").first.click()
    expect(page).to_have_url(re.compile(f"/prompts/{crawler.slug}$"))

    page.goto("/")  # with history, home is Today
    expect(page.locator("h1")).to_have_text("Today")
    upcoming = page.locator("#upcoming-list")
    for prompt in (crawler, lru, theory):
        expect(upcoming.locator(f"li[data-prompt={prompt.slug}]")).to_be_visible()
    crawler_item = upcoming.locator(f"li[data-prompt={crawler.slug}]")
    expect(crawler_item.locator(".kp-due li")).to_have_text(
        [crawler.key_points[0].text, crawler.key_points[1].text]
    )
    total = len(theory.key_points)
    expect(page.locator("#weak-categories li[data-category=theory]")).to_contain_text(
        f"{round(5 / total * 100)}% of {total} key points missed"
    )
    expect(page.locator("#suggested")).to_be_visible()
    page.click("#random-weak-mock")
    expect(page).to_have_url(re.compile(r"/prompts/[a-z0-9-]+$"))

    page.goto("/history")
    page.fill("#pm-search", "FRONTIER")
    page.keyboard.press("Enter")
    expect(page.locator("#search-count")).to_contain_text("1 attempt")
    expect(page.locator("table.attempts tbody tr")).to_contain_text(crawler.title)
    with page.expect_download() as download:
        page.click("#export-md")
    text = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert text.startswith("# mockloop journal") and text.count("\n## ") == 3


def test_cram_mode_and_the_weak_spots_option(page):
    page.goto("/prompts/lru-cache")
    page.check("#cram")
    page.click("#timer-start")
    expect(page.locator(".badge.cram")).to_be_visible()
    page.click("#reveal-answer")
    expect(page.locator("#review-rating")).to_contain_text("Cram mode")
    page.goto("/library")
    page.check("#weak-spots")
    page.click("#random-mock")
    expect(page).to_have_url(re.compile(r"/prompts/[a-z0-9-]+$"))
    assert not page.url.endswith("/lru-cache")


def test_progress_pages_fit_a_phone_screen(browser, server):
    context = browser.new_context(
        base_url=server, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    attempt(page, "lru-cache", [1])
    for path in ("/", "/today", "/stats", "/history", "/history/search?q=x"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    page.goto("/stats")
    label = page.locator("#chart-weeks text.tick").first.bounding_box()
    assert label["height"] >= 8, "chart labels are too small to read on a phone"
    context.close()

    # a narrow desktop window draws form controls (the file picker) wider than a phone does
    narrow = browser.new_page(base_url=server, viewport={"width": 390, "height": 740})
    narrow.goto("/history")
    overflow = narrow.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"/history scrolls sideways by {overflow}px in a 390px window"
    narrow.close()


def test_a_journal_downloaded_from_history_imports_back_from_the_same_page(page):
    attempt(page, "lru-cache", missed=[0])
    page.goto("/history")
    with page.expect_download() as download:
        page.click("#export-json")
    data = json.loads(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115
    data["attempts"][0]["started_at"] = "2020-01-01T10:00:00.000000Z"  # as if from another machine
    data["attempts"][0]["stopped_at"] = "2020-01-01T10:20:00.000000Z"
    page.set_input_files(
        "#journal-file",
        files=[
            {
                "name": "laptop.json",
                "mimeType": "application/json",
                "buffer": json.dumps(data).encode(),
            }
        ],
    )
    page.click("#journal-import")
    expect(page.locator("#import-result")).to_contain_text("Imported 1 attempt; 0 already here.")
    expect(page.locator("table.attempts tbody tr")).to_have_count(2)

    page.set_input_files(
        "#journal-file",
        files=[{"name": "notes.json", "mimeType": "application/json", "buffer": b"{not json"}],
    )
    page.click("#journal-import")
    expect(page.locator("#import-result")).to_contain_text("Nothing was imported from notes.json")
    expect(page.locator("table.attempts tbody tr")).to_have_count(2)
