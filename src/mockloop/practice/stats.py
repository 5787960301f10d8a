"""Progress figures: attempts per week, time against target, key points hit, the most-missed key
points and a streak calendar.

Pages read small rollup tables (per week and prompt, per day, per prompt, per key point) that
every change to an attempt updates by a difference: their size depends on the weeks shown and the
number of prompts, never on the number of attempts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, case, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mockloop.library import CATEGORIES, Library
from mockloop.practice import clock
from mockloop.practice.schemas_progress import (
    CalendarDay,
    CategoryHitShare,
    CategoryTime,
    HitShareWeek,
    MissedKeyPoint,
    StatsPublic,
    WeekAttempts,
)
from mockloop.practice.tables import Attempt
from mockloop.practice.tables_progress import (
    ProgressAttempt,
    ProgressDay,
    ProgressKeyPoint,
    ProgressPrompt,
    ProgressWeek,
)

WEEKS = 12  # weekly charts cover this many weeks, this one included
CALENDAR_WEEKS = 26
MOST_MISSED = 10


@dataclass(frozen=True)
class AttemptFacts:
    """What progress needs to know about one attempt."""

    attempt_id: int
    prompt_slug: str
    started_at: datetime
    stopped_at: datetime | None
    elapsed_seconds: float | None  # None until the timer is stopped
    target_seconds: int
    marks: tuple[tuple[str, bool], ...] | None  # (key point, missed), sorted; None until marked
    cram: bool
    rating_override: int | None
    search_text: str


@dataclass(frozen=True)
class _Contribution:
    prompt_slug: str
    day: date
    elapsed_seconds: float
    target_seconds: int
    marks: tuple[tuple[str, bool], ...] | None


def search_text(went_well: str, missed: str, next_time: str) -> str:
    """A postmortem as the search matches it: the three lines, casefolded."""
    return "\n".join((went_well, missed, next_time)).casefold()


def facts_of(attempt: Attempt) -> AttemptFacts:
    """The facts of an attempt row (its marks and postmortem are loaded if they were not)."""
    from mockloop.practice.attempts import elapsed_seconds  # attempts imports this module

    stopped = attempt.stopped_at is not None
    pm = attempt.postmortem
    return AttemptFacts(
        attempt_id=attempt.id,
        prompt_slug=attempt.prompt_slug,
        started_at=attempt.started_at,
        stopped_at=attempt.stopped_at,
        elapsed_seconds=elapsed_seconds(attempt, attempt.stopped_at) if stopped else None,
        target_seconds=attempt.target_minutes * 60,
        marks=(
            tuple(sorted((m.key_point_id, bool(m.missed)) for m in attempt.marks))
            if attempt.marked_at is not None
            else None
        ),
        cram=bool(attempt.cram),
        rating_override=attempt.rating_override,
        search_text=search_text(pm.went_well, pm.missed, pm.next_time) if pm else "",
    )


def week_of(day: date) -> date:
    """The Monday of a day's week."""
    return day - timedelta(days=day.weekday())


def _contribution(facts: AttemptFacts) -> _Contribution | None:
    if facts.elapsed_seconds is None:
        return None
    return _Contribution(
        facts.prompt_slug,
        clock.day_of(facts.started_at),
        facts.elapsed_seconds,
        facts.target_seconds,
        facts.marks,
    )


def _stored(row: ProgressAttempt | None) -> _Contribution | None:
    if row is None or row.elapsed_seconds is None:
        return None
    marks = None
    if row.marks is not None:
        marks = tuple(sorted((kp, bool(missed)) for kp, missed in json.loads(row.marks).items()))
    return _Contribution(row.prompt_slug, row.day, row.elapsed_seconds, row.target_seconds, marks)


def _figures(c: _Contribution, sign: int) -> dict[str, Any]:
    marks = c.marks or ()
    return {
        "attempts": sign,
        "overtime": sign * int(c.elapsed_seconds > c.target_seconds),
        "elapsed_seconds": sign * c.elapsed_seconds,
        "target_seconds": sign * c.target_seconds,
        "key_points_marked": sign * len(marks),
        "key_points_missed": sign * sum(missed for _, missed in marks),
    }


def _upsert_add(session: Session, table: Any, keys: dict[str, Any], deltas: dict[str, Any]) -> None:
    """Add deltas to the row with these keys, creating it if needed, in one statement."""
    columns = table.__table__.c
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        module = sqlite if dialect == "sqlite" else postgresql
        stmt = module.insert(table).values(**keys, **deltas)
        stmt = stmt.on_conflict_do_update(
            index_elements=[c.name for c in table.__table__.primary_key],
            set_={name: columns[name] + stmt.excluded[name] for name in deltas},
        )
        session.execute(stmt)
        return
    primary = tuple(keys[c.name] for c in table.__table__.primary_key)
    row = session.get(table, primary, with_for_update=True)
    if row is None:
        session.add(table(**keys, **deltas))
    else:
        for name, delta in deltas.items():
            setattr(row, name, getattr(row, name) + delta)


