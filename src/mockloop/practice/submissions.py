"""Submissions: code for a runnable prompt, judged in a sandbox, kept with its verdict."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mockloop.judge import MAX_CODE_BYTES, JudgeQueue, QueuedSubmission, TestResult, Verdict
from mockloop.library import Library, Prompt
from mockloop.practice import attempts, clock
from mockloop.practice.db import Database
from mockloop.practice.errors import Invalid, NotFound, TooLarge
from mockloop.practice.tables_submissions import CodeDraft, Submission

log = logging.getLogger("mockloop.judge")


class SubmissionCreate(BaseModel):
    prompt: str
    code: str
    attempt: int | None = None


class SubmissionPublic(BaseModel):
    """A submission with its verdict; while it waits, `state` says so and `position` is its place."""

    id: int
    prompt: str
    attempt: int | None
    state: str
    position: int | None = None
    passed: bool | None = None
    status: str | None = None
    message: str | None = None
    tests: list[TestResult] = []
    duration_ms: float | None = None
    sandbox: str | None = None
    created_at: str


def runnable_prompt(library: Library, slug: str) -> Prompt:
    """The prompt, if it has hidden tests; NotFound or Invalid otherwise."""
    prompt = attempts.require_prompt(library, slug)
    if not prompt.runnable:
        raise Invalid(f"prompt {slug!r} is not runnable: it has no hidden tests")
    return prompt


def check_code(code: str) -> None:
    """Refuse code the judge would refuse, before anything is stored."""
    size = len(code.encode("utf-8"))
    if size > MAX_CODE_BYTES:
        raise TooLarge(f"code is {size:,} bytes; the limit is {MAX_CODE_BYTES:,} bytes (256 KB)")


def create(
    session: Session, library: Library, prompt_slug: str, code: str, attempt_id: int | None = None
) -> Submission:
    """Store a submission waiting for its verdict, on an attempt at the same prompt if given."""
    prompt = runnable_prompt(library, prompt_slug)
    check_code(code)
    if attempt_id is not None:
        attempt = attempts.load(session, attempt_id)
        if attempt.prompt_slug != prompt.slug:
            raise Invalid(
                f"attempt {attempt_id} is at {attempt.prompt_slug!r}, not {prompt.slug!r}"
            )
    submission = Submission(
        attempt_id=attempt_id,
        prompt_slug=prompt.slug,
        code=code,
        state="queued",
        created_at=clock.utcnow(),
    )
    session.add(submission)
    session.flush()
    return submission


def record_verdict(session: Session, submission_id: int, verdict: Verdict) -> None:
    """Attach the judge's verdict to a submission."""
    session.execute(
        update(Submission)
        .where(Submission.id == submission_id)
        .values(
            state="done",
            passed=verdict.passed,
            verdict_json=verdict.model_dump_json(),
            finished_at=clock.utcnow(),
        )
    )


def load(session: Session, submission_id: int) -> Submission:
    """The submission with this id, or NotFound."""
    submission = session.get(Submission, submission_id)
    if submission is None:
        raise NotFound(f"no submission with id {submission_id}")
    return submission


