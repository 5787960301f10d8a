"""Database tables (SQLAlchemy). Changing one needs an Alembic migration."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from mockloop.practice.clock import utcnow


class Base(DeclarativeBase):
    pass


class Attempt(Base):
    """One timed try at a prompt. Time is kept here, never in a browser."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prompt_slug: Mapped[str] = mapped_column(String(120), index=True)
    target_minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime)
    hints_revealed: Mapped[int] = mapped_column(Integer, default=0)
    answer_revealed_at: Mapped[datetime | None] = mapped_column(DateTime)
    follow_ups_revealed_at: Mapped[datetime | None] = mapped_column(DateTime)
    marked_at: Mapped[datetime | None] = mapped_column(DateTime)
    # progress: a cram attempt never moves a review; rating_override is the user's Again..Easy (1-4)
    cram: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    rating_override: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # The circuit run this attempt belongs to. The foreign key to circuit_runs.id is declared in
    # migration 0002 only: that table lives in tables_circuits, which this module must not need.
    circuit_run_id: Mapped[int | None] = mapped_column(Integer, index=True)

    marks: Mapped[list[Mark]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="Mark.key_point_id"
    )
    reveals: Mapped[list[Reveal]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="Reveal.id"
    )
    postmortem: Mapped[Postmortem | None] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", uselist=False
    )


class Reveal(Base):
    """When a hint, the answer or the follow-ups were shown, and how far into the attempt."""

    __tablename__ = "reveals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(20))
    hint_index: Mapped[int | None] = mapped_column(Integer)
    revealed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    offset_seconds: Mapped[float] = mapped_column(Float)

    attempt: Mapped[Attempt] = relationship(back_populates="reveals")


class Mark(Base):
    """Whether one key point was hit or missed in one attempt."""

    __tablename__ = "marks"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    key_point_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    missed: Mapped[bool] = mapped_column(Boolean)

    attempt: Mapped[Attempt] = relationship(back_populates="marks")


class Postmortem(Base):
    """The attempt's three lines: what went well, what I missed, what I will do next time."""

    __tablename__ = "postmortems"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    went_well: Mapped[str] = mapped_column(Text, default="")
    missed: Mapped[str] = mapped_column(Text, default="")
    next_time: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    attempt: Mapped[Attempt] = relationship(back_populates="postmortem")


Index("ix_marks_key_point", Mark.key_point_id, Mark.missed)
