"""Spaced repetition of prompts and key points (FSRS), the Today page and weak-spot picks.

A finished attempt (stopped and marked, not cram) reviews its prompt, rated from the share of key
points hit and the time used (or the user's own rating), and each key point: missed = Again,
hit = Good. Each review is a row keyed by (card, attempt) that holds the card's state after it, so
re-marking an attempt replaces its reviews and replays the later ones: never a second review.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler, State
from sqlalchemy import and_, case, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from mockloop.library import CATEGORIES, Library, Prompt, views
from mockloop.library.library import PromptFilter
from mockloop.practice import attempts, clock, stats
from mockloop.practice.errors import Conflict
from mockloop.practice.schemas_progress import (
    AttemptReviewPublic,
    DueKeyPoint,
    DuePrompt,
    KeyPointReview,
    RatingName,
    ReviewPublic,
    Suggestion,
    TodayPublic,
    WeakCategory,
)
from mockloop.practice.tables import Attempt, Mark, Postmortem
from mockloop.practice.tables_progress import (
    PROMPT_CARD,
    ProgressAttempt,
    ProgressDay,
    ProgressKeyPoint,
    ProgressMeta,
    ProgressPrompt,
    ProgressWeek,
    ReviewCard,
    ReviewLog,
)

# Bump when the rules below change: every database then rebuilds its reviews and rollups once.
DERIVED_VERSION = "2"

# A mock takes most of an hour, so no minute-long learning steps: every review schedules in days.
# No fuzz, so the same history always gives the same schedule (tests, rebuilds, imports).
SCHEDULER = Scheduler(
    learning_steps=(), relearning_steps=(), maximum_interval=365, enable_fuzzing=False
)

AGAIN_BELOW = 0.5  # hit under half the key points: Again
HARD_BELOW = 0.8  # under 80%: Hard
EASY_WITHIN = 0.75  # every key point within 75% of the target time: Easy

RATING_NAMES: dict[Rating, RatingName] = {
    Rating.Again: "again",
    Rating.Hard: "hard",
    Rating.Good: "good",
    Rating.Easy: "easy",
}
RATINGS_BY_NAME = {name: rating for rating, name in RATING_NAMES.items()}
STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}
UPCOMING_DAYS = 7


# --- the rating rules -------------------------------------------------------------------------


def prompt_rating(hit: int, total: int, elapsed_seconds: float, target_seconds: float) -> Rating:
    """The prompt's rating from the share of key points hit, one step lower when over time."""
    share = hit / total if total else 1.0
    if share < AGAIN_BELOW:
        rating = Rating.Again
    elif share < HARD_BELOW:
        rating = Rating.Hard
    elif share >= 1.0 and elapsed_seconds <= EASY_WITHIN * target_seconds:
        rating = Rating.Easy
    else:
        rating = Rating.Good
    if elapsed_seconds > target_seconds and rating > Rating.Again:
        rating = Rating(rating - 1)
    return rating


def key_point_rating(missed: bool) -> Rating:
    """A missed key point is Again, a hit one Good."""
    return Rating.Again if missed else Rating.Good


def suggested_rating(facts: stats.AttemptFacts) -> Rating | None:
    """The prompt rating the marks and the time give, once the attempt is stopped and marked."""
    if facts.elapsed_seconds is None or facts.marks is None:
        return None
    hit = sum(1 for _, missed in facts.marks if not missed)
    return prompt_rating(hit, len(facts.marks), facts.elapsed_seconds, facts.target_seconds)


def ratings_of(facts: stats.AttemptFacts) -> dict[str, Rating]:
    """Every review a finished attempt makes: its prompt ('') and each marked key point."""
    suggested = suggested_rating(facts)
    if facts.cram or suggested is None:
        return {}
    ratings = {PROMPT_CARD: Rating(facts.rating_override) if facts.rating_override else suggested}
    for kp, missed in facts.marks or ():
        ratings[kp] = key_point_rating(missed)
    return ratings


# --- keeping reviews current ------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _snapshot(card: Card, reps: int, lapses: int) -> dict[str, Any]:
    return {
        "state": int(card.state),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due.astimezone(UTC).replace(tzinfo=None),
        "reps": reps,
        "lapses": lapses,
    }


