"""Settings: each has a default and a help line; environment variables override."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field
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
    max_body_bytes: int = Field(
        default=1_000_000,
        description="Largest request body the web app accepts, in bytes.",
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


@lru_cache
def get_settings() -> Settings:
    """Settings read once from the environment."""
    return Settings()
