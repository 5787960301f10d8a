"""The recordings table: one audio or camera recording of an attempt, its file under recordings/."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mockloop.practice.clock import utcnow
from mockloop.practice.tables import Attempt, Base


class Recording(Base):
    """A recording attached to an attempt, uploaded in numbered chunks while it records."""

    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    mime_type: Mapped[str] = mapped_column(String(120))
    container: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(200), unique=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    last_chunk_sha256: Mapped[str | None] = mapped_column(String(64))
    # When the recorder follows the timer (it started while the timer ran), recording time is the
    # attempt's elapsed time less this offset; otherwise it is wall time since started_at.
    follows_timer: Mapped[bool] = mapped_column(Boolean)
    attempt_offset_seconds: Mapped[float] = mapped_column(Float)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_chunk_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    duration_seconds: Mapped[float | None] = mapped_column(Float)

    attempt: Mapped[Attempt] = relationship()
