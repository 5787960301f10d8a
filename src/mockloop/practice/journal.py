"""The journal: postmortem search, exports (Markdown, CSV, JSON) and the JSON import.

An attempt is identified across databases by its prompt and its start time (to the microsecond),
which is how an import recognises what is already there.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import ColumnElement, func, literal_column, select, text, update
from sqlalchemy.orm import Session, selectinload

from mockloop.library import Library
from mockloop.library.circuits import Circuit
from mockloop.practice import attempts, clock, reviews
from mockloop.practice.errors import Invalid
from mockloop.practice.schemas_progress import (
    JOURNAL_FORMAT,
    ImportResult,
    Journal,
    JournalAttemptRef,
    JournalCircuitRun,
    JournalSubmission,
)
from mockloop.practice.tables import Attempt, Mark, Postmortem, Reveal
from mockloop.practice.tables_circuits import CircuitRun, CustomCircuit, RunItem, RunSegment
from mockloop.practice.tables_progress import PROMPT_CARD, ProgressAttempt, ReviewLog
from mockloop.practice.tables_submissions import CodeDraft, Submission

JOURNAL_VERSION = 2
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


_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits, as both full-text indexes split words


def _matches(session: Session, words: list[str]) -> ColumnElement[bool]:
    """Postmortems holding every word, in any case or form ('tests' finds 'testing'); the last word
    may be the start of one, so results follow as the user types."""
    if session.get_bind().dialect.name == "sqlite":
        # FTS5: each word a quoted string (a word holds no quote), the last one a prefix
        query = " ".join(f'"{w}"' for w in words) + "*"
        found = select(literal_column("rowid")).select_from(text("postmortem_search"))
        found = found.where(text("postmortem_search MATCH :query").bindparams(query=query))
        return ProgressAttempt.attempt_id.in_(found)
    query = " & ".join([*words[:-1], f"{words[-1]}:*"])
    english = literal_column("'english'::regconfig")  # as in the index, so PostgreSQL uses it
    vector = func.to_tsvector(english, ProgressAttempt.search_text)
    return vector.op("@@")(func.to_tsquery(english, query))


def search_postmortems(session: Session, q: str, limit: int = 200) -> list[Attempt]:
    """Attempts whose postmortem holds every word of the query (full text), newest first."""
    words = _WORD.findall(q.casefold())
    if not words:
        return []
    reviews.ensure_current(session)
    newest = (
        select(ProgressAttempt.attempt_id)
        .where(_matches(session, words))
        .order_by(ProgressAttempt.started_at.desc(), ProgressAttempt.attempt_id.desc())
        .limit(limit)
    )
    ids = list(session.scalars(newest))
    if not ids:
        return []
    stmt = (
        attempts.with_details(select(Attempt))
        .where(Attempt.id.in_(ids))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    )
    return list(session.scalars(stmt))


# --- export -----------------------------------------------------------------------------------


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="microseconds") + "Z"


def _every_attempt(session: Session) -> list[Attempt]:
    stmt = attempts.with_details(select(Attempt)).order_by(Attempt.started_at, Attempt.id)
    return list(session.scalars(stmt))


def _submission_data(sub: Submission) -> dict[str, Any]:
    verdict = json.loads(sub.verdict_json or "{}")
    return {
        "prompt": sub.prompt_slug,
        "code": sub.code,
        "created_at": _stamp(sub.created_at),
        "finished_at": _stamp(sub.finished_at),
        "verdict": verdict,
    }


def _judged_submissions(session: Session) -> dict[int | None, list[dict[str, Any]]]:
    """Judged submissions by attempt id (None: made outside an attempt), oldest first. A queued
    one has no verdict yet and is left out: it belongs to the machine that is judging it."""
    stmt = (
        select(Submission)
        .where(Submission.state == "done", Submission.verdict_json.is_not(None))
        .order_by(Submission.created_at, Submission.id)
    )
    found: dict[int | None, list[dict[str, Any]]] = {}
    for sub in session.scalars(stmt):
        found.setdefault(sub.attempt_id, []).append(_submission_data(sub))
    return found


def _postmortem_data(
    went_well: str, missed: str, next_time: str, updated_at: datetime | None
) -> dict[str, Any] | None:
    if updated_at is None:
        return None
    return {
        "went_well": went_well,
        "missed": missed,
        "next_time": next_time,
        "updated_at": _stamp(updated_at),
    }


def _ref(attempt: Attempt | None) -> dict[str, Any] | None:
    if attempt is None:
        return None
    return {"prompt": attempt.prompt_slug, "started_at": _stamp(attempt.started_at)}


def _circuit_runs_data(session: Session) -> list[dict[str, Any]]:
    stmt = (
        select(CircuitRun)
        .options(
            selectinload(CircuitRun.segments)
            .selectinload(RunSegment.items)
            .selectinload(RunItem.attempt)
        )
        .order_by(CircuitRun.started_at, CircuitRun.id)
    )
    return [
        {
            "circuit": run.circuit_slug,
            "title": run.title,
            "hide_difficulty": bool(run.hide_difficulty),
            "auto_advance": bool(run.auto_advance),
            "time_scale": run.time_scale,
            "started_at": _stamp(run.started_at),
            "finished_at": _stamp(run.finished_at),
            "updated_at": _stamp(run.updated_at),
            "postmortem": _postmortem_data(
                run.went_well, run.missed, run.next_time, run.postmortem_updated_at
            ),
            "segments": [
                {
                    "kind": seg.kind,
                    "label": seg.label,
                    "minutes": seg.minutes,
                    "seconds_given": seg.seconds_given,
                    "choices": json.loads(seg.choices_json),
                    "started_at": _stamp(seg.started_at),
                    "ended_at": _stamp(seg.ended_at),
                    "skipped": bool(seg.skipped),
                    "items": [
                        {"prompt": item.prompt_slug, "attempt": _ref(item.attempt)}
                        for item in seg.items
                    ],
                }
                for seg in run.segments
            ],
        }
        for run in session.scalars(stmt)
    ]


def _custom_circuits_data(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(CustomCircuit).order_by(CustomCircuit.created_at, CustomCircuit.id)
    )
    return [
        {
            "slug": row.slug,
            "title": row.title,
            "description": row.description,
            "segments": json.loads(row.segments_json),
            "created_at": _stamp(row.created_at),
            "updated_at": _stamp(row.updated_at),
        }
        for row in rows
    ]


def journal_data(session: Session) -> dict[str, Any]:
    """The whole history as the JSON export holds it, oldest first: attempts with their code and
    judged submissions, circuit runs and custom circuits. Recordings (media files) stay behind."""
    submissions = _judged_submissions(session)
    drafts = {d.attempt_id: d for d in session.scalars(select(CodeDraft))}
    entries = []
    for a in _every_attempt(session):
        pm = a.postmortem
        draft = drafts.get(a.id)
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
                "code": draft.code if draft else None,
                "code_updated_at": _stamp(draft.updated_at) if draft else None,
                "submissions": submissions.get(a.id, []),
            }
        )
    return {
        "format": JOURNAL_FORMAT,
        "version": JOURNAL_VERSION,
        "attempts": entries,
        "submissions": submissions.get(None, []),
        "circuit_runs": _circuit_runs_data(session),
        "custom_circuits": _custom_circuits_data(session),
    }


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
        for i, sub in enumerate(entry.submissions):
            if sub.prompt != entry.prompt:
                raise Invalid(
                    f"attempts[{n}].submissions[{i}].prompt: expected {entry.prompt!r} "
                    f"(the attempt's prompt), got {sub.prompt!r}"
                )
    _check_circuit_runs(journal, set(seen))
    _check_custom_circuits(journal)
    return journal


def _check_circuit_runs(journal: Journal, attempts_held: set[tuple[str, datetime]]) -> None:
    runs: dict[tuple[str, datetime], int] = {}
    for n, run in enumerate(journal.circuit_runs):
        key = (run.circuit, _naive(run.started_at))
        if key in runs:
            raise Invalid(
                f"circuit_runs[{n}] repeats circuit_runs[{runs[key]}]: the same circuit and started_at"
            )
        runs[key] = n
        for i, segment in enumerate(run.segments):
            for j, item in enumerate(segment.items):
                ref = item.attempt
                if ref is None:
                    continue
                where = f"circuit_runs[{n}].segments[{i}].items[{j}].attempt"
                if ref.prompt != item.prompt:
                    raise Invalid(f"{where}: an attempt at {ref.prompt!r}, not at {item.prompt!r}")
                if _key(ref) not in attempts_held:
                    raise Invalid(
                        f"{where}: no attempt in the journal has that prompt and started_at"
                    )


def _check_custom_circuits(journal: Journal) -> None:
    slugs: dict[str, int] = {}
    for n, custom in enumerate(journal.custom_circuits):
        if custom.slug in slugs:
            raise Invalid(
                f"custom_circuits[{n}].slug: {custom.slug!r} repeats custom_circuits[{slugs[custom.slug]}]"
            )
        slugs[custom.slug] = n
        try:
            Circuit.model_validate(
                {"slug": custom.slug, "title": custom.title, "segments": custom.segments}
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            raise Invalid(f"custom_circuits[{n}].{_where(first['loc'])}: {first['msg']}") from None


def _key(ref: JournalAttemptRef) -> tuple[str, datetime]:
    return (ref.prompt, _naive(ref.started_at))


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _optional(moment: datetime | None) -> datetime | None:
    return None if moment is None else _naive(moment)


def import_journal(
    session: Session, journal: Journal, library: Library | None = None
) -> ImportResult:
    """Add what the journal holds and the database does not yet, all in the caller's transaction
    (so a failure adds nothing), then rebuild reviews and stats from the whole history.

    Attempts are known by (prompt, started_at), circuit runs by (circuit, started_at), custom
    circuits by slug (one whose slug is taken here, by a pack's circuit too when `library` is
    given, is skipped), submissions made outside an attempt by (prompt, created_at). An attempt
    that is already here keeps what it has: its code and submissions are not added again.
    """
    slugs = {entry.prompt for entry in journal.attempts}
    ids: dict[tuple[str, datetime], int] = {
        (slug, started): attempt_id
        for attempt_id, slug, started in session.execute(
            select(Attempt.id, Attempt.prompt_slug, Attempt.started_at).where(
                Attempt.prompt_slug.in_(slugs)
            )
        )
    }
    new = [e for e in journal.attempts if (e.prompt, _naive(e.started_at)) not in ids]
    added: list[tuple[tuple[str, datetime], Attempt]] = []
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
        added.append(((entry.prompt, _naive(entry.started_at)), attempt))
    session.flush()
    for (key, attempt), entry in zip(added, new, strict=True):
        ids[key] = attempt.id
        if entry.code is not None:
            session.add(
                CodeDraft(
                    attempt_id=attempt.id,
                    code=entry.code,
                    updated_at=_naive(entry.code_updated_at or entry.updated_at),
                )
            )
        for sub in entry.submissions:
            session.add(_submission(sub, attempt.id))
    submissions = sum(len(entry.submissions) for entry in new)
    submissions += _import_loose_submissions(session, journal.submissions)
    runs = _import_circuit_runs(session, journal.circuit_runs, ids)
    customs = _import_custom_circuits(session, journal, library)
    session.flush()
    if new:
        reviews.rebuild(session)
    return ImportResult(
        imported=len(new),
        skipped=len(journal.attempts) - len(new),
        circuit_runs_imported=runs,
        circuit_runs_skipped=len(journal.circuit_runs) - runs,
        submissions_imported=submissions,
        custom_circuits_imported=customs,
        custom_circuits_skipped=len(journal.custom_circuits) - customs,
    )


def _submission(sub: JournalSubmission, attempt_id: int | None) -> Submission:
    return Submission(
        attempt_id=attempt_id,
        prompt_slug=sub.prompt,
        code=sub.code,
        state="done",
        passed=sub.verdict.passed,
        verdict_json=sub.verdict.model_dump_json(),
        created_at=_naive(sub.created_at),
        finished_at=_naive(sub.finished_at),
    )


def _import_loose_submissions(session: Session, subs: list[JournalSubmission]) -> int:
    """Submissions made outside an attempt that are not here yet; how many were added."""
    loose = select(Submission.prompt_slug, Submission.created_at).where(
        Submission.attempt_id.is_(None)
    )
    here = {(slug, created) for slug, created in session.execute(loose)}
    added = 0
    for sub in subs:
        key = (sub.prompt, _naive(sub.created_at))
        if key not in here:
            here.add(key)
            session.add(_submission(sub, None))
            added += 1
    return added


def _import_circuit_runs(
    session: Session, runs: list[JournalCircuitRun], ids: dict[tuple[str, datetime], int]
) -> int:
    """Circuit runs that are not here yet, linked to their attempts; how many were added."""
    here = {
        (slug, started)
        for slug, started in session.execute(select(CircuitRun.circuit_slug, CircuitRun.started_at))
    }
    added = 0
    for entry in runs:
        if (entry.circuit, _naive(entry.started_at)) in here:
            continue
        pm = entry.postmortem
        run = CircuitRun(
            circuit_slug=entry.circuit,
            title=entry.title,
            hide_difficulty=entry.hide_difficulty,
            auto_advance=entry.auto_advance,
            time_scale=entry.time_scale,
            started_at=_naive(entry.started_at),
            finished_at=_optional(entry.finished_at),
            went_well=pm.went_well if pm else "",
            missed=pm.missed if pm else "",
            next_time=pm.next_time if pm else "",
            postmortem_updated_at=_naive(pm.updated_at) if pm else None,
            updated_at=_naive(entry.updated_at),
        )
        run.segments = [
            RunSegment(
                position=position,
                kind=seg.kind,
                label=seg.label,
                minutes=seg.minutes,
                seconds_given=seg.seconds_given,
                choices_json=json.dumps(seg.choices),
                started_at=_optional(seg.started_at),
                ended_at=_optional(seg.ended_at),
                skipped=seg.skipped,
                items=[
                    RunItem(
                        position=n,
                        prompt_slug=item.prompt,
                        attempt_id=ids[_key(item.attempt)] if item.attempt else None,
                    )
                    for n, item in enumerate(seg.items)
                ],
            )
            for position, seg in enumerate(entry.segments)
        ]
        session.add(run)
        session.flush()
        linked = [item.attempt_id for seg in run.segments for item in seg.items if item.attempt_id]
        if linked:
            session.execute(
                update(Attempt)
                .where(Attempt.id.in_(linked), Attempt.circuit_run_id.is_(None))
                .values(circuit_run_id=run.id, updated_at=Attempt.updated_at)
            )
        added += 1
    return added


def _import_custom_circuits(session: Session, journal: Journal, library: Library | None) -> int:
    """Custom circuits whose slug is free here; how many were added."""
    taken = set(session.scalars(select(CustomCircuit.slug)))
    if library is not None:
        taken |= set(library.circuits)
    added = 0
    for custom in journal.custom_circuits:
        if custom.slug in taken:
            continue
        session.add(
            CustomCircuit(
                slug=custom.slug,
                title=custom.title,
                description=custom.description,
                segments_json=json.dumps(custom.segments),
                created_at=_naive(custom.created_at),
                updated_at=_naive(custom.updated_at),
            )
        )
        added += 1
    return added


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def describe_import(result: ImportResult) -> list[str]:
    """What an import added and found already here: a line for attempts, one per other kind seen."""
    lines = [f"Imported {_count(result.imported, 'attempt')}; {result.skipped} already here."]
    if result.submissions_imported:
        lines.append(f"Imported {_count(result.submissions_imported, 'judged submission')}.")
    if result.circuit_runs_imported or result.circuit_runs_skipped:
        lines.append(
            f"Imported {_count(result.circuit_runs_imported, 'circuit run')}; "
            f"{result.circuit_runs_skipped} already here."
        )
    if result.custom_circuits_imported or result.custom_circuits_skipped:
        lines.append(
            f"Imported {_count(result.custom_circuits_imported, 'custom circuit')}; "
            f"{result.custom_circuits_skipped} skipped (the slug is taken here)."
        )
    return lines
