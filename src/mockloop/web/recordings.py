"""Recordings: the chunk-upload API, playback with HTTP Range, deleting, and the settings page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from mockloop.practice import recordings
from mockloop.practice.recordings import (
    RecordingCreate,
    RecordingPublic,
    RecordingsOverview,
    RecordingStarted,
)
from mockloop.web.api import ErrorMessage
from mockloop.web.deps import LibraryDep, SettingsDep, get_session
from mockloop.web.pages import templates

router = APIRouter(tags=["recordings"])
templates.env.filters["filesize"] = recordings.size_text

# Committed before the response goes out: the recorder sends chunk n+1 the moment chunk n is
# acknowledged, and must find chunk n stored.
CommittedSessionDep = Annotated[Session, Depends(get_session, scope="function")]

ERRORS = {status: {"model": ErrorMessage} for status in (404, 409, 413, 416, 422, 507)}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_PIECE = 256 * 1024


class RecordingList(BaseModel):
    recordings: list[RecordingPublic]


@router.post(
    "/api/v1/attempts/{attempt_id}/recordings",
    status_code=201,
    response_model=RecordingStarted,
    responses=ERRORS,
)
def start_recording(
    attempt_id: int,
    body: RecordingCreate,
    session: CommittedSessionDep,
    settings: SettingsDep,
    library: LibraryDep,
) -> RecordingStarted:
    """Open a recording of an attempt; then PUT its chunks in order and POST finish."""
    recording = recordings.start(session, settings, attempt_id, body)
    return RecordingStarted(
        **recordings.to_public(recording, library).model_dump(),
        max_chunk_bytes=settings.max_body_bytes,
    )


@router.get(
    "/api/v1/attempts/{attempt_id}/recordings", response_model=RecordingList, responses=ERRORS
)
def list_attempt_recordings(
    attempt_id: int, session: CommittedSessionDep, settings: SettingsDep, library: LibraryDep
) -> RecordingList:
    """An attempt's recordings, oldest first."""
    return RecordingList(recordings=recordings.for_attempt(session, library, attempt_id, settings))


@router.put(
    "/api/v1/attempts/{attempt_id}/recordings/{recording_id}/chunks/{seq}",
    response_model=RecordingPublic,
    responses=ERRORS,
)
def put_chunk(
    attempt_id: int,
    recording_id: int,
    seq: Annotated[int, Path(ge=0, le=10_000_000)],
    session: CommittedSessionDep,
    settings: SettingsDep,
    library: LibraryDep,
    data: Annotated[bytes, Body(media_type="application/octet-stream")] = b"",
) -> RecordingPublic:
    """Store chunk `seq` (0, 1, 2, ...) of a recording: the raw bytes MediaRecorder produced."""
    recording = recordings.append_chunk(session, settings, attempt_id, recording_id, seq, data)
    return recordings.to_public(recording, library)


@router.post(
    "/api/v1/attempts/{attempt_id}/recordings/{recording_id}/finish",
    response_model=RecordingPublic,
    responses=ERRORS,
)
def finish_recording(
    attempt_id: int,
    recording_id: int,
    session: CommittedSessionDep,
    settings: SettingsDep,
    library: LibraryDep,
) -> RecordingPublic:
    """Finish a recording so players know its length and can seek; finishing twice is harmless."""
    return recordings.finish_public(session, settings, library, attempt_id, recording_id)


@router.get("/api/v1/recordings", response_model=RecordingsOverview)
def list_recordings(
    session: CommittedSessionDep, settings: SettingsDep, library: LibraryDep
) -> RecordingsOverview:
    """Every recording, newest first, and the disk space they use against the caps."""
    return recordings.overview(session, settings, library)


@router.get("/api/v1/recordings/{recording_id}", response_model=RecordingPublic, responses=ERRORS)
def get_recording(
    recording_id: int, session: CommittedSessionDep, library: LibraryDep
) -> RecordingPublic:
    """One recording, with the moments of its reveals."""
    return recordings.to_public(recordings.load(session, recording_id), library)


