"""Recordings through the API: the chunk protocol, the caps, playback with Range, markers, delete.

The chunks are a real recording: five seconds of Chromium's fake microphone, cut where Chromium's
MediaRecorder cut it with a two-second timeslice."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mockloop.practice import recordings
from mockloop.web.app import create_app

SLUG = "web-crawler"
WEBM = (Path(__file__).parents[1] / "data" / "chromium-fake-mic-5s.webm").read_bytes()
CUTS = [12520, 12520 + 16694]  # where MediaRecorder's dataavailable events split it
CHUNKS = [WEBM[: CUTS[0]], WEBM[CUTS[0] : CUTS[1]], WEBM[CUTS[1] :]]
AUDIO = {"kind": "audio", "mime_type": "audio/webm;codecs=opus"}
OCTETS = {"Content-Type": "application/octet-stream"}


def start_attempt(client) -> int:
    response = client.post("/api/v1/attempts", json={"prompt": SLUG})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def start_recording(client, attempt_id: int, body=AUDIO) -> dict:
    response = client.post(f"/api/v1/attempts/{attempt_id}/recordings", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def put_chunk(client, attempt_id: int, recording_id: int, seq: int, data: bytes):
    return client.put(
        f"/api/v1/attempts/{attempt_id}/recordings/{recording_id}/chunks/{seq}",
        content=data,
        headers=OCTETS,
    )


def upload(client, attempt_id: int, recording_id: int, chunks=CHUNKS) -> dict:
    body = {}
    for seq, data in enumerate(chunks):
        response = put_chunk(client, attempt_id, recording_id, seq, data)
        assert response.status_code == 200, response.text
        body = response.json()
    return body


def finish(client, attempt_id: int, recording_id: int) -> dict:
    response = client.post(f"/api/v1/attempts/{attempt_id}/recordings/{recording_id}/finish")
    assert response.status_code == 200, response.text
    return response.json()


def recorded(client) -> tuple[int, dict]:
    """An attempt with one finished recording of the whole fixture."""
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    upload(client, aid, rec["id"])
    return aid, finish(client, aid, rec["id"])


def files_in(settings) -> list[Path]:
    folder = recordings.directory(settings)
    return sorted(folder.iterdir()) if folder.exists() else []


def webm_duration(data: bytes) -> float | None:
    """The Duration a player reads from the file's Info element, in seconds (scale 1 ms)."""
    at = data.find(b"\x44\x89\x88")
    return None if at < 0 else struct.unpack(">d", data[at + 3 : at + 11])[0] / 1000


# --- the chunk protocol -------------------------------------------------------------------------


def test_a_recording_uploaded_in_chunks_plays_back_with_its_length(client, settings):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    assert rec["state"] == "recording" and rec["next_chunk"] == 0
    assert rec["follows_timer"] is True and rec["max_chunk_bytes"] == settings.max_body_bytes
    after = upload(client, aid, rec["id"])
    assert after["next_chunk"] == 3 and after["size_bytes"] == len(WEBM)

    done = finish(client, aid, rec["id"])
    assert done["state"] == "finished"
    assert 4.5 < done["duration_seconds"] < 5.5
    body = client.get(done["url"])
    assert body.status_code == 200
    assert body.headers["content-type"] == "audio/webm"
    assert body.headers["accept-ranges"] == "bytes"
    assert body.content[:4] == b"\x1a\x45\xdf\xa3"
    assert webm_duration(body.content) == pytest.approx(done["duration_seconds"], abs=0.01)
    assert len(body.content) == done["size_bytes"]
    (path,) = files_in(settings)
    assert path.read_bytes() == body.content and path.parent.parent == settings.home

    listed = client.get(f"/api/v1/attempts/{aid}/recordings").json()["recordings"]
    assert [r["id"] for r in listed] == [rec["id"]]


