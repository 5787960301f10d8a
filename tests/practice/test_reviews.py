"""The review rules: how a finished attempt rates its prompt and key points, cram mode, overrides,
re-marking without double reviews, the Today page and weak-spot picks. A fixed clock throughout."""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from datetime import timedelta

import pytest
from fsrs import Rating
from sqlalchemy import func, select

from mockloop.library.library import PromptFilter
from mockloop.practice import attempts, reviews, stats
from mockloop.practice.errors import Conflict
from mockloop.practice.schemas import PostmortemUpdate
from mockloop.practice.tables_progress import (
    PROMPT_CARD,
    ProgressAttempt,
    ProgressDay,
    ProgressKeyPoint,
    ProgressPrompt,
    ProgressWeek,
    ReviewCard,
    ReviewLog,
)

SLUG = "web-crawler"


@pytest.mark.parametrize(
    ("hit", "total", "elapsed", "expected"),
    [
        (8, 8, 600, Rating.Easy),  # everything, in under 75% of the time
        (8, 8, 750, Rating.Easy),
        (8, 8, 900, Rating.Good),  # everything, but not fast
        (7, 8, 500, Rating.Good),  # 87.5%
        (8, 10, 500, Rating.Good),  # exactly 80%
        (6, 8, 500, Rating.Hard),  # 75%
        (4, 8, 500, Rating.Hard),  # exactly half
        (3, 8, 500, Rating.Again),
        (8, 8, 1001, Rating.Hard),  # over time: one step lower than Good
        (6, 8, 1200, Rating.Again),  # Hard, over time
        (0, 8, 5000, Rating.Again),  # never lower than Again
    ],
)
def test_the_prompt_is_rated_from_the_share_hit_and_the_time(hit, total, elapsed, expected):
    assert reviews.prompt_rating(hit, total, elapsed, 1000) == expected


def test_a_missed_key_point_is_again_and_a_hit_one_good():
    assert reviews.key_point_rating(True) == Rating.Again
    assert reviews.key_point_rating(False) == Rating.Good


def finish(database, library, fixed_clock, slug=SLUG, missed=(), minutes=20, cram=False) -> int:
    """Start an attempt, work for some minutes, stop and mark it."""
    with database.session() as s:
        attempt_id = attempts.start(s, library, slug, cram=cram).id
    fixed_clock.advance(minutes * 60)
    with database.session() as s:
        attempts.stop(s, attempt_id)
    with database.session() as s:
        attempts.set_marks(s, library, attempt_id, list(missed))
    return attempt_id


def cards(database) -> dict[tuple[str, str], tuple]:
    with database.session() as s:
        return {
            (c.prompt_slug, c.key_point_id): (c.state, c.stability, c.difficulty, c.due, c.reps)
            for c in s.scalars(select(ReviewCard))
        }


def derived(database) -> dict[str, list]:
    """Every derived table, as comparable rows (floats rounded: rollups sum them)."""

    def plain(row):
        return tuple(
            round(v, 6) if isinstance(v, float) else v
            for k, v in sorted(vars(row).items())
            if not k.startswith("_")
        )

    tables = (ReviewCard, ReviewLog, ProgressAttempt, ProgressWeek, ProgressDay, ProgressPrompt)
    with database.session() as s:
        out = {t.__tablename__: sorted(plain(r) for r in s.scalars(select(t))) for t in tables}
        out["progress_key_points"] = sorted(
            plain(r) for r in s.scalars(select(ProgressKeyPoint)) if r.marked
        )
    return out


def test_finishing_an_attempt_schedules_the_prompt_and_each_key_point(
    database, library, fixed_clock
):
    kps = library.get(SLUG).key_point_ids()
    attempt_id = finish(database, library, fixed_clock, missed=[kps[0]])
    stopped = fixed_clock.now
    state = cards(database)
    assert set(state) == {(SLUG, PROMPT_CARD)} | {(SLUG, kp) for kp in kps}
    # 7 of 8 hit in 20 of 90 minutes: Good, back in two days; the missed key point tomorrow
    assert state[(SLUG, PROMPT_CARD)][3] == stopped + timedelta(days=2)
    assert state[(SLUG, kps[0])][3] == stopped + timedelta(days=1)
    assert state[(SLUG, kps[1])][3] == stopped + timedelta(days=2)
    with database.session() as s:
        review = reviews.attempt_review(s, library, attempt_id)
    assert (review.suggested_rating, review.rating, review.override) == ("good", "good", None)
    assert (review.key_points_hit, review.key_points_total) == (7, 8)
    assert [kp.rating for kp in review.key_points if kp.missed] == ["again"]


