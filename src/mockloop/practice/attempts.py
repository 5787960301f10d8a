"""Attempts: the timer, staged reveals, marks and postmortems. Every rule lives here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from mockloop.library import Library, Prompt
from mockloop.practice import clock
from mockloop.practice.errors import Conflict, Invalid, NotFound
from mockloop.practice.schemas import (
    AttemptPublic,
    PostmortemPublic,
    PostmortemUpdate,
    RevealPublic,
)
from mockloop.practice.tables import Attempt, Mark, Postmortem, Reveal


def elapsed_seconds(attempt: Attempt, now: datetime) -> float:
    """Seconds spent solving: start to stop (or now), less every pause."""
    end = attempt.stopped_at or attempt.paused_at or now
    return max(0.0, (end - attempt.started_at).total_seconds() - attempt.paused_seconds)


def state_of(attempt: Attempt) -> str:
    """running, paused or stopped."""
    if attempt.stopped_at:
        return "stopped"
    return "paused" if attempt.paused_at else "running"


def require_prompt(library: Library, slug: str) -> Prompt:
    """The prompt with this slug, or NotFound with a message naming it."""
    prompt = library.get(slug)
    if prompt is None:
        raise NotFound(f"no prompt with slug {slug!r}")
    return prompt


def load(session: Session, attempt_id: int, *, for_update: bool = False) -> Attempt:
    """The attempt with this id (locked for update when asked), or NotFound."""
    stmt = select(Attempt).where(Attempt.id == attempt_id)
    if for_update:
        stmt = stmt.with_for_update()
    attempt = session.scalars(stmt).one_or_none()
    if attempt is None:
        raise NotFound(f"no attempt with id {attempt_id}")
    return attempt


def start(session: Session, library: Library, slug: str, *, cram: bool = False) -> Attempt:
    """Start the timer on a new attempt at a prompt (in cram mode, it never moves a review)."""
    prompt = require_prompt(library, slug)
    attempt = Attempt(
        prompt_slug=prompt.slug,
        target_minutes=prompt.minutes,
        started_at=clock.utcnow(),
        cram=cram,
    )
    session.add(attempt)
    session.flush()
    return attempt


def pause(session: Session, attempt_id: int) -> Attempt:
    """Pause a running attempt's timer."""
    attempt = load(session, attempt_id, for_update=True)
    if state_of(attempt) != "running":
        raise Conflict(
            f"attempt {attempt_id} is {state_of(attempt)}; only a running attempt can be paused"
        )
    attempt.paused_at = clock.utcnow()
    return attempt


def resume(session: Session, attempt_id: int) -> Attempt:
    """Resume a paused attempt; the pause is not counted."""
    attempt = load(session, attempt_id, for_update=True)
    if state_of(attempt) != "paused":
        raise Conflict(
            f"attempt {attempt_id} is {state_of(attempt)}; only a paused attempt can be resumed"
        )
    _close_pause(attempt, clock.utcnow())
    return attempt


def _close_pause(attempt: Attempt, now: datetime) -> None:
    if attempt.paused_at:
        attempt.paused_seconds += max(0.0, (now - attempt.paused_at).total_seconds())
        attempt.paused_at = None


def stop(session: Session, attempt_id: int) -> Attempt:
    """Stop the timer for good (a paused attempt stops at the moment it was paused)."""
    attempt = load(session, attempt_id, for_update=True)
    if attempt.stopped_at:
        raise Conflict(f"attempt {attempt_id} is already stopped")
    now = clock.utcnow()
    stopped_at = attempt.paused_at or now
    _close_pause(attempt, stopped_at)
    attempt.stopped_at = stopped_at
    _progress(session, attempt)
    return attempt


def _progress(session: Session, attempt: Attempt) -> None:
    from mockloop.practice import reviews  # reviews builds on this module

    reviews.sync_attempt(session, attempt)


def reveal(session: Session, library: Library, attempt_id: int, stage: str) -> Attempt:
    """Reveal the next hint, the answer, or the follow-ups; revealing the answer stops the timer."""
    attempt = load(session, attempt_id, for_update=True)
    prompt = require_prompt(library, attempt.prompt_slug)
    if stage in ("answer", "follow_ups") and attempt.circuit_run_id is not None:
        from mockloop.practice import circuits  # circuits builds on this module

        circuits.require_round_over(session, attempt)
    now = clock.utcnow()
    offset = elapsed_seconds(attempt, now)
    if stage == "hint":
        if attempt.hints_revealed >= len(prompt.hints):
            raise Conflict(f"all {len(prompt.hints)} hints are already revealed")
        attempt.reveals.append(
            Reveal(
                stage="hint",
                hint_index=attempt.hints_revealed,
                revealed_at=now,
                offset_seconds=offset,
            )
        )
        attempt.hints_revealed += 1
    elif stage == "answer":
        if attempt.answer_revealed_at:
            raise Conflict("the answer is already revealed")
        if not attempt.stopped_at:
            stopped_at = attempt.paused_at or now
            _close_pause(attempt, stopped_at)
            attempt.stopped_at = stopped_at
        attempt.answer_revealed_at = now
        attempt.reveals.append(Reveal(stage="answer", revealed_at=now, offset_seconds=offset))
    elif stage == "follow_ups":
        if not attempt.answer_revealed_at:
            raise Conflict("reveal the answer before the follow-ups")
        if attempt.follow_ups_revealed_at:
            raise Conflict("the follow-ups are already revealed")
        attempt.follow_ups_revealed_at = now
        attempt.reveals.append(Reveal(stage="follow_ups", revealed_at=now, offset_seconds=offset))
    else:
        raise Invalid(f"stage must be hint, answer or follow_ups, got {stage!r}")
    if stage == "answer":
        _progress(session, attempt)
    return attempt


