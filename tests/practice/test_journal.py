"""The journal: postmortem search, Markdown/CSV/JSON exports, and an import that never duplicates."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from sqlalchemy import delete, func, select

from mockloop.judge import Verdict
from mockloop.judge.judge import TestResult
from mockloop.practice import attempts, circuits, journal, reviews, submissions
from mockloop.practice.errors import Invalid
from mockloop.practice.schemas import PostmortemUpdate
from mockloop.practice.schemas_circuits import (
    CircuitCreate,
    CircuitRunCreate,
    LoopPostmortemUpdate,
)
from mockloop.practice.tables import Attempt
from mockloop.practice.tables_circuits import CircuitRun, CustomCircuit
from mockloop.practice.tables_submissions import Submission
from tests.practice.test_reviews import cards, finish

SLUG = "web-crawler"


def history(database, library, fixed_clock) -> dict[str, int]:
    """Attempts of every kind: rated, overridden, cram, running, paused, with and without notes."""
    crawler = library.get(SLUG).key_point_ids()
    ids = {}
    ids["rated"] = finish(database, library, fixed_clock, missed=crawler[:2])
    fixed_clock.advance(86400)
    ids["easy"] = finish(database, library, fixed_clock, slug="lru-cache", missed=[])
    fixed_clock.advance(3600)
    ids["cram"] = finish(database, library, fixed_clock, missed=crawler[3:4], cram=True)
    with database.session() as s:
        reviews.rate(s, library, ids["easy"], "hard")
        attempts.reveal(s, library, ids["rated"], "hint")
        attempts.reveal(s, library, ids["rated"], "answer")
        attempts.set_postmortem(
            s,
            ids["rated"],
            PostmortemUpdate(
                went_well="Queue first, Über clear", missed="the 100% edge_case", next_time="tests"
            ),
        )
        attempts.set_postmortem(s, ids["cram"], PostmortemUpdate(missed="cram: edge cases again"))
    fixed_clock.advance(7200)
    with database.session() as s:
        ids["paused"] = attempts.start(s, library, "why-leaving").id
    fixed_clock.advance(90)
    with database.session() as s:
        attempts.pause(s, ids["paused"])
        ids["running"] = attempts.start(s, library, "lru-cache").id
    fixed_clock.advance(45)
    return ids


def verdict(slug: str, passed: bool) -> Verdict:
    test = TestResult(
        name="test_the_example_from_the_statement",
        passed=passed,
        status="passed" if passed else "failed",
        message="" if passed else "expected -1, got 1",
        duration_ms=1.5,
        hidden=False,
        input="c = LRUCache(2); c.get(1)",
        expected=None if passed else "-1",
        got=None if passed else "1",
    )
    return Verdict(
        prompt=slug,
        passed=passed,
        status="passed" if passed else "failed",
        message="",
        tests=[test],
        duration_ms=42.0,
        sandbox="bubblewrap",
    )


def judged(session, library, slug: str, code: str, passed: bool, attempt_id=None) -> None:
    submission = submissions.create(session, library, slug, code, attempt_id)
    submissions.record_verdict(session, submission.id, verdict(slug, passed))


def code_and_circuits(database, library, fixed_clock, ids: dict[str, int]) -> dict[str, int]:
    """On top of history(): code on the running attempt, a loose submission, a circuit run that
    went through two rounds and was ended, with its loop postmortem, and a custom circuit."""
    with database.session() as s:
        judged(s, library, "lru-cache", "class LRUCache: pass  # wrong", False, ids["running"])
        fixed_clock.advance(30)
        judged(s, library, "lru-cache", "class LRUCache: ...  # right", True, ids["running"])
        submissions.save_draft(s, ids["running"], "class LRUCache:\n    ...  # still typing")
        judged(s, library, "top-k-frequent", "def top_k_frequent(n, k): ...", False)
        run = circuits.start_run(s, library, CircuitRunCreate(circuit="phone-screen-60"))
        ids["run"] = run.id
    fixed_clock.advance(600)
    with database.session() as s:
        circuits.advance(s, library, ids["run"])
    fixed_clock.advance(300)
    with database.session() as s:
        circuits.finish(s, ids["run"])
        circuits.set_postmortem(s, ids["run"], LoopPostmortemUpdate(missed="pacing in round 2"))
        circuits.create_custom(
            s,
            library,
            CircuitCreate(
                title="Friday drill",
                segments=[{"kind": "prompt", "label": "Main", "minutes": 30, "prompt": SLUG}],
            ),
        )
    return ids


def export_all(database, library) -> tuple[str, str, str]:
    with database.session() as s:
        return (
            journal.export(s, library, "json"),
            journal.export(s, library, "md"),
            journal.export(s, library, "csv"),
        )


def empty(database) -> None:
    with database.session() as s:
        s.execute(delete(Submission))
        s.execute(delete(CircuitRun))  # with its segments and items
        s.execute(delete(CustomCircuit))
        s.execute(delete(Attempt))  # marks, reveals, postmortems and drafts go with them
        reviews.rebuild(s)
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0


def test_export_import_into_an_empty_database_and_export_again_is_identical(
    database, library, fixed_clock
):
    code_and_circuits(database, library, fixed_clock, history(database, library, fixed_clock))
    before = export_all(database, library)
    data = json.loads(before[0])
    n_attempts = len(data["attempts"])
    assert n_attempts >= 7 and len(data["circuit_runs"]) == 1  # the run's rounds are attempts too
    schedule = cards(database)
    empty(database)
    assert cards(database) == {}

    with database.session() as s:
        result = journal.import_journal(s, journal.parse(before[0]), library)
    assert (result.imported, result.skipped) == (n_attempts, 0)
    assert (result.circuit_runs_imported, result.submissions_imported) == (1, 3)
    assert result.custom_circuits_imported == 1
    assert export_all(database, library) == before
    assert cards(database) == schedule  # the reviews come back as they were

    with database.session() as s:  # and again: nothing is added twice
        again = journal.import_journal(s, journal.parse(before[0]), library)
    assert (again.imported, again.skipped) == (0, n_attempts)
    assert (again.circuit_runs_imported, again.circuit_runs_skipped) == (0, 1)
    assert (again.submissions_imported, again.custom_circuits_skipped) == (0, 1)
    assert export_all(database, library) == before


def test_an_imported_circuit_run_links_its_attempts_and_reports_as_before(
    database, library, fixed_clock
):
    ids = code_and_circuits(database, library, fixed_clock, history(database, library, fixed_clock))
    with database.session() as s:
        report = circuits.to_public(circuits.refresh(s, ids["run"]), library)
    exported = export_all(database, library)[0]
    empty(database)
    with database.session() as s:
        journal.import_journal(s, journal.parse(exported), library)
    with database.session() as s:
        (run,) = circuits.list_runs(s)
        again = circuits.to_public(circuits.refresh(s, run.id), library)
        linked = s.scalars(select(Attempt).where(Attempt.circuit_run_id == run.id)).all()
        assert len(linked) == 2  # the two rounds reached: coding, then behavioral
        reached = [i for seg in again.segments for i in seg.prompts if i.attempt_id]
        assert sorted(a.id for a in linked) == sorted(i.attempt_id for i in reached)
    assert without_ids(again) == without_ids(report)  # the same loop, clock and postmortem
    assert again.state == "finished" and again.postmortem.missed == "pacing in round 2"


def without_ids(run) -> dict:
    """A run as shown, less the database ids that differ between machines."""
    data = run.model_dump(exclude={"id"})
    for segment in data["segments"]:
        for item in segment["prompts"]:
            item.pop("attempt_id")
    return data


def test_code_and_verdicts_come_back_with_their_attempt(database, library, fixed_clock):
    code_and_circuits(database, library, fixed_clock, history(database, library, fixed_clock))
    exported = export_all(database, library)[0]
    data = json.loads(exported)
    running = next(
        a for a in data["attempts"] if a["prompt"] == "lru-cache" and not a["stopped_at"]
    )
    assert [sub["verdict"]["passed"] for sub in running["submissions"]] == [False, True]
    assert running["code"].endswith("# still typing")
    assert [sub["prompt"] for sub in data["submissions"]] == ["top-k-frequent"]
    assert "id" not in running["submissions"][0] and "attempt" not in running["submissions"][0]
    empty(database)
    with database.session() as s:
        journal.import_journal(s, journal.parse(exported), library)
    with database.session() as s:
        attempt = s.scalars(
            select(Attempt).where(Attempt.prompt_slug == "lru-cache", Attempt.stopped_at.is_(None))
        ).one()
        latest = submissions.latest_for_attempt(s, attempt.id)
        public = submissions.to_public(latest)
        assert (
            public.passed is True and public.tests[0].name == "test_the_example_from_the_statement"
        )
        code = submissions.code_for_attempt(s, library.get("lru-cache"), attempt.id)
        assert code.endswith("# still typing")  # the editor opens where the user left it


def test_the_json_export_holds_everything_the_user_did(database, library, fixed_clock):
    ids = history(database, library, fixed_clock)
    data = json.loads(export_all(database, library)[0])
    assert data["format"] == "mockloop-journal" and data["version"] == 2
    by_prompt = [a["prompt"] for a in data["attempts"]]
    assert by_prompt == [SLUG, "lru-cache", SLUG, "why-leaving", "lru-cache"]  # oldest first
    rated, easy, cram, paused, running = data["attempts"]
    assert rated["postmortem"]["went_well"] == "Queue first, Über clear"
    assert [r["stage"] for r in rated["reveals"]] == ["hint", "answer"]
    assert sum(m["missed"] for m in rated["marks"]) == 2
    assert easy["rating_override"] == "hard" and cram["cram"] is True
    assert paused["paused_at"] and paused["stopped_at"] is None and running["marks"] == []
    assert rated["started_at"].endswith("Z") and "id" not in rated  # ids differ between databases
    assert len(ids) == len(data["attempts"])


def test_markdown_has_a_section_per_attempt_newest_first(database, library, fixed_clock):
    history(database, library, fixed_clock)
    text = export_all(database, library)[1]
    sections = text.split("\n## ")[1:]
    assert len(sections) == 5
    assert "(running)" in sections[0] and "(paused)" in sections[1]
    rated = next(s for s in sections if "Queue first" in s)
    crawler = library.get(SLUG)
    assert f"- Prompt: `{SLUG}` (coding)" in rated
    assert "- Key points missed: 2 of 8" in rated
    assert f"  - {crawler.key_points[0].text}" in rated
    assert "  - What went well: Queue first, Über clear" in rated
    assert "- Time: 20:00 of 1:30:00" in rated
    assert "Cram mode" in next(s for s in sections if "cram: edge cases" in s)


def test_csv_has_a_header_and_a_row_per_attempt(database, library, fixed_clock):
    history(database, library, fixed_clock)
    rows = list(csv.DictReader(io.StringIO(export_all(database, library)[2])))
    assert len(rows) == 5
    assert [r["state"] for r in rows[:2]] == ["running", "paused"]  # newest first
    rated = next(r for r in rows if r["went_well"])
    assert rated["key_points"] == "8" and rated["key_points_missed"] == "2"
    assert rated["rating"] == "hard" and rated["cram"] == "no"
    assert rated["missed"] == "the 100% edge_case"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not a JSON file: Expecting property name"),
        ('{"attempts": []}', "not a mockloop journal"),
        ("[1, 2]", "not a mockloop journal"),
        ('{"format": "mockloop-journal", "version": 3, "attempts": []}', "version"),
    ],
)
def test_a_file_that_is_not_a_journal_gets_a_clear_error(text, message):
    with pytest.raises(Invalid, match=message):
        journal.parse(text)


def test_a_journal_with_one_bad_attempt_imports_nothing(database, library, fixed_clock):
    history(database, library, fixed_clock)
    data = json.loads(export_all(database, library)[0])
    empty(database)
    data["attempts"][3]["started_at"] = "last tuesday"
    with pytest.raises(Invalid, match=r"attempts\[3\]\.started_at"):
        journal.parse(json.dumps(data))
    data["attempts"][3]["started_at"] = data["attempts"][1]["started_at"]
    data["attempts"][3]["prompt"] = data["attempts"][1]["prompt"]
    with pytest.raises(Invalid, match=r"attempts\[3\] repeats attempts\[1\]"):
        journal.parse(json.dumps(data))
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0


def test_a_version_1_journal_still_imports(database, library, fixed_clock):
    history(database, library, fixed_clock)
    data = json.loads(export_all(database, library)[0])
    old = {"format": "mockloop-journal", "version": 1, "attempts": copy.deepcopy(data["attempts"])}
    for entry in old["attempts"]:
        for field in ("code", "code_updated_at", "submissions"):
            del entry[field]
    empty(database)
    with database.session() as s:
        result = journal.import_journal(s, journal.parse(json.dumps(old)), library)
    assert (result.imported, result.circuit_runs_imported) == (5, 0)
    assert json.loads(export_all(database, library)[0]) == data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["circuit_runs"][0]["segments"][0]["items"][0]["attempt"].update(
                started_at="2020-01-01T00:00:00Z"
            ),
            r"circuit_runs\[0\]\.segments\[0\]\.items\[0\]\.attempt: no attempt in the journal",
        ),
        (
            lambda d: d["circuit_runs"].append(d["circuit_runs"][0]),
            r"circuit_runs\[1\] repeats circuit_runs\[0\]",
        ),
        (
            lambda d: d["custom_circuits"][0]["segments"][0].update(minutes="half an hour"),
            r"custom_circuits\[0\]\.segments\[0\]",
        ),
        (
            lambda d: d["custom_circuits"].append(d["custom_circuits"][0]),
            r"custom_circuits\[1\]\.slug: 'friday-drill' repeats",
        ),
        (
            lambda d: next(a for a in d["attempts"] if a["submissions"])["submissions"][0].update(
                prompt="top-k-frequent"
            ),
            r"attempts\[\d+\]\.submissions\[0\]\.prompt: expected 'lru-cache'",
        ),
        (
            lambda d: d["submissions"][0]["verdict"].update(status="great"),
            r"submissions\[0\]\.verdict\.status",
        ),
    ],
    ids=[
        "dangling-attempt",
        "repeated-run",
        "bad-segment",
        "repeated-slug",
        "wrong-prompt",
        "bad-verdict",
    ],
)
def test_a_journal_with_bad_code_or_circuits_gets_a_clear_error_and_imports_nothing(
    database, library, fixed_clock, change, message
):
    code_and_circuits(database, library, fixed_clock, history(database, library, fixed_clock))
    data = json.loads(export_all(database, library)[0])
    empty(database)
    change(data)
    with pytest.raises(Invalid, match=message):
        journal.parse(json.dumps(data))
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0


def test_a_custom_circuit_whose_slug_is_taken_here_is_skipped(database, library, fixed_clock):
    code_and_circuits(database, library, fixed_clock, history(database, library, fixed_clock))
    data = json.loads(export_all(database, library)[0])
    data["custom_circuits"].append({**data["custom_circuits"][0], "slug": "phone-screen-60"})
    with database.session() as s:
        result = journal.import_journal(s, journal.parse(json.dumps(data)), library)
    assert (result.custom_circuits_imported, result.custom_circuits_skipped) == (0, 2)
    with database.session() as s:
        assert [
            c.slug for c, source in circuits.list_circuits(s, library) if source == "custom"
        ] == ["friday-drill"]


def test_an_import_that_fails_midway_leaves_the_database_as_it_was(
    database, library, fixed_clock, monkeypatch
):
    history(database, library, fixed_clock)
    parsed = journal.parse(export_all(database, library)[0])
    empty(database)

    def crash(session):
        assert session.scalar(select(func.count()).select_from(Attempt)) == 5  # all written
        raise RuntimeError("the machine lost power")

    monkeypatch.setattr(journal.reviews, "rebuild", crash)
    with pytest.raises(RuntimeError), database.session() as s:
        journal.import_journal(s, parsed)
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0


def test_postmortem_search_matches_every_word_in_any_case_and_form(database, library, fixed_clock):
    ids = history(database, library, fixed_clock)

    def found(q: str) -> list[int]:
        with database.session() as s:
            return [a.id for a in journal.search_postmortems(s, q)]

    assert found("EDGE") == [ids["cram"], ids["rated"]]  # newest first
    assert found("edge queue") == [ids["rated"]]
    assert found("über") == [ids["rated"]] and found("ÜBER") == [ids["rated"]]
    assert found("100%") == [ids["rated"]] and found("0%e") == [] and found("dg_") == []
    assert found("edge_case") == [ids["cram"], ids["rated"]]  # "edge cases" has both words
    assert found("testing") == [ids["rated"]]  # stemmed: "tests" is a form of "test"
    assert found("cases clear") == [ids["rated"]] and found("cases cram") == [ids["cram"]]
    assert found("edge que") == [ids["rated"]]  # the last word as typed so far: "queue"
    assert found("que edge") == []  # only the last word is a prefix
    assert found("   ") == [] and found("nothing-like-this") == []
    with database.session() as s:  # an edited postmortem is found by its new words only
        attempts.set_postmortem(s, ids["rated"], PostmortemUpdate(went_well="Drew the frontier"))
    assert found("frontier") == [ids["rated"]] and found("queue") == []
