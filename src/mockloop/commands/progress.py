"""`mockloop today|stats|rate|export|import`: progress in the terminal, over the same services."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table

from mockloop.cli import (
    JsonOpt,
    _database,
    _library,
    _print_json,
    _service_errors,
    app,
    console,
    fail,
)
from mockloop.practice import clock, journal, reviews, stats
from mockloop.practice.clock import clock_text
from mockloop.practice.schemas_progress import DuePrompt, StatsPublic

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None], top: float | None = None) -> str:
    """Values as block characters (a space where there is no value)."""
    known = [v for v in values if v is not None]
    peak = top if top is not None else max(known, default=0)
    if not peak:
        return "".join(" " if v is None else BARS[0] for v in values)
    return "".join(
        " " if v is None else BARS[min(len(BARS) - 1, int(v / peak * (len(BARS) - 1) + 0.5))]
        for v in values
    )


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def _due_table(items: list[DuePrompt]) -> Table:
    table = Table("prompt", "category", "due (UTC)", "missed key points", box=None)
    for item in items:
        missed = [kp.text for kp in item.key_points]
        held = item.key_points_due - len(missed)
        text = "\n".join(f"- {t}" for t in missed)
        if held:
            text += ("\n" if text else "") + f"[dim]{held} hit, due for a check[/dim]"
        table.add_row(
            f"{item.prompt.title}\n[dim]{item.prompt.slug}[/dim]",
            item.prompt.category,
            item.due_at[:16].replace("T", " "),
            text or "[dim]none[/dim]",
        )
    return table


def _print_due(items: list[DuePrompt], empty: str, shown: int = 10) -> None:
    if not items:
        console.print(empty)
        return
    console.print(_due_table(items[:shown]))
    if len(items) > shown:
        console.print(
            f"[dim]… and {len(items) - shown} more (`mockloop today --json` lists all)[/dim]"
        )


@app.command()
def today(as_json: JsonOpt = False) -> None:
    """What is due for review, what comes up this week, and what to practise next."""
    library = _library()
    with _database().session() as session:
        view = reviews.today(session, library)
    if as_json:
        _print_json(view.model_dump(mode="json"))
        return
    streak = f", {view.streak_days}-day streak" if view.streak_days else ""
    console.print(f"[bold]Today[/bold] {view.today} (UTC): {view.attempts} attempts{streak}")
    console.rule(f"Due now ({len(view.due)})")
    _print_due(view.due, "[dim]Nothing is due.[/dim]")
    console.rule(f"Coming up this week ({len(view.upcoming)})")
    _print_due(view.upcoming, "[dim]Nothing else.[/dim]")
    console.rule("Next mock")
    if view.suggested:
        s = view.suggested
        console.print(f"[bold]{s.prompt.title}[/bold] ({s.prompt.slug}): {s.reason}.")
        console.print(f"[dim]mockloop practice {s.prompt.slug}[/dim]")
    weights = Table("Random weak mock draws", "share", "key points missed", box=None)
    for w in view.weak_categories:
        missed = (
            f"{_percent(w.miss_rate)} of {w.key_points_marked}"
            if w.miss_rate is not None
            else "not marked yet"
        )
        weights.add_row(w.category, _percent(w.weight), missed)
    console.print(weights)
    if view.due:
        console.print("[dim]mockloop practice --due[/dim] practises the first one due.")


def _print_stats(figures: StatsPublic) -> None:
    weekly = [w.attempts for w in figures.attempts_per_week]
    console.print(
        f"[bold]{figures.attempts_total}[/bold] stopped attempts · streak "
        f"{figures.current_streak} days (longest {figures.longest_streak} in 26 weeks) · "
        f"{figures.active_days} active days · UTC days, weeks from Monday"
    )
    console.rule(f"Attempts per week (last {figures.weeks})")
    console.print(
        f"{sparkline([float(n) for n in weekly])}  {' '.join(str(n) for n in weekly)}"
        f"  [dim](from {figures.attempts_per_week[0].week})[/dim]"
    )
    console.rule("Time used against target")
    times = Table("category", "attempts", "avg used", "avg target", "used/target", "over", box=None)
    for r in figures.time_vs_target:
        times.add_row(
            r.category,
            str(r.attempts),
            clock_text(r.average_seconds) if r.average_seconds is not None else "–",
            clock_text(r.average_target_seconds) if r.average_target_seconds is not None else "–",
            _percent(r.share_of_target),
            str(r.overtime),
        )
    console.print(times)
    console.rule(f"Key points hit per category (last {figures.weeks} weeks)")
    hits = Table("category", "hit", "week by week", box=None)
    for row in figures.hit_share:
        hits.add_row(
            row.category, _percent(row.hit_share), sparkline([w.hit_share for w in row.weeks], 1.0)
        )
    console.print(hits)
    console.rule("Most-missed key points")
    if not figures.most_missed:
        console.print("[dim]No key point missed yet.[/dim]")
    else:
        missed = Table("missed", "key point", "prompt", box=None)
        for m in figures.most_missed:
            missed.add_row(f"{m.missed}/{m.marked}", m.text, m.prompt)
        console.print(missed)
    console.rule("Practice calendar (last 26 weeks, a character per day, · for none)")
    bars = sparkline([float(d.attempts) for d in figures.calendar])
    console.print(
        "".join(
            "·" if d.attempts == 0 else bar for d, bar in zip(figures.calendar, bars, strict=True)
        )
    )


@app.command("stats")
def stats_command(as_json: JsonOpt = False) -> None:
    """Attempts per week, time against target, key points hit, most missed, streaks."""
    library = _library()
    with _database().session() as session:
        reviews.ensure_current(session)
        figures = stats.overview(session, library, clock.today())
    if as_json:
        _print_json(figures.model_dump(mode="json"))
        return
    _print_stats(figures)


@app.command()
def rate(
    attempt_id: Annotated[int, typer.Argument(help="The attempt (see `mockloop history`).")],
    rating: Annotated[
        Literal["again", "hard", "good", "easy", "auto"],
        typer.Argument(help="Your own rating, or auto for the one from the marks and time."),
    ],
) -> None:
    """Override how a finished attempt rated its prompt."""
    library = _library()
    with _database().session() as session, _service_errors():
        review = reviews.rate(session, library, attempt_id, None if rating == "auto" else rating)
    console.print(
        f"Attempt {attempt_id}: [bold]{review.rating}[/bold]"
        + (" (your call)" if review.override else " (from the marks and time)")
        + (f", back on {review.due_at[:10]}" if review.due_at else "")
    )


@app.command()
def export(
    fmt: Annotated[
        Literal["md", "csv", "json"],
        typer.Option("--format", "-f", help="md: a journal; csv: a spreadsheet; json: for import."),
    ] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not standard output.")
    ] = None,
) -> None:
    """Export every attempt: a Markdown journal, a CSV file, or JSON for `mockloop import`."""
    library = _library()
    with _database().session() as session, _service_errors():
        text = journal.export(session, library, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from None
    console.print(f"wrote {output}")


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A file made by `mockloop export --format json`.")],
) -> None:
    """Import a JSON export: adds what is not here yet, never duplicates, all or nothing."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror}") from None
    with _service_errors():
        parsed = journal.parse(data)
        library = _library()
        with _database().session() as session:
            result = journal.import_journal(session, parsed, library)
    console.print("\n".join(journal.describe_import(result)))
