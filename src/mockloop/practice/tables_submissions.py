"""Tables for code: each judged submission, and the draft an attempt's editor autosaves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mockloop.practice.clock import utcnow
from mockloop.practice.tables import Base


class Submission(Base):
    """Code sent to the judge for a runnable prompt, and the verdict once it is back."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    prompt_slug: Mapped[str] = mapped_column(String(120), index=True)
    code: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="queued")  # queued | done
    passed: Mapped[bool | None] = mapped_column(Boolean)
    verdict_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class CodeDraft(Base):
    """The code in an attempt's editor, saved as it is typed."""

    __tablename__ = "code_drafts"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