def _card_after(log: ReviewLog | None) -> tuple[Card, int, int]:
    if log is None:
        return Card(card_id=0), 0, 0
    card = Card(
        card_id=0,
        state=State(log.state),
        step=log.step,
        stability=log.stability,
        difficulty=log.difficulty,
        due=_aware(log.due),
        last_review=_aware(log.reviewed_at),
    )
    return card, log.reps, log.lapses


def _review(
    card: Card, reps: int, lapses: int, rating: Rating, at: datetime
) -> tuple[Card, int, int]:
    card, _ = SCHEDULER.review_card(card, rating, _aware(at))
    return card, reps + 1, lapses + int(rating == Rating.Again)


def _card_values(last: ReviewLog | dict[str, Any]) -> dict[str, Any]:
    get = last.get if isinstance(last, dict) else lambda name: getattr(last, name)
    return {
        **{name: get(name) for name in ("state", "step", "stability", "difficulty", "due")},
        "reps": get("reps"),
        "lapses": get("lapses"),
        "last_review": get("reviewed_at"),
        "last_rating": get("rating"),
        "last_attempt_id": get("attempt_id"),
    }


def _replay(session: Session, slug: str, kp: str, since: tuple[datetime, int]) -> None:
    """Recompute one card's reviews from `since` on, starting from the state before it."""
    row = session.get(ReviewCard, (slug, kp), with_for_update=True)
    moment, attempt_id = since
    same_card = and_(ReviewLog.prompt_slug == slug, ReviewLog.key_point_id == kp)
    before = or_(
        ReviewLog.reviewed_at < moment,
        and_(ReviewLog.reviewed_at == moment, ReviewLog.attempt_id < attempt_id),
    )
    previous = session.scalars(
        select(ReviewLog)
        .where(same_card, before)
        .order_by(ReviewLog.reviewed_at.desc(), ReviewLog.attempt_id.desc())
        .limit(1)
    ).first()
    later = session.scalars(
        select(ReviewLog)
        .where(same_card, ~before)
        .order_by(ReviewLog.reviewed_at, ReviewLog.attempt_id)
    ).all()
    card, reps, lapses = _card_after(previous)
    last = previous
    for log in later:
        card, reps, lapses = _review(card, reps, lapses, Rating(log.rating), log.reviewed_at)
        for name, value in _snapshot(card, reps, lapses).items():
            setattr(log, name, value)
        last = log
    if last is None:
        if row is not None:
            session.delete(row)
        return
    values = _card_values(last)
    if row is None:
        session.add(ReviewCard(prompt_slug=slug, key_point_id=kp, **values))
    else:
        for name, value in values.items():
            setattr(row, name, value)


def _apply_reviews(session: Session, facts: stats.AttemptFacts) -> None:
    wanted = ratings_of(facts)
    have = {
        log.key_point_id: log
        for log in session.scalars(
            select(ReviewLog).where(ReviewLog.attempt_id == facts.attempt_id)
        )
    }
    changed: list[tuple[str, datetime]] = []
    for kp in sorted(set(wanted) | set(have)):
        want, log = wanted.get(kp), have.get(kp)
        if want is None:
            changed.append((kp, log.reviewed_at))  # type: ignore[union-attr]
            session.delete(log)
            continue
        assert facts.stopped_at is not None
        if log is None:
            session.add(
                ReviewLog(
                    prompt_slug=facts.prompt_slug,
                    key_point_id=kp,
                    attempt_id=facts.attempt_id,
                    reviewed_at=facts.stopped_at,
                    rating=int(want),
                    **_snapshot(Card(card_id=0, due=_aware(facts.stopped_at)), 0, 0),
                )
            )
        elif log.rating == int(want) and log.reviewed_at == facts.stopped_at:
            continue
        else:
            log.rating = int(want)
            log.reviewed_at = facts.stopped_at
        changed.append((kp, facts.stopped_at))
    if not changed:
        return
    session.flush()
    for kp, moment in changed:
        _replay(session, facts.prompt_slug, kp, (moment, facts.attempt_id))


def sync_attempt(session: Session, attempt: Attempt) -> None:
    """Bring what is derived from an attempt up to date: its reviews, its share of the stats and
    its postmortem's search text. Calling it again without a change changes nothing."""
    session.flush()
    if ensure_current(session):
        return  # rebuilt from every attempt, this one included
    facts = stats.facts_of(attempt)
    stats.record(session, facts)
    _apply_reviews(session, facts)


