"""The one place the services read the time, so tests can fix it."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

_zone: ZoneInfo | None = None  # None: the machine's own time zone


def utcnow() -> datetime:
    """The current time in UTC, naive (the database stores naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def set_zone(name: str) -> None:
    """Count days (stats, streaks, Today) in this IANA time zone; "" means the machine's own."""
    global _zone
    _zone = ZoneInfo(name) if name else None


def zone_name() -> str:
    """The zone days are counted in, as a name that changes when the zone does."""
    if _zone is not None:
        return _zone.key
    return f"local {'/'.join(time.tzname)} {time.timezone}"


def day_of(moment: datetime) -> date:
    """The calendar day a naive UTC moment falls on where the user is (daylight saving included)."""
    aware = moment.replace(tzinfo=UTC)
    return (aware.astimezone(_zone) if _zone is not None else aware.astimezone()).date()


def today() -> date:
    """The user's calendar day now."""
    return day_of(utcnow())


def iso(moment: datetime | None) -> str | None:
    """A naive UTC datetime as ISO 8601 with a Z."""
    return None if moment is None else moment.isoformat(timespec="milliseconds") + "Z"


def clock_text(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour on."""
    whole = int(round(abs(seconds)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
