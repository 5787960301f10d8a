"""Circuit tables: custom circuits, circuit runs, their resolved segments and the prompts in them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mockloop.practice.clock import utcnow
from mockloop.practice.tables import Attempt, Base


class CustomCircuit(Base):
    """A circuit built in the UI (or through the API) and saved; its segments are JSON."""

    __tablename__ = "custom_circuits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    segments_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CircuitRun(Base):
    """One pass through a circuit. Its segments were resolved at the start, so it can be replayed."""

    __tablename__ = "circuit_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    circuit_slug: Mapped[str] = mapped_column(String(120), index=True)
    title: Mapped[str] = mapped_column(String(200))
    hide_difficulty: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_advance: Mapped[bool] = mapped_column(Boolean, default=False)
    time_scale: Mapped[float] = mapped_column(Float, default=1.0)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    went_well: Mapped[str] = mapped_column(Text, default="")
    missed: Mapped[str] = mapped_column(Text, default="")
    next_time: Mapped[str] = mapped_column(Text, default="")
    postmortem_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    segments: Mapped[list[RunSegment]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="RunSegment.position"
    )


class RunSegment(Base):
    """One segment of a run: what it holds, the time it was given and when it started and ended."""

    __tablename__ = "circuit_run_segments"
    __table_args__ = (UniqueConstraint("run_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("circuit_runs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(120))
    minutes: Mapped[int] = mapped_column(Integer)
    seconds_given: Mapped[float] = mapped_column(Float)
    choices_json: Mapped[str] = mapped_column(Text, default="[]")
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)

    run: Mapped[CircuitRun] = relationship(back_populates="segments")
    items: Mapped[list[RunItem]] = relationship(
        back_populates="segment", cascade="all, delete-orphan", order_by="RunItem.position"
    )


class RunItem(Base):
    """One prompt of a run segment (named, drawn or chosen) and the attempt made at it."""

    __tablename__ = "circuit_run_items"
    __table_args__ = (UniqueConstraint("segment_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(
        ForeignKey("circuit_run_segments.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    prompt_slug: Mapped[str] = mapped_column(String(120))
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="SET NULL"), index=True
    )

    segment: Mapped[RunSegment] = relationship(back_populates="items")
    attempt: Mapped[Attempt | None] = relationship()
