"""Progress: the Today page (the home once there is history), stats, an attempt's review, the
journal's search and downloads, and the same data under /api/v1.

`/` is declared here, so app.py includes this router before the pages router: with history and no
query string it shows Today; otherwise (a first visit, or library filters) the library.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from mockloop.practice import attempts, clock, journal, reviews, stats
from mockloop.practice.errors import Invalid
from mockloop.practice.schemas_progress import (
    AttemptReviewPublic,
    ImportResult,
    RatingName,
    ReviewPublic,
    ReviewUpdate,
    StatsPublic,
    TodayPublic,
)
from mockloop.web import pages, progress_charts
from mockloop.web.api import ERRORS, AttemptList
from mockloop.web.deps import LibraryDep, SessionDep
from mockloop.web.pages import templates

router = APIRouter()

templates.env.filters["percent"] = lambda share: "–" if share is None else f"{round(share * 100)}%"
templates.env.filters["short_day"] = progress_charts.short_day

ExportQuery = Literal["md", "csv", "json"]


class ReviewList(BaseModel):
    reviews: list[ReviewPublic]


# --- JSON API ---------------------------------------------------------------------------------


@router.get("/api/v1/today", response_model=TodayPublic, tags=["api"])
def get_today(session: SessionDep, library: LibraryDep) -> TodayPublic:
    """What is due, what comes up this week, a suggested next mock and the weak categories."""
    return reviews.today(session, library)


@router.get("/api/v1/stats", response_model=StatsPublic, tags=["api"])
def get_stats(session: SessionDep, library: LibraryDep) -> StatsPublic:
    """Attempts per week, time against target, key points hit, most missed, the calendar."""
    reviews.ensure_current(session)
    return stats.overview(session, library, clock.today())


@router.get("/api/v1/reviews", response_model=ReviewList, tags=["api"])
def list_reviews(
    session: SessionDep, due: bool = Query(default=False, description="Only those due now.")
) -> ReviewList:
    """Review states of prompts and key points, soonest due first."""
    return ReviewList(reviews=reviews.review_states(session, clock.utcnow() if due else None))


@router.get(
    "/api/v1/attempts/{attempt_id}/review",
    response_model=AttemptReviewPublic,
    responses=ERRORS,
    tags=["api"],
)
def get_attempt_review(
    attempt_id: int, session: SessionDep, library: LibraryDep
) -> AttemptReviewPublic:
    """How the attempt rated its prompt and key points, and when they come back."""
    return reviews.attempt_review(session, library, attempt_id)


@router.put(
    "/api/v1/attempts/{attempt_id}/review",
    response_model=AttemptReviewPublic,
    responses=ERRORS,
    tags=["api"],
)
def put_attempt_review(
    attempt_id: int, body: ReviewUpdate, session: SessionDep, library: LibraryDep
) -> AttemptReviewPublic:
    """Override the prompt's rating (again, hard, good, easy) or go back to the suggested one."""
    return reviews.rate(session, library, attempt_id, body.rating)


@router.get("/api/v1/postmortems", response_model=AttemptList, tags=["api"])
def search_postmortems(
    session: SessionDep,
    library: LibraryDep,
    q: str = Query(min_length=1, max_length=200, description="Words the postmortem contains."),
) -> AttemptList:
    """Attempts whose postmortem contains every word, newest first."""
    rows = journal.search_postmortems(session, q)
    return AttemptList(attempts=[attempts.to_public(a, library) for a in rows])