def _all_facts(session: Session) -> list[stats.AttemptFacts]:
    marks: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for attempt_id, kp, missed in session.execute(
        select(Mark.attempt_id, Mark.key_point_id, Mark.missed)
    ):
        marks[attempt_id].append((kp, bool(missed)))
    texts = {
        attempt_id: stats.search_text(went_well, missed, next_time)
        for attempt_id, went_well, missed, next_time in session.execute(
            select(
                Postmortem.attempt_id, Postmortem.went_well, Postmortem.missed, Postmortem.next_time
            )
        )
    }
    rows = session.execute(
        select(
            Attempt.id,
            Attempt.prompt_slug,
            Attempt.target_minutes,
            Attempt.started_at,
            Attempt.paused_at,
            Attempt.paused_seconds,
            Attempt.stopped_at,
            Attempt.marked_at,
            Attempt.cram,
            Attempt.rating_override,
        ).order_by(Attempt.id)
    )
    return [
        stats.AttemptFacts(
            attempt_id=row.id,
            prompt_slug=row.prompt_slug,
            started_at=row.started_at,
            stopped_at=row.stopped_at,
            elapsed_seconds=(
                attempts.elapsed_seconds(row, row.stopped_at)  # type: ignore[arg-type]
                if row.stopped_at
                else None
            ),
            target_seconds=row.target_minutes * 60,
            marks=tuple(sorted(marks.get(row.id, []))) if row.marked_at is not None else None,
            cram=bool(row.cram),
            rating_override=row.rating_override,
            search_text=texts.get(row.id, ""),
        )
        for row in rows
    ]


def rebuild(session: Session) -> None:
    """Recompute every review state and rollup from the attempts (after an upgrade or an import)."""
    session.flush()
    for table in (
        ReviewLog,
        ReviewCard,
        ProgressAttempt,
        ProgressWeek,
        ProgressDay,
        ProgressPrompt,
        ProgressKeyPoint,
    ):
        session.execute(delete(table).execution_options(synchronize_session=False))
    every = _all_facts(session)
    stats.load(session, every)
    logs: list[dict[str, Any]] = []
    cards: dict[tuple[str, str], tuple[Card, int, int]] = {}
    last: dict[tuple[str, str], dict[str, Any]] = {}
    finished = sorted(
        (f for f in every if f.stopped_at is not None),
        key=lambda f: (f.stopped_at, f.attempt_id),
    )
    for facts in finished:
        assert facts.stopped_at is not None
        for kp, rating in ratings_of(facts).items():
            key = (facts.prompt_slug, kp)
            card, reps, lapses = cards.get(key) or _card_after(None)
            card, reps, lapses = _review(card, reps, lapses, rating, facts.stopped_at)
            cards[key] = (card, reps, lapses)
            log = {
                "prompt_slug": facts.prompt_slug,
                "key_point_id": kp,
                "attempt_id": facts.attempt_id,
                "reviewed_at": facts.stopped_at,
                "rating": int(rating),
                **_snapshot(card, reps, lapses),
            }
            logs.append(log)
            last[key] = log
    for start in range(0, len(logs), 5000):
        session.execute(insert(ReviewLog.__table__), logs[start : start + 5000])
    card_rows = [
        {"prompt_slug": slug, "key_point_id": kp, **_card_values(log)}
        for (slug, kp), log in last.items()
    ]
    for start in range(0, len(card_rows), 5000):
        session.execute(insert(ReviewCard.__table__), card_rows[start : start + 5000])
    session.execute(delete(ProgressMeta).where(ProgressMeta.key == "version"))
    session.add(ProgressMeta(key="version", value=_derived_marker()))
    session.flush()
    session.expire_all()


def ensure_current(session: Session) -> bool:
    """Rebuild the derived data once if it was made by other rules, or counted days in another
    time zone; whether it did."""
    meta = session.get(ProgressMeta, "version")
    if meta is None or meta.value != _derived_marker():
        rebuild(session)
        return True
    return False


def _derived_marker() -> str:
    """What the derived data was made by: these rules, and days counted in this time zone (data
    from before days followed the user's zone has the bare version: it counted them in UTC)."""
    zone = clock.zone_name()
    return DERIVED_VERSION if zone in ("UTC", "Etc/UTC") else f"{DERIVED_VERSION} {zone}"


