"""Circuits on the web: the JSON API under /api/v1 and the pages, over the same service functions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from mockloop.library.circuits import SEGMENT_KINDS, validation_problems
from mockloop.library.models import CATEGORIES, DIFFICULTIES
from mockloop.practice import circuits
from mockloop.practice.errors import Invalid, PracticeError
from mockloop.practice.schemas_circuits import (
    ChoiceRequest,
    CircuitCreate,
    CircuitList,
    CircuitPublic,
    CircuitReport,
    CircuitRunCreate,
    CircuitRunList,
    CircuitRunPublic,
    LoopPostmortemUpdate,
    StepRequest,
)
from mockloop.web.api import ERRORS
from mockloop.web.deps import LibraryDep, SessionDep, SettingsDep
from mockloop.web.pages import templates

router = APIRouter()


def hours_minutes(minutes: float) -> str:
    """Minutes as '45 min', '1 h' or '4 h 15 min'."""
    hours, rest = divmod(int(round(minutes)), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


templates.env.filters["hours_minutes"] = hours_minutes


# --- JSON API -------------------------------------------------------------------------------------


@router.get("/api/v1/circuits", response_model=CircuitList, tags=["api"])
def list_circuits(session: SessionDep, library: LibraryDep) -> CircuitList:
    """Every circuit (packs' and saved custom ones) with total time and round kinds."""
    return CircuitList(
        circuits=[
            circuits.summarize(c, source, library)
            for c, source in circuits.list_circuits(session, library)
        ]
    )


@router.post(
    "/api/v1/circuits",
    status_code=201,
    response_model=CircuitPublic,
    responses=ERRORS,
    tags=["api"],
)
def create_circuit(body: CircuitCreate, session: SessionDep, library: LibraryDep) -> CircuitPublic:
    """Save a custom circuit; its prompts must exist and its picks must be satisfiable."""
    return circuits.describe(circuits.create_custom(session, library, body), "custom", library)


@router.get("/api/v1/circuits/{slug}", response_model=CircuitPublic, responses=ERRORS, tags=["api"])
def get_circuit(slug: str, session: SessionDep, library: LibraryDep) -> CircuitPublic:
    """One circuit with its segments spelled out."""
    return circuits.describe(*circuits.find_circuit(session, library, slug), library)


@router.delete("/api/v1/circuits/{slug}", status_code=204, responses=ERRORS, tags=["api"])
def delete_circuit(slug: str, session: SessionDep, library: LibraryDep) -> Response:
    """Delete a saved custom circuit (a pack's circuits cannot be deleted)."""
    circuits.delete_custom(session, library, slug)
    return Response(status_code=204)


@router.post(
    "/api/v1/circuit-runs",
    status_code=201,
    response_model=CircuitRunPublic,
    responses=ERRORS,
    tags=["api"],
)
def create_run(
    body: CircuitRunCreate, session: SessionDep, library: LibraryDep, settings: SettingsDep
) -> CircuitRunPublic:
    """Start a circuit run: segments resolved (picks drawn and recorded), the first round started."""
    run = circuits.start_run(session, library, body, time_scale=settings.time_scale)
    return circuits.to_public(run, library)


@router.get("/api/v1/circuit-runs", response_model=CircuitRunList, tags=["api"])
def list_runs(session: SessionDep) -> CircuitRunList:
    """Circuit runs, newest first."""
    return CircuitRunList(circuit_runs=[circuits.summary(r) for r in circuits.list_runs(session)])


@router.get(
    "/api/v1/circuit-runs/{run_id}",
    response_model=CircuitRunPublic,
    responses=ERRORS,
    tags=["api"],
)
def get_run(run_id: int, session: SessionDep, library: LibraryDep) -> CircuitRunPublic:
    """A run now: the current segment, its time left, every segment and attempt."""
    return circuits.to_public(circuits.refresh(session, run_id), library)


@router.post(
    "/api/v1/circuit-runs/{run_id}/advance",
    response_model=CircuitRunPublic,
    responses=ERRORS,
    tags=["api"],
)
def advance_run(
    run_id: int, session: SessionDep, library: LibraryDep, body: StepRequest | None = None
) -> CircuitRunPublic:
    """End the current round or break and start the next (with `position`, only that round)."""
    step = body or StepRequest()
    return circuits.to_public(circuits.advance(session, library, run_id, step.position), library)


@router.post(
    "/api/v1/circuit-runs/{run_id}/next-prompt",
    response_model=CircuitRunPublic,
    responses=ERRORS,
    tags=["api"],
)
def next_prompt(
    run_id: int, session: SessionDep, library: LibraryDep, body: StepRequest | None = None
) -> CircuitRunPublic:
    """In a round of several prompts, move on to the next one."""
    step = body or StepRequest()
    run = circuits.next_prompt(session, run_id, step.position, step.prompt)
    return circuits.to_public(run, library)


@router.post(
    "/api/v1/circuit-runs/{run_id}/choose",
    response_model=CircuitRunPublic,
    responses=ERRORS,
    tags=["api"],
)
def choose(
    run_id: int, body: ChoiceRequest, session: SessionDep, library: LibraryDep
) -> CircuitRunPublic:
    """Choose the prompt of a choice round (`null`: at random); its clock starts."""
    return circuits.to_public(circuits.choose(session, library, run_id, body.prompt), library)


@router.post(
    "/api/v1/circuit-runs/{run_id}/finish",
    response_model=CircuitRunPublic,
    responses=ERRORS,
    tags=["api"],
)
def finish_run(run_id: int, session: SessionDep, library: LibraryDep) -> CircuitRunPublic:
    """End the loop now; rounds not reached are skipped."""
    return circuits.to_public(circuits.finish(session, run_id), library)


@router.get(
    "/api/v1/circuit-runs/{run_id}/report",
    response_model=CircuitReport,
    responses=ERRORS,
    tags=["api"],
)
def get_report(run_id: int, session: SessionDep, library: LibraryDep) -> CircuitReport:
    """The loop report: per round time used vs given, key points missed, postmortems."""
    return circuits.report(circuits.refresh(session, run_id), library)


@router.put(
    "/api/v1/circuit-runs/{run_id}/postmortem",
    response_model=CircuitRunPublic,
    responses=ERRORS,
    tags=["api"],
)
def put_postmortem(
    run_id: int, body: LoopPostmortemUpdate, session: SessionDep, library: LibraryDep
) -> CircuitRunPublic:
    """Save the loop-level postmortem."""
    return circuits.to_public(circuits.set_postmortem(session, run_id, body), library)


# --- pages ----------------------------------------------------------------------------------------


@router.get("/circuits", response_class=HTMLResponse, include_in_schema=False)
def circuits_page(request: Request, session: SessionDep, library: LibraryDep) -> HTMLResponse:
    found = circuits.list_circuits(session, library)
    running = [circuits.summary(r) for r in circuits.list_runs(session) if r.finished_at is None]
    return templates.TemplateResponse(
        request,
        "circuits.html",
        {
            "circuits": [circuits.summarize(c, source, library) for c, source in found],
            "running": running,
        },
    )


# The builder is a plain form: one fieldset per segment, named `<field>-<n>`. "Add", "remove" and
# "move up" are submit buttons, so it works without JavaScript and nothing typed is ever dropped.
ROW_FIELDS = ("kind", "label", "minutes", "count", "category", "difficulty", "company", "tag")


def _rows_from_form(form: FormData) -> list[dict[str, Any]]:
    total = min(_int(form.get("rows"), 1), 30)
    rows = []
    for n in range(total):
        row: dict[str, Any] = {f: str(form.get(f"{f}-{n}", "")).strip() for f in ROW_FIELDS}
        row["prompts"] = [str(v) for v in form.getlist(f"prompts-{n}")]
        rows.append(row)
    return rows


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _blank_row() -> dict[str, Any]:
    return {f: "" for f in ROW_FIELDS} | {"kind": "prompt", "minutes": "45", "prompts": []}


def _segment_from_row(n: int, row: dict[str, Any]) -> dict[str, Any]:
    kind = row["kind"]
    label = row["label"] or ("Break" if kind == "break" else f"Round {n + 1}")
    segment: dict[str, Any] = {"kind": kind, "label": label, "minutes": row["minutes"] or None}
    if kind == "prompt":
        if len(row["prompts"]) != 1:
            raise Invalid(
                f"segments[{n}]: a 'prompt' segment takes exactly one prompt, got"
                f" {len(row['prompts'])} (choose 'prompts' for several)"
            )
        segment["prompt"] = row["prompts"][0]
    elif kind == "prompts":
        segment["prompts"] = row["prompts"]
    elif kind == "choice":
        segment["choices"] = row["prompts"]
    elif kind == "pick":
        segment["count"] = row["count"] or 1
        segment["filter"] = {
            f: row[f] for f in ("category", "difficulty", "company", "tag") if row[f]
        }
    return segment


def _builder(
    request: Request,
    library: LibraryDep,
    form: dict[str, Any],
    rows: list[dict[str, Any]],
    errors: list[str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "circuits_new.html",
        {
            "form": form,
            "rows": rows,
            "errors": errors or [],
            "kinds": SEGMENT_KINDS,
            "prompts": list(library.prompts.values()),
            "categories": CATEGORIES,
            "difficulties": DIFFICULTIES,
            "companies": library.companies(),
            "tags": library.tags(),
        },
        status_code=status_code,
    )


@router.get("/circuits/new", response_class=HTMLResponse, include_in_schema=False)
def new_circuit_page(request: Request, library: LibraryDep) -> HTMLResponse:
    return _builder(request, library, {"title": "", "description": ""}, [_blank_row()])


@router.post("/circuits/new", include_in_schema=False)
async def new_circuit_action(
    request: Request, session: SessionDep, library: LibraryDep
) -> Response:
    form = await request.form()
    rows = _rows_from_form(form)
    head = {
        "title": str(form.get("title", "")).strip(),
        "description": str(form.get("description", "")).strip(),
    }
    action = str(form.get("action", "save"))
    if action == "add" and len(rows) < 30:
        rows.append(_blank_row())
        return _builder(request, library, head, rows)
    if action.startswith(("remove-", "up-")):
        n = _int(action.split("-", 1)[1], -1)
        if action.startswith("remove-") and 0 <= n < len(rows) and len(rows) > 1:
            rows.pop(n)
        elif action.startswith("up-") and 0 < n < len(rows):
            rows[n - 1], rows[n] = rows[n], rows[n - 1]
        return _builder(request, library, head, rows)
    try:
        body = CircuitCreate.model_validate(
            {
                **head,
                "segments": [_segment_from_row(n, row) for n, row in enumerate(rows)],
            }
        )
        circuit = circuits.create_custom(session, library, body)
    except ValidationError as exc:
        messages = [f"{where}: {message}" for where, message in validation_problems(exc)]
        return _builder(request, library, head, rows, messages, 422)
    except PracticeError as exc:
        return _builder(request, library, head, rows, exc.message.split("; "), exc.status_code)
    return RedirectResponse(f"/circuits/{circuit.slug}", status_code=303)


@router.get("/circuits/{slug}", response_class=HTMLResponse, include_in_schema=False)
def circuit_page(
    slug: str, request: Request, session: SessionDep, library: LibraryDep
) -> HTMLResponse:
    circuit, source = circuits.find_circuit(session, library, slug)
    current = circuits.open_run(session, slug)
    return templates.TemplateResponse(
        request,
        "circuits_detail.html",
        {
            "circuit": circuits.describe(circuit, source, library),
            "current": circuits.summary(current) if current else None,
        },
    )


@router.post("/circuits/{slug}/start", include_in_schema=False)
def start_page(
    slug: str,
    session: SessionDep,
    library: LibraryDep,
    settings: SettingsDep,
    hide_difficulty: Annotated[bool, Form()] = False,
    auto_advance: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    body = CircuitRunCreate(
        circuit=slug, hide_difficulty=hide_difficulty, auto_advance=auto_advance
    )
    run = circuits.start_run(session, library, body, time_scale=settings.time_scale)
    return RedirectResponse(f"/circuit-runs/{run.id}", status_code=303)


@router.post("/circuits/{slug}/delete", include_in_schema=False)
def delete_page(slug: str, session: SessionDep, library: LibraryDep) -> RedirectResponse:
    circuits.delete_custom(session, library, slug)
    return RedirectResponse("/circuits", status_code=303)


@router.get("/circuit-runs", response_class=HTMLResponse, include_in_schema=False)
def runs_page(request: Request, session: SessionDep) -> HTMLResponse:
    runs = [circuits.summary(r) for r in circuits.list_runs(session)]
    return templates.TemplateResponse(request, "circuits_runs.html", {"runs": runs})


@router.get("/circuit-runs/{run_id}", response_class=HTMLResponse, include_in_schema=False)
def run_page(run_id: int, request: Request, session: SessionDep, library: LibraryDep) -> Response:
    view = circuits.to_public(circuits.refresh(session, run_id), library)
    if view.state == "finished":
        return RedirectResponse(f"/circuit-runs/{run_id}/report", status_code=303)
    segment = view.segments[view.current] if view.current is not None else None
    item = prompt = None
    if segment and segment.current_prompt is not None:
        item = segment.prompts[segment.current_prompt]
        prompt = library.get(item.slug)
    more = bool(item and segment and item is not segment.prompts[-1])
    return templates.TemplateResponse(
        request,
        "circuits_run.html",
        {"run": view, "segment": segment, "item": item, "prompt": prompt, "more": more},
    )


def _back_to_run(run_id: int) -> RedirectResponse:
    return RedirectResponse(f"/circuit-runs/{run_id}", status_code=303)


@router.post("/circuit-runs/{run_id}/advance", include_in_schema=False)
def advance_page(
    run_id: int,
    session: SessionDep,
    library: LibraryDep,
    position: Annotated[int | None, Form(ge=0)] = None,
) -> RedirectResponse:
    circuits.advance(session, library, run_id, position)
    return _back_to_run(run_id)


@router.post("/circuit-runs/{run_id}/next-prompt", include_in_schema=False)
def next_prompt_page(
    run_id: int,
    session: SessionDep,
    position: Annotated[int | None, Form(ge=0)] = None,
    prompt: Annotated[int | None, Form(ge=0)] = None,
) -> RedirectResponse:
    circuits.next_prompt(session, run_id, position, prompt)
    return _back_to_run(run_id)


@router.post("/circuit-runs/{run_id}/choose", include_in_schema=False)
def choose_page(
    run_id: int,
    session: SessionDep,
    library: LibraryDep,
    prompt: Annotated[str, Form(max_length=120)] = "",
) -> RedirectResponse:
    circuits.choose(session, library, run_id, prompt or None)
    return _back_to_run(run_id)


@router.post("/circuit-runs/{run_id}/finish", include_in_schema=False)
def finish_page(run_id: int, session: SessionDep) -> RedirectResponse:
    circuits.finish(session, run_id)
    return RedirectResponse(f"/circuit-runs/{run_id}/report", status_code=303)


@router.get("/circuit-runs/{run_id}/report", response_class=HTMLResponse, include_in_schema=False)
def report_page(
    run_id: int, request: Request, session: SessionDep, library: LibraryDep
) -> HTMLResponse:
    rep = circuits.report(circuits.refresh(session, run_id), library)
    return templates.TemplateResponse(request, "circuits_report.html", {"report": rep})


@router.get("/circuit-runs/{run_id}/report.md", include_in_schema=False)
def report_markdown(run_id: int, session: SessionDep, library: LibraryDep) -> PlainTextResponse:
    rep = circuits.report(circuits.refresh(session, run_id), library)
    return PlainTextResponse(
        circuits.report_markdown(rep),
        media_type="text/markdown; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="loop-report-{rep.run.circuit}-{run_id}.md"'
        },
    )


@router.post("/circuit-runs/{run_id}/postmortem", include_in_schema=False)
def postmortem_page(
    run_id: int,
    request: Request,
    session: SessionDep,
    library: LibraryDep,
    went_well: Annotated[str, Form(max_length=2000)] = "",
    missed: Annotated[str, Form(max_length=2000)] = "",
    next_time: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    lines = LoopPostmortemUpdate(went_well=went_well, missed=missed, next_time=next_time)
    run = circuits.set_postmortem(session, run_id, lines)
    if request.headers.get("hx-request") == "true":
        return templates.TemplateResponse(
            request, "circuits_saved.html", {"run": circuits.to_public(run, library)}
        )
    return RedirectResponse(f"/circuit-runs/{run_id}/report", status_code=303)