def set_marks(session: Session, library: Library, attempt_id: int, missed: list[str]) -> Attempt:
    """Record which key points were missed; every other key point of the prompt counts as hit."""
    attempt = load(session, attempt_id, for_update=True)
    prompt = require_prompt(library, attempt.prompt_slug)
    ids = prompt.key_point_ids()
    unknown = sorted(set(missed) - set(ids))
    if unknown:
        raise Invalid(
            f"unknown key point ids for {prompt.slug!r}: {unknown}; expected some of {ids}"
        )
    missed_set = set(missed)
    current = {mark.key_point_id: mark for mark in attempt.marks}
    for kp_id in ids:
        if kp_id in current:
            current[kp_id].missed = kp_id in missed_set
        else:
            attempt.marks.append(Mark(key_point_id=kp_id, missed=kp_id in missed_set))
    attempt.marked_at = clock.utcnow()
    _progress(session, attempt)
    return attempt


def set_postmortem(session: Session, attempt_id: int, lines: PostmortemUpdate) -> Attempt:
    """Save the three postmortem lines as typed (the whole set replaces the last save)."""
    attempt = load(session, attempt_id, for_update=True)
    if attempt.postmortem is None:
        attempt.postmortem = Postmortem()
    attempt.postmortem.went_well = lines.went_well
    attempt.postmortem.missed = lines.missed
    attempt.postmortem.next_time = lines.next_time
    attempt.postmortem.updated_at = clock.utcnow()
    _progress(session, attempt)
    return attempt


def with_details(stmt: Select[tuple[Attempt]]) -> Select[tuple[Attempt]]:
    """The query, loading each attempt's marks, postmortem and reveals along with it."""
    return stmt.options(
        selectinload(Attempt.marks),
        selectinload(Attempt.postmortem),
        selectinload(Attempt.reveals),
    )


def list_attempts(session: Session, prompt: str | None = None, limit: int = 200) -> list[Attempt]:
    """Attempts, newest first, optionally for one prompt."""
    stmt = (
        with_details(select(Attempt))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(limit)
    )
    if prompt:
        stmt = stmt.where(Attempt.prompt_slug == prompt)
    return list(session.scalars(stmt))


def open_attempt(session: Session, prompt: str) -> Attempt | None:
    """The newest attempt at a prompt whose timer has not been stopped, if any."""
    stmt = (
        select(Attempt)
        .where(Attempt.prompt_slug == prompt, Attempt.stopped_at.is_(None))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).one_or_none()


def last_prompt(session: Session) -> str | None:
    """The slug of the most recently started attempt (Random mock avoids it)."""
    stmt = (
        select(Attempt.prompt_slug).order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(1)
    )
    return session.scalars(stmt).one_or_none()


def to_public(attempt: Attempt, library: Library, now: datetime | None = None) -> AttemptPublic:
    """The attempt as front ends show it, with elapsed time computed now."""
    now = now or clock.utcnow()
    prompt = library.get(attempt.prompt_slug)
    elapsed = elapsed_seconds(attempt, now)
    target = attempt.target_minutes * 60
    missed = [m.key_point_id for m in attempt.marks if m.missed]
    hit = [m.key_point_id for m in attempt.marks if not m.missed]
    pm = attempt.postmortem
    return AttemptPublic(
        id=attempt.id,
        prompt=attempt.prompt_slug,
        prompt_title=prompt.title if prompt else attempt.prompt_slug,
        category=prompt.category if prompt else "",
        state=state_of(attempt),  # type: ignore[arg-type]
        started_at=clock.iso(attempt.started_at) or "",
        paused_at=clock.iso(attempt.paused_at),
        stopped_at=clock.iso(attempt.stopped_at),
        elapsed_seconds=round(elapsed, 3),
        target_seconds=target,
        overtime=elapsed > target,
        hints_revealed=attempt.hints_revealed,
        hints_total=len(prompt.hints) if prompt else 0,
        answer_revealed=attempt.answer_revealed_at is not None,
        follow_ups_revealed=attempt.follow_ups_revealed_at is not None,
        marked=attempt.marked_at is not None,
        missed=missed,
        hit=hit,
        postmortem=(
            PostmortemPublic(
                went_well=pm.went_well,
                missed=pm.missed,
                next_time=pm.next_time,
                updated_at=clock.iso(pm.updated_at),
            )
            if pm
            else None
        ),
        reveals=[
            RevealPublic(
                stage=r.stage,
                hint_index=r.hint_index,
                revealed_at=clock.iso(r.revealed_at) or "",
                offset_seconds=round(r.offset_seconds, 3),
            )
            for r in attempt.reveals
        ],
        server_time=clock.iso(now) or "",
        circuit_run_id=attempt.circuit_run_id,
        cram=attempt.cram,
    )
