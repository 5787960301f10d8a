"""Shapes of what the circuit services take and return; the API, the pages and the CLI share them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mockloop.library.circuits import MAX_SEGMENTS, Segment, Slug
from mockloop.library.models import KeyPoint
from mockloop.practice.schemas import POSTMORTEM_LINE_MAX, PostmortemPublic


class CircuitCreate(BaseModel):
    """A custom circuit to save: the same segments as circuits.yaml."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    slug: Slug | None = Field(default=None, description="Default: made from the title.")
    description: str = Field(default="", max_length=2000)
    segments: list[Segment] = Field(min_length=1, max_length=MAX_SEGMENTS)


class PromptRef(BaseModel):
    """A prompt as a circuit lists it; difficulty is None while a run hides it."""

    slug: str
    title: str
    category: str
    difficulty: str | None


class SegmentPublic(BaseModel):
    """One segment of a circuit definition."""

    kind: Literal["prompt", "prompts", "pick", "choice", "break"]
    label: str
    minutes: int
    category: str = Field(description="The round's category, 'mixed', or 'break'.")
    prompts: list[PromptRef] = Field(description="Named prompts (prompt and prompts segments).")
    choices: list[PromptRef] = Field(description="The prompts a choice segment offers.")
    count: int | None = Field(description="How many prompts a pick draws.")
    filter: dict[str, str] | None = Field(description="What a pick draws from.")


class CircuitSummary(BaseModel):
    slug: str
    title: str
    description: str
    source: Literal["pack", "custom"]
    total_minutes: int
    rounds: int = Field(description="Segments that are not breaks.")
    round_kinds: list[str] = Field(description="Each segment's category, or 'break', in order.")


class CircuitPublic(CircuitSummary):
    segments: list[SegmentPublic]


class CircuitList(BaseModel):
    circuits: list[CircuitSummary]


class CircuitRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    circuit: str = Field(min_length=1, max_length=120, description="Slug of the circuit to run.")
    hide_difficulty: bool = Field(default=False, description="Hide difficulty until a round ends.")
    auto_advance: bool = Field(default=False, description="Move on by itself when time is up.")


class ChoiceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: str | None = Field(
        default=None, max_length=120, description="Slug of the chosen prompt; null picks at random."
    )


class StepRequest(BaseModel):
    """Which round (and prompt in it) the user is leaving, so a repeated click moves on only once."""

    model_config = ConfigDict(extra="forbid")

    position: int | None = Field(default=None, ge=0, description="The round being ended.")
    prompt: int | None = Field(default=None, ge=0, description="The prompt being left.")


class LoopPostmortemUpdate(BaseModel):
    """The loop-level postmortem: three lines about the whole loop."""

    model_config = ConfigDict(extra="forbid")

    went_well: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)
    missed: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)
    next_time: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)


class RunItemPublic(PromptRef):
    """One prompt of a run segment and the attempt at it (None until it is reached)."""

    attempt_id: int | None
    state: Literal["not-reached", "running", "paused", "stopped"]
    elapsed_seconds: float


class RunSegmentPublic(BaseModel):
    position: int
    kind: Literal["prompt", "prompts", "pick", "choice", "break"]
    label: str
    minutes: int
    seconds_given: float
    state: Literal["upcoming", "choosing", "running", "ended", "skipped"]
    started_at: str | None
    ended_at: str | None
    seconds_used: float
    seconds_left: float = Field(description="Time left in the round; negative in overtime.")
    overtime: bool
    choices: list[PromptRef]
    prompts: list[RunItemPublic]
    current_prompt: int | None = Field(description="Index in prompts of the one being answered.")


class CircuitRunPublic(BaseModel):
    """A circuit run as every front end shows it, with its clock computed by the server."""

    id: int
    circuit: str
    title: str
    state: Literal["running", "finished"]
    hide_difficulty: bool
    auto_advance: bool
    time_scale: float
    started_at: str
    finished_at: str | None
    current: int | None = Field(description="Position of the current segment; None when finished.")
    rounds_done: int
    rounds_total: int
    seconds_given_total: float
    seconds_left_total: float = Field(description="Time left in the whole loop, never negative.")
    segments: list[RunSegmentPublic]
    postmortem: PostmortemPublic | None
    server_time: str


class CircuitRunSummary(BaseModel):
    id: int
    circuit: str
    title: str
    state: Literal["running", "finished"]
    started_at: str
    finished_at: str | None
    rounds_done: int
    rounds_total: int


class CircuitRunList(BaseModel):
    circuit_runs: list[CircuitRunSummary]


class ReportItem(BaseModel):
    slug: str
    title: str
    category: str
    difficulty: str
    attempt_id: int | None
    elapsed_seconds: float
    marked: bool
    key_points_total: int
    missed: list[KeyPoint]
    postmortem: PostmortemPublic | None


class ReportRound(BaseModel):
    position: int
    kind: str
    label: str
    state: str
    seconds_given: float
    seconds_used: float
    overtime: bool
    prompts: list[ReportItem]


class CircuitReport(BaseModel):
    """The loop report: per round time used vs given, key points missed, postmortems."""

    run: CircuitRunSummary
    rounds: list[ReportRound]
    seconds_given_total: float
    seconds_used_total: float
    key_points_missed: int
    key_points_marked: int
    prompts_unmarked: int
    postmortem: PostmortemPublic | None