def _download(session: SessionDep, library: LibraryDep, fmt: str) -> Response:
    text = journal.export(session, library, fmt)
    name = f"mockloop-journal-{clock.utcnow():%Y-%m-%d}.{fmt}"
    return Response(
        text,
        media_type=journal.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/api/v1/export", tags=["api"], responses={200: {"content": {"text/plain": {}}}})
def export_journal(
    session: SessionDep, library: LibraryDep, format: ExportQuery = "json"
) -> Response:
    """The whole journal as Markdown, CSV or JSON (the JSON is what /api/v1/import takes)."""
    return _download(session, library, format)


@router.post("/api/v1/import", response_model=ImportResult, responses=ERRORS, tags=["api"])
def import_journal(
    session: SessionDep,
    library: LibraryDep,
    data: Annotated[Any, Body(description="A JSON export.")],
) -> ImportResult:
    """Add what a JSON export holds that is not here yet (attempts with their code and judged
    submissions, circuit runs, custom circuits); all or nothing."""
    return journal.import_journal(session, journal.validate(data), library)


# --- pages ------------------------------------------------------------------------------------


def _today_page(request: Request, session: SessionDep, library: LibraryDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "today.html", {"today": reviews.today(session, library)}
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(
    request: Request,
    session: SessionDep,
    library: LibraryDep,
    category: str = "",
    company: str = "",
    difficulty: str = "",
    tag: str = "",
    q: str = "",
) -> HTMLResponse:
    if request.url.query or not reviews.has_history(session):
        return pages.library_page(request, library, category, company, difficulty, tag, q)
    return _today_page(request, session, library)


@router.get("/today", response_class=HTMLResponse, include_in_schema=False)
def today_page(request: Request, session: SessionDep, library: LibraryDep) -> HTMLResponse:
    return _today_page(request, session, library)


@router.get("/stats", response_class=HTMLResponse, include_in_schema=False)
def stats_page(request: Request, session: SessionDep, library: LibraryDep) -> HTMLResponse:
    figures = get_stats(session, library)
    charts = {
        "weeks": progress_charts.attempts_per_week(figures.attempts_per_week),
        "time": progress_charts.time_vs_target(figures.time_vs_target),
        "hits": {
            row.category: progress_charts.hit_share_line(
                f"chart-hits-{row.category}", row.category, row.weeks
            )
            for row in figures.hit_share
        },
        "calendar": progress_charts.calendar(figures.calendar, figures.today),
    }
    return templates.TemplateResponse(request, "stats.html", {"stats": figures, "charts": charts})


@router.get("/history/search", response_class=HTMLResponse, include_in_schema=False)
def history_search_page(
    request: Request,
    session: SessionDep,
    library: LibraryDep,
    q: str = Query(default="", max_length=200),
) -> HTMLResponse:
    rows = [attempts.to_public(a, library) for a in journal.search_postmortems(session, q)]
    return templates.TemplateResponse(request, "progress_search.html", {"attempts": rows, "q": q})


@router.post("/history/import", include_in_schema=False, response_class=HTMLResponse)
def history_import(
    request: Request,
    session: SessionDep,
    library: LibraryDep,
    journal_file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Import a JSON export chosen on the history page; the page says what was added, or why
    nothing was."""
    data = journal_file.file.read() if journal_file is not None else b""
    if not data:
        problem = "Choose a JSON export (made by Download the journal: JSON, or `mockloop export --format json`)."
        return pages.history_response(request, library, session, problem=problem, status_code=422)
    try:
        parsed = journal.parse(data)
    except Invalid as exc:
        name = journal_file.filename if journal_file and journal_file.filename else "the file"
        problem = f"Nothing was imported from {name}: {exc.message}"
        return pages.history_response(request, library, session, problem=problem, status_code=422)
    result = journal.import_journal(session, parsed, library)
    return pages.history_response(request, library, session, notice=journal.describe_import(result))


@router.get("/history/export", include_in_schema=False)
def history_export(
    session: SessionDep, library: LibraryDep, format: ExportQuery = "md"
) -> Response:
    return _download(session, library, format)


def _review_fragment(
    request: Request, session: SessionDep, library: LibraryDep, attempt_id: int
) -> HTMLResponse:
    htmx = request.headers.get("hx-request") == "true"
    return templates.TemplateResponse(
        request,
        "_progress_review.html" if htmx else "progress_review.html",
        {"review": reviews.attempt_review(session, library, attempt_id)},
    )


@router.get("/attempts/{attempt_id}/review", response_class=HTMLResponse, include_in_schema=False)
def attempt_review_page(
    attempt_id: int, request: Request, session: SessionDep, library: LibraryDep
) -> HTMLResponse:
    return _review_fragment(request, session, library, attempt_id)


@router.post("/attempts/{attempt_id}/review", include_in_schema=False)
def rate_attempt(
    attempt_id: int,
    request: Request,
    session: SessionDep,
    library: LibraryDep,
    rating: Annotated[Literal["again", "hard", "good", "easy", "auto"], Form()],
) -> Response:
    chosen: RatingName | None = None if rating == "auto" else rating
    reviews.rate(session, library, attempt_id, chosen)
    if request.headers.get("hx-request") != "true":
        return RedirectResponse(f"/attempts/{attempt_id}#attempt-review", status_code=303)
    return _review_fragment(request, session, library, attempt_id)
