"""Public shapes of library content, shared by the API, the pages and the CLI's --json."""

from __future__ import annotations

from pydantic import BaseModel

from mockloop.library.models import FollowUp, KeyPoint, Prompt, Resource


class PromptSummary(BaseModel):
    slug: str
    title: str
    category: str
    difficulty: str
    minutes: int
    companies: list[str]
    tags: list[str]
    source: str | None
    runnable: bool


class PromptPublic(PromptSummary):
    """A prompt as a candidate sees it before revealing anything: no answer."""

    prompt: str
    hints_total: int


class PromptAnswer(BaseModel):
    slug: str
    answer: str
    key_points: list[KeyPoint]
    follow_ups: list[FollowUp]


class PromptFull(PromptPublic):
    """Everything about a prompt (`mockloop show SLUG --answer --json`)."""

    hints: list[str]
    answer: str
    key_points: list[KeyPoint]
    follow_ups: list[FollowUp]


def summary(prompt: Prompt) -> PromptSummary:
    """A prompt's metadata, for lists."""
    return PromptSummary.model_validate(prompt.model_dump(include=set(PromptSummary.model_fields)))


def public(prompt: Prompt) -> PromptPublic:
    """A prompt without its answer."""
    return PromptPublic(
        **summary(prompt).model_dump(), prompt=prompt.statement, hints_total=len(prompt.hints)
    )


def answer(prompt: Prompt) -> PromptAnswer:
    """A prompt's answer, key points and follow-ups."""
    return PromptAnswer(
        slug=prompt.slug,
        answer=prompt.answer,
        key_points=prompt.key_points,
        follow_ups=prompt.follow_ups,
    )


def full(prompt: Prompt) -> PromptFull:
    """Everything about a prompt."""
    return PromptFull(
        **public(prompt).model_dump(),
        hints=prompt.hints,
        answer=prompt.answer,
        key_points=prompt.key_points,
        follow_ups=prompt.follow_ups,
    )


class ResourcePublic(Resource):
    pass
