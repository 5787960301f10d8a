"""Recordings: the user solving out loud, uploaded in numbered chunks while it records, kept as a
file under $MOCKLOOP_HOME/recordings/ and attached to its attempt. Every rule lives here."""

from __future__ import annotations

import hashlib
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, inspect, select, update
from sqlalchemy.orm import Session, selectinload

from mockloop.library import Library
from mockloop.practice import attempts, clock
from mockloop.practice import recordings_media as media
from mockloop.practice.errors import Conflict, Invalid, NotFound, PracticeError
from mockloop.practice.tables import Attempt
from mockloop.practice.tables_recordings import Recording
from mockloop.settings import Settings

# No chunk for this long means the tab that recorded is gone: what arrived is finished as it is.
STALE_SECONDS = 60
# A reveal belongs to a recording when it happened between its start and its last chunk (plus the
# moment the recorder needs to hand over its final chunk after the timer stops it).
_REVEAL_SLACK = timedelta(seconds=3)
_STAGE_LABELS = {"answer": "Answer", "follow_ups": "Follow-ups"}


class CapReached(PracticeError):
    """A recording would grow past the per-recording cap or the total cap."""

    status_code = 413


class StorageFailed(PracticeError):
    """The recordings folder could not be written (disk full, permissions)."""

    status_code = 507


class RecordingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["audio", "video"] = Field(
        description="audio: the microphone only; video: the camera and the microphone."
    )
    mime_type: str = Field(
        min_length=1,
        max_length=120,
        pattern=r"^[a-zA-Z0-9.+/-]+(\s*;\s*[a-zA-Z0-9.=,\"' +-]+)*$",
        description="What the browser's MediaRecorder produces, e.g. audio/webm;codecs=opus.",
    )


class RecordingMarker(BaseModel):
    stage: str
    hint_index: int | None
    label: str
    seconds: float = Field(description="Where in the recording the reveal happened.")


class RecordingPublic(BaseModel):
    """A recording as every front end shows it."""

    id: int
    attempt_id: int
    prompt: str
    prompt_title: str
    kind: Literal["audio", "video"]
    mime_type: str
    state: Literal["recording", "partial", "finished", "discarded"] = Field(
        description="recording: chunks still arriving; partial: the recorder went away and the "
        "file is not finished yet; finished: complete; discarded: it had no data and is gone."
    )
    size_bytes: int
    next_chunk: int = Field(description="The sequence number the next chunk must carry.")
    duration_seconds: float | None
    started_at: str
    finished_at: str | None
    attempt_offset_seconds: float = Field(
        description="The attempt's elapsed time when the recording started."
    )
    follows_timer: bool = Field(
        description="Whether the recorder pauses, resumes and stops with the attempt's timer."
    )
    url: str
    markers: list[RecordingMarker]


class RecordingStarted(RecordingPublic):
    max_chunk_bytes: int = Field(description="Split larger pieces into several chunks.")


class RecordingUsage(BaseModel):
    recordings: int
    used_bytes: int
    recording_cap_bytes: int
    total_cap_bytes: int
    directory: str
    disk_free_bytes: int | None


class RecordingsOverview(BaseModel):
    usage: RecordingUsage
    recordings: list[RecordingPublic]


@dataclass
class RecordingFile:
    """A recording's file as the web layer serves it."""

    path: Path
    size: int
    media_type: str
    download_name: str


def directory(settings: Settings) -> Path:
    """Where recording files live: recordings/ in the data directory."""
    return settings.home / "recordings"


def size_text(size: float) -> str:
    """Bytes in words: 512 B, 1.4 MB, 5 GB."""
    for unit in ("B", "kB", "MB", "GB"):
        if abs(size) < 1000 or unit == "GB":
            if unit == "B":
                return f"{int(size)} B"
            return f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1000
    return f"{size} GB"  # pragma: no cover


def _path(settings: Settings, recording: Recording) -> Path:
    return directory(settings) / recording.filename


def _used_bytes(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(Recording.size_bytes), 0))) or 0)


def _total_cap_message(used: int, settings: Settings) -> str:
    return (
        f"recordings already use {size_text(used)} of the "
        f"{size_text(settings.recordings_total_cap_bytes)} total cap "
        "(MOCKLOOP_RECORDINGS_TOTAL_CAP_BYTES); delete recordings in Settings to record more"
    )


def load(session: Session, recording_id: int) -> Recording:
    """The recording with this id, or NotFound."""
    recording = session.get(Recording, recording_id)
    if recording is None:
        raise NotFound(f"no recording with id {recording_id}")
    return recording


