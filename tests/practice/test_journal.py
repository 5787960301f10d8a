"""The journal: postmortem search, Markdown/CSV/JSON exports, and an import that never duplicates."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import delete, func, select

from mockloop.practice import attempts, journal, reviews
from mockloop.practice.errors import Invalid
from mockloop.practice.schemas import PostmortemUpdate
from mockloop.practice.tables import Attempt
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


def export_all(database, library) -> tuple[str, str, str]:
    with database.session() as s:
        return (
            journal.export(s, library, "json"),
            journal.export(s, library, "md"),
            journal.export(s, library, "csv"),
        )


def empty(database) -> None:
    with database.session() as s:
        s.execute(delete(Attempt))  # marks, reveals and postmortems go with them
        reviews.rebuild(s)
        assert s.scalar(select(func.count()).select_from(Attempt)) == 0


def test_export_import_into_an_empty_database_and_export_again_is_identical(
    database, library, fixed_clock
):
    history(database, library, fixed_clock)
    before = export_all(database, library)
    schedule = cards(database)
    empty(database)
    assert cards(database) == {}

    with database.session() as s:
        result = journal.import_journal(s, journal.parse(before[0]))
    assert (result.imported, result.skipped) == (5, 0)
    assert export_all(database, library) == before
    assert cards(database) == schedule  # the reviews come back as they were

    with database.session() as s:  # and again: nothing is added twice
        again = journal.import_journal(s, journal.parse(before[0]))
    assert (again.imported, again.skipped) == (0, 5)
    assert export_all(database, library) == before


def test_the_json_export_holds_everything_the_user_did(database, library, fixed_clock):
    ids = history(database, library, fixed_clock)
    data = json.loads(export_all(database, library)[0])
    assert data["format"] == "mockloop-journal" and data["version"] == 1
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
        ('{"format": "mockloop-journal", "version": 2, "attempts": []}', "version"),
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


def test_postmortem_search_matches_every_word_in_any_case(database, library, fixed_clock):
    ids = history(database, library, fixed_clock)

    def found(q: str) -> list[int]:
        with database.session() as s:
            return [a.id for a in journal.search_postmortems(s, q)]

    assert found("EDGE") == [ids["cram"], ids["rated"]]  # newest first
    assert found("edge queue") == [ids["rated"]]
    assert found("über") == [ids["rated"]] and found("ÜBER") == [ids["rated"]]
    assert found("100%") == [ids["rated"]] and found("0%e") == [] and found("dg_") == []
    assert found("edge_case") == [ids["rated"]]
    assert found("   ") == [] and found("nothing-like-this") == []
