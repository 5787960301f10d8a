"""The JSON API under /api/v1: parse, call one service function, return a schema."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from mockloop.library import views
from mockloop.library.library import PromptFilter
from mockloop.practice import attempts, reviews
from mockloop.practice.errors import NotFound
from mockloop.practice.schemas import (
    AttemptCreate,
    AttemptPublic,
    MarksUpdate,
    PostmortemUpdate,
    RevealRequest,
)
from mockloop.web.deps import LibraryDep, SessionDep

router = APIRouter(prefix="/api/v1", tags=["api"])

CategoryQuery = Literal["coding", "ml-coding", "ml-system-design", "behavioral", "theory"]
DifficultyQuery = Literal["easy", "medium", "hard"]


class PromptList(BaseModel):
    prompts: list[views.PromptSummary]


class AttemptList(BaseModel):
    attempts: list[AttemptPublic]


class ResourceList(BaseModel):
    resources: list[views.ResourcePublic]


class ErrorMessage(BaseModel):
    detail: str


ERRORS = {404: {"model": ErrorMessage}, 409: {"model": ErrorMessage}, 422: {"model": ErrorMessage}}


@router.get("/prompts", response_model=PromptList)
def list_prompts(
    library: LibraryDep,
    category: CategoryQuery | None = None,
    company: str | None = Query(default=None, max_length=100),
    difficulty: DifficultyQuery | None = None,
    tag: str | None = Query(default=None, max_length=100),
    q: str | None = Query(default=None, max_length=200),
) -> PromptList:
    """Prompts matching every given filter; `q` is a full-text search."""
    flt = PromptFilter(category=category, company=company, difficulty=difficulty, tag=tag, q=q)
    return PromptList(prompts=[views.summary(p) for p in library.filter(flt)])


@router.get("/prompts/{slug}", response_model=views.PromptPublic, responses=ERRORS)
def get_prompt(slug: str, library: LibraryDep) -> views.PromptPublic:
    """A prompt's statement and metadata, without its answer."""
    return views.public(attempts.require_prompt(library, slug))


@router.get("/prompts/{slug}/answer", response_model=views.PromptAnswer, responses=ERRORS)
def get_answer(slug: str, library: LibraryDep) -> views.PromptAnswer:
    """A prompt's model answer, key points and follow-ups."""
    return views.answer(attempts.require_prompt(library, slug))


@router.get("/random", response_model=views.PromptSummary, responses=ERRORS)
def random_prompt(
    library: LibraryDep,
    session: SessionDep,
    category: CategoryQuery | None = None,
    company: str | None = Query(default=None, max_length=100),
    difficulty: DifficultyQuery | None = None,
    tag: str | None = Query(default=None, max_length=100),
    q: str | None = Query(default=None, max_length=200),
    weak: bool = Query(default=False, description="Weak spots: favour what you miss most."),
) -> views.PromptSummary:
    """A random prompt within the filter, never the one attempted last when another matches."""
    flt = PromptFilter(category=category, company=company, difficulty=difficulty, tag=tag, q=q)
    avoid = attempts.last_prompt(session)
    prompt = (
        reviews.pick_weak(session, library, flt, avoid=avoid)
        if weak
        else library.pick_random(flt, avoid=avoid)
    )
    if prompt is None:
        raise NotFound("no prompt matches that filter")
    return views.summary(prompt)


@router.post("/attempts", status_code=201, response_model=AttemptPublic, responses=ERRORS)
def create_attempt(body: AttemptCreate, session: SessionDep, library: LibraryDep) -> AttemptPublic:
    """Start the timer on a new attempt."""
    return attempts.to_public(
        attempts.start(session, library, body.prompt, cram=body.cram), library
    )


@router.get("/attempts", response_model=AttemptList)
def list_attempts(
    session: SessionDep,
    library: LibraryDep,
    prompt: str | None = Query(default=None, max_length=120),
    limit: int = Query(default=200, ge=1, le=1000),
) -> AttemptList:
    """Attempts, newest first, optionally for one prompt."""
    rows = attempts.list_attempts(session, prompt=prompt, limit=limit)
    return AttemptList(attempts=[attempts.to_public(a, library) for a in rows])


@router.get("/attempts/{attempt_id}", response_model=AttemptPublic, responses=ERRORS)
def get_attempt(attempt_id: int, session: SessionDep, library: LibraryDep) -> AttemptPublic:
    """One attempt with its elapsed time, marks and postmortem."""
    return attempts.to_public(attempts.load(session, attempt_id), library)


@router.post("/attempts/{attempt_id}/pause", response_model=AttemptPublic, responses=ERRORS)
def pause_attempt(attempt_id: int, session: SessionDep, library: LibraryDep) -> AttemptPublic:
    """Pause the timer."""
    return attempts.to_public(attempts.pause(session, attempt_id), library)


@router.post("/attempts/{attempt_id}/resume", response_model=AttemptPublic, responses=ERRORS)
def resume_attempt(attempt_id: int, session: SessionDep, library: LibraryDep) -> AttemptPublic:
    """Resume a paused timer."""
    return attempts.to_public(attempts.resume(session, attempt_id), library)


@router.post("/attempts/{attempt_id}/stop", response_model=AttemptPublic, responses=ERRORS)
def stop_attempt(attempt_id: int, session: SessionDep, library: LibraryDep) -> AttemptPublic:
    """Stop the timer."""
    return attempts.to_public(attempts.stop(session, attempt_id), library)


@router.post("/attempts/{attempt_id}/reveal", response_model=AttemptPublic, responses=ERRORS)
def reveal(
    attempt_id: int, session: SessionDep, library: LibraryDep, body: RevealRequest | None = None
) -> AttemptPublic:
    """Reveal the next hint (default), the answer (stops the timer) or the follow-ups."""
    stage = (body or RevealRequest()).stage
    return attempts.to_public(attempts.reveal(session, library, attempt_id, stage), library)


@router.put("/attempts/{attempt_id}/marks", response_model=AttemptPublic, responses=ERRORS)
def put_marks(
    attempt_id: int, body: MarksUpdate, session: SessionDep, library: LibraryDep
) -> AttemptPublic:
    """Set which key points were missed."""
    return attempts.to_public(
        attempts.set_marks(session, library, attempt_id, body.missed), library
    )


@router.put("/attempts/{attempt_id}/postmortem", response_model=AttemptPublic, responses=ERRORS)
def put_postmortem(
    attempt_id: int, body: PostmortemUpdate, session: SessionDep, library: LibraryDep
) -> AttemptPublic:
    """Save the three postmortem lines."""
    return attempts.to_public(attempts.set_postmortem(session, attempt_id, body), library)


@router.get("/resources", response_model=ResourceList)
def list_resources(library: LibraryDep) -> ResourceList:
    """External mock-interview resources."""
    return ResourceList(
        resources=[views.ResourcePublic(**r.model_dump()) for r in library.resources]
    )