@router.get(
    "/api/v1/recordings/{recording_id}/file",
    responses={**ERRORS, 206: {"description": "The requested byte range"}},
)
def recording_file(
    recording_id: int, request: Request, session: CommittedSessionDep, settings: SettingsDep
) -> Response:
    """The recording's file; honours a `Range: bytes=` header so players can seek."""
    found = recordings.open_file(session, settings, recording_id)
    return _ranged_file(request, found.path, found.size, found.media_type, found.download_name)


@router.head("/api/v1/recordings/{recording_id}/file", include_in_schema=False)
def recording_file_head(
    recording_id: int, request: Request, session: CommittedSessionDep, settings: SettingsDep
) -> Response:
    return recording_file(recording_id, request, session, settings)


@router.delete("/api/v1/recordings/{recording_id}", status_code=204, responses=ERRORS)
def delete_recording(
    recording_id: int, session: CommittedSessionDep, settings: SettingsDep
) -> Response:
    """Delete a recording and its file."""
    recordings.delete(session, settings, recording_id)
    return Response(status_code=204)


def _ranged_file(
    request: Request, path: FilePath, size: int, media_type: str, download_name: str
) -> Response:
    headers = {
        "Accept-Ranges": "bytes",
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(download_name)}",
    }
    start, end, status = 0, size - 1, 200
    wanted = request.headers.get("range", "").replace(" ", "")
    match = _RANGE.match(wanted)
    if match and (match[1] or match[2]):
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # the last N bytes
            start = max(0, size - int(match[2]))
        if start >= size or start > end:
            return Response(
                status_code=416,
                headers={**headers, "Content-Range": f"bytes */{size}"},
                content=f'{{"detail": "range {wanted} is outside the {size} byte recording"}}',
                media_type="application/json",
            )
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    headers["Content-Length"] = str(end - start + 1 if size else 0)
    if request.method == "HEAD" or size == 0:
        return Response(status_code=status, headers=headers, media_type=media_type)
    return StreamingResponse(
        _read(path, start, end), status_code=status, headers=headers, media_type=media_type
    )


def _read(path: FilePath, start: int, end: int) -> Iterator[bytes]:
    with path.open("rb") as f:
        f.seek(start)
        left = end - start + 1
        while left > 0:
            piece = f.read(min(left, _PIECE))
            if not piece:
                return
            left -= len(piece)
            yield piece


# --- pages -------------------------------------------------------------------------------------


@router.get("/settings", response_class=HTMLResponse, include_in_schema=False)
def settings_page(
    request: Request, session: CommittedSessionDep, settings: SettingsDep, library: LibraryDep
) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "settings.html", {"overview": recordings.overview(session, settings, library)}
    )


@router.get(
    "/attempts/{attempt_id}/recordings", response_class=HTMLResponse, include_in_schema=False
)
def attempt_recordings_fragment(
    attempt_id: int,
    request: Request,
    session: CommittedSessionDep,
    settings: SettingsDep,
    library: LibraryDep,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "_recordings_list.html",
        {
            "attempt_id": attempt_id,
            "recordings": recordings.for_attempt(session, library, attempt_id, settings),
        },
    )


@router.post("/recordings/{recording_id}/delete", include_in_schema=False)
def delete_page(
    recording_id: int,
    request: Request,
    session: CommittedSessionDep,
    settings: SettingsDep,
    next_page: Annotated[str, Form(alias="next", max_length=300)] = "/settings",
) -> Response:
    recordings.delete(session, settings, recording_id)
    if request.headers.get("hx-request") == "true":
        return templates.TemplateResponse(
            request,
            "recordings_deleted.html",
            {
                "recording_id": recording_id,
                "usage": recordings.usage(session, settings),
                "show_usage": next_page == "/settings",
            },
        )
    local = next_page.startswith("/") and not next_page.startswith("//")
    return RedirectResponse(next_page if local else "/settings", status_code=303)
