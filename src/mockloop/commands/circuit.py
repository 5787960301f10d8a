"""`mockloop circuit list|run|report`: whole loops in the terminal, over the same services as the web."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TextColumn
from rich.prompt import Confirm
from rich.prompt import Prompt as Ask
from rich.table import Table

from mockloop.cli import (
    JsonOpt,
    Keys,
    _ask_missed,
    _database,
    _library,
    _print_json,
    _print_key_points,
    _service_errors,
    app,
    console,
    fail,
)
from mockloop.library import Library
from mockloop.practice import attempts, circuits
from mockloop.practice.clock import clock_text
from mockloop.practice.db import Database
from mockloop.practice.errors import PracticeError
from mockloop.practice.schemas import PostmortemUpdate
from mockloop.practice.schemas_circuits import (
    CircuitReport,
    CircuitRunCreate,
    CircuitRunPublic,
    LoopPostmortemUpdate,
    RunSegmentPublic,
)
from mockloop.settings import get_settings

circuit_app = typer.Typer(
    help="Circuits: whole interview loops run back to back.", no_args_is_help=True
)
app.add_typer(circuit_app, name="circuit")


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if hours else f"{rest} min"


@circuit_app.command("list")
def list_circuits(as_json: JsonOpt = False) -> None:
    """List circuits with their total time and round kinds."""
    library = _library()
    with _database().session() as session:
        found = [
            circuits.summarize(c, s, library) for c, s in circuits.list_circuits(session, library)
        ]
    if as_json:
        _print_json({"circuits": [c.model_dump() for c in found]})
        return
    table = Table("title", "time", "rounds", "round kinds", box=None)
    table.add_column("slug", no_wrap=True)
    table.columns.insert(0, table.columns.pop())
    for c in found:
        title = c.title + (" [dim](custom)[/dim]" if c.source == "custom" else "")
        table.add_row(
            c.slug, title, _hours(c.total_minutes), str(c.rounds), ", ".join(c.round_kinds)
        )
    console.print(table)
    console.print(f"[dim]{len(found)} circuits · run one with `mockloop circuit run SLUG`[/dim]")


def _view(database: Database, library: Library, run_id: int) -> CircuitRunPublic:
    with database.session() as session:
        return circuits.to_public(circuits.refresh(session, run_id), library)


def _show_segment(library: Library, run: CircuitRunPublic, segment: RunSegmentPublic) -> None:
    where = f"Round {segment.position + 1} of {len(run.segments)}"
    if segment.kind == "break":
        console.print(
            Panel(
                f"[bold]Break: {segment.label}[/bold]\n[dim]{where} · {_hours(segment.minutes)}."
                " Stand up, drink water. Enter ends the break.[/dim]",
                expand=False,
            )
        )
        return
    assert segment.current_prompt is not None
    item = segment.prompts[segment.current_prompt]
    prompt = library.get(item.slug)
    of = (
        f", question {segment.current_prompt + 1} of {len(segment.prompts)}"
        if len(segment.prompts) > 1
        else ""
    )
    meta = f"{item.category} · {item.difficulty or 'difficulty hidden'}"
    console.print(
        Panel(
            f"[dim]{where}: {segment.label}{of} · {_hours(segment.minutes)}[/dim]\n"
            f"[bold]{item.title}[/bold]\n[dim]{meta}[/dim]",
            expand=False,
        )
    )
    if prompt:
        console.print(Markdown(prompt.statement))


def _choose(database: Database, library: Library, run_id: int, segment: RunSegmentPublic) -> None:
    console.print(f"[bold]{segment.label}[/bold]: choose the prompt for this round")
    for n, choice in enumerate(segment.choices, 1):
        console.print(f"  [bold]{n}.[/bold] {choice.title} [dim]({choice.category})[/dim]")
    while True:
        raw = Ask.ask("Number, or Enter for a random one", default="", show_default=False).strip()
        if not raw:
            slug = None
            break
        if raw.isdigit() and 1 <= int(raw) <= len(segment.choices):
            slug = segment.choices[int(raw) - 1].slug
            break
        console.print(f"[red]Type a number from 1 to {len(segment.choices)}.[/red]")
    with database.session() as session, _service_errors():
        circuits.choose(session, library, run_id, slug)


def _countdown(
    database: Database, library: Library, run_id: int, segment: RunSegmentPublic
) -> None:
    """Show the round's clock until the user moves on or the server does (auto-advance)."""
    more = segment.current_prompt is not None and segment.current_prompt + 1 < len(segment.prompts)
    key_help = "Enter: next question" if more else "Enter: end the round"
    if segment.kind == "break":
        key_help = "Enter: end the break"
    console.print(
        f"[dim]{key_help} · q: leave (the clock keeps running; run this again to resume)[/dim]"
    )
    progress = Progress(
        TextColumn("[bold]{task.fields[clock]}[/bold]"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[label]}"),
        console=console,
        auto_refresh=False,
    )
    task = progress.add_task("round", total=segment.seconds_given, clock="", label="")
    with progress, Keys() as keys:
        while True:
            run = _view(database, library, run_id)
            now = run.segments[segment.position]
            if run.current != segment.position or now.current_prompt != segment.current_prompt:
                return  # the server moved on (time was up and the run auto-advances)
            left = now.seconds_left
            clock = clock_text(left) if left >= 0 else "+" + clock_text(-left)
            label = "time is up" if left < 0 else f"loop {clock_text(run.seconds_left_total)} left"
            progress.update(
                task, completed=max(0.0, min(now.seconds_given, left)), clock=clock, label=label
            )
            progress.refresh()
            key = keys.read(0.5)
            if key is None:
                continue
            if key == "q":
                raise typer.Exit(_leave(run_id))
            if key == "\n":
                with database.session() as session, _service_errors():
                    if more:
                        circuits.next_prompt(
                            session, run_id, segment.position, segment.current_prompt
                        )
                    else:
                        circuits.advance(session, library, run_id, segment.position)
                return