def test_nothing_is_rated_until_the_attempt_is_stopped_and_marked(database, library, fixed_clock):
    kps = library.get(SLUG).key_point_ids()
    with database.session() as s:
        attempt_id = attempts.start(s, library, SLUG).id
    fixed_clock.advance(600)
    with database.session() as s:
        attempts.set_marks(s, library, attempt_id, kps[:1])  # marked while the timer runs
    assert cards(database) == {}
    with database.session() as s:
        attempts.stop(s, attempt_id)
    assert len(cards(database)) == len(kps) + 1


def test_re_marking_an_attempt_replaces_its_reviews_instead_of_adding_more(
    database, library, fixed_clock
):
    kps = library.get(SLUG).key_point_ids()
    attempt_id = finish(database, library, fixed_clock, missed=kps[:1])
    for missed in (kps[:4], kps[1:2], [], kps[2:3]):
        fixed_clock.advance(30)
        with database.session() as s:
            attempts.set_marks(s, library, attempt_id, missed)
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(ReviewLog)) == len(kps) + 1
        assert set(s.scalars(select(ReviewCard.reps))) == {1}
    once = cards(database)
    assert once[(SLUG, kps[2])][3] < once[(SLUG, kps[0])][3]  # only the last marks count
    with database.session() as s:
        reviews.rebuild(s)
    assert cards(database) == once


def test_re_marking_an_older_attempt_replays_the_reviews_after_it(database, library, fixed_clock):
    kps = library.get(SLUG).key_point_ids()
    first = finish(database, library, fixed_clock, missed=kps[:2])
    fixed_clock.advance(3 * 86400)
    finish(database, library, fixed_clock, missed=kps[:1])
    fixed_clock.advance(3600)
    with database.session() as s:
        attempts.set_marks(s, library, first, kps)  # the first one was worse than marked
    incremental = derived(database)
    assert {reps for *_, reps in cards(database).values()} == {2}  # two reviews per card
    with database.session() as s:
        reviews.rebuild(s)
    assert derived(database) == incremental


def test_cram_attempts_are_recorded_but_leave_every_review_untouched(
    database, library, fixed_clock
):
    kps = library.get(SLUG).key_point_ids()
    finish(database, library, fixed_clock, missed=kps[:1])
    before = cards(database)
    fixed_clock.advance(2 * 86400)
    cram = finish(database, library, fixed_clock, missed=kps, cram=True)
    fixed_clock.advance(60)
    with database.session() as s:
        attempts.set_marks(s, library, cram, kps[3:])
        attempts.set_postmortem(s, cram, PostmortemUpdate(missed="cram notes"))
    assert cards(database) == before
    with database.session() as s:
        assert stats.attempts_total(s) == 2  # it still counts as practice
        review = reviews.attempt_review(s, library, cram)
        assert review.cram and not review.rated and review.suggested_rating == "again"
        assert attempts.to_public(attempts.load(s, cram), library).cram
    with pytest.raises(Conflict, match="cram mode"), database.session() as s:
        reviews.rate(s, library, cram, "easy")
    assert cards(database) == before


def test_the_users_rating_overrides_the_suggested_one_and_can_be_taken_back(
    database, library, fixed_clock
):
    kps = library.get(SLUG).key_point_ids()
    attempt_id = finish(database, library, fixed_clock, missed=kps[:3])
    suggested = cards(database)
    with database.session() as s:
        review = reviews.rate(s, library, attempt_id, "easy")
    assert (review.rating, review.override, review.suggested_rating) == ("easy", "easy", "hard")
    easy = cards(database)
    assert easy[(SLUG, PROMPT_CARD)][3] > suggested[(SLUG, PROMPT_CARD)][3]
    assert {k: v for k, v in easy.items() if k[1]} == {k: v for k, v in suggested.items() if k[1]}
    with database.session() as s:
        assert reviews.rate(s, library, attempt_id, None).rating == "hard"
    assert cards(database) == suggested


def test_rating_an_unfinished_attempt_is_refused(database, library, fixed_clock):
    with database.session() as s:
        attempt_id = attempts.start(s, library, SLUG).id
    with pytest.raises(Conflict, match="not finished"), database.session() as s:
        reviews.rate(s, library, attempt_id, "good")