def test_range_requests_return_exactly_the_bytes_asked_for(client):
    _, rec = recorded(client)
    whole = client.get(rec["url"]).content
    part = client.get(rec["url"], headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{len(whole)}"
    assert part.content == whole[100:200]
    tail = client.get(rec["url"], headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == whole[-50:]
    open_ended = client.get(rec["url"], headers={"Range": f"bytes={len(whole) - 10}-"})
    assert open_ended.content == whole[-10:]
    beyond = client.get(rec["url"], headers={"Range": f"bytes={len(whole)}-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(whole)}"
    assert "outside" in beyond.json()["detail"]
    head = client.head(rec["url"])
    assert head.status_code == 200 and head.headers["content-length"] == str(len(whole))


def test_a_chunk_out_of_order_is_refused_and_nothing_is_written(client, settings):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    skipped = put_chunk(client, aid, rec["id"], 1, CHUNKS[1])
    assert skipped.status_code == 409
    assert "out of order" in skipped.json()["detail"]
    assert "expects chunk 0" in skipped.json()["detail"]
    assert put_chunk(client, aid, rec["id"], 0, CHUNKS[0]).status_code == 200
    ahead = put_chunk(client, aid, rec["id"], 2, CHUNKS[2])
    assert ahead.status_code == 409 and "expects chunk 1" in ahead.json()["detail"]
    (path,) = files_in(settings)
    assert path.read_bytes() == CHUNKS[0]


def test_a_retried_chunk_is_stored_once(client, settings):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    assert put_chunk(client, aid, rec["id"], 0, CHUNKS[0]).status_code == 200
    again = put_chunk(client, aid, rec["id"], 0, CHUNKS[0])  # the first answer was lost
    assert again.status_code == 200 and again.json()["next_chunk"] == 1
    different = put_chunk(client, aid, rec["id"], 0, CHUNKS[1])
    assert different.status_code == 409
    (path,) = files_in(settings)
    assert path.read_bytes() == CHUNKS[0]


def test_a_chunk_sent_to_another_attempt_is_refused(client):
    mine = start_attempt(client)
    other = start_attempt(client)
    rec = start_recording(client, mine)
    response = put_chunk(client, other, rec["id"], 0, CHUNKS[0])
    assert response.status_code == 404
    assert f"belongs to attempt {mine}, not to attempt {other}" in response.json()["detail"]
    finishing = client.post(f"/api/v1/attempts/{other}/recordings/{rec['id']}/finish")
    assert finishing.status_code == 404


def test_an_unknown_attempt_or_recording_is_404_with_a_message(client):
    aid = start_attempt(client)
    created = client.post("/api/v1/attempts/999999/recordings", json=AUDIO)
    assert created.status_code == 404 and "999999" in created.json()["detail"]
    chunk = put_chunk(client, 999999, 1, 0, CHUNKS[0])
    assert chunk.status_code == 404 and "999999" in chunk.json()["detail"]
    missing = put_chunk(client, aid, 424242, 0, CHUNKS[0])
    assert missing.status_code == 404 and "424242" in missing.json()["detail"]
    for path in ("/api/v1/recordings/424242", "/api/v1/recordings/424242/file"):
        response = client.get(path)
        assert response.status_code == 404 and "424242" in response.json()["detail"]
    assert client.delete("/api/v1/recordings/424242").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "not a WebM, Ogg or MP4 recording"),
        (b"hello, this is text", "not a WebM, Ogg or MP4 recording"),
        (b"OggS\x00\x02" + b"\0" * 64, "started as audio/webm;codecs=opus, but chunk 0 is Ogg"),
        (b"\0\0\0\x20ftypisom" + b"\0" * 64, "but chunk 0 is MP4"),
        (b"", "chunk 0 is empty"),
    ],
)
def test_a_first_chunk_that_is_not_the_declared_recording_is_refused(
    client, settings, data, message
):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    response = put_chunk(client, aid, rec["id"], 0, data)
    assert response.status_code == 422, response.text
    assert message in response.json()["detail"]
    (path,) = files_in(settings)
    assert path.read_bytes() == b""


def test_a_later_chunk_that_starts_a_new_file_is_refused(client):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    put_chunk(client, aid, rec["id"], 0, CHUNKS[0])
    response = put_chunk(client, aid, rec["id"], 1, CHUNKS[0])
    assert response.status_code == 422
    assert "starts a new WebM file" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "audio", "mime_type": "text/plain"},
        {"kind": "audio", "mime_type": "audio/mpeg"},
        {"kind": "audio", "mime_type": "video/webm;codecs=vp8,opus"},
        {"kind": "screen", "mime_type": "video/webm"},
        {"kind": "audio", "mime_type": "audio/webm", "extra": 1},
        {"kind": "audio", "mime_type": "audio/webm\n<script>"},
    ],
)
def test_a_recording_that_cannot_be_stored_is_refused_at_the_start(client, body):
    aid = start_attempt(client)
    response = client.post(f"/api/v1/attempts/{aid}/recordings", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_a_finished_recording_takes_no_more_chunks_and_finishing_twice_is_harmless(client):
    aid, rec = recorded(client)
    late = put_chunk(client, aid, rec["id"], 3, b"\xa3\x81\x00")
    assert late.status_code == 409 and "is finished" in late.json()["detail"]
    assert finish(client, aid, rec["id"]) == rec


def test_a_recording_that_never_got_data_is_discarded_on_finish(client, settings):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    assert finish(client, aid, rec["id"])["state"] == "discarded"
    assert client.get(f"/api/v1/recordings/{rec['id']}").status_code == 404
    assert files_in(settings) == []


def test_a_new_recording_of_the_same_attempt_finishes_the_one_left_open(client):
    aid = start_attempt(client)
    first = start_recording(client, aid)
    upload(client, aid, first["id"], CHUNKS[:2])
    second = start_recording(client, aid)  # the first tab was closed without finishing
    old = client.get(f"/api/v1/recordings/{first['id']}").json()
    assert old["state"] == "finished" and 0 < old["duration_seconds"] < 4.5
    assert second["state"] == "recording"


# --- partial recordings -----------------------------------------------------------------------


def test_a_recording_whose_tab_closed_is_finished_and_plays(client, fixed_clock):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    # The tab closed in the middle of a block: the last chunk ends half-way through one.
    upload(client, aid, rec["id"], [CHUNKS[0], CHUNKS[1][:5000]])
    assert client.get(f"/api/v1/recordings/{rec['id']}").json()["state"] == "recording"
    fixed_clock.advance(recordings.STALE_SECONDS + 1)
    assert client.get(f"/api/v1/recordings/{rec['id']}").json()["state"] == "partial"

    played = client.get(rec["url"])  # playing it finishes it first
    assert played.status_code == 200
    now = client.get(f"/api/v1/recordings/{rec['id']}").json()
    assert now["state"] == "finished"
    assert 1.5 < now["duration_seconds"] < 3.5
    assert webm_duration(played.content) == pytest.approx(now["duration_seconds"], abs=0.01)
    assert len(played.content) == now["size_bytes"] < len(CHUNKS[0]) + 5000 + 200


def test_a_recording_paused_with_the_timer_is_not_taken_for_abandoned(client, fixed_clock):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    upload(client, aid, rec["id"], CHUNKS[:1])
    client.post(f"/api/v1/attempts/{aid}/pause")
    fixed_clock.advance(10 * recordings.STALE_SECONDS)
    client.get(f"/api/v1/attempts/{aid}/recordings")
    assert client.get(f"/api/v1/recordings/{rec['id']}").json()["state"] == "recording"
    client.post(f"/api/v1/attempts/{aid}/resume")
    assert put_chunk(client, aid, rec["id"], 1, CHUNKS[1]).status_code == 200


# --- reveal markers -----------------------------------------------------------------------------


def test_reveals_are_marked_at_their_moment_in_the_recording(client, fixed_clock):
    aid = start_attempt(client)
    fixed_clock.advance(30)  # read the prompt first, then start recording
    rec = start_recording(client, aid)
    assert rec["attempt_offset_seconds"] == 30
    put_chunk(client, aid, rec["id"], 0, CHUNKS[0])
    fixed_clock.advance(20)
    client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "hint"})
    client.post(f"/api/v1/attempts/{aid}/pause")
    fixed_clock.advance(300)  # a break: the recorder pauses with the timer
    client.post(f"/api/v1/attempts/{aid}/resume")
    fixed_clock.advance(40)
    put_chunk(client, aid, rec["id"], 1, CHUNKS[1])
    client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "answer"})  # stops the timer
    put_chunk(client, aid, rec["id"], 2, CHUNKS[2])
    fixed_clock.advance(120)
    client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "hint"})  # after it ended

    markers = client.get(f"/api/v1/recordings/{rec['id']}").json()["markers"]
    assert [(m["label"], m["seconds"]) for m in markers] == [("Hint 1", 20), ("Answer", 60)]