def _add(session: Session, c: _Contribution, sign: int) -> None:
    figures = _figures(c, sign)
    _upsert_add(
        session, ProgressWeek, {"week": week_of(c.day), "prompt_slug": c.prompt_slug}, figures
    )
    _upsert_add(session, ProgressDay, {"day": c.day}, {"attempts": sign})
    _upsert_add(session, ProgressPrompt, {"prompt_slug": c.prompt_slug}, figures)
    for kp, missed in c.marks or ():
        _upsert_add(
            session,
            ProgressKeyPoint,
            {"prompt_slug": c.prompt_slug, "key_point_id": kp},
            {"marked": sign, "missed": sign * int(missed)},
        )


def _in_ledger(facts: AttemptFacts) -> bool:
    # A running attempt with no marks and no postmortem adds nothing to count or find.
    return facts.elapsed_seconds is not None or facts.marks is not None or bool(facts.search_text)


def _ledger_values(facts: AttemptFacts) -> dict[str, Any]:
    return {
        "attempt_id": facts.attempt_id,
        "prompt_slug": facts.prompt_slug,
        "started_at": facts.started_at,
        "day": clock.day_of(facts.started_at),
        "elapsed_seconds": facts.elapsed_seconds,
        "target_seconds": facts.target_seconds,
        "marks": None if facts.marks is None else json.dumps(dict(facts.marks), sort_keys=True),
        "search_text": facts.search_text,
    }


def record(session: Session, facts: AttemptFacts) -> None:
    """Bring the rollups in line with this attempt: apply what changed since it was last recorded."""
    row = session.get(ProgressAttempt, facts.attempt_id, with_for_update=True)
    old, new = _stored(row), _contribution(facts)
    if old != new:
        if old is not None:
            _add(session, old, -1)
        if new is not None:
            _add(session, new, 1)
    if not _in_ledger(facts):
        if row is not None:
            session.delete(row)
        return
    values = _ledger_values(facts)
    if row is None:
        session.add(ProgressAttempt(**values))
    else:
        for name, value in values.items():
            setattr(row, name, value)


def load(session: Session, every: Iterable[AttemptFacts]) -> None:
    """Fill the empty rollups from every attempt at once (a rebuild or an import)."""
    ledger: list[dict[str, Any]] = []
    weeks: dict[tuple[date, str], dict[str, Any]] = {}
    days: dict[date, int] = defaultdict(int)
    prompts: dict[str, dict[str, Any]] = {}
    key_points: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"marked": 0, "missed": 0}
    )
    for facts in every:
        if _in_ledger(facts):
            ledger.append(_ledger_values(facts))
        c = _contribution(facts)
        if c is None:
            continue
        figures = _figures(c, 1)
        week = weeks.setdefault(
            (week_of(c.day), c.prompt_slug),
            {"week": week_of(c.day), "prompt_slug": c.prompt_slug} | dict.fromkeys(figures, 0),
        )
        days[c.day] += 1
        prompt = prompts.setdefault(
            c.prompt_slug, {"prompt_slug": c.prompt_slug} | dict.fromkeys(figures, 0)
        )
        for name, value in figures.items():
            week[name] += value
            prompt[name] += value
        for kp, missed in c.marks or ():
            key_points[(c.prompt_slug, kp)]["marked"] += 1
            key_points[(c.prompt_slug, kp)]["missed"] += int(missed)
    _insert_all(session, ProgressAttempt, ledger)
    _insert_all(session, ProgressWeek, list(weeks.values()))
    _insert_all(session, ProgressDay, [{"day": d, "attempts": n} for d, n in days.items()])
    _insert_all(session, ProgressPrompt, list(prompts.values()))
    _insert_all(
        session,
        ProgressKeyPoint,
        [{"prompt_slug": s, "key_point_id": k, **v} for (s, k), v in key_points.items()],
    )


def _insert_all(
    session: Session, table: Any, rows: list[dict[str, Any]], chunk: int = 5000
) -> None:
    for start in range(0, len(rows), chunk):
        session.execute(insert(table.__table__), rows[start : start + chunk])


# --- reading ----------------------------------------------------------------------------------


def misses_by_prompt(session: Session) -> dict[str, tuple[int, int]]:
    """Per prompt: key points marked and key points missed, all time."""
    rows = session.execute(
        select(
            ProgressPrompt.prompt_slug,
            ProgressPrompt.key_points_marked,
            ProgressPrompt.key_points_missed,
        )
    )
    return {slug: (int(marked), int(missed)) for slug, marked, missed in rows}


def attempts_total(session: Session) -> int:
    """Stopped attempts, all time."""
    return int(session.scalar(select(func.coalesce(func.sum(ProgressPrompt.attempts), 0))) or 0)


def active_days(session: Session, since: date, until: date) -> dict[date, int]:
    """Stopped attempts per day, for the days that have any."""
    rows = session.execute(
        select(ProgressDay.day, ProgressDay.attempts).where(
            ProgressDay.day >= since, ProgressDay.day <= until
        )
    )
    return {day: int(n) for day, n in rows if n}


