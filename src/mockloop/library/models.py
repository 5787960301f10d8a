"""The content model: what a prompt, a key point and a resource are."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

CATEGORIES: tuple[str, ...] = ("coding", "ml-coding", "ml-system-design", "behavioral", "theory")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Category = Literal["coding", "ml-coding", "ml-system-design", "behavioral", "theory"]
Difficulty = Literal["easy", "medium", "hard"]


class FrontMatter(BaseModel):
    """The YAML block at the top of prompt.md."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    category: Category
    difficulty: Difficulty
    minutes: int = Field(default=45, ge=1, le=240)
    companies: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    source: str | None = None

    @field_validator("tags")
    @classmethod
    def tags_are_kebab(cls, tags: list[str]) -> list[str]:
        import re

        bad = [t for t in tags if not re.match(KEBAB, t)]
        if bad:
            raise ValueError(f"tags must be lowercase-kebab (like 'hash-map'), got {bad}")
        return tags


class KeyPoint(BaseModel):
    """One thing a strong answer contains; `id` is stable within its prompt."""

    id: str = Field(pattern=KEBAB)
    text: str = Field(min_length=1)


class FollowUp(BaseModel):
    """A question an interviewer asks next, with its answer (Markdown)."""

    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)


class Prompt(BaseModel):
    """One interview question with everything needed to practise it."""

    slug: str = Field(pattern=KEBAB)
    title: str
    category: Category
    difficulty: Difficulty
    minutes: int
    companies: list[str]
    tags: list[str]
    source: str | None
    statement: str
    hints: list[str] = Field(min_length=2, max_length=4)
    answer: str
    key_points: list[KeyPoint] = Field(min_length=4, max_length=10)
    follow_ups: list[FollowUp] = Field(min_length=2, max_length=5)
    folder: Path
    runnable: bool = False

    def key_point_ids(self) -> list[str]:
        """The ids of this prompt's key points, in order."""
        return [kp.id for kp in self.key_points]


class Resource(BaseModel):
    """An external place to practise, from a pack's resources.yaml."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    url: str | None = None
    cost: Literal["free", "paid"]
    purpose: str = Field(min_length=1)
