"""Progress tables: review states (FSRS) and the rollups the Today and stats pages read.

Everything here is derived from attempts and can be rebuilt from them (`reviews.rebuild`); the
attempts, marks and postmortems stay the only record of what the user did.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mockloop.practice.tables import Base

PROMPT_CARD = ""  # the key_point_id of a prompt's own review; key point ids are never empty


class ReviewCard(Base):
    """The review state of one prompt (key_point_id '') or one key point: when it is due next."""

    __tablename__ = "reviews"

    prompt_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    key_point_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime)
    last_review: Mapped[datetime] = mapped_column(DateTime)
    last_rating: Mapped[int] = mapped_column(Integer)
    last_attempt_id: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)


Index("ix_reviews_due", ReviewCard.due)


class ReviewLog(Base):
    """One review of a card by one attempt, with the card's state right after it.

    The snapshot lets a re-marked attempt be re-rated by replaying from the review before it,
    so a rating is applied once per attempt however often the attempt is marked.
    """

    __tablename__ = "review_logs"

    prompt_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    key_point_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)
    rating: Mapped[int] = mapped_column(Integer)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime)
    reps: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)


Index(
    "ix_review_logs_order",
    ReviewLog.prompt_slug,
    ReviewLog.key_point_id,
    ReviewLog.reviewed_at,
    ReviewLog.attempt_id,
)
Index("ix_review_logs_attempt", ReviewLog.attempt_id)


class ProgressAttempt(Base):
    """What one attempt adds to the rollups, as last applied (so a change applies a delta).

    Only a stopped attempt counts in the rollups; every attempt keeps its postmortem's search text.
    """

    __tablename__ = "progress_attempts"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    prompt_slug: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    day: Mapped[date] = mapped_column(Date)
    elapsed_seconds: Mapped[float | None] = mapped_column(Float)  # null while the timer runs
    target_seconds: Mapped[int] = mapped_column(Integer)
    marks: Mapped[str | None] = mapped_column(
        Text
    )  # JSON {key point id: missed}; null = not marked
    search_text: Mapped[str] = mapped_column(Text, default="")  # the postmortem, casefolded


class ProgressWeek(Base):
    """Per week (its Monday) and prompt: stopped attempts, time used against target, key points
    marked and missed."""

    __tablename__ = "progress_weeks"

    week: Mapped[date] = mapped_column(Date, primary_key=True)
    prompt_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    overtime: Mapped[int] = mapped_column(Integer)
    elapsed_seconds: Mapped[float] = mapped_column(Float)
    target_seconds: Mapped[int] = mapped_column(Integer)
    key_points_marked: Mapped[int] = mapped_column(Integer)
    key_points_missed: Mapped[int] = mapped_column(Integer)


class ProgressDay(Base):
    """Stopped attempts per day, for the streak calendar."""

    __tablename__ = "progress_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)


class ProgressPrompt(Base):
    """All-time totals per prompt (the same figures as ProgressWeek)."""

    __tablename__ = "progress_prompts"

    prompt_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    overtime: Mapped[int] = mapped_column(Integer)
    elapsed_seconds: Mapped[float] = mapped_column(Float)
    target_seconds: Mapped[int] = mapped_column(Integer)
    key_points_marked: Mapped[int] = mapped_column(Integer)
    key_points_missed: Mapped[int] = mapped_column(Integer)


class ProgressKeyPoint(Base):
    """All-time: how often one key point was marked, and how often it was missed."""

    __tablename__ = "progress_key_points"

    prompt_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    key_point_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    marked: Mapped[int] = mapped_column(Integer)
    missed: Mapped[int] = mapped_column(Integer, index=True)


class ProgressMeta(Base):
    """Bookkeeping: the version of the derived data, so a new version rebuilds it once."""

    __tablename__ = "progress_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


__all__ = [
    "PROMPT_CARD",
    "ProgressAttempt",
    "ProgressDay",
    "ProgressKeyPoint",
    "ProgressMeta",
    "ProgressPrompt",
    "ProgressWeek",
    "ReviewCard",
    "ReviewLog",
]