def current_streak(days: dict[date, int], today: date) -> int:
    """Days in a row with an attempt, ending today (or yesterday, when today has none yet)."""
    day = today if days.get(today) else today - timedelta(days=1)
    streak = 0
    while days.get(day):
        streak += 1
        day -= timedelta(days=1)
    return streak


def _longest_streak(days: dict[date, int]) -> int:
    longest = run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return longest


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


@lru_cache(maxsize=16)
def _by_category(library: Library, table: Any, weekly: bool) -> Any:
    """Sum a rollup's figures per category (and per week, between :since and :until), in SQL.

    Built once per library, so SQLAlchemy's statement cache serves every later page.
    """
    keys = [table.week] if weekly else []
    where = (table.week >= bindparam("since"), table.week <= bindparam("until")) if weekly else ()
    category = case(
        {slug: p.category for slug, p in library.prompts.items()},
        value=table.prompt_slug,
        else_="",
    )
    rows = select(*keys, category.label("category"), *_summed(table)).where(*where).subquery()
    names = [k.key for k in keys]
    return select(
        *(rows.c[n] for n in names),
        rows.c.category,
        *(func.sum(rows.c[f.key]) for f in _summed(table)),
    ).group_by(*(rows.c[n] for n in names), rows.c.category)


def _summed(table: Any) -> list[Any]:
    """The summed columns of ProgressWeek and ProgressPrompt, in one order."""
    return [
        table.attempts,
        table.overtime,
        table.elapsed_seconds,
        table.target_seconds,
        table.key_points_marked,
        table.key_points_missed,
    ]


def overview(session: Session, library: Library, today: date) -> StatsPublic:
    """Every figure of the stats page, as of a day."""
    this_week = week_of(today)
    weeks = [this_week - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]

    per_week: dict[date, int] = dict.fromkeys(weeks, 0)
    hits: dict[str, dict[date, list[int]]] = {c: {w: [0, 0] for w in weeks} for c in CATEGORIES}
    by_week = _by_category(library, ProgressWeek, True)
    for week, category, attempts, _, _, _, marked, missed in session.execute(
        by_week, {"since": weeks[0], "until": this_week}
    ):
        per_week[week] += int(attempts)
        if category in hits:
            hits[category][week][0] += int(marked)
            hits[category][week][1] += int(missed)

    time_rows: dict[str, list[float]] = {c: [0, 0, 0.0, 0] for c in CATEGORIES}
    total = 0
    for category, attempts, overtime, elapsed, target, _, _ in session.execute(
        _by_category(library, ProgressPrompt, False)
    ):
        total += int(attempts)
        if category in time_rows:
            time_rows[category] = [int(attempts), int(overtime), float(elapsed), int(target)]

    most_missed: list[MissedKeyPoint] = []
    for kp_row in session.scalars(
        select(ProgressKeyPoint)
        .where(ProgressKeyPoint.missed > 0)
        .order_by(
            ProgressKeyPoint.missed.desc(),
            ProgressKeyPoint.prompt_slug,
            ProgressKeyPoint.key_point_id,
        )
        .limit(MOST_MISSED * 3)
    ):
        prompt = library.get(kp_row.prompt_slug)
        if prompt is None or len(most_missed) == MOST_MISSED:
            continue
        text = next((kp.text for kp in prompt.key_points if kp.id == kp_row.key_point_id), None)
        if text is None:  # the key point is gone from the prompt's content
            continue
        most_missed.append(
            MissedKeyPoint(
                prompt=prompt.slug,
                prompt_title=prompt.title,
                category=prompt.category,
                key_point_id=kp_row.key_point_id,
                text=text,
                missed=kp_row.missed,
                marked=kp_row.marked,
            )
        )

    calendar_start = this_week - timedelta(weeks=CALENDAR_WEEKS - 1)
    days = active_days(session, calendar_start, today)
    calendar = [
        CalendarDay(
            day=calendar_start + timedelta(days=n),
            attempts=days.get(calendar_start + timedelta(days=n), 0),
        )
        for n in range((today - calendar_start).days + 1)
    ]

    return StatsPublic(
        today=today,
        weeks=WEEKS,
        attempts_total=total,
        attempts_per_week=[WeekAttempts(week=w, attempts=per_week[w]) for w in weeks],
        time_vs_target=[
            CategoryTime(
                category=c,
                attempts=int(n),
                overtime=int(over),
                average_seconds=round(elapsed / n, 1) if n else None,
                average_target_seconds=round(target / n, 1) if n else None,
                share_of_target=_share(elapsed, target),
            )
            for c, (n, over, elapsed, target) in time_rows.items()
        ],
        hit_share=[
            CategoryHitShare(
                category=c,
                hit_share=_share(
                    sum(m - x for m, x in by_week.values()), sum(m for m, _ in by_week.values())
                ),
                weeks=[
                    HitShareWeek(
                        week=w,
                        key_points_marked=m,
                        key_points_missed=x,
                        hit_share=_share(m - x, m),
                    )
                    for w, (m, x) in by_week.items()
                ],
            )
            for c, by_week in hits.items()
        ],
        most_missed=most_missed,
        calendar=calendar,
        current_streak=current_streak(days, today),
        longest_streak=_longest_streak(days),
        active_days=len(days),
    )
