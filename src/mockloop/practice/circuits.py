"""Circuits and circuit runs: resolving segments, the loop's clock, moving on, the loop report."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from mockloop.library import Library
from mockloop.library.circuits import (
    Circuit,
    PickSegment,
    check_circuit,
    draw_distinct,
    named_in,
    pick_candidates,
    slugify,
)
from mockloop.library.models import KeyPoint
from mockloop.practice import attempts, clock
from mockloop.practice.errors import Conflict, Invalid, NotFound
from mockloop.practice.schemas import PostmortemPublic
from mockloop.practice.schemas_circuits import (
    CircuitCreate,
    CircuitPublic,
    CircuitReport,
    CircuitRunCreate,
    CircuitRunPublic,
    CircuitRunSummary,
    CircuitSummary,
    LoopPostmortemUpdate,
    PromptRef,
    ReportItem,
    ReportRound,
    RunItemPublic,
    RunSegmentPublic,
    SegmentPublic,
)
from mockloop.practice.tables import Attempt
from mockloop.practice.tables_circuits import CircuitRun, CustomCircuit, RunItem, RunSegment

# --- circuits: from packs and saved custom ones ---------------------------------------------------


def _from_row(row: CustomCircuit) -> Circuit:
    return Circuit.model_validate(
        {
            "slug": row.slug,
            "title": row.title,
            "description": row.description,
            "segments": json.loads(row.segments_json),
        }
    )


def list_circuits(session: Session, library: Library) -> list[tuple[Circuit, str]]:
    """Every circuit with its source ('pack' or 'custom'): the packs' first, then saved ones."""
    rows = session.scalars(select(CustomCircuit).order_by(CustomCircuit.id))
    return [(c, "pack") for c in library.circuits.values()] + [
        (_from_row(r), "custom") for r in rows
    ]


def find_circuit(session: Session, library: Library, slug: str) -> tuple[Circuit, str]:
    """The circuit with this slug and its source, or NotFound."""
    if slug in library.circuits:
        return library.circuits[slug], "pack"
    row = session.scalars(select(CustomCircuit).where(CustomCircuit.slug == slug)).one_or_none()
    if row is None:
        raise NotFound(f"no circuit with slug {slug!r}")
    return _from_row(row), "custom"