def _load_of_attempt(session: Session, attempt_id: int, recording_id: int) -> Recording:
    attempts.load(session, attempt_id)
    recording = load(session, recording_id)
    if recording.attempt_id != attempt_id:
        raise NotFound(
            f"recording {recording_id} belongs to attempt {recording.attempt_id}, "
            f"not to attempt {attempt_id}"
        )
    return recording


def start(
    session: Session, settings: Settings, attempt_id: int, body: RecordingCreate
) -> Recording:
    """Open a new recording of an attempt; any other unfinished recording of it is finished."""
    attempt = attempts.load(session, attempt_id, for_update=True)
    found = media.container_of(body.mime_type)
    if found is None:
        raise Invalid(
            f"mime_type must be audio/ or video/ webm, ogg or mp4, got {body.mime_type!r}"
        )
    expected_type = "audio/" if body.kind == "audio" else "video/"
    if not body.mime_type.lower().startswith(expected_type):
        raise Invalid(f"a {body.kind} recording cannot be {body.mime_type!r}")
    if settings.recording_cap_bytes <= 0:
        raise CapReached("recording is turned off: MOCKLOOP_RECORDING_CAP_BYTES is 0")
    used = _used_bytes(session)
    if used >= settings.recordings_total_cap_bytes:
        raise CapReached(_total_cap_message(used, settings))
    for other in session.scalars(
        select(Recording).where(Recording.attempt_id == attempt.id, Recording.finished_at.is_(None))
    ):
        _finish(session, settings, other)

    container, extension = found
    now = clock.utcnow()
    recording = Recording(
        attempt_id=attempt.id,
        kind=body.kind,
        mime_type=body.mime_type,
        container=container,
        filename=f"attempt-{attempt.id}-{secrets.token_hex(6)}.{extension}",
        size_bytes=0,
        chunks=0,
        follows_timer=attempts.state_of(attempt) == "running",
        attempt_offset_seconds=round(attempts.elapsed_seconds(attempt, now), 3),
        started_at=now,
    )
    try:
        directory(settings).mkdir(parents=True, exist_ok=True)
        _path(settings, recording).touch(exist_ok=False)
    except OSError as exc:
        raise StorageFailed(f"cannot write to {directory(settings)}: {exc.strerror}") from exc
    session.add(recording)
    session.flush()
    return recording