def test_any_sequence_of_changes_ends_where_a_rebuild_from_the_attempts_ends(
    database, library, fixed_clock
):
    rng = random.Random(4)
    slugs = ["web-crawler", "lru-cache", "why-leaving"]
    open_ids: list[int] = []
    done: list[int] = []
    for _ in range(40):
        fixed_clock.advance(rng.choice([60, 3600, 86400, 3 * 86400]))
        with database.session() as s:
            action = rng.random()
            if action < 0.3 or not (open_ids or done):
                slug = rng.choice(slugs)
                open_ids.append(attempts.start(s, library, slug, cram=rng.random() < 0.15).id)
            elif action < 0.55 and open_ids:
                attempt_id = open_ids.pop(rng.randrange(len(open_ids)))
                attempts.stop(s, attempt_id)
                done.append(attempt_id)
            elif action < 0.85 and done:
                attempt_id = rng.choice(done)
                kps = library.get(attempts.load(s, attempt_id).prompt_slug).key_point_ids()
                attempts.set_marks(s, library, attempt_id, rng.sample(kps, rng.randrange(len(kps))))
            elif done:
                attempt_id = rng.choice(done)
                with contextlib.suppress(Conflict):  # an unmarked attempt cannot be rated
                    reviews.rate(s, library, attempt_id, rng.choice([None, "again", "easy"]))
    incremental = derived(database)
    assert incremental["review_logs"], "the sequence should have finished some attempts"
    with database.session() as s:
        reviews.rebuild(s)
    assert derived(database) == incremental


def test_today_lists_what_is_due_with_the_key_points_missed(database, library, fixed_clock):
    kps = library.get(SLUG).key_points
    finish(database, library, fixed_clock, missed=[kps[0].id, kps[2].id])
    with database.session() as s:
        now = reviews.today(s, library)
    assert now.has_history and now.attempts == 1 and now.streak_days == 1
    assert now.due == []
    assert [d.prompt.slug for d in now.upcoming] == [SLUG]

    fixed_clock.advance(86400 + 60)
    with database.session() as s:
        later = reviews.today(s, library)
    [item] = later.due
    # 6 of 8 hit: Hard, so the prompt itself is back tomorrow too
    assert item.prompt.slug == SLUG and item.last_rating == "hard" and item.prompt_due_at
    assert [kp.text for kp in item.key_points] == [kps[0].text, kps[2].text]
    assert item.key_points_due == 2  # the ones hit come back in two days
    assert later.suggested.prompt.slug == SLUG
    assert "2 key points you missed" in later.suggested.reason
    with database.session() as s:
        assert reviews.most_due(s, library).slug == SLUG


def test_with_nothing_due_today_suggests_an_untried_prompt_in_the_weakest_category(
    database, library, fixed_clock
):
    with database.session() as s:
        first = reviews.today(s, library)
    assert not first.has_history and first.due == [] and first.suggested is not None
    coding = library.get(SLUG)
    theory = next(p for p in library.prompts.values() if p.category == "theory")
    finish(database, library, fixed_clock, slug=theory.slug, missed=theory.key_point_ids())
    finish(database, library, fixed_clock, missed=[])
    with database.session() as s:
        view = reviews.today(s, library)
    assert view.suggested.prompt.category == "theory"
    assert view.suggested.prompt.slug != theory.slug
    assert "not tried yet" in view.suggested.reason
    weights = {w.category: w for w in view.weak_categories}
    assert weights["theory"].miss_rate == 1.0 and weights["coding"].miss_rate == 0.0
    assert weights["theory"].weight > weights["coding"].weight
    assert sum(w.weight for w in view.weak_categories) == pytest.approx(1.0, abs=0.001)
    assert coding.slug not in {d.prompt.slug for d in view.due}


def test_a_weak_mock_draws_in_proportion_to_the_misses_of_each_category(
    database, library, fixed_clock
):
    theory = next(p for p in library.prompts.values() if p.category == "theory")
    for _ in range(3):
        finish(database, library, fixed_clock, slug=theory.slug, missed=theory.key_point_ids())
        finish(database, library, fixed_clock, missed=[])
    rng = random.Random(1)
    with database.session() as s:
        picks = Counter(
            reviews.pick_weak(s, library, PromptFilter(), avoid=SLUG, rng=rng).category
            for _ in range(3000)
        )
        only_coding = {
            reviews.pick_weak(s, library, PromptFilter(category="coding"), avoid=SLUG).slug
            for _ in range(50)
        }
    # theory: 24 of 24 key points missed -> (24+1)/(24+2); coding: 0 of 24 -> 1/26
    assert picks["theory"] > 10 * picks["coding"]
    assert picks["ml-system-design"] > picks["coding"]  # untried: 0.5
    assert SLUG not in only_coding and {library.get(s).category for s in only_coding} == {"coding"}
