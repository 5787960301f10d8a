"""The JSON API under /api/v1, in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

SLUG = "web-crawler"


def start(client, slug=SLUG):
    response = client.post("/api/v1/attempts", json={"prompt": slug})
    assert response.status_code == 201, response.text
    return response.json()


def test_prompts_can_be_filtered_by_every_field(client, library):
    everything = client.get("/api/v1/prompts").json()["prompts"]
    assert len(everything) == len(library.prompts)
    coding = client.get("/api/v1/prompts", params={"category": "coding"}).json()["prompts"]
    assert coding and all(p["category"] == "coding" for p in coding)
    prompt = library.get(SLUG)
    narrowed = client.get(
        "/api/v1/prompts",
        params={
            "category": prompt.category,
            "difficulty": prompt.difficulty,
            "tag": prompt.tags[0],
        },
    ).json()["prompts"]
    assert SLUG in [p["slug"] for p in narrowed]
    assert all(
        prompt.tags[0] in p["tags"] and p["difficulty"] == prompt.difficulty for p in narrowed
    )


def test_company_filter_ignores_case(client, library):
    company = next(c for p in library.prompts.values() for c in p.companies)
    found = client.get("/api/v1/prompts", params={"company": company.upper()}).json()["prompts"]
    assert found and all(company in p["companies"] for p in found)


def test_full_text_search_finds_a_prompt_by_words_in_its_statement(client):
    found = client.get("/api/v1/prompts", params={"q": "crawler concurrent"}).json()["prompts"]
    assert found[0]["slug"] == SLUG


def test_a_prompt_hides_its_answer_until_asked(client):
    body = client.get(f"/api/v1/prompts/{SLUG}").json()
    assert body["slug"] == SLUG and body["prompt"] and "answer" not in body
    answer = client.get(f"/api/v1/prompts/{SLUG}/answer").json()
    assert (
        answer["answer"] and answer["key_points"][0]["id"] and answer["follow_ups"][0]["question"]
    )


def test_unknown_slug_or_attempt_is_404_with_a_message(client):
    for path in ("/api/v1/prompts/nope", "/api/v1/prompts/nope/answer", "/api/v1/attempts/999999"):
        response = client.get(path)
        assert response.status_code == 404
        assert "nope" in response.json()["detail"] or "999999" in response.json()["detail"]
    assert client.post("/api/v1/attempts", json={"prompt": "nope"}).status_code == 404


def test_random_stays_in_the_filter_and_avoids_the_last_prompt(client, library):
    start(client)
    for _ in range(20):
        picked = client.get(
            "/api/v1/random", params={"category": library.get(SLUG).category}
        ).json()
        assert picked["category"] == library.get(SLUG).category
        assert picked["slug"] != SLUG
    assert client.get("/api/v1/random", params={"q": "zzzznothing"}).status_code == 404


def test_the_whole_loop_through_the_api(client, library):
    attempt = start(client)
    assert attempt["state"] == "running" and attempt["prompt"] == SLUG
    aid = attempt["id"]
    assert client.post(f"/api/v1/attempts/{aid}/pause").json()["state"] == "paused"
    assert client.post(f"/api/v1/attempts/{aid}/resume").json()["state"] == "running"
    hint = client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "hint"}).json()
    assert hint["hints_revealed"] == 1
    assert client.post(f"/api/v1/attempts/{aid}/stop").json()["state"] == "stopped"
    revealed = client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "answer"}).json()
    assert revealed["answer_revealed"]
    ids = [kp.id for kp in library.get(SLUG).key_points]
    marks = client.put(f"/api/v1/attempts/{aid}/marks", json={"missed": ids[:2]}).json()
    assert sorted(marks["missed"]) == sorted(ids[:2])
    pm = {
        "went_well": "queue first",
        "missed": "in-flight counter",
        "next_time": "say termination early",
    }
    assert client.put(f"/api/v1/attempts/{aid}/postmortem", json=pm).status_code == 200
    got = client.get(f"/api/v1/attempts/{aid}").json()
    assert got["postmortem"]["missed"] == "in-flight counter"
    assert got["elapsed_seconds"] >= 0
    listed = client.get("/api/v1/attempts", params={"prompt": SLUG}).json()["attempts"]
    assert [a["id"] for a in listed] == [aid]


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("post", "/api/v1/attempts", {"prompt": ""}, 422),
        ("post", "/api/v1/attempts", {"slug": "x"}, 422),
        ("post", "/api/v1/attempts", ["not", "an", "object"], 422),
        ("put", "/api/v1/attempts/{id}/marks", {"missed": ["not-a-key-point"]}, 422),
        ("put", "/api/v1/attempts/{id}/marks", {"missed": "scale"}, 422),
        ("put", "/api/v1/attempts/{id}/postmortem", {"went_well": "x" * 2001}, 422),
        ("put", "/api/v1/attempts/{id}/postmortem", {"went_well": 3}, 422),
        ("post", "/api/v1/attempts/{id}/reveal", {"stage": "everything"}, 422),
        ("post", "/api/v1/attempts/{id}/resume", None, 409),
        ("post", "/api/v1/attempts/{id}/reveal", {"stage": "follow_ups"}, 409),
        ("get", "/api/v1/attempts/not-a-number", None, 422),
        ("get", "/api/v1/prompts?category=cooking", None, 422),
    ],
)
def test_bad_requests_get_a_4xx_with_a_message(client, method, path, body, status):
    aid = start(client)["id"]
    kwargs = {} if body is None else {"json": body}
    response = getattr(client, method)(path.format(id=aid), **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_stopping_a_stopped_attempt_is_a_conflict(client):
    aid = start(client)["id"]
    client.post(f"/api/v1/attempts/{aid}/stop")
    response = client.post(f"/api/v1/attempts/{aid}/stop")
    assert response.status_code == 409
    assert "already stopped" in response.json()["detail"]


def test_a_ten_megabyte_postmortem_is_refused_and_nothing_changes(client):
    aid = start(client)["id"]
    client.put(f"/api/v1/attempts/{aid}/postmortem", json={"went_well": "kept"})
    huge = {"went_well": "x" * (10 * 1024 * 1024)}
    response = client.put(f"/api/v1/attempts/{aid}/postmortem", json=huge)
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    assert client.get(f"/api/v1/attempts/{aid}").json()["postmortem"]["went_well"] == "kept"


def test_resources_list_the_seed_resources(client):
    resources = client.get("/api/v1/resources").json()["resources"]
    names = {r["name"] for r in resources}
    assert {"Pramp", "interviewing.io", "Exponent", "Hello Interview", "AlgoExpert"} <= names
    assert {r["cost"] for r in resources} == {"free", "paid"}


def test_the_openapi_document_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/prompts",
        "/api/v1/prompts/{slug}",
        "/api/v1/prompts/{slug}/answer",
        "/api/v1/random",
        "/api/v1/attempts",
        "/api/v1/attempts/{attempt_id}",
        "/api/v1/attempts/{attempt_id}/pause",
        "/api/v1/attempts/{attempt_id}/resume",
        "/api/v1/attempts/{attempt_id}/stop",
        "/api/v1/attempts/{attempt_id}/reveal",
        "/api/v1/attempts/{attempt_id}/marks",
        "/api/v1/attempts/{attempt_id}/postmortem",
        "/api/v1/resources",
    ):
        assert path in paths
