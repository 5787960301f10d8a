"""Circuits through the JSON API and the pages, in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

CUSTOM = {
    "title": "Short drill",
    "segments": [
        {"kind": "prompt", "label": "Coding", "minutes": 20, "prompt": "lru-cache"},
        {"kind": "break", "label": "Stretch", "minutes": 5},
        {
            "kind": "prompts",
            "label": "Theory",
            "minutes": 15,
            "prompts": ["log-sum-exp", "adam-bias-correction"],
        },
    ],
}


def start(client, slug="anthropic-style-loop", **options):
    response = client.post("/api/v1/circuit-runs", json={"circuit": slug, **options})
    assert response.status_code == 201, response.text
    return response.json()


def test_circuits_are_listed_with_total_time_and_round_kinds(client):
    found = {c["slug"]: c for c in client.get("/api/v1/circuits").json()["circuits"]}
    assert {"anthropic-style-loop", "openai-style-loop", "pinterest-style-ml-loop"} <= set(found)
    assert len(found) >= 8
    anthropic = found["anthropic-style-loop"]
    assert anthropic["total_minutes"] == 90 + 15 + 60 + 45 + 45
    assert anthropic["round_kinds"] == [
        "coding",
        "break",
        "ml-coding",
        "behavioral",
        "ml-system-design",
    ]
    assert anthropic["rounds"] == 4 and anthropic["source"] == "pack"


def test_one_circuit_spells_out_its_segments(client):
    body = client.get("/api/v1/circuits/pinterest-style-ml-loop").json()
    kinds = [s["kind"] for s in body["segments"]]
    assert kinds == ["pick", "pick", "choice", "prompt", "prompts", "prompts"]
    assert body["segments"][0]["count"] == 3 and body["segments"][0]["filter"] == {
        "category": "theory"
    }
    assert [c["slug"] for c in body["segments"][2]["choices"]] == [
        "k-means",
        "multi-head-attention",
    ]
    assert body["segments"][3]["prompts"][0]["title"] == "Design Pinterest home feed ranking"
    missing = client.get("/api/v1/circuits/no-such-loop")
    assert missing.status_code == 404 and "no-such-loop" in missing.json()["detail"]


def test_starting_a_run_returns_201_with_resolved_segments(client, library):
    run = start(client, "pinterest-style-ml-loop")
    segments = run["segments"]
    theory = [p["slug"] for p in segments[0]["prompts"]]
    coding = [p["slug"] for p in segments[1]["prompts"]]
    assert len(theory) == 3 and all(library.get(s).category == "theory" for s in theory)
    assert len(coding) == 2
    assert all(
        (library.get(s).category, library.get(s).difficulty) == ("coding", "hard") for s in coding
    )
    assert not {"in-batch-negatives", "auc-vs-ab-test"} & set(theory)  # named later in the loop
    assert segments[2]["state"] == "upcoming" and segments[2]["prompts"] == []
    assert run["current"] == 0 and segments[0]["state"] == "running"
    # the draws were recorded: reading the run again shows the same prompts
    again = client.get(f"/api/v1/circuit-runs/{run['id']}").json()
    assert [p["slug"] for p in again["segments"][0]["prompts"]] == theory


def test_bad_input_gets_a_4xx_with_a_message(client):
    unknown = client.post("/api/v1/circuit-runs", json={"circuit": "no-such-loop"})
    assert unknown.status_code == 404 and "no-such-loop" in unknown.json()["detail"]
    assert client.post("/api/v1/circuit-runs", json={}).status_code == 422
    assert (
        client.post("/api/v1/circuit-runs", json={"circuit": "daily-drill-30", "x": 1}).status_code
        == 422
    )
    assert client.get("/api/v1/circuit-runs/999999").status_code == 404
    assert client.post("/api/v1/circuit-runs/999999/advance").status_code == 404
    run = start(client, "daily-drill-30")
    bad = client.post(f"/api/v1/circuit-runs/{run['id']}/advance", json={"position": -1})
    assert bad.status_code == 422 and "position" in bad.json()["detail"]
    later = client.post(f"/api/v1/circuit-runs/{run['id']}/advance", json={"position": 1})
    assert later.status_code == 409 and "has not started" in later.json()["detail"]
    no_choice = client.post(f"/api/v1/circuit-runs/{run['id']}/choose", json={"prompt": None})
    assert no_choice.status_code == 409 and "no choice" in no_choice.json()["detail"]


def test_advancing_through_the_loop_to_the_report(client, library):
    run = start(client, "daily-drill-30")
    rid = run["id"]
    theory = run["segments"][0]["prompts"]
    assert [p["state"] for p in theory] == ["running", "not-reached"]
    step = client.post(f"/api/v1/circuit-runs/{rid}/next-prompt", json={"position": 0, "prompt": 0})
    assert [p["state"] for p in step.json()["segments"][0]["prompts"]] == ["stopped", "running"]
    body = client.post(f"/api/v1/circuit-runs/{rid}/advance", json={"position": 0}).json()
    assert body["current"] == 1 and body["rounds_done"] == 1
    current = client.get(f"/api/v1/circuit-runs/{rid}").json()
    seg = current["segments"][current["current"]]
    assert seg["label"] == "Coding" and 0 < seg["seconds_left"] <= 20 * 60
    assert seg["prompts"][0]["attempt_id"]
    done = client.post(f"/api/v1/circuit-runs/{rid}/advance").json()
    assert done["state"] == "finished" and done["finished_at"]
    again = client.post(f"/api/v1/circuit-runs/{rid}/advance")
    assert again.status_code == 409 and "finished" in again.json()["detail"]

    attempt_id = theory[0]["attempt_id"]
    slug = theory[0]["slug"]
    first_kp = library.get(slug).key_points[0]
    client.post(f"/api/v1/attempts/{attempt_id}/reveal", json={"stage": "answer"})
    client.put(f"/api/v1/attempts/{attempt_id}/marks", json={"missed": [first_kp.id]})
    client.put(f"/api/v1/attempts/{attempt_id}/postmortem", json={"went_well": "derived it"})
    client.put(f"/api/v1/circuit-runs/{rid}/postmortem", json={"next_time": "warm up first"})
    report = client.get(f"/api/v1/circuit-runs/{rid}/report").json()
    assert [r["label"] for r in report["rounds"]] == ["Theory warm-up", "Coding"]
    item = report["rounds"][0]["prompts"][0]
    assert (
        item["missed"] == [first_kp.model_dump()]
        and item["postmortem"]["went_well"] == "derived it"
    )
    assert report["rounds"][0]["seconds_given"] == 600
    assert report["postmortem"]["next_time"] == "warm up first"
    assert report["key_points_missed"] == 1
    runs = client.get("/api/v1/circuit-runs").json()["circuit_runs"]
    assert runs[0]["id"] == rid and runs[0]["state"] == "finished"


def test_revealing_an_answer_while_its_round_runs_is_a_conflict(client):
    run = start(client, "anthropic-style-loop")
    attempt_id = run["segments"][0]["prompts"][0]["attempt_id"]
    refused = client.post(f"/api/v1/attempts/{attempt_id}/reveal", json={"stage": "answer"})
    assert refused.status_code == 409
    assert "hidden until round 'Coding'" in refused.json()["detail"]
    assert client.get(f"/api/v1/attempts/{attempt_id}").json()["circuit_run_id"] == run["id"]
    client.post(f"/api/v1/circuit-runs/{run['id']}/advance", json={"position": 0})
    ok = client.post(f"/api/v1/attempts/{attempt_id}/reveal", json={"stage": "answer"})
    assert ok.status_code == 200 and ok.json()["answer_revealed"]


def test_difficulty_is_hidden_when_asked(client):
    run = start(client, "anthropic-style-loop", hide_difficulty=True)
    assert run["hide_difficulty"] and run["segments"][0]["prompts"][0]["difficulty"] is None
    page = client.get(f"/circuit-runs/{run['id']}")
    assert "difficulty hidden" in page.text and "diff-medium" not in page.text


def test_a_custom_circuit_is_saved_run_and_deleted(client):
    created = client.post("/api/v1/circuits", json=CUSTOM)
    assert created.status_code == 201, created.text
    assert created.json()["slug"] == "short-drill" and created.json()["source"] == "custom"
    assert created.json()["total_minutes"] == 40
    duplicate = client.post("/api/v1/circuits", json=CUSTOM)
    assert duplicate.status_code == 409 and "short-drill" in duplicate.json()["detail"]
    run = start(client, "short-drill")
    assert [s["kind"] for s in run["segments"]] == ["prompt", "break", "prompts"]
    assert client.delete("/api/v1/circuits/short-drill").status_code == 204
    assert client.get("/api/v1/circuits/short-drill").status_code == 404
    assert client.get(f"/api/v1/circuit-runs/{run['id']}/report").status_code == 200
    pack = client.delete("/api/v1/circuits/daily-drill-30")
    assert pack.status_code == 409 and "circuits.yaml" in pack.json()["detail"]


def test_a_custom_circuit_that_cannot_run_is_refused_with_the_reason(client):
    bad = {**CUSTOM, "segments": [{"kind": "prompt", "label": "X", "minutes": 5, "prompt": "nope"}]}
    response = client.post("/api/v1/circuits", json=bad)
    assert response.status_code == 422
    assert (
        "segments[0].prompt: expected the slug of a loaded prompt, got 'nope'"
        in response.json()["detail"]
    )
    impossible = {
        **CUSTOM,
        "segments": [
            {"kind": "pick", "label": "X", "minutes": 5, "filter": {"tag": "no-such-tag"}}
        ],
    }
    response = client.post("/api/v1/circuits", json=impossible)
    assert response.status_code == 422 and "found 0" in response.json()["detail"]
    wrong_kind = {**CUSTOM, "segments": [{"kind": "nap", "label": "X", "minutes": 5}]}
    assert client.post("/api/v1/circuits", json=wrong_kind).status_code == 422


# --- pages -----------------------------------------------------------------------------------------


def test_the_circuits_page_lists_every_circuit_with_its_time(client):
    page = client.get("/circuits")
    assert page.status_code == 200
    for title in ("Anthropic-style onsite", "OpenAI-style onsite", "Pinterest-style ML loop"):
        assert title in page.text
    assert "4 h 15 min" in page.text  # the Anthropic loop
    detail = client.get("/circuits/anthropic-style-loop")
    assert "Multithreaded web crawler" in detail.text and "Water and a walk" in detail.text


def test_starting_from_the_page_opens_the_run_and_a_finished_run_shows_its_report(client):
    started = client.post(
        "/circuits/daily-drill-30/start", data={"auto_advance": "true"}, follow_redirects=False
    )
    assert started.status_code == 303
    run_url = started.headers["location"]
    rid = int(run_url.rsplit("/", 1)[1])
    run = client.get(f"/api/v1/circuit-runs/{rid}").json()
    assert run["auto_advance"] and not run["hide_difficulty"]
    page = client.get(run_url)
    assert "Theory warm-up" in page.text and 'data-auto-advance="true"' in page.text
    assert client.post(f"/circuit-runs/{rid}/finish", follow_redirects=False).status_code == 303
    assert client.get(run_url, follow_redirects=False).headers["location"].endswith("/report")
    report = client.get(f"/circuit-runs/{rid}/report")
    assert "Loop report: 30-minute daily drill" in report.text
    md = client.get(f"/circuit-runs/{rid}/report.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    assert md.text.startswith("# Loop report: 30-minute daily drill")
    assert f"/circuit-runs/{rid}/report" in client.get("/circuit-runs").text
    saved = client.post(
        f"/circuit-runs/{rid}/postmortem",
        data={"went_well": "fast", "missed": "", "next_time": ""},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200 and "Saved" in saved.text
    assert 'value="fast"' in client.get(f"/circuit-runs/{rid}/report").text


def test_the_builder_adds_segments_without_losing_what_was_typed_and_saves(client):
    form = {
        "title": "Page built",
        "rows": "1",
        "kind-0": "prompt",
        "label-0": "Warm-up",
        "minutes-0": "10",
        "prompts-0": "log-sum-exp",
        "action": "add",
    }
    added = client.post("/circuits/new", data=form)
    assert added.status_code == 200
    assert 'name="kind-1"' in added.text and 'value="Warm-up"' in added.text
    assert re.search(r'value="log-sum-exp"\s+checked', added.text)
    form |= {"rows": "2", "kind-1": "break", "minutes-1": "5", "action": "save"}
    saved = client.post("/circuits/new", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/circuits/page-built"
    body = client.get("/api/v1/circuits/page-built").json()
    assert [(s["kind"], s["label"], s["minutes"]) for s in body["segments"]] == [
        ("prompt", "Warm-up", 10),
        ("break", "Break", 5),
    ]


def test_the_builder_shows_what_is_wrong_and_keeps_the_input(client):
    form = {
        "title": "Broken",
        "rows": "2",
        "kind-0": "prompt",
        "label-0": "Two at once",
        "minutes-0": "10",
        "prompts-0": ["log-sum-exp", "lru-cache"],
        "kind-1": "pick",
        "minutes-1": "0",
        "action": "save",
    }
    response = client.post("/circuits/new", data=form)
    assert response.status_code == 422
    assert "takes exactly one prompt" in response.text and 'value="Two at once"' in response.text
    form["prompts-0"] = "log-sum-exp"
    response = client.post("/circuits/new", data=form)
    assert response.status_code == 422
    assert "segments[1].minutes" in response.text and "greater than or equal to 1" in response.text
    assert client.get("/api/v1/circuits/broken").status_code == 404


def test_the_openapi_document_lists_the_circuit_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in (
        ("/api/v1/circuits", "get"),
        ("/api/v1/circuits", "post"),
        ("/api/v1/circuits/{slug}", "get"),
        ("/api/v1/circuits/{slug}", "delete"),
        ("/api/v1/circuit-runs", "post"),
        ("/api/v1/circuit-runs", "get"),
        ("/api/v1/circuit-runs/{run_id}", "get"),
        ("/api/v1/circuit-runs/{run_id}/advance", "post"),
        ("/api/v1/circuit-runs/{run_id}/next-prompt", "post"),
        ("/api/v1/circuit-runs/{run_id}/choose", "post"),
        ("/api/v1/circuit-runs/{run_id}/finish", "post"),
        ("/api/v1/circuit-runs/{run_id}/report", "get"),
        ("/api/v1/circuit-runs/{run_id}/postmortem", "put"),
    ):
        assert method in paths.get(path, {}), f"{method.upper()} {path}"