def test_a_recording_made_off_the_timer_marks_reveals_by_the_clock(client, fixed_clock):
    aid = start_attempt(client)
    client.post(f"/api/v1/attempts/{aid}/stop")
    fixed_clock.advance(5)
    rec = start_recording(client, aid)
    assert rec["follows_timer"] is False
    fixed_clock.advance(12)
    client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "answer"})
    upload(client, aid, rec["id"])
    markers = client.get(f"/api/v1/recordings/{rec['id']}").json()["markers"]
    assert [(m["label"], m["seconds"]) for m in markers] == [("Answer", 12)]


# --- caps and delete ----------------------------------------------------------------------------


@pytest.fixture
def capped(settings, library, database):
    """A client whose caps are set by the test: capped(recording=..., total=...)."""
    clients = []

    def make(recording: int = 10**9, total: int = 10**10):
        capped_settings = settings.model_copy(
            update={"recording_cap_bytes": recording, "recordings_total_cap_bytes": total}
        )
        client = TestClient(create_app(capped_settings, library, database))
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def test_a_chunk_past_the_per_recording_cap_is_refused_and_what_came_before_is_kept(capped):
    client = capped(recording=len(CHUNKS[0]) + len(CHUNKS[1]) + 10)
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    upload(client, aid, rec["id"], CHUNKS[:2])
    refused = put_chunk(client, aid, rec["id"], 2, CHUNKS[2])
    assert refused.status_code == 413
    detail = refused.json()["detail"]
    assert "per-recording cap of 29.2 kB" in detail and "MOCKLOOP_RECORDING_CAP_BYTES" in detail
    assert "kept" in detail
    done = finish(client, aid, rec["id"])
    assert done["state"] == "finished" and 2.5 < done["duration_seconds"] < 4.5


