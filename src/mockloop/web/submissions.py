"""Routes for judged code: the submissions API, the editor's draft, and the verdict fragments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from mockloop.judge import sandbox_status
from mockloop.library import Library
from mockloop.practice import attempts, submissions
from mockloop.practice.db import Database
from mockloop.practice.submissions import Runner, SubmissionPublic
from mockloop.web.deps import DatabaseDep, LibraryDep, SessionDep
from mockloop.web.pages import templates

router = APIRouter()


def get_runner(request: Request) -> Runner:
    return request.app.state.runner


RunnerDep = Annotated[Runner, Depends(get_runner)]


class SubmissionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, max_length=120, description="Slug of a runnable prompt.")
    code: str = Field(description="The whole solution module, at most 256 KB.")
    attempt: int | None = Field(default=None, description="Attempt to record the submission on.")


class CodeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str


class JudgeInfo(BaseModel):
    sandbox: str
    reason: str
    workers: int
    waiting: int


def _submit(
    database: Database,
    library: Library,
    runner: Runner,
    prompt: str,
    code: str,
    attempt: int | None,
) -> int:
    # Committed before judging starts: the runner records the verdict in a session of its own.
    with database.session() as session:
        submission_id = submissions.create(session, library, prompt, code, attempt).id
    runner.submit(submission_id, submissions.runnable_prompt(library, prompt), code)
    return submission_id


@router.post("/api/v1/submissions", status_code=201, response_model=SubmissionPublic, tags=["api"])
def create_submission(
    body: SubmissionBody, database: DatabaseDep, library: LibraryDep, runner: RunnerDep
) -> SubmissionPublic:
    """Judge code against a prompt's hidden tests; answers with the verdict (it waits in a queue
    when every worker is busy)."""
    submission_id = _submit(database, library, runner, body.prompt, body.code, body.attempt)
    runner.wait(submission_id)
    with database.session() as session:
        return submissions.to_public(submissions.load(session, submission_id))


@router.get("/api/v1/submissions/{submission_id}", response_model=SubmissionPublic, tags=["api"])
def get_submission(submission_id: int, session: SessionDep, runner: RunnerDep) -> SubmissionPublic:
    """A submission and its verdict (or its place in the queue while it waits)."""
    return submissions.to_public(
        submissions.load(session, submission_id), runner.position(submission_id)
    )


@router.put("/api/v1/attempts/{attempt_id}/code", status_code=204, tags=["api"])
def put_code(attempt_id: int, body: CodeBody, session: SessionDep) -> Response:
    """Save the code in an attempt's editor (the draft)."""
    submissions.save_draft(session, attempt_id, body.code)
    return Response(status_code=204)


@router.get("/api/v1/judge", response_model=JudgeInfo, tags=["api"])
def judge_info(runner: RunnerDep) -> JudgeInfo:
    """Which sandbox submissions run in, and how busy the judge is."""
    status = sandbox_status()
    return JudgeInfo(
        sandbox=status.kind,
        reason=status.reason,
        workers=runner.queue.max_running,
        waiting=runner.queue.waiting(),
    )


@router.post("/attempts/{attempt_id}/submissions", include_in_schema=False)
def run_tests_page(
    attempt_id: int,
    request: Request,
    database: DatabaseDep,
    library: LibraryDep,
    runner: RunnerDep,
    code: Annotated[str, Form()] = "",
) -> Response:
    with database.session() as session:
        prompt_slug = attempts.load(session, attempt_id).prompt_slug
        submissions.save_draft(session, attempt_id, code)
    submission_id = _submit(database, library, runner, prompt_slug, code, attempt_id)
    if request.headers.get("hx-request") != "true":
        runner.wait(submission_id)
        return RedirectResponse(f"/attempts/{attempt_id}#verdict", status_code=303)
    with database.session() as session:
        return _verdict_fragment(request, session, runner, submission_id)


@router.get("/submissions/{submission_id}/verdict", include_in_schema=False)
def verdict_fragment(
    submission_id: int, request: Request, session: SessionDep, runner: RunnerDep
) -> HTMLResponse:
    return _verdict_fragment(request, session, runner, submission_id)


def _verdict_fragment(
    request: Request, session: Session, runner: Runner, submission_id: int
) -> HTMLResponse:
    view = submissions.to_public(
        submissions.load(session, submission_id), runner.position(submission_id)
    )
    return templates.TemplateResponse(request, "_verdict.html", {"submission": view})