def _leave(run_id: int) -> int:
    console.print(
        f"Left circuit run {run_id}; its clock keeps running. Resume it with the same"
        f" `mockloop circuit run` command or at /circuit-runs/{run_id} in the web app."
    )
    return 0


def _review(database: Database, library: Library, rep: CircuitReport) -> None:
    """The practice loop's second half for every prompt reached: answer, key points, postmortem."""
    for rnd in rep.rounds:
        for item in rnd.prompts:
            prompt = library.get(item.slug)
            if item.attempt_id is None or item.marked or prompt is None:
                continue
            console.rule(f"{rnd.label}: {item.title}")
            with database.session() as session, _service_errors():
                if not attempts.load(session, item.attempt_id).answer_revealed_at:
                    attempts.reveal(session, library, item.attempt_id, "answer")
            console.print(Markdown(prompt.answer))
            _print_key_points(prompt)
            missed = _ask_missed(prompt)
            with database.session() as session, _service_errors():
                attempts.set_marks(session, library, item.attempt_id, missed)
            lines = PostmortemUpdate()
            for field, question in (
                ("went_well", "What went well"),
                ("missed", "What I missed"),
                ("next_time", "What I'll do next time"),
            ):
                setattr(lines, field, Ask.ask(question, default="", show_default=False)[:2000])
                with database.session() as session, _service_errors():
                    attempts.set_postmortem(session, item.attempt_id, lines)


def _print_report(rep: CircuitReport) -> None:
    table = Table("round", "time used / given", "prompt", "key points missed", box=None)
    for rnd in rep.rounds:
        used = "skipped" if rnd.state == "skipped" else clock_text(rnd.seconds_used)
        time = f"{used} / {clock_text(rnd.seconds_given)}"
        rows = rnd.prompts or [None]
        for n, item in enumerate(rows):
            if item is None:
                what, missed = ("break" if rnd.kind == "break" else "not reached"), ""
            elif item.attempt_id is None:
                what, missed = item.title, "not reached"
            else:
                what = f"{item.title} ({clock_text(item.elapsed_seconds)})"
                missed = (
                    "not marked"
                    if not item.marked
                    else f"{len(item.missed)} of {item.key_points_total}"
                    + (": " + "; ".join(kp.text for kp in item.missed) if item.missed else "")
                )
            table.add_row(
                f"{rnd.position + 1}. {rnd.label}" if n == 0 else "",
                time if n == 0 else "",
                what,
                missed,
            )
    console.rule(f"Loop report: {rep.run.title}")
    console.print(table)
    console.print(
        f"Time used [bold]{clock_text(rep.seconds_used_total)}[/bold] of"
        f" {clock_text(rep.seconds_given_total)} · key points missed: {rep.key_points_missed}"
        + (f" of {rep.key_points_marked} marked" if rep.key_points_marked else "")
    )


