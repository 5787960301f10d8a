"""Progress figures: attempts per week, time against target, key points hit, most missed, streaks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete

from mockloop.practice import attempts, clock, reviews, stats
from mockloop.practice.tables_progress import ProgressMeta, ProgressWeek
from tests.practice.test_reviews import finish

SLUG = "web-crawler"


def overview(database, library, fixed_clock):
    with database.session() as s:
        return stats.overview(s, library, fixed_clock.now.date())


def test_the_figures_follow_the_attempts(database, library, fixed_clock):
    crawler = library.get(SLUG)
    kps = crawler.key_point_ids()
    theory = next(p for p in library.prompts.values() if p.category == "theory")
    finish(database, library, fixed_clock, missed=kps[:2], minutes=30)  # Monday 2026-11-30
    fixed_clock.advance(86400)
    finish(database, library, fixed_clock, missed=kps[:1], minutes=100)  # over the 90 minutes
    fixed_clock.advance(7 * 86400)
    finish(database, library, fixed_clock, slug=theory.slug, missed=theory.key_point_ids()[:1])
    with database.session() as s:
        attempts.start(s, library, SLUG)  # running: not counted

    figures = overview(database, library, fixed_clock)
    assert figures.attempts_total == 3
    assert [(w.week, w.attempts) for w in figures.attempts_per_week[-2:]] == [
        (date(2026, 11, 30), 2),
        (date(2026, 12, 7), 1),
    ]
    coding = next(r for r in figures.time_vs_target if r.category == "coding")
    assert (coding.attempts, coding.overtime) == (2, 1)
    assert coding.average_seconds == 65 * 60 and coding.average_target_seconds == 90 * 60
    assert coding.share_of_target == round(130 / 180, 4)
    hits = {row.category: row for row in figures.hit_share}
    assert hits["coding"].weeks[-2].hit_share == round((16 - 3) / 16, 4)
    assert hits["coding"].weeks[-1].hit_share is None
    assert hits["behavioral"].hit_share is None
    top = figures.most_missed[0]
    assert (top.prompt, top.key_point_id, top.missed, top.marked) == (SLUG, kps[0], 2, 2)
    assert top.text == crawler.key_points[0].text and top.prompt_title == crawler.title
    assert figures.active_days == 3 and figures.longest_streak == 2
    assert figures.current_streak == 1
    assert figures.calendar[-1].day == fixed_clock.now.date() and figures.calendar[-1].attempts == 1


def test_re_marking_moves_the_figures_without_counting_twice(database, library, fixed_clock):
    kps = library.get(SLUG).key_point_ids()
    attempt_id = finish(database, library, fixed_clock, missed=kps)
    for missed in ([], kps[:1], kps[:1]):
        with database.session() as s:
            attempts.set_marks(s, library, attempt_id, missed)
    figures = overview(database, library, fixed_clock)
    assert figures.attempts_total == 1
    assert [(m.key_point_id, m.missed, m.marked) for m in figures.most_missed] == [(kps[0], 1, 1)]
    coding = {r.category: r for r in figures.hit_share}["coding"]
    assert coding.weeks[-1].key_points_marked == len(kps)
    assert coding.weeks[-1].key_points_missed == 1


def test_the_streak_counts_days_in_a_row_up_to_today():
    today = date(2026, 11, 30)
    days = {today - timedelta(days=n): 1 for n in (1, 2, 3, 5)}
    assert stats.current_streak(days, today) == 3  # nothing yet today: the run up to yesterday
    assert stats.current_streak({**days, today: 2}, today) == 4
    assert stats.current_streak({today - timedelta(days=2): 1}, today) == 0


def test_a_database_with_history_builds_its_progress_on_first_use(database, library, fixed_clock):
    kps = library.get(SLUG).key_point_ids()
    finish(database, library, fixed_clock, missed=kps[:1])
    with database.session() as s:  # as after upgrading from a version without progress
        s.execute(delete(ProgressWeek))
        s.execute(delete(ProgressMeta))
    with database.session() as s:
        view = reviews.today(s, library)
    assert view.attempts == 1 and [d.prompt.slug for d in view.upcoming] == [SLUG]
    assert overview(database, library, fixed_clock).attempts_per_week[-1].attempts == 1


@pytest.fixture
def zone():
    """Count days in a zone for one test, then in UTC again."""
    yield clock.set_zone
    clock.set_zone("UTC")


def test_days_are_the_users_own_and_a_new_zone_recounts_them(database, library, fixed_clock, zone):
    zone("America/Los_Angeles")  # UTC-8 in winter
    finish(database, library, fixed_clock)  # 09:00 UTC: 01:00 in Los Angeles, Monday 30th
    fixed_clock.advance(21 * 3600 + 10 * 60)  # 06:30 UTC on the 1st: still 22:30 on the 30th there
    finish(database, library, fixed_clock)
    assert clock.today() == date(2026, 11, 30)
    with database.session() as s:
        figures = stats.overview(s, library, clock.today())
    assert figures.active_days == 1 and figures.calendar[-1].day == date(2026, 11, 30)
    assert figures.calendar[-1].attempts == 2

    zone("UTC")  # the user moves (or sets MOCKLOOP_TIMEZONE): the derived days are rebuilt
    assert clock.today() == date(2026, 12, 1)
    with database.session() as s:
        reviews.ensure_current(s)  # as the stats page and command do first
        figures = stats.overview(s, library, clock.today())
    assert figures.active_days == 2 and figures.current_streak == 2
    assert [(d.day, d.attempts) for d in figures.calendar[-2:]] == [
        (date(2026, 11, 30), 1),
        (date(2026, 12, 1), 1),
    ]
