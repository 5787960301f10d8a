"""The terminal front end: the same services as the web app, through Typer and Rich."""

from __future__ import annotations

import json
import os
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TextColumn
from rich.prompt import Confirm
from rich.prompt import Prompt as Ask
from rich.table import Table

from mockloop import __version__
from mockloop.library import CATEGORIES, Library, Prompt, load_library, views
from mockloop.library.circuits import load_circuits
from mockloop.library.library import PromptFilter
from mockloop.library.loader import load_pack
from mockloop.practice import attempts, clock, reviews
from mockloop.practice.clock import clock_text
from mockloop.practice.db import Database
from mockloop.practice.errors import PracticeError
from mockloop.practice.schemas import AttemptPublic, PostmortemUpdate
from mockloop.settings import BUNDLED_PACK, get_settings

app = typer.Typer(
    help="Practise technical interview loops: timed mocks, model answers, key points, postmortems.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

CategoryOpt = Annotated[
    str | None, typer.Option("--category", "-c", help=f"One of: {', '.join(CATEGORIES)}.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(message: str) -> typer.Exit:
    """Print a one-line error and return the exit to raise."""
    err_console.print(f"[red]error:[/red] {message}", soft_wrap=True)
    return typer.Exit(code=1)


def _library() -> Library:
    settings = get_settings()
    return load_library(settings.pack_paths, cache_dir=settings.home / "cache")


def _database() -> Database:
    return Database(get_settings().resolved_database_url)


def _check_category(category: str | None) -> None:
    if category is not None and category not in CATEGORIES:
        raise fail(f"unknown category {category!r}; expected one of {', '.join(CATEGORIES)}")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@contextmanager
def _service_errors() -> Iterator[None]:
    try:
        yield
    except PracticeError as exc:
        raise fail(exc.message) from None


@app.command()
def serve(
    host: Annotated[str, typer.Option(envvar="HOST", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT", help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web app (the database is created and migrated on first start)."""
    import uvicorn

    from mockloop.web.app import create_app

    settings = get_settings()
    web_app = create_app(settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    console.print(
        f"mockloop {__version__}: {len(web_app.state.library.prompts)} prompts, database {settings.resolved_database_url}"
    )
    console.print(f"Open [bold]http://{shown}:{port}[/bold]  (Ctrl-C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command("list")
def list_prompts(
    category: CategoryOpt = None,
    company: Annotated[
        str | None, typer.Option(help="Only prompts reported at this company.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List prompts, optionally by category or company."""
    _check_category(category)
    prompts = _library().filter(PromptFilter(category=category, company=company))
    if as_json:
        _print_json({"prompts": [views.summary(p).model_dump() for p in prompts]})
        return
    table = Table("slug", "title", "category", "difficulty", "min", "companies", box=None)
    for p in prompts:
        table.add_row(
            p.slug, p.title, p.category, p.difficulty, str(p.minutes), ", ".join(p.companies)
        )
    console.print(table)
    console.print(f"[dim]{len(prompts)} prompts[/dim]")


def _require(library: Library, slug: str) -> Prompt:
    prompt = library.get(slug)
    if prompt is None:
        raise fail(f"no prompt with slug {slug!r} (see `mockloop list`)")
    return prompt


def _print_header(prompt: Prompt) -> None:
    meta = f"{prompt.category} · {prompt.difficulty} · {prompt.minutes} min"
    if prompt.companies:
        meta += " · " + ", ".join(prompt.companies)
    console.print(Panel(f"[bold]{prompt.title}[/bold]\n[dim]{meta}[/dim]", expand=False))


@app.command()
def show(
    slug: str,
    answer: Annotated[
        bool, typer.Option("--answer", help="Include hints, answer, key points and follow-ups.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one prompt (and, with --answer, everything else)."""
    prompt = _require(_library(), slug)
    if as_json:
        _print_json((views.full(prompt) if answer else views.public(prompt)).model_dump())
        return
    _print_header(prompt)
    console.print(Markdown(prompt.statement))
    if answer:
        console.rule("Hints")
        for n, hint in enumerate(prompt.hints, 1):
            console.print(Markdown(f"{n}. {hint}"))
        console.rule("Answer")
        console.print(Markdown(prompt.answer))
        _print_key_points(prompt)
        _print_follow_ups(prompt)


@app.command()
def random(category: CategoryOpt = None, as_json: JsonOpt = False) -> None:
    """Pick a random prompt (never the one you attempted last, when there is another)."""
    _check_category(category)
    library = _library()
    database = _database()
    with database.session() as session:
        last = attempts.last_prompt(session)
    prompt = library.pick_random(PromptFilter(category=category), avoid=last)
    if prompt is None:
        raise fail("no prompt matches that filter")
    if as_json:
        _print_json(views.summary(prompt).model_dump())
    else:
        console.print(
            f"{prompt.slug}  [bold]{prompt.title}[/bold]  [dim]{prompt.category} · {prompt.difficulty}[/dim]"
        )


@app.command()
def history(
    prompt: Annotated[str | None, typer.Option(help="Only attempts at this prompt.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List past attempts, newest first."""
    library = _library()
    with _database().session() as session:
        rows = [
            attempts.to_public(a, library)
            for a in attempts.list_attempts(session, prompt=prompt, limit=limit)
        ]
    if as_json:
        _print_json({"attempts": [r.model_dump() for r in rows]})
        return
    table = Table("id", "date", "prompt", "time / target", "missed", "postmortem", box=None)
    for a in rows:
        missed = (
            "not marked"
            if not a.marked
            else (f"{len(a.missed)}: " + ", ".join(a.missed) if a.missed else "none")
        )
        pm = a.postmortem
        pm_text = " | ".join(x for x in (pm.went_well, pm.missed, pm.next_time) if x) if pm else ""
        table.add_row(
            str(a.id),
            a.started_at[:16].replace("T", " "),
            a.prompt_title,
            f"{clock_text(a.elapsed_seconds)} / {clock_text(a.target_seconds)}",
            missed,
            pm_text,
        )
    console.print(table if rows else "[dim]No attempts yet. Try `mockloop practice`.[/dim]")


@app.command()
def validate(
    path: Annotated[
        Path | None, typer.Argument(help="A pack folder; default: every loaded pack.")
    ] = None,
) -> None:
    """Check a content pack; every error names the file, the field and what was expected."""
    if path is not None:
        pack = load_pack(path)
        errors, n_prompts, n_resources = pack.errors, len(pack.prompts), len(pack.resources)
        # a pack's circuits may name the bundled pack's prompts as well as its own
        bundled = (
            [] if path.resolve() == BUNDLED_PACK.resolve() else load_pack(BUNDLED_PACK).prompts
        )
        found, circuit_errors = load_circuits([pack], {p.slug: p for p in bundled + pack.prompts})
        errors, n_circuits = errors + circuit_errors, len(found)
    else:
        library = _library()
        errors, n_prompts, n_resources = (
            library.errors,
            len(library.prompts),
            len(library.resources),
        )
        n_circuits = len(library.circuits)
    for error in errors:
        err_console.print(str(error), soft_wrap=True, markup=False)
    if errors:
        raise fail(f"{len(errors)} error{'s' if len(errors) != 1 else ''} found")
    console.print(f"ok: {n_prompts} prompts, {n_resources} resources, {n_circuits} circuits")


# --- practice: the whole loop in the terminal -------------------------------------------------


class Keys:
    """Single key presses from a terminal (cbreak mode), or whole lines when stdin is not a terminal."""

    def __init__(self) -> None:
        self.tty = sys.stdin.isatty()
        self._saved: Any = None

    def __enter__(self) -> Keys:
        if self.tty:
            import termios
            import tty

            self._saved = termios.tcgetattr(sys.stdin.fileno())
            tty.setcbreak(sys.stdin.fileno())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, self._saved)

    def read(self, timeout: float) -> str | None:
        """One key ('\\n' for Enter), or None when nothing was pressed within the timeout."""
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
        if not ready:
            return None
        if self.tty:
            char = os.read(sys.stdin.fileno(), 1).decode(errors="ignore")
            return "\n" if char in ("\r", "\n") else char.lower()
        line = sys.stdin.readline()
        if line == "":
            return "\n"
        return line.strip().lower()[:1] or "\n"


def _run_timer(
    database: Database, library: Library, prompt: Prompt, attempt_id: int
) -> AttemptPublic:
    console.print("[dim]Enter: stop · p: pause/resume · h: next hint[/dim]")
    with database.session() as session:
        view = attempts.to_public(attempts.load(session, attempt_id), library)
    progress = Progress(
        TextColumn("[bold]{task.fields[clock]}[/bold]"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[label]}"),
        console=console,
        transient=False,
        auto_refresh=False,
    )
    task = progress.add_task("timer", total=view.target_seconds, clock="", label="")

    def draw(v: AttemptPublic) -> None:
        left = v.target_seconds - v.elapsed_seconds
        clock = clock_text(left) if left >= 0 else "+" + clock_text(-left)
        label = "overtime" if left < 0 else v.state
        progress.update(
            task, completed=min(v.target_seconds, max(0.0, left)), clock=clock, label=label
        )
        progress.refresh()

    with progress, Keys() as keys:
        while True:
            with database.session() as session:
                view = attempts.to_public(attempts.load(session, attempt_id), library)
            draw(view)
            key = keys.read(0.5)
            if key is None:
                continue
            with database.session() as session, _service_errors():
                if key == "\n":
                    view = attempts.to_public(attempts.stop(session, attempt_id), library)
                    draw(view)
                    break
                if key == "p":
                    action = attempts.resume if view.state == "paused" else attempts.pause
                    action(session, attempt_id)
                elif key == "h":
                    if view.hints_revealed >= len(prompt.hints):
                        progress.console.print("[dim]No more hints.[/dim]")
                    else:
                        attempts.reveal(session, library, attempt_id, "hint")
                        progress.console.print(
                            Panel(
                                Markdown(prompt.hints[view.hints_revealed]),
                                title=f"Hint {view.hints_revealed + 1}",
                            )
                        )
    return view


def _print_key_points(prompt: Prompt) -> None:
    console.rule("Key points")
    for n, kp in enumerate(prompt.key_points, 1):
        console.print(f"  [bold]{n:>2}.[/bold] {escape(kp.text)}")


def _print_follow_ups(prompt: Prompt) -> None:
    console.rule("Follow-ups")
    for fu in prompt.follow_ups:
        console.print(f"[bold]Q: {escape(fu.question)}[/bold]")
        console.print(Markdown(fu.answer))


def _ask_missed(prompt: Prompt) -> list[str]:
    while True:
        raw = Ask.ask(
            "Which key points did you miss? Numbers, e.g. [bold]1 3[/bold] (Enter for none)",
            default="",
            show_default=False,
        )
        tokens = raw.replace(",", " ").split()
        try:
            numbers = sorted({int(t) for t in tokens})
        except ValueError:
            console.print("[red]Type numbers only, separated by spaces.[/red]")
            continue
        if any(n < 1 or n > len(prompt.key_points) for n in numbers):
            console.print(f"[red]Numbers go from 1 to {len(prompt.key_points)}.[/red]")
            continue
        return [prompt.key_points[n - 1].id for n in numbers]


@app.command()
def practice(
    slug: Annotated[
        str | None, typer.Argument(help="Prompt to practise; default: a random one.")
    ] = None,
    category: CategoryOpt = None,
    due: Annotated[
        bool, typer.Option("--due", help="Practise the prompt most due for review.")
    ] = False,
    cram: Annotated[
        bool, typer.Option("--cram", help="Cram mode: record the attempt, move no review.")
    ] = False,
) -> None:
    """Do the whole loop in the terminal: prompt, timer, reveal, marks, postmortem."""
    _check_category(category)
    library = _library()
    database = _database()
    if slug:
        prompt = _require(library, slug)
    elif due:
        with database.session() as session:
            most_due = reviews.most_due(session, library)
        if most_due is None:
            console.print("Nothing is due for review; `mockloop today` shows what comes next.")
            return
        prompt = most_due
    else:
        with database.session() as session:
            last = attempts.last_prompt(session)
        picked = library.pick_random(PromptFilter(category=category), avoid=last)
        if picked is None:
            raise fail("no prompt matches that filter")
        prompt = picked

    _print_header(prompt)
    console.print(Markdown(prompt.statement))
    console.print()
    Ask.ask(
        f"Press [bold]Enter[/bold] to start the {prompt.minutes}-minute timer",
        default="",
        show_default=False,
    )
    with database.session() as session:
        attempt_id = attempts.start(session, library, prompt.slug, cram=cram).id
    try:
        view = _run_timer(database, library, prompt, attempt_id)
    except KeyboardInterrupt:
        with database.session() as session, _service_errors():
            if attempts.state_of(attempts.load(session, attempt_id)) == "running":
                attempts.pause(session, attempt_id)
        raise fail(
            f"interrupted; attempt {attempt_id} is paused (continue it in the web app)"
        ) from None

    console.print(
        f"Time: [bold]{clock_text(view.elapsed_seconds)}[/bold] of {clock_text(view.target_seconds)}"
    )
    Ask.ask("Press [bold]Enter[/bold] to reveal the answer", default="", show_default=False)
    with database.session() as session, _service_errors():
        attempts.reveal(session, library, attempt_id, "answer")
    console.rule("Answer")
    console.print(Markdown(prompt.answer))
    if Confirm.ask("Reveal the follow-ups?", default=True):
        with database.session() as session, _service_errors():
            attempts.reveal(session, library, attempt_id, "follow_ups")
        _print_follow_ups(prompt)

    _print_key_points(prompt)
    missed = _ask_missed(prompt)
    with database.session() as session, _service_errors():
        attempts.set_marks(session, library, attempt_id, missed)

    console.rule("Postmortem")
    lines = PostmortemUpdate()
    for field, question in (
        ("went_well", "What went well"),
        ("missed", "What I missed"),
        ("next_time", "What I'll do next time"),
    ):
        setattr(lines, field, Ask.ask(question, default="", show_default=False)[:2000])
        with database.session() as session, _service_errors():
            attempts.set_postmortem(session, attempt_id, lines)

    hit = len(prompt.key_points) - len(missed)
    console.print(
        f"[green]Saved attempt {attempt_id}[/green]: {clock_text(view.elapsed_seconds)} of "
        f"{clock_text(view.target_seconds)}, {hit}/{len(prompt.key_points)} key points hit."
    )
    with database.session() as session:
        review = reviews.attempt_review(session, library, attempt_id)
    if review.rating and review.due_at:
        console.print(
            f"Review: [bold]{review.rating}[/bold], back on {review.due_at[:10]} "
            f"(`mockloop rate {attempt_id} again|hard|good|easy` to change it)."
        )
    elif review.cram:
        console.print("Cram mode: no review moved.")


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        console.print(f"mockloop {__version__}")
        raise typer.Exit()


def main() -> None:
    """Entry point of the `mockloop` command."""
    try:
        settings = get_settings()
    except ValidationError as exc:  # a MOCKLOOP_* variable the settings refuse
        for error in exc.errors():
            name = "MOCKLOOP_" + "_".join(str(part) for part in error["loc"]).upper()
            message = str(error["msg"]).removeprefix("Value error, ")
            err_console.print(f"[red]error:[/red] {name}: {message}", soft_wrap=True)
        raise SystemExit(2) from None
    clock.set_zone(settings.timezone)
    app()


import mockloop.commands.progress  # noqa: E402,F401
from mockloop.commands import circuit  # noqa: E402,F401
from mockloop.commands import judge as _judge_commands  # noqa: E402,F401