@circuit_app.command("run")
def run_circuit(
    slug: Annotated[str, typer.Argument(help="The circuit to run (see `mockloop circuit list`).")],
    hide_difficulty: Annotated[
        bool, typer.Option("--hide-difficulty", help="Hide difficulty until each round ends.")
    ] = False,
    auto_advance: Annotated[
        bool, typer.Option("--auto-advance", help="Move on by itself when a round's time is up.")
    ] = False,
    new: Annotated[
        bool, typer.Option("--new", help="Start a new run even if one is unfinished.")
    ] = False,
) -> None:
    """Run a circuit round by round with a live clock; an unfinished run of it is resumed."""
    library = _library()
    database = _database()
    with database.session() as session, _service_errors():
        circuit, _source = circuits.find_circuit(session, library, slug)
        existing = None if new else circuits.open_run(session, slug)
        if existing is not None:
            run_id = existing.id
            console.print(f"Resuming circuit run {run_id} of [bold]{circuit.title}[/bold].")
        else:
            body = CircuitRunCreate(
                circuit=slug, hide_difficulty=hide_difficulty, auto_advance=auto_advance
            )
            run_id = circuits.start_run(
                session, library, body, time_scale=get_settings().time_scale
            ).id
            console.print(
                f"Started circuit run {run_id}: [bold]{circuit.title}[/bold],"
                f" {_hours(circuit.total_minutes())}, answers hidden until each round ends."
            )
    try:
        while True:
            run = _view(database, library, run_id)
            if run.current is None:
                break
            segment = run.segments[run.current]
            if segment.state == "choosing":
                _choose(database, library, run_id, segment)
                continue
            _show_segment(library, run, segment)
            _countdown(database, library, run_id, segment)
    except KeyboardInterrupt:
        raise typer.Exit(_leave(run_id)) from None

    with database.session() as session:
        rep = circuits.report(circuits.load_run(session, run_id), library)
    console.print(f"[green]Loop finished[/green]: circuit run {run_id}.")
    if rep.prompts_unmarked and Confirm.ask(
        "Review each prompt now (answer, key points missed, postmortem)?", default=True
    ):
        _review(database, library, rep)
    console.rule("Loop postmortem")
    lines = LoopPostmortemUpdate()
    for field, question in (
        ("went_well", "What went well across the loop"),
        ("missed", "What I missed"),
        ("next_time", "What I'll do before the next loop"),
    ):
        setattr(lines, field, Ask.ask(question, default="", show_default=False)[:2000])
        with database.session() as session, _service_errors():
            circuits.set_postmortem(session, run_id, lines)
    with database.session() as session:
        rep = circuits.report(circuits.load_run(session, run_id), library)
    _print_report(rep)
    console.print(f"[dim]Markdown: `mockloop circuit report {run_id} --markdown`[/dim]")


@circuit_app.command("report")
def report(
    run_id: Annotated[int, typer.Argument(help="The circuit run's id.")],
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print Markdown, to export.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show the loop report of a circuit run (as a table, Markdown or JSON)."""
    library = _library()
    try:
        with _database().session() as session:
            rep = circuits.report(circuits.refresh(session, run_id), library)
    except PracticeError as exc:
        raise fail(exc.message) from None
    if as_json:
        _print_json(rep.model_dump())
    elif markdown:
        typer.echo(circuits.report_markdown(rep), nl=False)
    else:
        _print_report(rep)
