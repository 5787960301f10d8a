"""Shapes of what the progress services (reviews, stats, journal) take and return."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mockloop.judge import MAX_CODE_BYTES, Verdict
from mockloop.library.views import PromptSummary
from mockloop.practice.schemas import POSTMORTEM_LINE_MAX

RatingName = Literal["again", "hard", "good", "easy"]


# --- reviews ----------------------------------------------------------------------------------


class ReviewUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: RatingName | None = Field(
        description="Your own rating of the attempt, or null to use the one from the marks and time."
    )


class KeyPointReview(BaseModel):
    id: str
    text: str
    missed: bool
    rating: RatingName
    due_at: str | None


class AttemptReviewPublic(BaseModel):
    """How an attempt rated its prompt and key points, and when they come back."""

    attempt_id: int
    prompt: str
    cram: bool
    stopped: bool
    marked: bool
    rated: bool
    key_points_hit: int
    key_points_total: int
    elapsed_seconds: float
    target_seconds: int
    suggested_rating: RatingName | None = Field(
        description="The rating from the share of key points hit and the time used."
    )
    override: RatingName | None
    rating: RatingName | None = Field(description="The rating applied (override or suggested).")
    due_at: str | None = Field(description="When the prompt is due again.")
    key_points: list[KeyPointReview]


class ReviewPublic(BaseModel):
    """The review state of a prompt (key_point null) or of one of its key points."""

    prompt: str
    key_point: str | None
    state: Literal["learning", "review", "relearning"]
    due_at: str
    last_review: str
    last_rating: RatingName
    stability: float | None
    difficulty: float | None
    reps: int
    lapses: int


class DueKeyPoint(BaseModel):
    """A key point you missed the last time, due again."""

    id: str
    text: str
    due_at: str
    lapses: int = Field(description="How often it was missed.")


class DuePrompt(BaseModel):
    """A prompt to practise: its own review is due, or some of its key points are."""

    prompt: PromptSummary
    due_at: str = Field(description="The earliest due time of the prompt or its key points.")
    prompt_due_at: str | None
    last_rating: RatingName | None
    key_points_due: int = Field(description="Its key points due, hit or missed last time.")
    key_points: list[DueKeyPoint] = Field(description="Those due that you missed last time.")


class WeakCategory(BaseModel):
    category: str
    key_points_marked: int
    key_points_missed: int
    miss_rate: float | None
    weight: float = Field(description="Share of Random weak mock draws that land in this category.")


class Suggestion(BaseModel):
    prompt: PromptSummary
    reason: str


class TodayPublic(BaseModel):
    """What to practise today."""

    today: date
    has_history: bool
    attempts: int
    streak_days: int
    due: list[DuePrompt]
    upcoming: list[DuePrompt] = Field(description="Due within the next seven days.")
    suggested: Suggestion | None
    weak_categories: list[WeakCategory]


# --- stats ------------------------------------------------------------------------------------


class WeekAttempts(BaseModel):
    week: date
    attempts: int


class CategoryTime(BaseModel):
    category: str
    attempts: int
    overtime: int
    average_seconds: float | None
    average_target_seconds: float | None
    share_of_target: float | None


class HitShareWeek(BaseModel):
    week: date
    key_points_marked: int
    key_points_missed: int
    hit_share: float | None


class CategoryHitShare(BaseModel):
    category: str
    hit_share: float | None = Field(description="Over the whole window.")
    weeks: list[HitShareWeek]


class MissedKeyPoint(BaseModel):
    prompt: str
    prompt_title: str
    category: str
    key_point_id: str
    text: str
    missed: int
    marked: int


class CalendarDay(BaseModel):
    day: date
    attempts: int


class StatsPublic(BaseModel):
    """Progress figures: stopped attempts only; days and weeks are UTC, weeks start on Monday."""

    today: date
    weeks: int
    attempts_total: int
    attempts_per_week: list[WeekAttempts]
    time_vs_target: list[CategoryTime]
    hit_share: list[CategoryHitShare]
    most_missed: list[MissedKeyPoint]
    calendar: list[CalendarDay]
    current_streak: int
    longest_streak: int
    active_days: int


# --- journal ----------------------------------------------------------------------------------

JOURNAL_FORMAT = "mockloop-journal"


class JournalMark(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key_point: str = Field(min_length=1, max_length=120)
    missed: bool


class JournalReveal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage: Literal["hint", "answer", "follow_ups"]
    hint_index: int | None = Field(default=None, ge=0)
    revealed_at: datetime
    offset_seconds: float = Field(ge=0)


class JournalPostmortem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    went_well: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)
    missed: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)
    next_time: str = Field(default="", max_length=POSTMORTEM_LINE_MAX)
    updated_at: datetime


class JournalSubmission(BaseModel):
    """Code sent to the judge and the verdict it got (only judged submissions are exported)."""

    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, max_length=120)
    code: str = Field(max_length=MAX_CODE_BYTES)
    created_at: datetime
    finished_at: datetime
    verdict: Verdict


class JournalAttempt(BaseModel):
    """One attempt as exported; (prompt, started_at) identifies it across databases."""

    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, max_length=120)
    target_minutes: int = Field(ge=1, le=1440)
    started_at: datetime
    paused_at: datetime | None = None
    paused_seconds: float = Field(default=0.0, ge=0)
    stopped_at: datetime | None = None
    hints_revealed: int = Field(default=0, ge=0)
    answer_revealed_at: datetime | None = None
    follow_ups_revealed_at: datetime | None = None
    marked_at: datetime | None = None
    cram: bool = False
    rating_override: RatingName | None = None
    updated_at: datetime
    marks: list[JournalMark] = Field(default_factory=list)
    reveals: list[JournalReveal] = Field(default_factory=list)
    postmortem: JournalPostmortem | None = None
    code: str | None = Field(
        default=None, max_length=MAX_CODE_BYTES, description="The editor's last draft."
    )
    code_updated_at: datetime | None = None
    submissions: list[JournalSubmission] = Field(default_factory=list)


class JournalAttemptRef(BaseModel):
    """Which attempt, by what identifies it across databases."""

    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, max_length=120)
    started_at: datetime


class JournalRunItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: str = Field(min_length=1, max_length=120)
    attempt: JournalAttemptRef | None = None


class JournalRunSegment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["prompt", "prompts", "pick", "choice", "break"]
    label: str = Field(max_length=120)
    minutes: int = Field(ge=0, le=1440)
    seconds_given: float = Field(ge=0)
    choices: list[str] = Field(default_factory=list)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    skipped: bool = False
    items: list[JournalRunItem] = Field(default_factory=list)


class JournalCircuitRun(BaseModel):
    """One pass through a circuit; (circuit, started_at) identifies it across databases."""

    model_config = ConfigDict(extra="forbid")

    circuit: str = Field(min_length=1, max_length=120)
    title: str = Field(max_length=200)
    hide_difficulty: bool = False
    auto_advance: bool = False
    time_scale: float = Field(default=1.0, gt=0)
    started_at: datetime
    finished_at: datetime | None = None
    updated_at: datetime
    postmortem: JournalPostmortem | None = None
    segments: list[JournalRunSegment]


class JournalCustomCircuit(BaseModel):
    """A circuit the user built; its slug identifies it across databases."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(min_length=1, max_length=120)
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    segments: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime


class Journal(BaseModel):
    """A user's whole history, as `mockloop export --format json` writes it.

    Version 1 held attempts only; version 2 adds code (drafts and judged submissions), circuit runs
    and custom circuits. Both import. Recordings are media files and stay where they are.
    """

    model_config = ConfigDict(extra="forbid")

    format: Literal["mockloop-journal"]
    version: Literal[1, 2]
    attempts: list[JournalAttempt]
    submissions: list[JournalSubmission] = Field(
        default_factory=list, description="Judged submissions made outside any attempt."
    )
    circuit_runs: list[JournalCircuitRun] = Field(default_factory=list)
    custom_circuits: list[JournalCustomCircuit] = Field(default_factory=list)


class ImportResult(BaseModel):
    imported: int
    skipped: int = Field(description="Attempts already in the database (same prompt and start).")
    circuit_runs_imported: int = 0
    circuit_runs_skipped: int = Field(
        default=0, description="Circuit runs already in the database (same circuit and start)."
    )
    submissions_imported: int = 0
    custom_circuits_imported: int = 0
    custom_circuits_skipped: int = Field(
        default=0, description="Custom circuits whose slug is already taken here."
    )