# --- an attempt's review ----------------------------------------------------------------------


def attempt_review(session: Session, library: Library, attempt_id: int) -> AttemptReviewPublic:
    """How an attempt rated its prompt and key points, and when each comes back."""
    ensure_current(session)
    attempt = attempts.load(session, attempt_id)
    facts = stats.facts_of(attempt)
    logs = {
        log.key_point_id: log
        for log in session.scalars(select(ReviewLog).where(ReviewLog.attempt_id == attempt_id))
    }
    prompt = library.get(attempt.prompt_slug)
    texts = {kp.id: kp.text for kp in prompt.key_points} if prompt else {}
    marks = dict(facts.marks or ())
    order = list(texts) + sorted(set(marks) - set(texts))
    suggested = suggested_rating(facts)
    applied = logs.get(PROMPT_CARD)
    return AttemptReviewPublic(
        attempt_id=attempt.id,
        prompt=attempt.prompt_slug,
        cram=facts.cram,
        stopped=facts.stopped_at is not None,
        marked=facts.marks is not None,
        rated=applied is not None,
        key_points_hit=sum(1 for missed in marks.values() if not missed),
        key_points_total=len(marks) if facts.marks is not None else len(texts),
        elapsed_seconds=round(attempts.elapsed_seconds(attempt, clock.utcnow()), 3),
        target_seconds=facts.target_seconds,
        suggested_rating=RATING_NAMES[suggested] if suggested else None,
        override=RATING_NAMES[Rating(facts.rating_override)] if facts.rating_override else None,
        rating=RATING_NAMES[Rating(applied.rating)] if applied else None,
        due_at=clock.iso(applied.due) if applied else None,
        key_points=[
            KeyPointReview(
                id=kp,
                text=texts.get(kp, kp),
                missed=marks[kp],
                rating=RATING_NAMES[key_point_rating(marks[kp])],
                due_at=clock.iso(logs[kp].due) if kp in logs else None,
            )
            for kp in order
            if kp in marks
        ],
    )


def rate(
    session: Session, library: Library, attempt_id: int, rating: RatingName | None
) -> AttemptReviewPublic:
    """Override the prompt rating of a finished attempt (None: back to the suggested one)."""
    attempt = attempts.load(session, attempt_id, for_update=True)
    if attempt.cram:
        raise Conflict(
            f"attempt {attempt_id} was in cram mode: it leaves the review schedule alone, "
            "so there is nothing to rate"
        )
    if attempt.stopped_at is None or attempt.marked_at is None:
        raise Conflict(
            f"attempt {attempt_id} is not finished: stop the timer and mark the key points first"
        )
    attempt.rating_override = int(RATINGS_BY_NAME[rating]) if rating else None
    sync_attempt(session, attempt)
    return attempt_review(session, library, attempt_id)


def review_states(session: Session, due_before: datetime | None = None) -> list[ReviewPublic]:
    """Every review state (or those due before a moment), soonest due first."""
    ensure_current(session)
    stmt = select(ReviewCard).order_by(
        ReviewCard.due, ReviewCard.prompt_slug, ReviewCard.key_point_id
    )
    if due_before is not None:
        stmt = stmt.where(ReviewCard.due <= due_before)
    return [
        ReviewPublic(
            prompt=card.prompt_slug,
            key_point=card.key_point_id or None,
            state=STATE_NAMES[State(card.state)],  # type: ignore[arg-type]
            due_at=clock.iso(card.due) or "",
            last_review=clock.iso(card.last_review) or "",
            last_rating=RATING_NAMES[Rating(card.last_rating)],
            stability=card.stability,
            difficulty=card.difficulty,
            reps=card.reps,
            lapses=card.lapses,
        )
        for card in session.scalars(stmt)
    ]


# --- weak spots -------------------------------------------------------------------------------


def _smoothed(marked: int, missed: int) -> float:
    # One imaginary miss and one imaginary hit: an untried category or prompt weighs 0.5, and one
    # unlucky mark does not swamp the draw.
    return (missed + 1) / (marked + 2)