def _problems_text(problems: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{where}: {message}" for where, message in problems)


def create_custom(session: Session, library: Library, body: CircuitCreate) -> Circuit:
    """Save a circuit built by the user, after checking its prompts exist and its picks can be filled."""
    slug = body.slug or slugify(body.title)
    if not slug:
        raise Invalid("title: expected at least one letter or digit (the slug is made from it)")
    circuit = Circuit(
        slug=slug, title=body.title.strip(), description=body.description, segments=body.segments
    )
    problems = check_circuit(circuit, library.prompts)
    if problems:
        raise Invalid(_problems_text(problems))
    taken = (
        slug in library.circuits
        or session.scalars(select(CustomCircuit.id).where(CustomCircuit.slug == slug)).first()
    )
    if taken:
        raise Conflict(f"a circuit with slug {slug!r} already exists; choose another title or slug")
    segments = [s.model_dump(mode="json", exclude_none=True) for s in circuit.segments]
    session.add(
        CustomCircuit(
            slug=slug,
            title=circuit.title,
            description=circuit.description,
            segments_json=json.dumps(segments),
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"a circuit with slug {slug!r} already exists") from None
    return circuit


def delete_custom(session: Session, library: Library, slug: str) -> None:
    """Delete a saved circuit (its past runs keep their own copy of what they ran)."""
    if slug in library.circuits:
        raise Conflict(
            f"circuit {slug!r} comes from a content pack; edit its circuits.yaml instead"
        )
    row = session.scalars(select(CustomCircuit).where(CustomCircuit.slug == slug)).one_or_none()
    if row is None:
        raise NotFound(f"no saved circuit with slug {slug!r}")
    session.delete(row)


def _ref(library: Library, slug: str, hide_difficulty: bool = False) -> PromptRef:
    prompt = library.get(slug)
    if prompt is None:
        return PromptRef(slug=slug, title=slug, category="", difficulty=None)
    return PromptRef(
        slug=slug,
        title=prompt.title,
        category=prompt.category,
        difficulty=None if hide_difficulty else prompt.difficulty,
    )


def _segment_category(segment: object, library: Library) -> str:
    kind = getattr(segment, "kind", "")
    if kind == "break":
        return "break"
    if isinstance(segment, PickSegment):
        return segment.filter.category or "mixed"
    found = {p.category for slug in named_in(segment) if (p := library.get(slug))}
    return found.pop() if len(found) == 1 else "mixed"


def summarize(circuit: Circuit, source: str, library: Library) -> CircuitSummary:
    """A circuit for lists: total time and the kind of each round."""
    return CircuitSummary(
        slug=circuit.slug,
        title=circuit.title,
        description=circuit.description,
        source=source,  # type: ignore[arg-type]
        total_minutes=circuit.total_minutes(),
        rounds=sum(1 for s in circuit.segments if s.kind != "break"),
        round_kinds=[_segment_category(s, library) for s in circuit.segments],
    )


def describe(circuit: Circuit, source: str, library: Library) -> CircuitPublic:
    """A circuit with every segment spelled out."""
    segments = []
    for segment in circuit.segments:
        is_pick = isinstance(segment, PickSegment)
        segments.append(
            SegmentPublic(
                kind=segment.kind,
                label=segment.label,
                minutes=segment.minutes,
                category=_segment_category(segment, library),
                prompts=[_ref(library, s) for s in named_in(segment) if segment.kind != "choice"],
                choices=[_ref(library, s) for s in named_in(segment) if segment.kind == "choice"],
                count=segment.count if is_pick else None,
                filter=segment.filter.model_dump(exclude_none=True) if is_pick else None,
            )
        )
    return CircuitPublic(**summarize(circuit, source, library).model_dump(), segments=segments)


# --- resolving: what each segment holds for one run ---------------------------------------------


@dataclass(frozen=True)
class ResolvedSegment:
    """A segment as a run holds it: picks drawn, a choice's options listed."""

    kind: str
    label: str
    minutes: int
    prompts: list[str]
    choices: list[str]


def resolve(
    circuit: Circuit, library: Library, rng: random.Random | None = None
) -> list[ResolvedSegment]:
    """Resolve every segment: named prompts checked, picks drawn (distinct, never a named prompt)."""
    problems = check_circuit(circuit, library.prompts)
    if problems:
        raise Invalid(f"circuit {circuit.slug!r} cannot run: {_problems_text(problems)}")
    picks = [s for s in circuit.segments if isinstance(s, PickSegment)]
    slots = [
        candidates
        for segment, candidates in zip(
            picks, pick_candidates(circuit, library.prompts), strict=True
        )
        for _ in range(segment.count)
    ]
    drawn = draw_distinct(slots, rng)
    if drawn is None or len(drawn) != len(slots):  # check_circuit already rules this out
        raise Invalid(f"circuit {circuit.slug!r} cannot run: its picks cannot all be filled")
    draws = iter(drawn)
    resolved = []
    for segment in circuit.segments:
        if isinstance(segment, PickSegment):
            prompts = [next(draws) for _ in range(segment.count)]
        elif segment.kind == "choice":
            prompts = []
        else:
            prompts = named_in(segment)
        resolved.append(
            ResolvedSegment(
                kind=segment.kind,
                label=segment.label,
                minutes=segment.minutes,
                prompts=prompts,
                choices=named_in(segment) if segment.kind == "choice" else [],
            )
        )
    return resolved


# --- runs: the loop's clock, kept by the server -------------------------------------------------


def _deadline(segment: RunSegment) -> datetime | None:
    if segment.started_at is None:
        return None
    return segment.started_at + timedelta(seconds=segment.seconds_given)


def _current(run: CircuitRun) -> RunSegment | None:
    if run.finished_at is not None:
        return None
    return next((s for s in run.segments if s.ended_at is None and not s.skipped), None)


def _current_item(segment: RunSegment) -> RunItem | None:
    reached = [item for item in segment.items if item.attempt_id is not None]
    return reached[-1] if reached else None


def _stop_attempt(attempt: Attempt, moment: datetime) -> None:
    if attempt.stopped_at is not None:
        return
    # a paused attempt stops where it was paused; the pause itself is never counted
    attempt.stopped_at = min(attempt.paused_at or moment, moment)
    attempt.paused_at = None


def _start_item(
    session: Session, run: CircuitRun, segment: RunSegment, item: RunItem, moment: datetime
) -> None:
    attempt = Attempt(
        prompt_slug=item.prompt_slug,
        target_minutes=max(1, round(segment.minutes / max(1, len(segment.items)))),
        started_at=moment,
        circuit_run_id=run.id,
    )
    session.add(attempt)
    session.flush()
    item.attempt_id = attempt.id
    item.attempt = attempt


def _enter(session: Session, run: CircuitRun, segment: RunSegment, moment: datetime) -> None:
    if segment.kind == "choice" and not segment.items:
        return  # the clock starts once a prompt is chosen
    segment.started_at = moment
    if segment.items:
        _start_item(session, run, segment, segment.items[0], moment)


def _end(segment: RunSegment, moment: datetime) -> None:
    segment.ended_at = moment
    for item in segment.items:
        if item.attempt is not None:
            _stop_attempt(item.attempt, moment)


def _move_on(session: Session, run: CircuitRun, moment: datetime) -> None:
    upcoming = _current(run)
    if upcoming is None:
        run.finished_at = moment
    else:
        _enter(session, run, upcoming, moment)


def sync(session: Session, run: CircuitRun, now: datetime) -> None:
    """With auto-advance, end every round whose time ran out, each at its deadline, and move on."""
    if not run.auto_advance:
        return
    while (segment := _current(run)) is not None:
        deadline = _deadline(segment)
        if deadline is None or now < deadline:
            return
        _end(segment, deadline)
        _move_on(session, run, deadline)


def _load_options():  # type: ignore[no-untyped-def]
    items = selectinload(CircuitRun.segments).selectinload(RunSegment.items)
    attempt = items.selectinload(RunItem.attempt)
    return [attempt.selectinload(Attempt.marks), attempt.selectinload(Attempt.postmortem)]


def load_run(session: Session, run_id: int, *, for_update: bool = False) -> CircuitRun:
    """The circuit run with this id, its segments, prompts and attempts; or NotFound."""
    stmt = select(CircuitRun).where(CircuitRun.id == run_id).options(*_load_options())
    if for_update:
        stmt = stmt.with_for_update(of=CircuitRun)
    run = session.scalars(stmt).one_or_none()
    if run is None:
        raise NotFound(f"no circuit run with id {run_id}")
    return run


def refresh(session: Session, run_id: int) -> CircuitRun:
    """The run brought up to the present (auto-advance applied): what every read shows."""
    run = load_run(session, run_id, for_update=True)
    sync(session, run, clock.utcnow())
    return run


def start_run(
    session: Session,
    library: Library,
    body: CircuitRunCreate,
    *,
    time_scale: float = 1.0,
    rng: random.Random | None = None,
) -> CircuitRun:
    """Start a run: resolve every segment (picks drawn and recorded) and start the first round."""
    if time_scale <= 0:
        raise Invalid(f"time scale must be above 0, got {time_scale}")
    circuit, _source = find_circuit(session, library, body.circuit)
    resolved = resolve(circuit, library, rng)
    now = clock.utcnow()
    run = CircuitRun(
        circuit_slug=circuit.slug,
        title=circuit.title,
        hide_difficulty=body.hide_difficulty,
        auto_advance=body.auto_advance,
        time_scale=time_scale,
        started_at=now,
    )
    for position, segment in enumerate(resolved):
        run.segments.append(
            RunSegment(
                position=position,
                kind=segment.kind,
                label=segment.label,
                minutes=segment.minutes,
                seconds_given=segment.minutes * 60 / time_scale,
                choices_json=json.dumps(segment.choices),
                items=[RunItem(position=i, prompt_slug=s) for i, s in enumerate(segment.prompts)],
            )
        )
    session.add(run)
    session.flush()  # attempts refer to the run by id; the ORM does not know that link
    _enter(session, run, run.segments[0], now)
    return run


def _require_current(run: CircuitRun, position: int | None) -> RunSegment | None:
    """The current segment; None when `position` names a round that already ended (a repeat click)."""
    if run.finished_at is not None:
        raise Conflict(f"circuit run {run.id} is finished; there is nothing left to move on from")
    segment = _current(run)
    if segment is None:  # not reachable: an unfinished run always has a segment left
        raise Conflict(f"circuit run {run.id} has no round left")
    if position is None or position == segment.position:
        return segment
    if position < segment.position:
        return None
    raise Conflict(
        f"round {position + 1} has not started; the current round is {segment.position + 1}"
    )


def advance(
    session: Session, library: Library, run_id: int, position: int | None = None
) -> CircuitRun:
    """End the current round (or break) and start the next; after the last one the run is finished.

    With `position`, only that round is ended, so a repeated click never skips the next round."""
    run = load_run(session, run_id, for_update=True)
    now = clock.utcnow()
    sync(session, run, now)
    segment = _require_current(run, position)
    if segment is None:
        return run
    if segment.started_at is None:
        segment.skipped = True  # a choice nobody made: the round is skipped
    _end(segment, now)
    _move_on(session, run, now)
    return run


def next_prompt(
    session: Session, run_id: int, position: int | None = None, prompt: int | None = None
) -> CircuitRun:
    """In a round of several prompts, stop the current one and start the next."""
    run = load_run(session, run_id, for_update=True)
    now = clock.utcnow()
    sync(session, run, now)
    segment = _require_current(run, position)
    if segment is None:
        return run
    current = _current_item(segment)
    if current is None:
        raise Conflict(f"round {segment.label!r} has no prompt to move on from")
    if prompt is not None and prompt < current.position:
        return run  # a repeated click: that prompt was already left
    later = [item for item in segment.items if item.position > current.position]
    if not later:
        raise Conflict(
            f"this is the last prompt of round {segment.label!r}; end the round to move on"
        )
    if current.attempt is not None:
        _stop_attempt(current.attempt, now)
    _start_item(session, run, segment, later[0], now)
    return run


def choose(
    session: Session,
    library: Library,
    run_id: int,
    slug: str | None,
    rng: random.Random | None = None,
) -> CircuitRun:
    """Choose the prompt of a choice round (None: at random); its clock starts now."""
    run = load_run(session, run_id, for_update=True)
    now = clock.utcnow()
    sync(session, run, now)
    segment = _current(run)
    if segment is None or segment.kind != "choice" or segment.items:
        raise Conflict(f"circuit run {run_id} has no choice to make now")
    choices = json.loads(segment.choices_json)
    if slug is None:
        slug = (rng or random.Random()).choice(choices)
    elif slug not in choices:
        raise Invalid(f"prompt: expected one of {choices}, got {slug!r}")
    segment.items.append(RunItem(position=0, prompt_slug=slug))
    _enter(session, run, segment, now)
    return run


def finish(session: Session, run_id: int) -> CircuitRun:
    """End the loop now: the current round ends, the rounds not reached are skipped."""
    run = load_run(session, run_id, for_update=True)
    now = clock.utcnow()
    sync(session, run, now)
    if run.finished_at is not None:
        raise Conflict(f"circuit run {run_id} is already finished")
    for segment in run.segments:
        if segment.ended_at is None:
            if segment.started_at is None:
                segment.skipped = True
            _end(segment, now)
    run.finished_at = now
    return run


def set_postmortem(session: Session, run_id: int, lines: LoopPostmortemUpdate) -> CircuitRun:
    """Save the loop-level postmortem as typed (the whole set replaces the last save)."""
    run = load_run(session, run_id, for_update=True)
    run.went_well, run.missed, run.next_time = lines.went_well, lines.missed, lines.next_time
    run.postmortem_updated_at = clock.utcnow()
    return run


def list_runs(session: Session, limit: int = 100) -> list[CircuitRun]:
    """Circuit runs, newest first."""
    stmt = (
        select(CircuitRun)
        .options(selectinload(CircuitRun.segments))
        .order_by(CircuitRun.started_at.desc(), CircuitRun.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def open_run(session: Session, circuit_slug: str) -> CircuitRun | None:
    """The newest unfinished run of a circuit, if any (the CLI and the circuits page resume it)."""
    stmt = (
        select(CircuitRun)
        .where(CircuitRun.circuit_slug == circuit_slug, CircuitRun.finished_at.is_(None))
        .order_by(CircuitRun.started_at.desc(), CircuitRun.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).one_or_none()


def require_round_over(session: Session, attempt: Attempt) -> None:
    """Conflict while the round of a circuit attempt is still running: answers wait for its end."""
    item = session.scalars(select(RunItem).where(RunItem.attempt_id == attempt.id)).one_or_none()
    if item is None:
        return
    segment, run = item.segment, item.segment.run
    if segment.ended_at is not None or run.finished_at is not None:
        return
    deadline = _deadline(segment)
    if run.auto_advance and deadline is not None and clock.utcnow() >= deadline:
        return
    raise Conflict(
        f"the answer stays hidden until round {segment.label!r} of circuit run {run.id} ends,"
        " as in a real loop"
    )


# --- views ---------------------------------------------------------------------------------------


def _state(run: CircuitRun) -> str:
    return "finished" if run.finished_at is not None else "running"


def _used(segment: RunSegment, now: datetime) -> float:
    if segment.started_at is None:
        return 0.0
    end = segment.ended_at or now
    return max(0.0, (end - segment.started_at).total_seconds())


def _segment_state(segment: RunSegment, current: RunSegment | None) -> str:
    if segment.skipped:
        return "skipped"
    if segment.ended_at is not None:
        return "ended"
    if current is not None and segment.id == current.id:
        return "choosing" if segment.started_at is None else "running"
    return "upcoming"


def _is_round(segment: RunSegment) -> bool:
    return segment.kind != "break"


def summary(run: CircuitRun) -> CircuitRunSummary:
    """A run for lists."""
    return CircuitRunSummary(
        id=run.id,
        circuit=run.circuit_slug,
        title=run.title,
        state=_state(run),  # type: ignore[arg-type]
        started_at=clock.iso(run.started_at) or "",
        finished_at=clock.iso(run.finished_at),
        rounds_done=sum(
            1 for s in run.segments if _is_round(s) and s.ended_at is not None and not s.skipped
        ),
        rounds_total=sum(1 for s in run.segments if _is_round(s)),
    )


def _loop_postmortem(run: CircuitRun) -> PostmortemPublic | None:
    if run.postmortem_updated_at is None:
        return None
    return PostmortemPublic(
        went_well=run.went_well,
        missed=run.missed,
        next_time=run.next_time,
        updated_at=clock.iso(run.postmortem_updated_at),
    )


def to_public(run: CircuitRun, library: Library, now: datetime | None = None) -> CircuitRunPublic:
    """The run as front ends show it: every segment's state and time, computed now."""
    now = now or clock.utcnow()
    current = _current(run)
    segments = []
    for segment in run.segments:
        state = _segment_state(segment, current)
        hide = run.hide_difficulty and state in ("upcoming", "choosing", "running")
        used = _used(segment, now)
        reached = _current_item(segment)
        items = []
        for item in segment.items:
            ref = _ref(library, item.prompt_slug, hide)
            attempt = item.attempt
            items.append(
                RunItemPublic(
                    **ref.model_dump(),
                    attempt_id=item.attempt_id,
                    state=attempts.state_of(attempt) if attempt else "not-reached",  # type: ignore[arg-type]
                    elapsed_seconds=round(attempts.elapsed_seconds(attempt, now), 3)
                    if attempt
                    else 0.0,
                )
            )
        segments.append(
            RunSegmentPublic(
                position=segment.position,
                kind=segment.kind,  # type: ignore[arg-type]
                label=segment.label,
                minutes=segment.minutes,
                seconds_given=round(segment.seconds_given, 3),
                state=state,  # type: ignore[arg-type]
                started_at=clock.iso(segment.started_at),
                ended_at=clock.iso(segment.ended_at),
                seconds_used=round(used, 3),
                seconds_left=round(segment.seconds_given - used, 3),
                overtime=used > segment.seconds_given,
                choices=[_ref(library, s, hide) for s in json.loads(segment.choices_json)],
                prompts=items,
                current_prompt=reached.position if reached else None,
            )
        )
    left = 0.0
    if current is not None:
        left = max(0.0, current.seconds_given - _used(current, now)) + sum(
            s.seconds_given for s in run.segments if s.position > current.position
        )
    head = summary(run)
    return CircuitRunPublic(
        id=run.id,
        circuit=run.circuit_slug,
        title=run.title,
        state=head.state,
        hide_difficulty=run.hide_difficulty,
        auto_advance=run.auto_advance,
        time_scale=run.time_scale,
        started_at=head.started_at,
        finished_at=head.finished_at,
        current=current.position if current else None,
        rounds_done=head.rounds_done,
        rounds_total=head.rounds_total,
        seconds_given_total=round(sum(s.seconds_given for s in run.segments), 3),
        seconds_left_total=round(left, 3),
        segments=segments,
        postmortem=_loop_postmortem(run),
        server_time=clock.iso(now) or "",
    )


def report(run: CircuitRun, library: Library, now: datetime | None = None) -> CircuitReport:
    """The loop report: per round time used vs given, key points missed and postmortems."""
    now = now or clock.utcnow()
    current = _current(run)
    rounds = []
    for segment in run.segments:
        used = _used(segment, now)
        items = []
        for item in segment.items:
            prompt = library.get(item.prompt_slug)
            attempt = item.attempt
            missed_ids = {m.key_point_id for m in attempt.marks if m.missed} if attempt else set()
            points = prompt.key_points if prompt else []
            missed = [kp for kp in points if kp.id in missed_ids]
            missed += [
                KeyPoint(id=i, text=i) for i in sorted(missed_ids - {kp.id for kp in points})
            ]
            pm = attempt.postmortem if attempt else None
            items.append(
                ReportItem(
                    slug=item.prompt_slug,
                    title=prompt.title if prompt else item.prompt_slug,
                    category=prompt.category if prompt else "",
                    difficulty=prompt.difficulty if prompt else "",
                    attempt_id=item.attempt_id,
                    elapsed_seconds=round(attempts.elapsed_seconds(attempt, now), 3)
                    if attempt
                    else 0.0,
                    marked=bool(attempt and attempt.marked_at),
                    key_points_total=len(points),
                    missed=missed,
                    postmortem=PostmortemPublic(
                        went_well=pm.went_well,
                        missed=pm.missed,
                        next_time=pm.next_time,
                        updated_at=clock.iso(pm.updated_at),
                    )
                    if pm
                    else None,
                )
            )
        rounds.append(
            ReportRound(
                position=segment.position,
                kind=segment.kind,
                label=segment.label,
                state=_segment_state(segment, current),
                seconds_given=round(segment.seconds_given, 3),
                seconds_used=round(used, 3),
                overtime=used > segment.seconds_given,
                prompts=items,
            )
        )
    reached = [i for r in rounds for i in r.prompts if i.attempt_id is not None]
    return CircuitReport(
        run=summary(run),
        rounds=rounds,
        seconds_given_total=round(sum(r.seconds_given for r in rounds), 3),
        seconds_used_total=round(sum(r.seconds_used for r in rounds), 3),
        key_points_missed=sum(len(i.missed) for i in reached),
        key_points_marked=sum(i.key_points_total for i in reached if i.marked),
        prompts_unmarked=sum(1 for i in reached if not i.marked),
        postmortem=_loop_postmortem(run),
    )


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def report_markdown(rep: CircuitReport) -> str:
    """The loop report as Markdown, for export."""
    run = rep.run
    when = run.started_at[:16].replace("T", " ")
    lines = [
        f"# Loop report: {run.title}",
        "",
        f"Circuit `{run.circuit}`, run {run.id}, started {when} UTC"
        + (
            f", finished {run.finished_at[:16].replace('T', ' ')} UTC"
            if run.finished_at
            else ", not finished"
        )
        + ".",
        "",
        f"Time used {clock.clock_text(rep.seconds_used_total)} of {clock.clock_text(rep.seconds_given_total)}."
        f" Rounds done: {run.rounds_done} of {run.rounds_total}."
        f" Key points missed: {rep.key_points_missed}"
        + (f" of {rep.key_points_marked} marked" if rep.key_points_marked else "")
        + (
            f" ({rep.prompts_unmarked} prompt{'s' if rep.prompts_unmarked != 1 else ''} not marked)"
            if rep.prompts_unmarked
            else ""
        )
        + ".",
        "",
        "| # | Round | Time used / given | Key points missed |",
        "|---|---|---|---|",
    ]
    for r in rep.rounds:
        used = f"{clock.clock_text(r.seconds_used)} / {clock.clock_text(r.seconds_given)}"
        if r.state == "skipped":
            used = f"skipped / {clock.clock_text(r.seconds_given)}"
        if r.kind == "break":
            missed = "(break)"
        elif r.state == "skipped":
            missed = "skipped"
        else:
            missed = ", ".join(_missed_cell(i) for i in r.prompts) or "not reached"
        lines.append(f"| {r.position + 1} | {_cell(r.label)} | {used} | {missed} |")
    for r in rep.rounds:
        if r.kind == "break":
            continue
        lines += ["", f"## Round {r.position + 1}: {r.label}", ""]
        if not r.prompts:
            lines.append("Not reached.")
        for i in r.prompts:
            lines += [f"### {i.title}", ""]
            if i.attempt_id is None:
                lines += ["Not reached.", ""]
                continue
            lines.append(
                f"{i.category}, {i.difficulty}. Time {clock.clock_text(i.elapsed_seconds)}."
                + (f" Attempt {i.attempt_id}.")
            )
            lines.append("")
            if not i.marked:
                lines.append("Key points: not marked yet.")
            elif i.missed:
                lines.append(f"Key points missed ({len(i.missed)} of {i.key_points_total}):")
                lines += [f"- {kp.text}" for kp in i.missed]
            else:
                lines.append(f"Key points: all {i.key_points_total} hit.")
            lines += ["", *_postmortem_lines(i.postmortem)]
    lines += ["", "## Loop postmortem", "", *_postmortem_lines(rep.postmortem)]
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def _missed_cell(item: ReportItem) -> str:
    if item.attempt_id is None:
        return "not reached"
    if not item.marked:
        return "not marked"
    return f"{len(item.missed)} of {item.key_points_total}"


def _postmortem_lines(pm: PostmortemPublic | None) -> list[str]:
    if pm is None or not (pm.went_well or pm.missed or pm.next_time):
        return ["Postmortem: none yet.", ""]
    out = ["Postmortem:"]
    for name, text in (
        ("Went well", pm.went_well),
        ("Missed", pm.missed),
        ("Next time", pm.next_time),
    ):
        if text:
            out.append(f"- {name}: {' '.join(text.split())}")
    return [*out, ""]
