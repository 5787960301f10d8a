"""The journal: postmortem search, exports (Markdown, CSV, JSON) and the JSON import.

An attempt is identified across databases by its prompt and its start time (to the microsecond),
which is how an import recognises what is already there.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from mockloop.library import Library
from mockloop.practice import attempts, clock, reviews
from mockloop.practice.errors import Invalid
from mockloop.practice.schemas_progress import JOURNAL_FORMAT, ImportResult, Journal
from mockloop.practice.tables import Attempt, Mark, Postmortem, Reveal
from mockloop.practice.tables_progress import PROMPT_CARD, ProgressAttempt, ReviewLog

ExportFormat = Literal["md", "csv", "json"]
EXPORT_FORMATS: tuple[str, ...] = ("md", "csv", "json")
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
CSV_COLUMNS = (
    "started_at",
    "prompt",
    "title",
    "category",
    "state",
    "elapsed_seconds",
    "target_seconds",
    "overtime",
    "cram",
    "key_points",
    "key_points_missed",
    "missed_key_points",
    "rating",
    "went_well",
    "missed",
    "next_time",
)


# --- search -----------------------------------------------------------------------------------


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_postmortems(session: Session, q: str, limit: int = 200) -> list[Attempt]:
    """Attempts whose postmortem contains every word of the query (any case), newest first."""
    words = q.casefold().split()
    if not words:
        return []
    reviews.ensure_current(session)
    stmt = (
        select(Attempt)
        .join(ProgressAttempt, ProgressAttempt.attempt_id == Attempt.id)
        .where(
            *(ProgressAttempt.search_text.like(f"%{_like_escape(w)}%", escape="\\") for w in words)
        )
        .options(
            selectinload(Attempt.marks),
            selectinload(Attempt.postmortem),
            selectinload(Attempt.reveals),
        )
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


# --- export -----------------------------------------------------------------------------------


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="microseconds") + "Z"


def _every_attempt(session: Session) -> list[Attempt]:
    stmt = (
        select(Attempt)
        .options(
            selectinload(Attempt.marks),
            selectinload(Attempt.postmortem),
            selectinload(Attempt.reveals),
        )
        .order_by(Attempt.started_at, Attempt.id)
    )
    return list(session.scalars(stmt))


def journal_data(session: Session) -> dict[str, Any]:
    """The whole history as the JSON export holds it, oldest attempt first."""
    entries = []
    for a in _every_attempt(session):
        pm = a.postmortem
        entries.append(
            {
                "prompt": a.prompt_slug,
                "target_minutes": a.target_minutes,
                "started_at": _stamp(a.started_at),
                "paused_at": _stamp(a.paused_at),
                "paused_seconds": a.paused_seconds,
                "stopped_at": _stamp(a.stopped_at),
                "hints_revealed": a.hints_revealed,
                "answer_revealed_at": _stamp(a.answer_revealed_at),
                "follow_ups_revealed_at": _stamp(a.follow_ups_revealed_at),
                "marked_at": _stamp(a.marked_at),
                "cram": bool(a.cram),
                "rating_override": (
                    reviews.RATING_NAMES[reviews.Rating(a.rating_override)]
                    if a.rating_override
                    else None
                ),
                "updated_at": _stamp(a.updated_at),
                "marks": [{"key_point": m.key_point_id, "missed": bool(m.missed)} for m in a.marks],
                "reveals": [
                    {
                        "stage": r.stage,
                        "hint_index": r.hint_index,
                        "revealed_at": _stamp(r.revealed_at),
                        "offset_seconds": r.offset_seconds,
                    }
                    for r in a.reveals
                ],
                "postmortem": (
                    {
                        "went_well": pm.went_well,
                        "missed": pm.missed,
                        "next_time": pm.next_time,
                        "updated_at": _stamp(pm.updated_at),
                    }
                    if pm
                    else None
                ),
            }
        )
    return {"format": JOURNAL_FORMAT, "version": 1, "attempts": entries}


@dataclass(frozen=True)
class _Row:
    """One attempt as the Markdown and CSV journals show it."""

    attempt: Attempt
    title: str
    category: str
    state: str
    elapsed: float
    missed: list[tuple[str, str]]  # (id, text)
    total: int | None  # key points marked; None when not marked
    rating: str | None


def _rows(session: Session, library: Library, now: datetime) -> list[_Row]:
    ratings = {
        attempt_id: reviews.RATING_NAMES[reviews.Rating(rating)]
        for attempt_id, rating in session.execute(
            select(ReviewLog.attempt_id, ReviewLog.rating).where(
                ReviewLog.key_point_id == PROMPT_CARD
            )
        )
    }
    rows = []
    for a in reversed(_every_attempt(session)):
        prompt = library.get(a.prompt_slug)
        texts = {kp.id: kp.text for kp in prompt.key_points} if prompt else {}
        rows.append(
            _Row(
                attempt=a,
                title=prompt.title if prompt else a.prompt_slug,
                category=prompt.category if prompt else "",
                state=attempts.state_of(a),
                elapsed=attempts.elapsed_seconds(a, now),
                missed=[
                    (m.key_point_id, texts.get(m.key_point_id, m.key_point_id))
                    for m in a.marks
                    if m.missed
                ],
                total=len(a.marks) if a.marked_at is not None else None,
                rating=ratings.get(a.id),
            )
        )
    return rows


def _one_line(text: str) -> str:
    return " ".join(text.split())


def export_markdown(session: Session, library: Library, now: datetime | None = None) -> str:
    """A Markdown journal: one section per attempt, newest first."""
    rows = _rows(session, library, now or clock.utcnow())
    out = ["# mockloop journal", ""]
    out.append(
        f"{len(rows)} attempt{'s' if len(rows) != 1 else ''}, newest first. Times are UTC."
        if rows
        else "No attempts yet."
    )
    for row in rows:
        a = row.attempt
        when = a.started_at.strftime("%Y-%m-%d %H:%M")
        out += ["", f"## {row.title}, {when} UTC", ""]
        out.append(f"- Prompt: `{a.prompt_slug}`" + (f" ({row.category})" if row.category else ""))
        out.append(f"- Date: {when} UTC")
        time_used = f"{clock.clock_text(row.elapsed)} of {clock.clock_text(a.target_minutes * 60)}"
        if row.elapsed > a.target_minutes * 60:
            time_used += " (overtime)"
        if row.state != "stopped":
            time_used += f" ({row.state})"
        out.append(f"- Time: {time_used}")
        if a.cram:
            out.append("- Cram mode: the review schedule was left alone")
        if row.rating:
            out.append(f"- Review: {row.rating}")
        if row.total is None:
            out.append("- Key points missed: not marked")
        elif not row.missed:
            out.append(f"- Key points missed: none of {row.total}")
        else:
            out.append(f"- Key points missed: {len(row.missed)} of {row.total}")
            out += [f"  - {_one_line(text)}" for _, text in row.missed]
        pm = a.postmortem
        lines = (
            [
                ("What went well", pm.went_well),
                ("What I missed", pm.missed),
                ("What I'll do next time", pm.next_time),
            ]
            if pm
            else []
        )
        lines = [(label, text) for label, text in lines if text.strip()]
        if lines:
            out.append("- Postmortem:")
            out += [f"  - {label}: {_one_line(text)}" for label, text in lines]
        else:
            out.append("- Postmortem: none")
    return "\n".join(out) + "\n"


def export_csv(session: Session, library: Library, now: datetime | None = None) -> str:
    """A spreadsheet-friendly journal: one row per attempt, newest first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in _rows(session, library, now or clock.utcnow()):
        a = row.attempt
        pm = a.postmortem
        writer.writerow(
            [
                _stamp(a.started_at),
                a.prompt_slug,
                row.title,
                row.category,
                row.state,
                round(row.elapsed, 3),
                a.target_minutes * 60,
                "yes" if row.elapsed > a.target_minutes * 60 else "no",
                "yes" if a.cram else "no",
                "" if row.total is None else row.total,
                "" if row.total is None else len(row.missed),
                "; ".join(kp for kp, _ in row.missed),
                row.rating or "",
                pm.went_well if pm else "",
                pm.missed if pm else "",
                pm.next_time if pm else "",
            ]
        )
    return buffer.getvalue()