def test_the_total_cap_refuses_chunks_and_new_recordings_until_some_are_deleted(capped):
    client = capped(total=len(WEBM) + len(CHUNKS[0]) + 200)
    aid, first = recorded(client)
    second = start_recording(client, aid)
    assert put_chunk(client, aid, second["id"], 0, CHUNKS[0]).status_code == 200
    refused = put_chunk(client, aid, second["id"], 1, CHUNKS[1])
    assert refused.status_code == 413
    assert "total cap" in refused.json()["detail"]
    assert "MOCKLOOP_RECORDINGS_TOTAL_CAP_BYTES" in refused.json()["detail"]
    finish(client, aid, second["id"])
    full = client.post(f"/api/v1/attempts/{aid}/recordings", json=AUDIO)
    assert full.status_code == 413 and "delete recordings" in full.json()["detail"]

    assert client.delete(f"/api/v1/recordings/{first['id']}").status_code == 204
    third = start_recording(client, aid)
    assert upload(client, aid, third["id"])["size_bytes"] == len(WEBM)


def test_a_cap_of_zero_turns_recording_off(capped):
    client = capped(recording=0)
    aid = start_attempt(client)
    response = client.post(f"/api/v1/attempts/{aid}/recordings", json=AUDIO)
    assert response.status_code == 413 and "turned off" in response.json()["detail"]


def test_a_chunk_over_the_request_size_limit_is_refused(client):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    huge = CHUNKS[0] + b"\0" * rec["max_chunk_bytes"]
    response = put_chunk(client, aid, rec["id"], 0, huge)
    assert response.status_code == 413 and "limit" in response.json()["detail"]
    assert client.get(f"/api/v1/recordings/{rec['id']}").json()["size_bytes"] == 0