def weak_weights(
    library: Library, misses: dict[str, tuple[int, int]], candidates: Sequence[Prompt]
) -> dict[str, float]:
    """Each candidate's chance in a Random weak mock: a category is drawn in proportion to how
    often its key points are missed, then a prompt in it in proportion to its own misses."""
    by_category: dict[str, tuple[int, int]] = {}
    for category in CATEGORIES:
        slugs = [s for s, p in library.prompts.items() if p.category == category]
        by_category[category] = (
            sum(misses.get(s, (0, 0))[0] for s in slugs),
            sum(misses.get(s, (0, 0))[1] for s in slugs),
        )
    groups: dict[str, list[Prompt]] = defaultdict(list)
    for prompt in candidates:
        groups[prompt.category].append(prompt)
    category_weight = {c: _smoothed(*by_category.get(c, (0, 0))) for c in groups}
    total = sum(category_weight.values())
    weights: dict[str, float] = {}
    for category, prompts in groups.items():
        inner = {p.slug: _smoothed(*misses.get(p.slug, (0, 0))) for p in prompts}
        inner_total = sum(inner.values())
        for slug, weight in inner.items():
            weights[slug] = category_weight[category] / total * weight / inner_total
    return weights


def pick_weak(
    session: Session,
    library: Library,
    flt: PromptFilter,
    avoid: str | None = None,
    rng: random.Random | None = None,
) -> Prompt | None:
    """A random prompt within the filter, drawn towards the categories and prompts you miss most;
    never `avoid` when another prompt matches."""
    ensure_current(session)
    candidates = library.filter(flt)
    if avoid and len(candidates) > 1:
        candidates = [p for p in candidates if p.slug != avoid]
    if not candidates:
        return None
    weights = weak_weights(library, stats.misses_by_prompt(session), candidates)
    return (rng or random).choices(candidates, weights=[weights[p.slug] for p in candidates])[0]


# --- Today ------------------------------------------------------------------------------------


def has_history(session: Session) -> bool:
    """Whether any attempt was ever started."""
    return session.scalar(select(Attempt.id).limit(1)) is not None


def _due_prompt(
    prompt: Prompt,
    due_at: datetime,
    prompt_due_at: datetime | None,
    key_points_due: int,
    missed: list[Any],
    last_rating: int | None,
) -> DuePrompt:
    texts = {kp.id: kp.text for kp in prompt.key_points}
    order = {kp_id: n for n, kp_id in enumerate(texts)}
    return DuePrompt(
        prompt=views.summary(prompt),
        due_at=clock.iso(due_at) or "",
        prompt_due_at=clock.iso(prompt_due_at),
        last_rating=RATING_NAMES[Rating(last_rating)] if last_rating else None,
        key_points_due=key_points_due,
        key_points=[
            DueKeyPoint(
                id=c.key_point_id,
                text=texts[c.key_point_id],
                due_at=clock.iso(c.due) or "",
                lapses=c.lapses,
            )
            for c in sorted(
                (c for c in missed if c.key_point_id in texts),
                key=lambda c: (c.due, order[c.key_point_id]),
            )
        ],
    )


def _due_by_prompt(session: Session, now: datetime, horizon: datetime) -> list[Any]:
    """Per prompt with a card due by the horizon: the first due moments and key points due."""
    is_key_point = ReviewCard.key_point_id != PROMPT_CARD
    due_now = ReviewCard.due <= now
    return list(
        session.execute(
            select(
                ReviewCard.prompt_slug,
                func.min(ReviewCard.due).label("first_due"),
                func.min(case((due_now, ReviewCard.due))).label("first_due_now"),
                func.max(case((~is_key_point, ReviewCard.due))).label("prompt_due"),
                func.sum(case((and_(is_key_point, due_now), 1), else_=0)).label("kps_now"),
                func.sum(case((is_key_point, 1), else_=0)).label("kps_soon"),
            )
            .where(ReviewCard.due <= horizon)
            .group_by(ReviewCard.prompt_slug)
        )
    )


def most_due(session: Session, library: Library, now: datetime | None = None) -> Prompt | None:
    """The prompt whose review (or a key point's) has been due longest, if any is due."""
    today_view = today(session, library, now)
    return library.get(today_view.due[0].prompt.slug) if today_view.due else None