def export_json(session: Session) -> str:
    """The whole history as JSON, for `mockloop import` on another machine."""
    return json.dumps(journal_data(session), indent=2, ensure_ascii=False) + "\n"


def export(session: Session, library: Library, fmt: str) -> str:
    """The journal in one of EXPORT_FORMATS."""
    if fmt == "md":
        return export_markdown(session, library)
    if fmt == "csv":
        return export_csv(session, library)
    if fmt == "json":
        return export_json(session)
    raise Invalid(f"format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")


# --- import -----------------------------------------------------------------------------------


def _where(loc: Iterable[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def parse(text: str | bytes) -> Journal:
    """A journal from the text of a JSON export, or Invalid saying what is wrong and where."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (
            f" at line {exc.lineno}, column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise Invalid(f"not a JSON file: {message}{where}") from None
    return validate(data)


def validate(data: Any) -> Journal:
    """A journal from parsed JSON, or Invalid saying what is wrong and where."""
    if not isinstance(data, dict) or data.get("format") != JOURNAL_FORMAT:
        raise Invalid(
            f'not a mockloop journal: expected an object with "format": "{JOURNAL_FORMAT}" '
            "(made by `mockloop export --format json`)"
        )
    try:
        journal = Journal.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        shown = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise Invalid(f"the journal has {len(errors)} error(s): {shown}{more}") from None
    seen: dict[tuple[str, datetime], int] = {}
    for n, entry in enumerate(journal.attempts):
        key = (entry.prompt, _naive(entry.started_at))
        if key in seen:
            raise Invalid(
                f"attempts[{n}] repeats attempts[{seen[key]}]: the same prompt and started_at"
            )
        seen[key] = n
        if entry.stopped_at is not None and _naive(entry.stopped_at) < key[1]:
            raise Invalid(f"attempts[{n}].stopped_at: earlier than started_at")
        kps = [m.key_point for m in entry.marks]
        if len(kps) != len(set(kps)):
            raise Invalid(f"attempts[{n}].marks: a key point is marked twice")
    return journal


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _optional(moment: datetime | None) -> datetime | None:
    return None if moment is None else _naive(moment)


def import_journal(session: Session, journal: Journal) -> ImportResult:
    """Add the journal's attempts that are not in the database yet, all in the caller's
    transaction (so a failure adds none), then rebuild reviews and stats from the whole history."""
    slugs = {entry.prompt for entry in journal.attempts}
    existing = {
        (slug, started)
        for slug, started in session.execute(
            select(Attempt.prompt_slug, Attempt.started_at).where(Attempt.prompt_slug.in_(slugs))
        )
    }
    new = [e for e in journal.attempts if (e.prompt, _naive(e.started_at)) not in existing]
    for entry in new:
        attempt = Attempt(
            prompt_slug=entry.prompt,
            target_minutes=entry.target_minutes,
            started_at=_naive(entry.started_at),
            paused_at=_optional(entry.paused_at),
            paused_seconds=entry.paused_seconds,
            stopped_at=_optional(entry.stopped_at),
            hints_revealed=entry.hints_revealed,
            answer_revealed_at=_optional(entry.answer_revealed_at),
            follow_ups_revealed_at=_optional(entry.follow_ups_revealed_at),
            marked_at=_optional(entry.marked_at),
            cram=entry.cram,
            rating_override=(
                int(reviews.RATINGS_BY_NAME[entry.rating_override])
                if entry.rating_override
                else None
            ),
            updated_at=_naive(entry.updated_at),
        )
        attempt.marks = [Mark(key_point_id=m.key_point, missed=m.missed) for m in entry.marks]
        attempt.reveals = [
            Reveal(
                stage=r.stage,
                hint_index=r.hint_index,
                revealed_at=_naive(r.revealed_at),
                offset_seconds=r.offset_seconds,
            )
            for r in entry.reveals
        ]
        if entry.postmortem is not None:
            attempt.postmortem = Postmortem(
                went_well=entry.postmortem.went_well,
                missed=entry.postmortem.missed,
                next_time=entry.postmortem.next_time,
                updated_at=_naive(entry.postmortem.updated_at),
            )
        session.add(attempt)
    if new:
        session.flush()
        reviews.rebuild(session)
    return ImportResult(imported=len(new), skipped=len(journal.attempts) - len(new))
