"""Circuit rules: resolving each segment kind, the server-kept loop clock, hidden answers, the report."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mockloop.library import Library
from mockloop.library.circuits import Circuit
from mockloop.library.models import Prompt
from mockloop.practice import attempts, circuits
from mockloop.practice.db import Database
from mockloop.practice.errors import Conflict, Invalid, NotFound
from mockloop.practice.schemas import PostmortemUpdate
from mockloop.practice.schemas_circuits import (
    CircuitCreate,
    CircuitRunCreate,
    LoopPostmortemUpdate,
)


def make_prompt(slug, category="theory", difficulty="medium", tags=(), companies=()) -> Prompt:
    return Prompt(
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        category=category,
        difficulty=difficulty,
        minutes=10,
        companies=list(companies),
        tags=list(tags),
        source=None,
        statement=f"Explain {slug}.",
        hints=["first", "second"],
        answer="The answer.",
        key_points=[{"id": f"kp-{n}", "text": f"Point {n} of {slug}"} for n in range(1, 5)],
        follow_ups=[{"question": "Why?", "answer": "Because."}] * 2,
        folder=Path("/nowhere") / slug,
    )


def small_library(circuit_list=()) -> Library:
    prompts = [
        make_prompt("t-one", tags=["ranking"]),
        make_prompt("t-two", tags=["ranking"]),
        make_prompt("t-three", difficulty="hard"),
        make_prompt("c-one", "coding", "hard", companies=["Acme"]),
        make_prompt("c-two", "coding", "easy"),
        make_prompt("b-one", "behavioral"),
    ]
    return Library(prompts, [], circuits=circuit_list)


def circuit(*segments, slug="test-loop") -> Circuit:
    return Circuit.model_validate({"slug": slug, "title": "Test loop", "segments": list(segments)})


# --- resolving each segment kind (no database) ---------------------------------------------------


def test_a_prompt_segment_resolves_to_its_named_prompt():
    lib = small_library()
    [seg] = circuits.resolve(
        circuit({"kind": "prompt", "label": "Coding", "minutes": 45, "prompt": "c-one"}), lib
    )
    assert (seg.kind, seg.label, seg.minutes, seg.prompts, seg.choices) == (
        "prompt",
        "Coding",
        45,
        ["c-one"],
        [],
    )


def test_a_prompts_segment_keeps_every_named_prompt_in_order():
    lib = small_library()
    [seg] = circuits.resolve(
        circuit(
            {"kind": "prompts", "label": "Behav", "minutes": 45, "prompts": ["b-one", "t-three"]}
        ),
        lib,
    )
    assert seg.prompts == ["b-one", "t-three"]


def test_a_pick_draws_distinct_prompts_from_its_filter_and_never_a_named_one():
    lib = small_library()
    loop = circuit(
        {"kind": "prompt", "label": "Named", "minutes": 10, "prompt": "t-one"},
        {
            "kind": "pick",
            "label": "Two theory",
            "minutes": 20,
            "count": 2,
            "filter": {"category": "theory"},
        },
    )
    for seed in range(30):
        _, pick = circuits.resolve(loop, lib, random.Random(seed))
        assert sorted(pick.prompts) == ["t-three", "t-two"]  # t-one is named, so never drawn


def test_a_pick_filter_matches_difficulty_company_and_tag():
    lib = small_library()
    for flt, expected in (
        ({"category": "coding", "difficulty": "hard"}, "c-one"),
        ({"company": "acme"}, "c-one"),
        ({"tag": "ranking", "category": "theory"}, None),
    ):
        loop = circuit({"kind": "pick", "label": "P", "minutes": 5, "count": 1, "filter": flt})
        drawn = {circuits.resolve(loop, lib, random.Random(s))[0].prompts[0] for s in range(20)}
        if expected:
            assert drawn == {expected}
        else:
            assert drawn == {"t-one", "t-two"}


def test_picks_are_random_but_reproducible_with_a_seed():
    lib = small_library()
    loop = circuit(
        {"kind": "pick", "label": "P", "minutes": 5, "count": 1, "filter": {"category": "theory"}}
    )
    seen = {circuits.resolve(loop, lib, random.Random(s))[0].prompts[0] for s in range(40)}
    assert seen == {"t-one", "t-two", "t-three"}
    again = [circuits.resolve(loop, lib, random.Random(7))[0].prompts for _ in range(3)]
    assert again[0] == again[1] == again[2]


def test_two_overlapping_picks_never_draw_the_same_prompt_and_always_succeed():
    lib = small_library()
    loop = circuit(
        {"kind": "pick", "label": "Any theory", "minutes": 5, "filter": {"category": "theory"}},
        {
            "kind": "pick",
            "label": "Ranking",
            "minutes": 5,
            "count": 2,
            "filter": {"tag": "ranking"},
        },
    )
    for seed in range(40):
        first, second = circuits.resolve(loop, lib, random.Random(seed))
        # the first pick must leave both ranking prompts for the second
        assert first.prompts == ["t-three"]
        assert sorted(second.prompts) == ["t-one", "t-two"]


def test_a_choice_segment_keeps_its_options_and_holds_no_prompt_until_chosen():
    lib = small_library()
    [seg] = circuits.resolve(
        circuit({"kind": "choice", "label": "ML", "minutes": 45, "choices": ["c-one", "c-two"]}),
        lib,
    )
    assert seg.prompts == [] and seg.choices == ["c-one", "c-two"]


def test_a_break_holds_no_prompt():
    lib = small_library()
    [seg] = circuits.resolve(circuit({"kind": "break", "label": "Walk", "minutes": 15}), lib)
    assert (seg.kind, seg.minutes, seg.prompts, seg.choices) == ("break", 15, [], [])


def test_an_unsatisfiable_pick_is_a_clear_error():
    lib = small_library()
    loop = circuit(
        {
            "kind": "pick",
            "label": "Hard",
            "minutes": 5,
            "count": 2,
            "filter": {"category": "coding", "difficulty": "hard"},
        }
    )
    with pytest.raises(Invalid) as err:
        circuits.resolve(loop, lib)
    message = err.value.message
    assert "segments[0].filter" in message
    assert "expected at least 2 prompts matching category=coding, difficulty=hard" in message
    assert "found 1: c-one" in message


def test_picks_that_only_fail_together_are_a_clear_error():
    lib = small_library()
    loop = circuit(
        {"kind": "pick", "label": "A", "minutes": 5, "count": 1, "filter": {"tag": "ranking"}},
        {"kind": "pick", "label": "B", "minutes": 5, "count": 2, "filter": {"tag": "ranking"}},
    )
    with pytest.raises(Invalid) as err:
        circuits.resolve(loop, lib)
    assert "segments[1].filter" in err.value.message
    assert "after the circuit's earlier picks" in err.value.message


def test_a_named_prompt_that_does_not_exist_is_a_clear_error():
    lib = small_library()
    with pytest.raises(Invalid) as err:
        circuits.resolve(
            circuit({"kind": "choice", "label": "C", "minutes": 5, "choices": ["c-one", "nope"]}),
            lib,
        )
    assert (
        "segments[0].choices: expected the slug of a loaded prompt, got 'nope'" in err.value.message
    )


# --- runs: the server-kept clock -----------------------------------------------------------------

LOOP = [
    {"kind": "prompt", "label": "Coding", "minutes": 30, "prompt": "c-one"},
    {"kind": "break", "label": "Walk", "minutes": 10},
    {"kind": "prompts", "label": "Behavioral", "minutes": 20, "prompts": ["b-one", "t-three"]},
    {"kind": "choice", "label": "Pick one", "minutes": 15, "choices": ["t-one", "t-two"]},
]


@pytest.fixture
def lib() -> Library:
    return small_library([circuit(*LOOP)])


def start(database, lib, **options):
    with database.session() as s:
        return circuits.start_run(s, lib, CircuitRunCreate(circuit="test-loop", **options)).id


def view(database, lib, run_id):
    with database.session() as s:
        return circuits.to_public(circuits.refresh(s, run_id), lib)


def advance(database, lib, run_id, position=None):
    with database.session() as s:
        return circuits.to_public(circuits.advance(s, lib, run_id, position), lib)


def test_starting_a_run_records_its_segments_and_starts_the_first_round(database, lib, fixed_clock):
    run_id = start(database, lib)
    v = view(database, lib, run_id)
    assert v.state == "running" and v.current == 0
    assert [s.state for s in v.segments] == ["running", "upcoming", "upcoming", "upcoming"]
    first = v.segments[0]
    assert first.seconds_given == 30 * 60 and first.seconds_left == 30 * 60
    [item] = first.prompts
    assert item.slug == "c-one" and item.state == "running" and item.attempt_id
    assert [p.slug for p in v.segments[2].prompts] == ["b-one", "t-three"]
    assert v.rounds_total == 3 and v.rounds_done == 0
    assert v.seconds_left_total == (30 + 10 + 20 + 15) * 60
    with database.session() as s:
        assert attempts.load(s, item.attempt_id).circuit_run_id == run_id


def test_time_is_kept_by_the_server_and_moving_on_is_the_users_call(database, lib, fixed_clock):
    run_id = start(database, lib)
    fixed_clock.advance(20 * 60)
    v = view(database, lib, run_id)
    assert v.segments[0].seconds_left == 10 * 60
    assert v.seconds_left_total == (10 + 10 + 20 + 15) * 60
    fixed_clock.advance(15 * 60)  # five minutes over: without auto-advance the round goes on
    v = view(database, lib, run_id)
    assert v.current == 0 and v.segments[0].overtime and v.segments[0].seconds_left == -5 * 60
    assert v.seconds_left_total == (10 + 20 + 15) * 60
    v = advance(database, lib, run_id)
    assert v.current == 1 and v.segments[1].state == "running"
    assert v.segments[0].state == "ended" and v.segments[0].seconds_used == 35 * 60
    assert v.segments[0].prompts[0].state == "stopped"
    assert v.segments[0].prompts[0].elapsed_seconds == 35 * 60


def test_a_repeated_advance_for_the_same_round_moves_on_only_once(database, lib, fixed_clock):
    run_id = start(database, lib)
    assert advance(database, lib, run_id, position=0).current == 1
    assert advance(database, lib, run_id, position=0).current == 1
    with pytest.raises(Conflict):
        advance(database, lib, run_id, position=3)


def test_auto_advance_ends_each_round_at_its_deadline_even_when_nobody_looks(
    database, lib, fixed_clock
):
    run_id = start(database, lib, auto_advance=True)
    fixed_clock.advance(
        45 * 60
    )  # past the coding round (30) and the break (10): 5 min into round 3
    v = view(database, lib, run_id)
    assert v.current == 2
    assert v.segments[0].seconds_used == 30 * 60 and v.segments[1].seconds_used == 10 * 60
    assert v.segments[0].prompts[0].elapsed_seconds == 30 * 60  # stopped at the deadline
    assert v.segments[2].seconds_used == 5 * 60
    fixed_clock.advance(60 * 60)  # round 3 ends; the choice round waits for a choice
    v = view(database, lib, run_id)
    assert v.current == 3 and v.segments[3].state == "choosing"
    assert v.segments[3].seconds_used == 0


def test_a_round_of_several_prompts_takes_them_one_after_another(database, lib, fixed_clock):
    run_id = start(database, lib)
    advance(database, lib, run_id, 0)
    advance(database, lib, run_id, 1)
    v = view(database, lib, run_id)
    seg = v.segments[2]
    assert seg.current_prompt == 0 and [p.state for p in seg.prompts] == ["running", "not-reached"]
    fixed_clock.advance(300)
    with database.session() as s:
        circuits.next_prompt(s, run_id, 2, 0)
    with database.session() as s:
        circuits.next_prompt(s, run_id, 2, 0)  # a repeated click is ignored
    seg = view(database, lib, run_id).segments[2]
    assert seg.current_prompt == 1 and [p.state for p in seg.prompts] == ["stopped", "running"]
    assert seg.prompts[0].elapsed_seconds == 300
    with database.session() as s, pytest.raises(Conflict, match="last prompt"):
        circuits.next_prompt(s, run_id)


def test_a_choice_round_starts_its_clock_when_the_prompt_is_chosen(database, lib, fixed_clock):
    run_id = start(database, lib)
    for position in range(3):
        advance(database, lib, run_id, position)
    fixed_clock.advance(120)
    assert view(database, lib, run_id).segments[3].state == "choosing"
    with database.session() as s, pytest.raises(Invalid, match="expected one of"):
        circuits.choose(s, lib, run_id, "c-two")
    with database.session() as s:
        circuits.choose(s, lib, run_id, "t-two")
    fixed_clock.advance(60)
    seg = view(database, lib, run_id).segments[3]
    assert seg.state == "running" and seg.seconds_used == 60
    assert [p.slug for p in seg.prompts] == ["t-two"]
    with database.session() as s, pytest.raises(Conflict, match="no choice"):
        circuits.choose(s, lib, run_id, "t-one")


def test_a_random_choice_is_one_of_the_options(database, lib, fixed_clock):
    run_id = start(database, lib)
    for position in range(3):
        advance(database, lib, run_id, position)
    with database.session() as s:
        circuits.choose(s, lib, run_id, None, random.Random(3))
    assert view(database, lib, run_id).segments[3].prompts[0].slug in {"t-one", "t-two"}


def test_after_the_last_round_the_run_is_finished_and_cannot_advance(database, lib, fixed_clock):
    run_id = start(database, lib)
    for position in range(3):
        advance(database, lib, run_id, position)
    v = advance(database, lib, run_id, 3)  # the choice nobody made: skipped
    assert v.state == "finished" and v.current is None and v.segments[3].state == "skipped"
    assert v.rounds_done == 2 and v.seconds_left_total == 0
    with pytest.raises(Conflict, match="finished"):
        advance(database, lib, run_id)
    with database.session() as s, pytest.raises(Conflict):
        circuits.finish(s, run_id)


def test_ending_the_loop_early_skips_the_rounds_not_reached(database, lib, fixed_clock):
    run_id = start(database, lib)
    fixed_clock.advance(60)
    with database.session() as s:
        circuits.finish(s, run_id)
    v = view(database, lib, run_id)
    assert [s.state for s in v.segments] == ["ended", "skipped", "skipped", "skipped"]
    assert v.segments[0].prompts[0].elapsed_seconds == 60
    assert v.segments[2].prompts[0].attempt_id is None


def test_the_answer_stays_hidden_until_the_round_ends(database, lib, fixed_clock):
    run_id = start(database, lib)
    attempt_id = view(database, lib, run_id).segments[0].prompts[0].attempt_id
    with database.session() as s:
        attempts.reveal(s, lib, attempt_id, "hint")  # hints are fine mid-round
    with database.session() as s, pytest.raises(Conflict, match="hidden until round 'Coding'"):
        attempts.reveal(s, lib, attempt_id, "answer")
    with database.session() as s:
        attempts.stop(s, attempt_id)  # stopping early does not end the round
    with database.session() as s, pytest.raises(Conflict):
        attempts.reveal(s, lib, attempt_id, "answer")
    advance(database, lib, run_id, 0)
    with database.session() as s:
        assert attempts.reveal(s, lib, attempt_id, "answer").answer_revealed_at is not None


def test_with_auto_advance_the_answer_opens_once_the_time_is_up(database, lib, fixed_clock):
    run_id = start(database, lib, auto_advance=True)
    attempt_id = view(database, lib, run_id).segments[0].prompts[0].attempt_id
    fixed_clock.advance(30 * 60 + 1)
    with database.session() as s:  # nobody has read the run since: the deadline alone counts
        assert attempts.reveal(s, lib, attempt_id, "answer").answer_revealed_at is not None


def test_difficulty_can_stay_hidden_until_a_round_ends(database, lib, fixed_clock):
    run_id = start(database, lib, hide_difficulty=True)
    v = view(database, lib, run_id)
    assert v.segments[0].prompts[0].difficulty is None
    assert all(c.difficulty is None for c in v.segments[3].choices)
    v = advance(database, lib, run_id, 0)
    assert v.segments[0].prompts[0].difficulty == "hard"
    assert v.segments[2].prompts[0].difficulty is None
    shown = view(database, lib, start(database, lib)).segments[0].prompts[0]
    assert shown.difficulty == "hard"


def test_a_run_resumes_where_it_was_after_a_restart(database_url, lib, fixed_clock):
    first = Database(database_url)
    run_id = start(first, lib)
    advance(first, lib, run_id, 0)
    fixed_clock.advance(240)
    first.dispose()  # the server stops
    fixed_clock.advance(60)
    second = Database(database_url)
    try:
        v = view(second, lib, run_id)
        assert v.current == 1 and v.segments[1].seconds_used == 300
        assert v.segments[0].state == "ended"
    finally:
        second.dispose()


def test_a_time_scale_shortens_every_segment(database, lib, fixed_clock):
    with database.session() as s:
        run = circuits.start_run(s, lib, CircuitRunCreate(circuit="test-loop"), time_scale=60)
        run_id = run.id
    v = view(database, lib, run_id)
    assert [s.seconds_given for s in v.segments] == [30, 10, 20, 15]
    with database.session() as s, pytest.raises(Invalid):
        circuits.start_run(s, lib, CircuitRunCreate(circuit="test-loop"), time_scale=0)


def test_an_unknown_circuit_or_run_is_not_found(database, lib):
    with database.session() as s, pytest.raises(NotFound, match="nope"):
        circuits.start_run(s, lib, CircuitRunCreate(circuit="nope"))
    with database.session() as s, pytest.raises(NotFound, match="999"):
        circuits.refresh(s, 999)


# --- the loop report -----------------------------------------------------------------------------


def test_the_report_has_time_used_key_points_missed_and_postmortems(database, lib, fixed_clock):
    run_id = start(database, lib)
    fixed_clock.advance(25 * 60)
    advance(database, lib, run_id, 0)
    fixed_clock.advance(12 * 60)
    v = advance(database, lib, run_id, 1)
    attempt_id = v.segments[0].prompts[0].attempt_id
    with database.session() as s:
        attempts.reveal(s, lib, attempt_id, "answer")
        attempts.set_marks(s, lib, attempt_id, ["kp-2"])
        attempts.set_postmortem(
            s, attempt_id, PostmortemUpdate(went_well="clear API", next_time="test edges")
        )
        circuits.finish(s, run_id)
    with database.session() as s:
        circuits.set_postmortem(
            s, run_id, LoopPostmortemUpdate(went_well="kept pace", next_time="sleep more")
        )
    with database.session() as s:
        rep = circuits.report(circuits.load_run(s, run_id), lib)
    coding, walk, behavioral, choice = rep.rounds
    assert (coding.seconds_used, coding.seconds_given, coding.overtime) == (1500, 1800, False)
    assert (walk.seconds_used, walk.seconds_given, walk.overtime) == (720, 600, True)
    [item] = coding.prompts
    assert item.marked and item.key_points_total == 4
    assert [kp.text for kp in item.missed] == ["Point 2 of c-one"]
    assert item.postmortem.went_well == "clear API"
    assert behavioral.state == "ended" and behavioral.prompts[1].attempt_id is None
    assert choice.state == "skipped"
    assert rep.key_points_missed == 1 and rep.key_points_marked == 4
    assert rep.prompts_unmarked == 1
    assert rep.postmortem.next_time == "sleep more"

    md = circuits.report_markdown(rep)
    assert md.startswith("# Loop report: Test loop\n")
    assert "| 1 | Coding | 25:00 / 30:00 | 1 of 4 |" in md
    assert "| 2 | Walk | 12:00 / 10:00 | (break) |" in md
    assert "| 4 | Pick one | skipped / 15:00 | skipped |" in md
    assert "- Point 2 of c-one" in md
    assert "- Went well: clear API" in md
    assert "## Loop postmortem" in md and "- Next time: sleep more" in md


# --- custom circuits -----------------------------------------------------------------------------


def test_a_custom_circuit_is_saved_checked_and_runnable(database, lib, fixed_clock):
    body = CircuitCreate(
        title="My Friday drill!",
        segments=[
            {"kind": "pick", "label": "Warm-up", "minutes": 10, "filter": {"category": "theory"}},
            {"kind": "prompt", "label": "Main", "minutes": 30, "prompt": "c-two"},
        ],
    )
    with database.session() as s:
        assert circuits.create_custom(s, lib, body).slug == "my-friday-drill"
    with database.session() as s:
        found, source = circuits.find_circuit(s, lib, "my-friday-drill")
        assert source == "custom" and found.total_minutes() == 40
        assert [c.slug for c, _ in circuits.list_circuits(s, lib)] == [
            "test-loop",
            "my-friday-drill",
        ]
    with database.session() as s, pytest.raises(Conflict, match="already exists"):
        circuits.create_custom(s, lib, body)
    with database.session() as s:
        run = circuits.start_run(s, lib, CircuitRunCreate(circuit="my-friday-drill"))
        assert run.segments[1].items[0].prompt_slug == "c-two"
    with database.session() as s:
        circuits.delete_custom(s, lib, "my-friday-drill")
    with database.session() as s, pytest.raises(NotFound):
        circuits.find_circuit(s, lib, "my-friday-drill")
    with database.session() as s, pytest.raises(Conflict, match="content pack"):
        circuits.delete_custom(s, lib, "test-loop")


def test_a_custom_circuit_with_an_unknown_prompt_or_an_impossible_pick_is_refused(database, lib):
    for segment, expected in (
        ({"kind": "prompt", "label": "X", "minutes": 5, "prompt": "nope"}, "got 'nope'"),
        (
            {
                "kind": "pick",
                "label": "X",
                "minutes": 5,
                "count": 3,
                "filter": {"category": "coding"},
            },
            "found 2",
        ),
    ):
        with database.session() as s, pytest.raises(Invalid, match=expected):
            circuits.create_custom(s, lib, CircuitCreate(title="Bad", segments=[segment]))