def today(session: Session, library: Library, now: datetime | None = None) -> TodayPublic:
    """What is due, what comes up this week, a suggested next mock and the weak categories."""
    now = now or clock.utcnow()
    ensure_current(session)
    horizon = now + timedelta(days=UPCOMING_DAYS)
    # Aggregated in SQL: a few rows per prompt, however many reviews there were.
    groups = [g for g in _due_by_prompt(session, now, horizon) if g.prompt_slug in library.prompts]
    missed: dict[str, list[Any]] = defaultdict(list)
    for card in session.execute(
        select(
            ReviewCard.prompt_slug, ReviewCard.key_point_id, ReviewCard.due, ReviewCard.lapses
        ).where(
            ReviewCard.due <= horizon,
            ReviewCard.key_point_id != PROMPT_CARD,
            ReviewCard.last_rating == int(Rating.Again),
        )
    ):
        missed[card.prompt_slug].append(card)
    own = dict(
        session.execute(
            select(ReviewCard.prompt_slug, ReviewCard.last_rating).where(
                ReviewCard.key_point_id == PROMPT_CARD,
                ReviewCard.prompt_slug.in_([g.prompt_slug for g in groups]),
            )
        ).all()
    )
    due: list[DuePrompt] = []
    upcoming: list[DuePrompt] = []
    for g in groups:
        prompt = library.prompts[g.prompt_slug]
        if g.first_due_now is not None:
            prompt_due = g.prompt_due if g.prompt_due is not None and g.prompt_due <= now else None
            now_missed = [c for c in missed[g.prompt_slug] if c.due <= now]
            due.append(
                _due_prompt(
                    prompt,
                    g.first_due_now,
                    prompt_due,
                    int(g.kps_now),
                    now_missed,
                    own.get(prompt.slug),
                )
            )
        else:
            upcoming.append(
                _due_prompt(
                    prompt,
                    g.first_due,
                    g.prompt_due,
                    int(g.kps_soon),
                    missed[g.prompt_slug],
                    own.get(prompt.slug),
                )
            )
    due.sort(key=lambda d: (d.due_at, -len(d.key_points), d.prompt.slug))
    upcoming.sort(key=lambda d: (d.due_at, d.prompt.slug))

    misses = stats.misses_by_prompt(session)
    weights = weak_weights(library, misses, list(library.prompts.values()))
    weak: list[WeakCategory] = []
    for category in CATEGORIES:
        slugs = [s for s, p in library.prompts.items() if p.category == category]
        if not slugs:
            continue
        marked = sum(misses.get(s, (0, 0))[0] for s in slugs)
        missed = sum(misses.get(s, (0, 0))[1] for s in slugs)
        weak.append(
            WeakCategory(
                category=category,
                key_points_marked=marked,
                key_points_missed=missed,
                miss_rate=round(missed / marked, 4) if marked else None,
                weight=round(sum(weights[s] for s in slugs), 4),
            )
        )

    day = clock.day_of(now)
    streak_days = stats.active_days(session, day - timedelta(weeks=stats.CALENDAR_WEEKS), day)
    return TodayPublic(
        today=day,
        has_history=has_history(session),
        attempts=stats.attempts_total(session),
        streak_days=stats.current_streak(streak_days, day),
        due=due,
        upcoming=upcoming,
        suggested=_suggest(library, due, upcoming, weak, set(misses) | set(own)),
        weak_categories=weak,
    )


def _suggest(
    library: Library,
    due: list[DuePrompt],
    upcoming: list[DuePrompt],
    weak: list[WeakCategory],
    attempted: set[str],
) -> Suggestion | None:
    if due:
        first = due[0]
        missed = len(first.key_points)
        reason = (
            f"due for review, with {missed} key point{'s' if missed != 1 else ''} you missed"
            if missed
            else "due for review"
        )
        return Suggestion(prompt=first.prompt, reason=reason)
    by_weakness = sorted(weak, key=lambda w: (-w.weight, CATEGORIES.index(w.category)))
    for category in by_weakness:
        fresh = [
            p
            for p in library.prompts.values()
            if p.category == category.category and p.slug not in attempted
        ]
        if fresh:
            if category.miss_rate is None:
                reason = f"not tried yet; you have not practised {category.category} so far"
            else:
                reason = (
                    f"not tried yet, in {category.category}, where you miss "
                    f"{round(category.miss_rate * 100)}% of key points"
                )
            return Suggestion(prompt=views.summary(fresh[0]), reason=reason)
    if upcoming:
        return Suggestion(prompt=upcoming[0].prompt, reason="the next one due for review")
    return None
