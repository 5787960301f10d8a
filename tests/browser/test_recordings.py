"""Recording yourself in real Chromium, with its fake camera and microphone."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

PLAYS_AT = """async (media) => {
  // Media time gained per second of wall time, once playback has started and settled: a loaded
  // machine may stall for a moment on the first frames, which says nothing about the rate.
  media.currentTime = 0;
  await media.play();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const t0 = performance.now(), c0 = media.currentTime;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return (media.currentTime - c0) / ((performance.now() - t0) / 1000);
}"""


@pytest.fixture(scope="module")
def media_browser(playwright):  # type: ignore[no-untyped-def]
    """Chromium with a fake camera and microphone that grants them without asking."""
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
        ],
    )
    yield browser
    browser.close()


@pytest.fixture
def media_page(media_browser, server):  # type: ignore[no-untyped-def]
    context = media_browser.new_context(base_url=server, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((server, "data:", "blob:")) else outside.append(r.url),
    )
    yield page
    context.close()
    assert outside == [], f"the page made requests outside the app: {outside}"


def start_attempt(page, slug: str = "web-crawler") -> int:
    page.goto(f"/prompts/{slug}")
    page.click("#timer-start")
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def recordings_of(page, attempt_id: int) -> list[dict]:
    response = page.request.get(f"/api/v1/attempts/{attempt_id}/recordings")
    assert response.ok, response.text()
    return response.json()["recordings"]


def wait_until(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.3)


def wait_for_metadata(page, selector: str) -> None:
    page.wait_for_function(
        "(s) => { const m = document.querySelector(s); return m && m.readyState >= 1; }",
        arg=selector,
    )


def test_record_five_seconds_reload_play_back_at_one_and_a_half_and_delete(media_page):
    page = media_page
    attempt_id = start_attempt(page)
    page.select_option("#recorder-kind", "video")
    page.click("#recorder-toggle")
    indicator = page.locator("#recorder-indicator")
    expect(indicator).to_be_visible()
    expect(page.locator("#recorder-preview")).to_be_visible()
    expect(page.locator("#recorder-elapsed")).to_have_text(re.compile(r"0:0[23]"))
    page.click("#reveal-hint")  # a marker two seconds in; the htmx swap keeps the recorder
    expect(page.locator(".hint-list li")).to_have_count(1)
    expect(indicator).to_be_visible()
    expect(page.locator("#recorder-elapsed")).to_have_text(re.compile(r"0:0[5-9]"), timeout=10_000)
    uploaded = recordings_of(page, attempt_id)
    assert len(uploaded) == 1 and uploaded[0]["next_chunk"] >= 2  # chunks arrive while recording

    page.click("#timer-stop")  # stopping the timer stops the recording
    expect(page.locator("#timer")).to_have_attribute("data-state", "stopped")
    expect(indicator).to_be_hidden()
    expect(page.locator("#recorder-status")).to_contain_text("Recording saved")
    expect(page.locator("#recordings .recording")).to_have_count(1)

    page.reload()
    player = page.locator("#recordings .recording")
    expect(player).to_have_count(1)
    media = player.locator("video.recording-media")
    wait_for_metadata(page, "#recordings video.recording-media")
    duration = media.evaluate("m => m.duration")
    assert 4.5 <= duration <= 9, f"the recording is {duration}s long"

    player.locator("[data-speed='1.5']").click()
    expect(player.locator("[data-speed='1.5']")).to_have_attribute("aria-pressed", "true")
    expect(player.locator("[data-speed='1']")).to_have_attribute("aria-pressed", "false")
    assert media.evaluate("m => m.playbackRate") == 1.5
    # best of three: a stall under load slows one measurement, a rate that was not applied slows all
    rates = [media.evaluate(PLAYS_AT) for _ in range(3)]
    assert 1.2 <= max(rates) <= 1.8, f"played at {max(rates):.2f}x (measured {rates})"

    marker = player.locator("[data-seek]", has_text="Hint 1")
    at = float(marker.get_attribute("data-seek"))
    assert 1.5 <= at <= 5, f"the hint is marked {at}s in"
    media.evaluate("m => { m.pause(); m.currentTime = m.duration - 0.2; }")
    marker.click()
    page.wait_for_function(
        "([m, t]) => Math.abs(document.querySelector(m).currentTime - t) < 1.2",
        arg=["#recordings video.recording-media", at],
    )

    url = media.get_attribute("src")
    page.once("dialog", lambda dialog: dialog.accept())
    player.locator("button", has_text="Delete recording").click()
    expect(page.locator("#recordings")).to_contain_text("Recording deleted")
    assert page.request.get(url).status == 404
    page.reload()
    expect(page.locator("#recordings .recording")).to_have_count(0)
    assert recordings_of(page, attempt_id) == []


def test_a_recording_cut_off_by_a_reload_is_kept_and_plays(media_page):
    page = media_page
    attempt_id = start_attempt(page)
    page.select_option("#recorder-kind", "audio")
    page.click("#recorder-toggle")
    expect(page.locator("#recorder-indicator")).to_be_visible()
    wait_until(lambda: [r["next_chunk"] >= 2 for r in recordings_of(page, attempt_id)] == [True])
    page.reload()  # the tab goes away mid-recording

    expect(page.locator("#recordings .recording")).to_have_count(1)
    expect(page.locator("#recorder-indicator")).to_be_hidden()
    kept = recordings_of(page, attempt_id)
    assert len(kept) == 1 and kept[0]["size_bytes"] > 0
    wait_for_metadata(page, "#recordings audio.recording-media")
    media = page.locator("#recordings audio.recording-media")
    assert media.evaluate(PLAYS_AT) > 0.5  # it plays


def test_the_recorder_starts_with_the_timer_and_pauses_with_it_at_phone_width(media_page):
    page = media_page
    page.set_viewport_size({"width": 390, "height": 844})
    start_attempt(page)
    expect(page.locator("#recorder-toggle")).to_be_visible()
    page.check("#recorder-auto")  # "with timer": remembered for the next attempt
    page.click("#timer-stop")
    expect(page.locator("#timer")).to_have_attribute("data-state", "stopped")
    page.click("#timer-start")  # New attempt
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    attempt_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator("#recorder-indicator")).to_be_visible()  # started by itself
    expect(page.locator("#recorder-elapsed")).to_have_text(re.compile(r"0:0[2-9]"))

    page.keyboard.press("p")  # pause the timer: the recording pauses too
    expect(page.locator("#recorder")).to_have_attribute("data-state", "paused")
    expect(page.locator("#recorder-label")).to_have_text(re.compile("paused"))
    held = page.locator("#recorder-elapsed").inner_text()
    page.wait_for_timeout(2500)
    assert page.locator("#recorder-elapsed").inner_text() == held
    page.keyboard.press("p")
    expect(page.locator("#recorder")).to_have_attribute("data-state", "recording")
    expect(page.locator("#recorder-elapsed")).to_have_text(re.compile(r"0:0[4-9]"), timeout=10_000)
    page.keyboard.press("s")
    expect(page.locator("#recordings .recording")).to_have_count(1)

    (saved,) = recordings_of(page, attempt_id)
    assert saved["state"] == "finished" and saved["follows_timer"] is True
    assert 3 <= saved["duration_seconds"] <= 6.5, "the paused seconds are not in the recording"
