"""The attempt rules: a server-kept timer, staged reveals, marks and postmortems."""

from __future__ import annotations

import pytest

from mockloop.practice import attempts
from mockloop.practice.errors import Conflict, Invalid, NotFound
from mockloop.practice.schemas import PostmortemUpdate

SLUG = "web-crawler"


def view(database, library, attempt_id):
    with database.session() as s:
        return attempts.to_public(attempts.load(s, attempt_id), library)


def started(database, library) -> int:
    with database.session() as s:
        return attempts.start(s, library, SLUG).id


def test_a_running_attempt_counts_wall_time_since_start(database, library, fixed_clock):
    attempt_id = started(database, library)
    fixed_clock.advance(90)
    v = view(database, library, attempt_id)
    assert v.state == "running"
    assert v.elapsed_seconds == 90
    assert v.target_seconds == library.get(SLUG).minutes * 60


def test_pauses_are_not_counted_and_stopping_freezes_the_time(database, library, fixed_clock):
    attempt_id = started(database, library)
    fixed_clock.advance(60)
    with database.session() as s:
        attempts.pause(s, attempt_id)
    fixed_clock.advance(600)  # a long break: the laptop lid was closed
    assert view(database, library, attempt_id).elapsed_seconds == 60
    with database.session() as s:
        attempts.resume(s, attempt_id)
    fixed_clock.advance(30)
    with database.session() as s:
        attempts.stop(s, attempt_id)
    fixed_clock.advance(1000)
    v = view(database, library, attempt_id)
    assert v.state == "stopped"
    assert v.elapsed_seconds == 90


def test_stopping_while_paused_ends_at_the_pause(database, library, fixed_clock):
    attempt_id = started(database, library)
    fixed_clock.advance(40)
    with database.session() as s:
        attempts.pause(s, attempt_id)
    fixed_clock.advance(500)
    with database.session() as s:
        attempts.stop(s, attempt_id)
    assert view(database, library, attempt_id).elapsed_seconds == 40


def test_going_past_the_target_is_overtime(database, library, fixed_clock):
    attempt_id = started(database, library)
    fixed_clock.advance(library.get(SLUG).minutes * 60 + 5)
    assert view(database, library, attempt_id).overtime is True


@pytest.mark.parametrize(
    ("first", "second"),
    [("pause", "pause"), ("stop", "pause"), ("stop", "resume"), ("stop", "stop")],
)
def test_a_timer_action_that_does_not_fit_the_state_is_refused(
    database, library, fixed_clock, first, second
):
    attempt_id = started(database, library)
    with database.session() as s:
        getattr(attempts, first)(s, attempt_id)
    with pytest.raises(Conflict), database.session() as s:
        getattr(attempts, second)(s, attempt_id)


def test_resuming_a_running_attempt_is_refused(database, library, fixed_clock):
    attempt_id = started(database, library)
    with pytest.raises(Conflict), database.session() as s:
        attempts.resume(s, attempt_id)


def test_hints_come_one_at_a_time_and_run_out(database, library, fixed_clock):
    attempt_id = started(database, library)
    total = len(library.get(SLUG).hints)
    for n in range(total):
        fixed_clock.advance(10)
        with database.session() as s:
            attempts.reveal(s, library, attempt_id, "hint")
        assert view(database, library, attempt_id).hints_revealed == n + 1
    with pytest.raises(Conflict), database.session() as s:
        attempts.reveal(s, library, attempt_id, "hint")
    reveals = view(database, library, attempt_id).reveals
    assert [r.hint_index for r in reveals] == list(range(total))
    assert [r.offset_seconds for r in reveals] == [10.0 * (n + 1) for n in range(total)]


def test_revealing_the_answer_stops_the_timer_and_is_recorded(database, library, fixed_clock):
    attempt_id = started(database, library)
    fixed_clock.advance(120)
    with database.session() as s:
        attempts.reveal(s, library, attempt_id, "answer")
    fixed_clock.advance(60)
    v = view(database, library, attempt_id)
    assert v.state == "stopped" and v.answer_revealed
    assert v.elapsed_seconds == 120
    assert v.reveals[-1].stage == "answer"


def test_follow_ups_come_after_the_answer(database, library, fixed_clock):
    attempt_id = started(database, library)
    with pytest.raises(Conflict), database.session() as s:
        attempts.reveal(s, library, attempt_id, "follow_ups")
    with database.session() as s:
        attempts.reveal(s, library, attempt_id, "answer")
        attempts.reveal(s, library, attempt_id, "follow_ups")
    assert view(database, library, attempt_id).follow_ups_revealed


def test_marks_record_missed_and_hit_and_can_be_changed(database, library, fixed_clock):
    attempt_id = started(database, library)
    ids = library.get(SLUG).key_point_ids()
    with database.session() as s:
        attempts.set_marks(s, library, attempt_id, ids[:2])
    v = view(database, library, attempt_id)
    assert v.marked and v.missed == sorted(ids[:2]) and sorted(v.hit) == sorted(ids[2:])
    with database.session() as s:
        attempts.set_marks(s, library, attempt_id, [ids[-1]])
    v = view(database, library, attempt_id)
    assert v.missed == [ids[-1]] and len(v.hit) == len(ids) - 1


def test_an_unknown_key_point_is_refused_and_changes_nothing(database, library, fixed_clock):
    attempt_id = started(database, library)
    with pytest.raises(Invalid, match="no-such-point"), database.session() as s:
        attempts.set_marks(s, library, attempt_id, ["no-such-point"])
    assert view(database, library, attempt_id).marked is False


def test_the_postmortem_is_saved_and_replaced_as_typed(database, library, fixed_clock):
    attempt_id = started(database, library)
    with database.session() as s:
        attempts.set_postmortem(s, attempt_id, PostmortemUpdate(went_well="clear structure"))
    with database.session() as s:
        attempts.set_postmortem(
            s,
            attempt_id,
            PostmortemUpdate(
                went_well="clear structure", missed="evict from map", next_time="draw it"
            ),
        )
    pm = view(database, library, attempt_id).postmortem
    assert (pm.went_well, pm.missed, pm.next_time) == (
        "clear structure",
        "evict from map",
        "draw it",
    )


def test_unknown_prompt_and_attempt_are_not_found(database, library):
    with pytest.raises(NotFound, match="nope"), database.session() as s:
        attempts.start(s, library, "nope")
    with pytest.raises(NotFound, match="12345"), database.session() as s:
        attempts.pause(s, 12345)


def test_history_is_newest_first_and_random_avoids_the_last_prompt(database, library, fixed_clock):
    first = started(database, library)
    fixed_clock.advance(5)
    with database.session() as s:
        second = attempts.start(s, library, "time-based-kv-store").id
    with database.session() as s:
        assert [a.id for a in attempts.list_attempts(s)] == [second, first]
        assert [a.id for a in attempts.list_attempts(s, prompt=SLUG)] == [first]
        assert attempts.last_prompt(s) == "time-based-kv-store"
