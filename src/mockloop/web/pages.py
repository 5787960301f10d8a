"""Server-rendered pages. Each calls the same service functions as the JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from mockloop.library import CATEGORIES, Library
from mockloop.library.library import PromptFilter
from mockloop.library.models import DIFFICULTIES
from mockloop.practice import attempts, clock, recordings, reviews, submissions
from mockloop.practice.errors import NotFound
from mockloop.practice.schemas import AttemptPublic, PostmortemUpdate
from mockloop.web.deps import LibraryDep, SessionDep
from mockloop.web.render import markdown_html, markdown_inline

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["markdown"] = markdown_html
templates.env.filters["inline"] = markdown_inline
templates.env.globals["CATEGORIES"] = CATEGORIES
templates.env.globals["DIFFICULTIES"] = DIFFICULTIES


templates.env.filters["clock"] = clock.clock_text
router = APIRouter(include_in_schema=False)


def _filter_from(category: str, company: str, difficulty: str, tag: str, q: str) -> PromptFilter:
    return PromptFilter(
        category=category if category in CATEGORIES else None,
        company=company or None,
        difficulty=difficulty if difficulty in DIFFICULTIES else None,
        tag=tag or None,
        q=q or None,
    )


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    """A page that says what went wrong, in words."""
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status_code": status_code, "message": message},
        status_code=status_code,
    )


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


@router.get("/library", response_class=HTMLResponse)
def library_page(
    request: Request,
    library: LibraryDep,
    category: str = "",
    company: str = "",
    difficulty: str = "",
    tag: str = "",
    q: str = "",
) -> HTMLResponse:
    flt = _filter_from(category, company, difficulty, tag, q)
    prompts = library.filter(flt)
    counts = {c: sum(1 for p in library.prompts.values() if p.category == c) for c in CATEGORIES}
    return templates.TemplateResponse(
        request,
        "library.html",
        {
            "prompts": prompts,
            "filter": flt,
            "counts": counts,
            "companies": library.companies(),
            "tags": library.tags(),
            "total": len(library.prompts),
            "query_string": urlencode({k: v for k, v in vars(flt).items() if v}),
        },
    )


@router.get("/random")
def random_page(
    library: LibraryDep,
    session: SessionDep,
    category: str = "",
    company: str = "",
    difficulty: str = "",
    tag: str = "",
    q: str = "",
    weak: bool = False,
) -> RedirectResponse:
    flt = _filter_from(category, company, difficulty, tag, q)
    avoid = attempts.last_prompt(session)
    prompt = (
        reviews.pick_weak(session, library, flt, avoid=avoid)
        if weak
        else library.pick_random(flt, avoid=avoid)
    )
    if prompt is None:
        raise NotFound("no prompt matches that filter; widen it and try again")
    return RedirectResponse(f"/prompts/{prompt.slug}", status_code=303)


@router.get("/prompts/{slug}", response_class=HTMLResponse)
def prompt_page(
    slug: str, request: Request, library: LibraryDep, session: SessionDep
) -> HTMLResponse:
    prompt = attempts.require_prompt(library, slug)
    current = attempts.open_attempt(session, slug)
    past = [attempts.to_public(a, library) for a in attempts.list_attempts(session, prompt=slug)]
    return templates.TemplateResponse(
        request,
        "prompt.html",
        {
            "prompt": prompt,
            "current": attempts.to_public(current, library) if current else None,
            "past": past,
        },
    )


@router.post("/prompts/{slug}/start")
def start_page(
    slug: str,
    library: LibraryDep,
    session: SessionDep,
    cram: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    attempt = attempts.start(session, library, slug, cram=cram)
    return RedirectResponse(f"/attempts/{attempt.id}", status_code=303)


def _attempt_context(session: SessionDep, library: LibraryDep, attempt_id: int) -> dict:  # type: ignore[type-arg]
    attempt = attempts.load(session, attempt_id)
    view = attempts.to_public(attempt, library)
    prompt = attempts.require_prompt(library, attempt.prompt_slug)
    past = [
        attempts.to_public(a, library)
        for a in attempts.list_attempts(session, prompt=prompt.slug)
        if a.id != attempt.id
    ]
    return {
        "attempt": view,
        "prompt": prompt,
        "past": past,
        "recordings": recordings.for_attempt(session, library, attempt_id),
        "editor": submissions.editor_state(session, prompt, attempt_id),
    }


@router.get("/attempts/{attempt_id}", response_class=HTMLResponse)
def attempt_page(
    attempt_id: int, request: Request, library: LibraryDep, session: SessionDep
) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "attempt.html", _attempt_context(session, library, attempt_id)
    )


def _after_change(request: Request, attempt_id: int, fragment: str, context: dict) -> Response:  # type: ignore[type-arg]
    if _is_htmx(request):
        return templates.TemplateResponse(request, fragment, context)
    return RedirectResponse(f"/attempts/{attempt_id}", status_code=303)


@router.post("/attempts/{attempt_id}/timer/{action}")
def timer_action(
    attempt_id: int, action: str, request: Request, library: LibraryDep, session: SessionDep
) -> Response:
    actions = {"pause": attempts.pause, "resume": attempts.resume, "stop": attempts.stop}
    if action not in actions:
        raise NotFound(f"no timer action {action!r}; expected pause, resume or stop")
    actions[action](session, attempt_id)
    return _after_change(
        request, attempt_id, "attempt_timer.html", _attempt_context(session, library, attempt_id)
    )


@router.post("/attempts/{attempt_id}/reveal/{stage}")
def reveal_action(
    attempt_id: int, stage: str, request: Request, library: LibraryDep, session: SessionDep
) -> Response:
    attempts.reveal(session, library, attempt_id, stage.replace("-", "_"))
    return _after_change(
        request, attempt_id, "attempt_reveal.html", _attempt_context(session, library, attempt_id)
    )


@router.post("/attempts/{attempt_id}/marks")
def marks_action(
    attempt_id: int,
    request: Request,
    library: LibraryDep,
    session: SessionDep,
    missed: Annotated[list[str] | None, Form()] = None,
) -> Response:
    attempts.set_marks(session, library, attempt_id, missed or [])
    return _after_change(
        request,
        attempt_id,
        "attempt_saved.html",
        {"what": "Marks", **_attempt_context(session, library, attempt_id)},
    )


@router.post("/attempts/{attempt_id}/postmortem")
def postmortem_action(
    attempt_id: int,
    request: Request,
    library: LibraryDep,
    session: SessionDep,
    went_well: Annotated[str, Form(max_length=2000)] = "",
    missed: Annotated[str, Form(max_length=2000)] = "",
    next_time: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    lines = PostmortemUpdate(went_well=went_well, missed=missed, next_time=next_time)
    attempts.set_postmortem(session, attempt_id, lines)
    return _after_change(
        request,
        attempt_id,
        "attempt_saved.html",
        {"what": "Postmortem", **_attempt_context(session, library, attempt_id)},
    )


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, library: LibraryDep, session: SessionDep) -> HTMLResponse:
    return history_response(request, library, session)


def history_response(
    request: Request,
    library: Library,
    session: Session,
    notice: list[str] | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The history page, with what an import did (`notice`) or why it did nothing (`problem`)."""
    rows: list[AttemptPublic] = [
        attempts.to_public(a, library) for a in attempts.list_attempts(session)
    ]
    return templates.TemplateResponse(
        request,
        "history.html",
        {
            "attempts": rows,
            "library": library,
            "recordings_by_attempt": recordings.by_attempt(session, library, [a.id for a in rows]),
            "import_notice": notice,
            "import_problem": problem,
        },
        status_code=status_code,
    )


@router.get("/resources", response_class=HTMLResponse)
def resources_page(request: Request, library: LibraryDep) -> HTMLResponse:
    return templates.TemplateResponse(request, "resources.html", {"resources": library.resources})
