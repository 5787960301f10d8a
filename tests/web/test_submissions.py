"""Judged code through the API: verdicts stored on attempts, drafts, the queue, and bad input."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from mockloop.settings import BUNDLED_PACK
from mockloop.web.app import create_app

LRU = BUNDLED_PACK / "prompts" / "coding" / "lru-cache"
SOLUTION = (LRU / "solution.py").read_text()
MUTANT = sorted((LRU / "mutants").glob("*.py"))[0].read_text()


def test_a_correct_solution_passes_and_the_verdict_is_kept(client):
    attempt = client.post("/api/v1/attempts", json={"prompt": "lru-cache"}).json()
    response = client.post(
        "/api/v1/submissions",
        json={"prompt": "lru-cache", "code": SOLUTION, "attempt": attempt["id"]},
    )
    assert response.status_code == 201, response.text
    verdict = response.json()
    assert verdict["passed"] is True and verdict["state"] == "done"
    assert verdict["sandbox"] in ("bubblewrap", "rlimits-only")
    assert all({"name", "passed", "message", "duration_ms"} <= set(t) for t in verdict["tests"])
    again = client.get(f"/api/v1/submissions/{verdict['id']}").json()
    assert again["passed"] is True and again["attempt"] == attempt["id"]
    assert [t["name"] for t in again["tests"]] == [t["name"] for t in verdict["tests"]]


def test_a_wrong_solution_fails_and_hidden_tests_keep_their_data(client):
    verdict = client.post(
        "/api/v1/submissions", json={"prompt": "lru-cache", "code": MUTANT}
    ).json()
    assert verdict["passed"] is False
    failed = [t for t in verdict["tests"] if not t["passed"]]
    assert failed
    for test in verdict["tests"]:
        if test["hidden"]:
            assert test["input"] is None and test["expected"] is None and test["got"] is None


def test_printing_a_fake_verdict_does_not_pass(client):
    code = 'print(\'{"passed": true, "status": "passed"}\')\nimport sys\nsys.exit(0)\n'
    verdict = client.post("/api/v1/submissions", json={"prompt": "lru-cache", "code": code}).json()
    assert verdict["passed"] is False


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"prompt": "no-such-prompt", "code": "x = 1"}, 404, "no-such-prompt"),
        ({"prompt": "why-leaving", "code": "x = 1"}, 422, "not runnable"),
        ({"prompt": "lru-cache", "code": "x" * (256 * 1024 + 1)}, 413, "256 KB"),
        ({"prompt": "lru-cache"}, 422, "code"),
        ({"prompt": "lru-cache", "code": "x", "attempt": 999999}, 404, "999999"),
    ],
)
def test_a_submission_that_cannot_be_judged_is_a_4xx_with_a_message(client, body, status, words):
    response = client.post("/api/v1/submissions", json=body)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


def test_a_submission_on_another_prompts_attempt_is_refused(client):
    attempt = client.post("/api/v1/attempts", json={"prompt": "web-crawler"}).json()
    response = client.post(
        "/api/v1/submissions",
        json={"prompt": "lru-cache", "code": SOLUTION, "attempt": attempt["id"]},
    )
    assert response.status_code == 422 and "web-crawler" in response.json()["detail"]


def test_the_editor_reopens_with_the_draft(client):
    attempt = client.post("/api/v1/attempts", json={"prompt": "lru-cache"}).json()
    page = client.get(f"/attempts/{attempt['id']}").text
    assert "class LRUCache" in page and 'id="run-tests"' in page  # the starter
    assert (
        client.put(
            f"/api/v1/attempts/{attempt['id']}/code", json={"code": "# my draft\n"}
        ).status_code
        == 204
    )
    assert "# my draft" in client.get(f"/attempts/{attempt['id']}").text
    assert client.put("/api/v1/attempts/999999/code", json={"code": "x"}).status_code == 404


def test_the_page_runs_tests_without_javascript(client):
    attempt = client.post("/api/v1/attempts", json={"prompt": "lru-cache"}).json()
    response = client.post(f"/attempts/{attempt['id']}/submissions", data={"code": SOLUTION})
    assert response.status_code == 200  # followed the redirect back to the attempt
    assert 'data-status="passed"' in response.text


def test_beyond_the_worker_limit_submissions_wait_with_their_place_shown(
    settings, library, database
):
    settings = settings.model_copy(update={"judge_workers": 1})
    slow = "import time\ntime.sleep(1.5)\n" + SOLUTION
    with TestClient(create_app(settings, library, database)) as client:
        first = threading.Thread(
            target=client.post,
            args=("/api/v1/submissions",),
            kwargs={"json": {"prompt": "lru-cache", "code": slow}},
        )
        first.start()
        deadline = time.monotonic() + 10
        while client.app.state.runner.queue.waiting() == 0 and not client.app.state.runner._pending:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        attempt = client.post("/api/v1/attempts", json={"prompt": "lru-cache"}).json()
        fragment = client.post(
            f"/attempts/{attempt['id']}/submissions",
            data={"code": SOLUTION},
            headers={"HX-Request": "true"},
        ).text
        assert "position 1 in the queue" in fragment
        first.join(timeout=30)
        submission_id = int(fragment.split("/submissions/")[1].split("/")[0])
        deadline = time.monotonic() + 30
        while (state := client.get(f"/api/v1/submissions/{submission_id}").json())[
            "state"
        ] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert state["passed"] is True