def append_chunk(
    session: Session,
    settings: Settings,
    attempt_id: int,
    recording_id: int,
    seq: int,
    data: bytes,
) -> Recording:
    """Add chunk `seq` to the end of a recording; chunks arrive in order, each exactly once."""
    recording = _load_of_attempt(session, attempt_id, recording_id)
    if recording.finished_at:
        raise Conflict(f"recording {recording_id} is finished; start a new recording")
    if not data:
        raise Invalid(f"chunk {seq} is empty")
    digest = hashlib.sha256(data).hexdigest()
    if seq == recording.chunks - 1 and digest == recording.last_chunk_sha256:
        return recording  # a retry of a chunk that arrived: already stored
    if seq != recording.chunks:
        raise Conflict(
            f"chunk {seq} is out of order: recording {recording_id} expects chunk "
            f"{recording.chunks} next"
        )
    name = media.CONTAINER_NAMES[recording.container]
    if seq == 0:
        found = media.sniff(data[:4096])
        if found is None:
            raise Invalid("chunk 0 is not a WebM, Ogg or MP4 recording")
        if found != recording.container:
            raise Invalid(
                f"recording {recording_id} was started as {recording.mime_type}, "
                f"but chunk 0 is {media.CONTAINER_NAMES[found]}"
            )
    elif media.starts_new_file(recording.container, data):
        raise Invalid(
            f"chunk {seq} starts a new {name} file; chunks after the first must continue "
            f"recording {recording_id}"
        )
    if recording.size_bytes + len(data) > settings.recording_cap_bytes:
        raise CapReached(
            f"recording {recording_id} reached the per-recording cap of "
            f"{size_text(settings.recording_cap_bytes)} (MOCKLOOP_RECORDING_CAP_BYTES); "
            f"the {size_text(recording.size_bytes)} recorded so far is kept"
        )
    used = _used_bytes(session)
    if used + len(data) > settings.recordings_total_cap_bytes:
        raise CapReached(_total_cap_message(used, settings))

    offset = recording.size_bytes
    # Claiming the sequence number in the database first serialises two uploads of one chunk
    # (a row lock on PostgreSQL, the write lock on SQLite); the loser sees no row to update.
    claimed = session.execute(
        update(Recording)
        .where(
            Recording.id == recording_id,
            Recording.chunks == seq,
            Recording.finished_at.is_(None),
        )
        .values(
            chunks=seq + 1,
            size_bytes=offset + len(data),
            last_chunk_sha256=digest,
            last_chunk_at=clock.utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(f"chunk {seq} of recording {recording_id} arrived twice at once")
    try:
        # Written at the committed size, not appended: bytes of a chunk whose transaction failed
        # are overwritten by the next one.
        with _path(settings, recording).open("r+b") as f:
            f.truncate(offset)
            f.seek(offset)
            f.write(data)
    except OSError as exc:
        raise StorageFailed(f"could not store chunk {seq}: {exc.strerror}") from exc
    session.refresh(recording)
    return recording


def finish(session: Session, settings: Settings, attempt_id: int, recording_id: int) -> Recording:
    """Finish a recording: its file gets a length and a seek index. Finishing twice is harmless."""
    recording = _load_of_attempt(session, attempt_id, recording_id)
    if not recording.finished_at:
        _finish(session, settings, recording)
    return recording


def _finish(session: Session, settings: Settings, recording: Recording) -> None:
    claimed = session.execute(
        update(Recording)
        .where(Recording.id == recording.id, Recording.finished_at.is_(None))
        .values(finished_at=clock.utcnow())
        .execution_options(synchronize_session=False)
    )
    session.refresh(recording)
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return  # another request finished it meanwhile
    path = _path(settings, recording)
    if recording.size_bytes == 0:
        session.delete(recording)
        session.flush()
        path.unlink(missing_ok=True)
        return
    try:
        done = media.finish_file(path, recording.size_bytes, recording.container)
    except OSError as exc:
        raise StorageFailed(f"could not finish recording {recording.id}: {exc.strerror}") from exc
    recording.size_bytes = done.size
    recording.duration_seconds = done.duration_seconds


def _is_stale(recording: Recording, now: datetime) -> bool:
    if recording.finished_at:
        return False
    if recording.follows_timer and attempts.state_of(recording.attempt) == "paused":
        return False  # the recorder is paused with the timer and sends nothing meanwhile
    last = recording.last_chunk_at or recording.started_at
    return (now - last).total_seconds() >= STALE_SECONDS


def finish_stale(session: Session, settings: Settings) -> int:
    """Finish recordings whose recorder went away (a closed tab, a crash); returns how many."""
    now = clock.utcnow()
    cutoff = now - timedelta(seconds=STALE_SECONDS)
    candidates = session.scalars(
        select(Recording).where(
            Recording.finished_at.is_(None),
            func.coalesce(Recording.last_chunk_at, Recording.started_at) <= cutoff,
        )
    ).all()
    stale = [r for r in candidates if _is_stale(r, now)]
    for recording in stale:
        _finish(session, settings, recording)
    return len(stale)


def delete(session: Session, settings: Settings, recording_id: int) -> None:
    """Delete a recording and its file."""
    recording = load(session, recording_id)
    path = _path(settings, recording)
    session.delete(recording)
    session.flush()
    try:
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".finishing").unlink(missing_ok=True)
    except OSError as exc:
        raise StorageFailed(f"could not delete {path}: {exc.strerror}") from exc


def open_file(session: Session, settings: Settings, recording_id: int) -> RecordingFile:
    """A recording's file to play: a recording whose recorder went away is finished first."""
    recording = load(session, recording_id)
    if _is_stale(recording, clock.utcnow()):
        _finish(session, settings, recording)
    path = _path(settings, recording)
    try:
        size = min(recording.size_bytes, path.stat().st_size)
    except FileNotFoundError:
        raise NotFound(
            f"the file of recording {recording_id} is missing from {path.parent}"
        ) from None
    extension = path.suffix
    return RecordingFile(
        path=path,
        size=size,
        media_type=recording.mime_type.split(";", 1)[0].strip().lower(),
        download_name=f"mockloop-attempt-{recording.attempt_id}-recording-{recording.id}{extension}",
    )


# Markers need each recording's attempt and its reveals.
_WITH_REVEALS = selectinload(Recording.attempt).selectinload(Attempt.reveals)


def for_attempt(
    session: Session, library: Library, attempt_id: int, settings: Settings | None = None
) -> list[RecordingPublic]:
    """An attempt's recordings, oldest first (with settings, abandoned ones are finished first)."""
    attempts.load(session, attempt_id)
    if settings is not None:
        finish_stale(session, settings)
    rows = session.scalars(
        select(Recording)
        .options(_WITH_REVEALS)
        .where(Recording.attempt_id == attempt_id)
        .order_by(Recording.started_at, Recording.id)
    )
    now = clock.utcnow()
    return [to_public(r, library, now) for r in rows]


def by_attempt(
    session: Session, library: Library, attempt_ids: list[int]
) -> dict[int, list[RecordingPublic]]:
    """The recordings of several attempts (a history page), keyed by attempt id."""
    out: dict[int, list[RecordingPublic]] = {}
    if not attempt_ids:
        return out
    rows = session.scalars(
        select(Recording)
        .options(_WITH_REVEALS)
        .where(Recording.attempt_id.in_(attempt_ids))
        .order_by(Recording.started_at, Recording.id)
    )
    now = clock.utcnow()
    for recording in rows:
        out.setdefault(recording.attempt_id, []).append(to_public(recording, library, now))
    return out


def usage(session: Session, settings: Settings) -> RecordingUsage:
    """Disk space the recordings use, against the caps."""
    folder = directory(settings)
    probe = next((p for p in (folder, settings.home, *settings.home.parents) if p.exists()), None)
    return RecordingUsage(
        recordings=int(session.scalar(select(func.count(Recording.id))) or 0),
        used_bytes=_used_bytes(session),
        recording_cap_bytes=settings.recording_cap_bytes,
        total_cap_bytes=settings.recordings_total_cap_bytes,
        directory=str(folder),
        disk_free_bytes=shutil.disk_usage(probe).free if probe else None,
    )


def overview(session: Session, settings: Settings, library: Library) -> RecordingsOverview:
    """Every recording, newest first, with the disk space they use."""
    finish_stale(session, settings)
    rows = session.scalars(
        select(Recording)
        .options(_WITH_REVEALS)
        .order_by(Recording.started_at.desc(), Recording.id.desc())
    )
    now = clock.utcnow()
    return RecordingsOverview(
        usage=usage(session, settings), recordings=[to_public(r, library, now) for r in rows]
    )


def markers(recording: Recording, duration: float | None) -> list[RecordingMarker]:
    """The moments hints, the answer and the follow-ups were revealed, as times in the recording."""
    started = recording.started_at
    ended = (recording.last_chunk_at or started) + _REVEAL_SLACK
    out = []
    for reveal in recording.attempt.reveals:
        if not (started - timedelta(seconds=1) <= reveal.revealed_at <= ended):
            continue
        if recording.follows_timer:
            seconds = reveal.offset_seconds - recording.attempt_offset_seconds
        else:
            seconds = (reveal.revealed_at - started).total_seconds()
        seconds = max(0.0, seconds if duration is None else min(seconds, duration))
        label = (
            f"Hint {(reveal.hint_index or 0) + 1}"
            if reveal.stage == "hint"
            else _STAGE_LABELS.get(reveal.stage, reveal.stage)
        )
        out.append(
            RecordingMarker(
                stage=reveal.stage,
                hint_index=reveal.hint_index,
                label=label,
                seconds=round(seconds, 3),
            )
        )
    return out


def to_public(
    recording: Recording, library: Library, now: datetime | None = None
) -> RecordingPublic:
    """The recording as front ends show it."""
    now = now or clock.utcnow()
    if recording.finished_at:
        state = "finished"
    else:
        state = "partial" if _is_stale(recording, now) else "recording"
    duration = recording.duration_seconds
    if duration is None and not recording.finished_at and recording.last_chunk_at:
        duration = round((recording.last_chunk_at - recording.started_at).total_seconds(), 3)
    prompt = library.get(recording.attempt.prompt_slug)
    return RecordingPublic(
        id=recording.id,
        attempt_id=recording.attempt_id,
        prompt=recording.attempt.prompt_slug,
        prompt_title=prompt.title if prompt else recording.attempt.prompt_slug,
        kind=recording.kind,  # type: ignore[arg-type]
        mime_type=recording.mime_type,
        state=state,  # type: ignore[arg-type]
        size_bytes=recording.size_bytes,
        next_chunk=recording.chunks,
        duration_seconds=duration,
        started_at=clock.iso(recording.started_at) or "",
        finished_at=clock.iso(recording.finished_at),
        attempt_offset_seconds=recording.attempt_offset_seconds,
        follows_timer=recording.follows_timer,
        url=f"/api/v1/recordings/{recording.id}/file",
        markers=markers(recording, duration),
    )


def finish_public(
    session: Session, settings: Settings, library: Library, attempt_id: int, recording_id: int
) -> RecordingPublic:
    """Finish a recording and show it; a recording that never got data is discarded."""
    recording = _load_of_attempt(session, attempt_id, recording_id)
    before = to_public(recording, library)
    finish(session, settings, attempt_id, recording_id)
    if inspect(recording).deleted:
        return before.model_copy(update={"state": "discarded", "markers": []})
    return to_public(recording, library)