def test_deleting_a_recording_removes_its_file_and_frees_the_space(client, settings):
    aid, rec = recorded(client)
    overview = client.get("/api/v1/recordings").json()
    assert overview["usage"]["used_bytes"] == rec["size_bytes"] > 0
    assert overview["usage"]["recordings"] == 1
    assert [r["id"] for r in overview["recordings"]] == [rec["id"]]
    assert len(files_in(settings)) == 1

    assert client.delete(f"/api/v1/recordings/{rec['id']}").status_code == 204
    assert files_in(settings) == []
    assert client.get(rec["url"]).status_code == 404
    assert client.get(f"/api/v1/attempts/{aid}/recordings").json()["recordings"] == []
    assert client.get("/api/v1/recordings").json()["usage"]["used_bytes"] == 0
    assert client.delete(f"/api/v1/recordings/{rec['id']}").status_code == 404


def test_the_caps_come_from_the_environment(monkeypatch, tmp_path):
    from mockloop.settings import Settings

    monkeypatch.setenv("MOCKLOOP_RECORDING_CAP_BYTES", "1234")
    monkeypatch.setenv("MOCKLOOP_RECORDINGS_TOTAL_CAP_BYTES", "56789")
    loaded = Settings(home=tmp_path)
    assert (loaded.recording_cap_bytes, loaded.recordings_total_cap_bytes) == (1234, 56789)
    defaults = Settings.model_fields
    assert defaults["recording_cap_bytes"].default == 500_000_000
    assert defaults["recordings_total_cap_bytes"].default == 5_000_000_000


# --- pages --------------------------------------------------------------------------------------


def test_the_settings_page_shows_the_space_used_and_the_caps(capped):
    client = capped(recording=300_000_000, total=2_000_000_000)
    aid, rec = recorded(client)
    page = client.get("/settings").text
    assert recordings.size_text(rec["size_bytes"]) in page
    assert "300 MB" in page and "2 GB" in page
    assert "MOCKLOOP_RECORDING_CAP_BYTES" in page and "MOCKLOOP_RECORDINGS_TOTAL_CAP_BYTES" in page
    assert f'href="/attempts/{aid}#recordings"' in page

    deleted = client.post(
        f"/recordings/{rec['id']}/delete",
        data={"next": "/settings"},
        headers={"HX-Request": "true"},
    )
    assert "Recording deleted" in deleted.text
    assert 'id="recording-usage"' in deleted.text and "0 B" in deleted.text
    assert client.get(rec["url"]).status_code == 404


def test_the_attempt_page_and_history_show_the_player_with_speeds_and_markers(client):
    aid = start_attempt(client)
    rec = start_recording(client, aid)
    put_chunk(client, aid, rec["id"], 0, CHUNKS[0])
    client.post(f"/api/v1/attempts/{aid}/reveal", json={"stage": "hint"})
    for seq, data in enumerate(CHUNKS[1:], start=1):
        put_chunk(client, aid, rec["id"], seq, data)
    finish(client, aid, rec["id"])
    for path in (f"/attempts/{aid}", "/history"):
        page = client.get(path)
        assert page.status_code == 200, page.text
        html = page.text
        assert f'src="{rec["url"]}"' in html
        for speed in ("1", "1.25", "1.5", "2"):
            assert f'data-speed="{speed}"' in html
        assert "Hint 1" in html and "data-seek=" in html
    assert 'id="recorder"' in client.get(f"/attempts/{aid}").text


def test_deleting_from_a_page_without_javascript_goes_back_to_that_page(client):
    aid, first = recorded(client)
    response = client.post(
        f"/recordings/{first['id']}/delete",
        data={"next": f"/attempts/{aid}"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == f"/attempts/{aid}"
    _, second = recorded(client)
    offsite = client.post(
        f"/recordings/{second['id']}/delete",
        data={"next": "//evil.example"},
        follow_redirects=False,
    )
    assert offsite.status_code == 303 and offsite.headers["location"] == "/settings"


def test_the_openapi_document_lists_the_recording_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/api/v1/attempts/{attempt_id}/recordings"]) == {"get", "post"}
    assert "put" in paths["/api/v1/attempts/{attempt_id}/recordings/{recording_id}/chunks/{seq}"]
    assert "post" in paths["/api/v1/attempts/{attempt_id}/recordings/{recording_id}/finish"]
    assert set(paths["/api/v1/recordings/{recording_id}"]) == {"get", "delete"}
    for path in ("/api/v1/recordings", "/api/v1/recordings/{recording_id}/file"):
        assert "get" in paths[path]
