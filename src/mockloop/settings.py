"""Settings: each has a default and a help line; environment variables override."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_PACK = Path(__file__).parent / "library" / "packs" / "core"


def default_home() -> Path:
    """The per-user data directory that holds the database (and later recordings)."""
    return Path(platformdirs.user_data_dir("mockloop", appauthor=False))


class Settings(BaseSettings):
    """Every setting mockloop reads. Names map to `MOCKLOOP_<NAME>` environment variables."""

    model_config = SettingsConfigDict(env_prefix="MOCKLOOP_", extra="ignore")

    home: Path = Field(
        default_factory=default_home,
        description="Data directory: the SQLite database and recordings live here.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the database; default: SQLite file mockloop.db in home.",
    )
    packs: str = Field(
        default="",
        description="Extra content packs to load after the bundled one, separated by ':'.",
    )
    judge_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="Submissions judged at once; more wait in a queue (default: number of cores).",
    )
    max_body_bytes: int = Field(
        default=1_000_000,
        description="Largest request body the web app accepts, in bytes.",
    )
    timezone: str = Field(
        default="",
        description="IANA time zone that days are counted in (stats, streaks, Today); default: the machine's.",
    )
    max_import_bytes: int = Field(
        default=50_000_000,
        ge=1,
        description="Largest journal (JSON export) the web app accepts for import, in bytes.",
    )
    time_scale: float = Field(
        default=1.0,
        gt=0,
        le=3600,
        description="Circuit clocks run this many times faster (60: a minute lasts a second); for tests and demos.",
    )
    recording_cap_bytes: int = Field(
        default=500_000_000,
        ge=0,
        description="Largest size of one recording, in bytes; recording stops when it is reached.",
    )
    recordings_total_cap_bytes: int = Field(
        default=5_000_000_000,
        ge=0,
        description="Largest size of all recordings together, in bytes; delete some to record more.",
    )

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'mockloop.db'}"

    @property
    def pack_paths(self) -> list[Path]:
        """The bundled pack followed by any extra packs."""
        extra = [Path(p).expanduser() for p in self.packs.split(":") if p.strip()]
        return [BUNDLED_PACK, *extra]

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(
                    f"{name!r} is not a time zone name; expected an IANA name such as "
                    "'Europe/Berlin' or 'America/Los_Angeles'"
                ) from None
        return name


@lru_cache
def get_settings() -> Settings:
    """Settings read once from the environment."""
    return Settings()
