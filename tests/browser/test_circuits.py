"""A whole (short) circuit in real Chromium: built in the UI, run with a reload mid-round, ending on the report."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mockloop.library import load_library
from mockloop.settings import BUNDLED_PACK

# Circuit clocks run 6x faster in these tests: a minute lasts ten seconds.
TIME_SCALE = 6


@pytest.fixture(autouse=True)
def faster_circuits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKLOOP_TIME_SCALE", str(TIME_SCALE))


def seconds(text: str) -> int:
    sign = -1 if text.startswith("+") else 1
    total = 0
    for part in text.lstrip("+").split(":"):
        total = total * 60 + int(part)
    return sign * total


def clock(page) -> int:
    return seconds(page.locator("#timer .clock").inner_text().strip())


def add_segment(page, n: int, kind: str, label: str, minutes: int, prompt_title: str | None):
    row = page.locator(f'fieldset.segment-row[data-row="{n}"]')
    row.locator("select[data-kind-select]").select_option(kind)
    row.locator(f'input[name="label-{n}"]').fill(label)
    row.locator(f'input[name="minutes-{n}"]').fill(str(minutes))
    if prompt_title:
        picker = row.locator("details.prompt-picker")
        if picker.get_attribute("open") is None:
            picker.locator("summary").click()
        row.locator("label.prompt-option", has_text=prompt_title).locator("input").check()
        expect(row.locator("[data-chosen]")).to_have_text("1")
    else:
        expect(row.locator("details.prompt-picker")).to_be_hidden()


def test_a_short_custom_circuit_resumes_after_a_reload_and_ends_on_the_report(page):
    library = load_library([BUNDLED_PACK])
    first, last = library.get("lru-cache"), library.get("top-k-frequent")

    page.goto("/circuits")
    page.click("#build-circuit")
    page.fill("#circuit-title", "Browser drill")
    add_segment(page, 0, "prompt", "Coding", 3, first.title)
    page.click("#add-segment")
    expect(page.locator("fieldset.segment-row")).to_have_count(2)
    expect(page.locator('input[name="label-0"]')).to_have_value("Coding")  # nothing typed is lost
    add_segment(page, 1, "break", "Stretch", 1, None)
    page.click("#add-segment")
    add_segment(page, 2, "prompt", "Theory", 1, last.title)
    page.click("#save-circuit")

    expect(page).to_have_url(re.compile(r"/circuits/browser-drill$"))
    expect(page.locator("ol.circuit-segments > li")).to_have_count(3)
    page.check("#hide-difficulty")
    page.check("#auto-advance")
    page.click("#circuit-start")

    # round 1: three minutes, which this test's time scale makes 30 seconds
    expect(page).to_have_url(re.compile(r"/circuit-runs/\d+$"))
    run_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator("#prompt-title")).to_have_text(first.title)
    expect(page.locator("#difficulty-hidden")).to_be_visible()
    start = clock(page)
    assert 20 <= start <= 30, start
    page.wait_for_function(
        "start => { const t = document.querySelector('#timer .clock').textContent.trim().split(':');"
        " return +t[0] * 60 + +t[1] <= start - 2; }",
        arg=start,
    )

    # the answer stays hidden while the round runs, whatever the client asks
    attempt_id = page.request.get(f"/api/v1/circuit-runs/{run_id}").json()["segments"][0][
        "prompts"
    ][0]["attempt_id"]
    refused = page.request.post(f"/api/v1/attempts/{attempt_id}/reveal", data={"stage": "answer"})
    assert refused.status == 409 and "hidden until round" in refused.json()["detail"]

    before = clock(page)
    page.reload()
    expect(page.locator("#prompt-title")).to_have_text(first.title)
    resumed = clock(page)
    assert 0 < resumed <= before, (before, resumed)  # resumed, not restarted

    page.keyboard.press("n")  # end the round by its shortcut
    expect(page.locator("#current-segment")).to_have_attribute("data-kind", "break")
    expect(page.locator("#current-h")).to_have_text("Break: Stretch")
    assert 0 < clock(page) <= 10

    # the break ends by itself (auto-advance), then so does the last round, onto the report
    expect(page.locator("#prompt-title")).to_have_text(last.title, timeout=30_000)
    expect(page.locator("#difficulty-hidden")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/circuit-runs/{run_id}/report$"), timeout=30_000)

    expect(page.locator("#report-h")).to_have_text("Loop report: Browser drill")
    rows = page.locator("#loop-report tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("1. Coding")
    expect(rows.nth(0)).to_contain_text("/ 0:30")
    expect(rows.nth(1)).to_contain_text("0:10 / 0:10")  # the break ran its full minute
    expect(rows.nth(2)).to_contain_text("0:10 / 0:10")
    expect(rows.nth(2)).to_contain_text(last.title)
    expect(rows.nth(0).locator("td").nth(3)).to_have_text("not marked")

    # the round is over: reveal, tick a missed key point, and the report shows it
    rows.nth(0).locator(f"a:has-text('{first.title}')").click()
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt_id}$"))
    page.click("#reveal-answer")
    expect(page.locator("#answer-body")).to_be_visible()
    page.check(f"input[name=missed][value={first.key_points[0].id}]")
    expect(page.locator("#marks-status")).to_contain_text("1 missed")
    page.click(f"a[href='/circuit-runs/{run_id}']")
    expect(page).to_have_url(re.compile(rf"/circuit-runs/{run_id}/report$"))
    expect(rows.nth(0)).to_contain_text(f"1 of {len(first.key_points)}")
    expect(rows.nth(0)).to_contain_text(first.key_points[0].text)

    page.fill("#pm-went-well", "Kept to time")
    page.type("#pm-next-time", "Warm up before the loop")
    expect(page.locator("#postmortem-status")).to_contain_text("Saved")
    page.wait_for_timeout(600)
    page.reload()
    expect(page.locator("#pm-next-time")).to_have_value("Warm up before the loop")

    markdown = page.request.get(page.locator("#export-markdown").get_attribute("href"))
    assert markdown.ok
    text = markdown.text()
    assert text.startswith("# Loop report: Browser drill")
    assert f"- {first.key_points[0].text}" in text and "Warm up before the loop" in text

    page.click("nav >> text=History")
    page.click("#circuit-runs-link")
    expect(page.locator("table.circuit-runs tbody tr").first).to_contain_text("Browser drill")


def test_circuit_pages_fit_a_phone_screen(browser, server):
    context = browser.new_context(
        base_url=server, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    for path in ("/circuits", "/circuits/pinterest-style-ml-loop", "/circuits/new"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    page.goto("/circuits/anthropic-style-loop")
    page.click("#circuit-start")
    expect(page.locator("#timer .clock")).to_be_visible()
    expect(page.locator("#advance")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    context.close()
