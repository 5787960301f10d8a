"""Shapes of what the practice services take and return; the API and the CLI share them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

POSTMORTEM_LINE_MAX = 2000


class AttemptCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, max_length=120, description="Slug of the prompt to attempt.")
    cram: bool = Field(default=False, description="Cram mode: recorded, but no review moves.")


class RevealRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: Literal["hint", "answer", "follow_ups"] = Field(
        default="hint", description="Reveal the next hint, the model answer, or the follow-ups."
    )


class MarksUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    missed: list[str] = Field(
        max_length=50,
        description="Ids of the key points missed; every other key point counts as hit.",
    )


class PostmortemUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    went_well: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)
    missed: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)
    next_time: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)


class PostmortemPublic(PostmortemUpdate):
    updated_at: str | None = None


class RevealPublic(BaseModel):
    stage: str
    hint_index: int | None
    revealed_at: str
    offset_seconds: float


class AttemptPublic(BaseModel):
    """An attempt as every front end shows it, with its time computed by the server."""

    id: int
    prompt: str
    prompt_title: str
    category: str
    state: Literal["running", "paused", "stopped"]
    started_at: str
    paused_at: str | None
    stopped_at: str | None
    elapsed_seconds: float
    target_seconds: int
    overtime: bool
    hints_revealed: int
    hints_total: int
    answer_revealed: bool
    follow_ups_revealed: bool
    marked: bool
    missed: list[str]
    hit: list[str]
    postmortem: PostmortemPublic | None
    reveals: list[RevealPublic]
    server_time: str
    circuit_run_id: int | None = None
    cram: bool = False
