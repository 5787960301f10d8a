"""`mockloop start` and `mockloop check`: solve a runnable prompt in your own editor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
from mockloop.judge import SubmissionRejected, Verdict, judge
from mockloop.practice import attempts, submissions
from mockloop.practice.clock import clock_text


def _default_file(slug: str) -> Path:
    return Path(slug.replace("-", "_") + ".py")


@app.command()
def start(
    slug: Annotated[str, typer.Argument(help="A runnable prompt (see `mockloop list`).")],
    file: Annotated[
        Path | None, typer.Argument(help="Where to write the starter (default: ./<slug>.py).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a runnable prompt's starter file and start an attempt's timer."""
    library = _library()
    with _service_errors():
        prompt = submissions.runnable_prompt(library, slug)
    path = file or _default_file(slug)
    if path.exists() and not force:
        console.print(
            f"[yellow]{path} exists; keeping it[/yellow] (use --force to overwrite it with the starter)"
        )
    else:
        path.write_text(submissions.starter_code(prompt), encoding="utf-8")
        console.print(f"Wrote the starter to [bold]{path}[/bold]")
    with _database().session() as session:
        attempt = attempts.start(session, library, prompt.slug)
        attempt_id = attempt.id
    console.print(
        f"Attempt {attempt_id} started: [bold]{prompt.title}[/bold], target {prompt.minutes} min."
    )
    console.print(f"Read the prompt: mockloop show {prompt.slug}")
    console.print(f"Run the tests:   mockloop check {path} --prompt {prompt.slug}")


def _verdict_table(verdict: Verdict) -> Table:
    table = Table("", "test", "ms", "message", box=None, show_edge=False)
    for t in verdict.tests:
        mark = (
            "[green]✓[/green]"
            if t.passed
            else ("[dim]·[/dim]" if t.status == "not-run" else "[red]✗[/red]")
        )
        message = "" if t.passed else t.message
        if not t.passed and not t.hidden and t.expected is not None:
            message += f"\n  input: {t.input}\n  expected: {t.expected}\n  got: {t.got}"
        name = t.name + (" [dim](hidden)[/dim]" if t.hidden else "")
        table.add_row(mark, name, f"{t.duration_ms:.0f}", message)
    return table


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="Your solution module.")],
    prompt: Annotated[
        str | None,
        typer.Option("--prompt", "-p", help="The prompt's slug (default: from the file name)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a solution against a prompt's hidden tests; exit 0 when every test passes."""
    slug = prompt or file.stem.replace("_", "-")
    try:
        code = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read {file}: {exc}") from None
    library = _library()
    database = _database()
    with _service_errors(), database.session() as session:
        target = submissions.runnable_prompt(library, slug)
        submissions.check_code(code)
        open_attempt = attempts.open_attempt(session, target.slug)
        submission = submissions.create(
            session, library, target.slug, code, open_attempt.id if open_attempt else None
        )
        submission_id, attempt_id = submission.id, submission.attempt_id
    try:
        verdict = judge(Path(target.folder), code)
    except SubmissionRejected as exc:
        raise fail(str(exc)) from None
    with database.session() as session:
        submissions.record_verdict(session, submission_id, verdict)
        elapsed = None
        if attempt_id is not None:
            elapsed = attempts.to_public(
                attempts.load(session, attempt_id), library
            ).elapsed_seconds
    if as_json:
        _print_json({"id": submission_id, "attempt": attempt_id, **verdict.model_dump()})
    else:
        console.print(_verdict_table(verdict))
        n_passed = sum(t.passed for t in verdict.tests)
        colour = "green" if verdict.passed else "red"
        line = f"[{colour}]{verdict.message}[/{colour}] · {n_passed}/{len(verdict.tests)} · {verdict.duration_ms:.0f} ms · sandbox: {verdict.sandbox}"
        if elapsed is not None:
            line += f" · attempt {attempt_id} at {clock_text(elapsed)}"
        console.print(line)
        if verdict.sandbox == "rlimits-only":
            console.print(
                "[yellow]Not isolated: bubblewrap is not available, so the code ran with resource limits only.[/yellow]"
            )
    raise typer.Exit(code=0 if verdict.passed else 1)
