"""Progress over HTTP: Today, stats, an attempt's review, search, exports and import, on both
databases, through the JSON API and the pages."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

SLUG = "web-crawler"


def finished(client, library, slug=SLUG, missed=0, cram=False) -> int:
    attempt = client.post("/api/v1/attempts", json={"prompt": slug, "cram": cram}).json()
    assert attempt["cram"] is cram
    client.post(f"/api/v1/attempts/{attempt['id']}/stop")
    ids = library.get(slug).key_point_ids()
    response = client.put(f"/api/v1/attempts/{attempt['id']}/marks", json={"missed": ids[:missed]})
    assert response.status_code == 200, response.text
    return attempt["id"]


def test_an_attempt_shows_up_in_today_stats_and_reviews(client, library):
    assert client.get("/api/v1/today").json()["has_history"] is False
    aid = finished(client, library, missed=2)
    today = client.get("/api/v1/today").json()
    assert today["has_history"] and today["attempts"] == 1 and today["due"] == []
    [upcoming] = today["upcoming"]
    missed_texts = [kp.text for kp in library.get(SLUG).key_points[:2]]
    assert upcoming["prompt"]["slug"] == SLUG
    assert [kp["text"] for kp in upcoming["key_points"]] == missed_texts
    assert upcoming["key_points_due"] == len(library.get(SLUG).key_points)
    figures = client.get("/api/v1/stats").json()
    assert figures["attempts_total"] == 1 and figures["attempts_per_week"][-1]["attempts"] == 1
    assert {m["key_point_id"] for m in figures["most_missed"]} == set(
        library.get(SLUG).key_point_ids()[:2]
    )
    states = client.get("/api/v1/reviews").json()["reviews"]
    assert len(states) == len(library.get(SLUG).key_points) + 1
    assert client.get("/api/v1/reviews", params={"due": True}).json()["reviews"] == []
    review = client.get(f"/api/v1/attempts/{aid}/review").json()
    assert review["rated"] and review["suggested_rating"] == "hard"


def test_the_rating_can_be_overridden_and_bad_requests_get_a_message(client, library):
    aid = finished(client, library, missed=0)
    put = client.put(f"/api/v1/attempts/{aid}/review", json={"rating": "again"})
    assert put.status_code == 200 and put.json()["rating"] == "again"
    assert put.json()["suggested_rating"] == "easy"
    assert client.put(f"/api/v1/attempts/{aid}/review", json={"rating": None}).json()["rating"] == (
        "easy"
    )
    running = client.post("/api/v1/attempts", json={"prompt": SLUG}).json()["id"]
    cram = finished(client, library, slug="lru-cache", cram=True)
    for attempt_id, body, status, words in (
        (aid, {"rating": "perfect"}, 422, "rating"),
        (aid, {}, 422, "rating"),
        (999999, {"rating": "good"}, 404, "999999"),
        (running, {"rating": "good"}, 409, "not finished"),
        (cram, {"rating": "good"}, 409, "cram mode"),
    ):
        response = client.put(f"/api/v1/attempts/{attempt_id}/review", json=body)
        assert response.status_code == status, response.text
        assert words in response.json()["detail"]
    assert client.get(f"/api/v1/attempts/{cram}/review").json()["rated"] is False


def test_home_is_the_library_until_there_is_history_then_today(client, library):
    first = client.get("/")
    assert first.status_code == 200 and 'id="random-mock"' in first.text
    finished(client, library)
    home = client.get("/")
    assert "<h1>Today</h1>" in home.text and 'id="random-weak-mock"' in home.text
    assert 'href="/today" aria-current="page"' in home.text
    filtered = client.get("/", params={"category": "coding"})
    assert 'id="random-mock"' in filtered.text and "<h1>Today</h1>" not in filtered.text
    library_page = client.get("/library")
    assert 'id="random-mock"' in library_page.text
    assert 'href="/library" aria-current="page"' in library_page.text
    assert "<h1>Today</h1>" in client.get("/today").text


def test_a_weak_random_mock_stays_in_the_filter(client, library):
    finished(client, library, slug="lru-cache", missed=4)
    for _ in range(10):
        picked = client.get("/api/v1/random", params={"weak": True, "category": "coding"}).json()
        assert picked["category"] == "coding" and picked["slug"] != "lru-cache"
    page = client.get("/random", params={"weak": "true"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/prompts/")
    empty = client.get("/api/v1/random", params={"weak": True, "q": "zzzznothing"})
    assert empty.status_code == 404


def test_the_stats_page_draws_charts_with_text_alternatives(client, library):
    finished(client, library, missed=3)
    finished(client, library, slug="lru-cache", missed=0)
    page = client.get("/stats").text
    for chart in ("chart-weeks", "chart-time", "chart-hits-coding", "chart-calendar"):
        svg = re.search(
            rf'<svg class="chart" id="{chart}"[^>]*role="img"[^>]*>(.*?)</svg>', page, re.S
        )
        assert svg, chart
        assert re.search(
            r"<title id=\"[^\"]+\">[^<]+</title><desc id=\"[^\"]+\">[^<]+</desc>", svg[1]
        )
    assert re.search(r'data-value="2"', re.search(r'id="chart-weeks".*?</svg>', page, re.S)[0])
    assert 'id="weeks-table"' in page and 'id="time-table"' in page and 'id="hits-table"' in page
    crawler = library.get(SLUG)
    assert f'href="/prompts/{SLUG}">{crawler.title}</a> · missed 1 of 1' in page
    assert "http://" not in page.replace("http://www.w3.org", "")


def test_history_searches_postmortems_and_offers_downloads(client, library):
    aid = finished(client, library, missed=1)
    client.put(
        f"/api/v1/attempts/{aid}/postmortem",
        json={"went_well": "Drew the queue", "missed": "Ünicode edge", "next_time": ""},
    )
    finished(client, library, slug="lru-cache")
    history = client.get("/history").text
    assert 'action="/history/search"' in history and 'href="/history/export?format=csv"' in history
    found = client.get("/history/search", params={"q": "ünicode QUEUE"}).text
    assert "1 attempt whose postmortem contains" in found and "Drew the queue" in found
    api = client.get("/api/v1/postmortems", params={"q": "queue"}).json()["attempts"]
    assert [a["id"] for a in api] == [aid]
    assert client.get("/api/v1/postmortems", params={"q": ""}).status_code == 422

    md = client.get("/history/export", params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert "attachment;" in md.headers["content-disposition"]
    assert md.text.index("LRU") < md.text.index("Multithreaded web crawler")
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export?format=csv").text)))
    assert [r["prompt"] for r in rows] == ["lru-cache", SLUG]
    assert client.get("/history/export", params={"format": "pdf"}).status_code == 422


def test_the_json_export_imports_back_without_duplicates(client, library):
    finished(client, library, missed=1)
    exported = client.get("/api/v1/export", params={"format": "json"}).json()
    again = client.post("/api/v1/import", json=exported)
    assert again.status_code == 200
    assert (again.json()["imported"], again.json()["skipped"]) == (0, 1)
    exported["attempts"][0]["started_at"] = "2020-01-01T10:00:00.000000Z"
    exported["attempts"][0]["stopped_at"] = "2020-01-01T10:30:00.000000Z"
    added = client.post("/api/v1/import", json=exported)
    assert (added.json()["imported"], added.json()["skipped"]) == (1, 0)
    assert len(client.get("/api/v1/attempts").json()["attempts"]) == 2
    exported["attempts"][0]["target_minutes"] = "ninety"
    bad = client.post("/api/v1/import", json=exported)
    assert bad.status_code == 422 and "attempts[0].target_minutes" in bad.json()["detail"]
    assert client.post("/api/v1/import", json=[1, 2]).status_code == 422


def test_the_history_page_imports_a_journal_file_and_says_what_it_added(client, library):
    finished(client, library, missed=1)
    exported = client.get("/api/v1/export", params={"format": "json"}).json()
    exported["attempts"][0]["started_at"] = "2020-01-01T10:00:00.000000Z"
    exported["attempts"][0]["stopped_at"] = "2020-01-01T10:30:00.000000Z"
    upload = {"journal_file": ("laptop.json", json.dumps(exported).encode(), "application/json")}
    page = client.post("/history/import", files=upload)
    assert page.status_code == 200
    assert "Imported 1 attempt; 0 already here." in page.text
    assert "2 attempts, newest first" in page.text
    again = client.post("/history/import", files=upload)
    assert "Imported 0 attempts; 1 already here." in again.text

    broken = {"journal_file": ("notes.txt", b"my notes", "text/plain")}
    refused = client.post("/history/import", files=broken)
    assert refused.status_code == 422
    assert "Nothing was imported from notes.txt: not a JSON file" in refused.text
    assert "2 attempts, newest first" in refused.text
    empty = client.post(
        "/history/import", files={"journal_file": ("e.json", b"", "application/json")}
    )
    assert empty.status_code == 422 and "Choose a JSON export" in empty.text


def test_a_journal_larger_than_the_request_limit_still_imports(client, library):
    """A year of history with code is well over the 1 MB body limit of the other endpoints."""
    finished(client, library, missed=1)
    exported = client.get("/api/v1/export", params={"format": "json"}).json()
    entry = exported["attempts"][0]
    exported["attempts"] = [
        {**entry, "started_at": f"2021-01-01T00:00:00.{n:06d}Z", "stopped_at": None}
        for n in range(3000)
    ]
    body = json.dumps(exported)
    assert len(body) > 1_000_000
    response = client.post(
        "/api/v1/import", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["imported"] == 3000
    too_big = client.post(
        "/api/v1/attempts", content=body, headers={"content-type": "application/json"}
    )
    assert too_big.status_code == 413  # the limit still holds everywhere else


def test_the_attempt_page_loads_its_review_and_takes_an_override(client, library):
    aid = finished(client, library, missed=0)
    client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "answer"})
    page = client.get(f"/attempts/{aid}").text
    assert f'hx-get="/attempts/{aid}/review"' in page
    fragment = client.get(f"/attempts/{aid}/review", headers={"HX-Request": "true"}).text
    assert 'data-rating="easy"' in fragment and "<html" not in fragment
    posted = client.post(
        f"/attempts/{aid}/review", data={"rating": "hard"}, headers={"HX-Request": "true"}
    )
    assert (
        'data-rating="hard"' in posted.text and 'id="rate-hard" aria-pressed="true"' in posted.text
    )
    without_js = client.post(
        f"/attempts/{aid}/review", data={"rating": "auto"}, follow_redirects=False
    )
    assert without_js.status_code == 303
    assert 'data-rating="easy"' in client.get(f"/attempts/{aid}/review").text


@pytest.mark.parametrize("path", ["/today", "/stats", "/library", "/history/search?q=x"])
def test_progress_pages_work_on_an_empty_database(client, path):
    response = client.get(path)
    assert response.status_code == 200 and "<main" in response.text


def test_the_openapi_document_lists_the_progress_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/today",
        "/api/v1/stats",
        "/api/v1/reviews",
        "/api/v1/attempts/{attempt_id}/review",
        "/api/v1/postmortems",
        "/api/v1/export",
        "/api/v1/import",
    ):
        assert path in paths