def latest_for_attempt(session: Session, attempt_id: int) -> Submission | None:
    """The newest submission on an attempt."""
    stmt = (
        select(Submission)
        .where(Submission.attempt_id == attempt_id)
        .order_by(Submission.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).one_or_none()


def to_public(submission: Submission, position: int | None = None) -> SubmissionPublic:
    """A submission as the API and pages show it."""
    data: dict = {}  # type: ignore[type-arg]
    if submission.verdict_json:
        data = json.loads(submission.verdict_json)
        data.pop("prompt", None)
    return SubmissionPublic(
        id=submission.id,
        prompt=submission.prompt_slug,
        attempt=submission.attempt_id,
        state=submission.state,
        position=position if submission.state != "done" else None,
        created_at=clock.iso(submission.created_at) or "",
        **data,
    )


def save_draft(session: Session, attempt_id: int, code: str) -> None:
    """Keep the code in an attempt's editor, replacing the previous draft."""
    check_code(code)
    attempt = attempts.load(session, attempt_id)
    draft = session.get(CodeDraft, attempt.id)
    if draft is None:
        session.add(CodeDraft(attempt_id=attempt.id, code=code, updated_at=clock.utcnow()))
    else:
        draft.code = code
        draft.updated_at = clock.utcnow()


def code_for_attempt(session: Session, prompt: Prompt, attempt_id: int) -> str:
    """What the editor opens with: the draft, else the last submission, else the starter."""
    draft = session.get(CodeDraft, attempt_id)
    if draft is not None:
        return draft.code
    latest = latest_for_attempt(session, attempt_id)
    if latest is not None:
        return latest.code
    return starter_code(prompt)


def editor_state(session: Session, prompt: Prompt, attempt_id: int) -> dict | None:  # type: ignore[type-arg]
    """What a runnable prompt's attempt page needs for its editor: the code and the last verdict."""
    if not prompt.runnable:
        return None
    latest = latest_for_attempt(session, attempt_id)
    return {
        "code": code_for_attempt(session, prompt, attempt_id),
        "latest": to_public(latest) if latest else None,
    }


def starter_code(prompt: Prompt) -> str:
    """The prompt's starter file."""
    path = Path(prompt.folder) / "starter.py"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


class Runner:
    """Judges submissions through a bounded queue and stores each verdict when it arrives."""

    def __init__(self, database: Database, library: Library, max_running: int) -> None:
        self.database = database
        self.library = library
        self.queue = JudgeQueue(max_running=max_running)
        self._pending: dict[int, tuple[QueuedSubmission, threading.Event]] = {}
        self._lock = threading.Lock()

    def recover(self) -> None:
        """Submissions left waiting by a stopped server will never get a verdict: say so."""
        with self.database.session() as session:
            stale = session.scalars(select(Submission).where(Submission.state != "done")).all()
            for submission in stale:
                verdict = Verdict(
                    prompt=submission.prompt_slug,
                    passed=False,
                    status="error",
                    message="the server stopped before this submission was judged; run it again",
                    tests=[],
                    duration_ms=0.0,
                    sandbox="rlimits-only",
                )
                record_verdict(session, submission.id, verdict)

    def submit(self, submission_id: int, prompt: Prompt, code: str) -> QueuedSubmission:
        """Queue a stored submission; its verdict is recorded as soon as the judge returns it."""
        pending = self.queue.submit(Path(prompt.folder), code)
        recorded = threading.Event()
        with self._lock:
            self._pending[submission_id] = (pending, recorded)
        threading.Thread(
            target=self._record, args=(submission_id, pending, recorded), daemon=True
        ).start()
        return pending

    def _record(
        self, submission_id: int, pending: QueuedSubmission, recorded: threading.Event
    ) -> None:
        try:
            verdict = pending.result()
            with self.database.session() as session:
                record_verdict(session, submission_id, verdict)
        except Exception:  # the verdict could not be stored; the submission stays queued
            log.exception("could not record the verdict of submission %s", submission_id)
        finally:
            with self._lock:
                self._pending.pop(submission_id, None)
            recorded.set()

    def position(self, submission_id: int) -> int | None:
        """1 = next to run, 0 = running; None once its verdict is stored."""
        with self._lock:
            entry = self._pending.get(submission_id)
        return None if entry is None else entry[0].position

    def wait(self, submission_id: int, timeout: float | None = None) -> None:
        """Block until the submission's verdict is stored."""
        with self._lock:
            entry = self._pending.get(submission_id)
        if entry is not None:
            entry[1].wait(timeout)

    def shutdown(self) -> None:
        """Stop taking submissions; running ones finish."""
        self.queue.shutdown(wait=False)
