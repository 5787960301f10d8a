"""Circuits as content: the segment kinds of circuits.yaml, and the checks that make them runnable."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from mockloop.library.loader import ContentError, PackContent
from mockloop.library.models import KEBAB, Category, Difficulty, Prompt

SEGMENT_KINDS: tuple[str, ...] = ("prompt", "prompts", "pick", "choice", "break")
MAX_SEGMENTS = 30
Slug = Annotated[str, Field(pattern=KEBAB, max_length=120)]


class _SegmentBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1, max_length=120)
    minutes: int = Field(ge=1, le=240)


class PromptSegment(_SegmentBase):
    """One named prompt."""

    kind: Literal["prompt"]
    prompt: Slug


class PromptsSegment(_SegmentBase):
    """Several named prompts sharing the segment's time, answered one after another."""

    kind: Literal["prompts"]
    prompts: list[Slug] = Field(min_length=2, max_length=10)


class PickFilter(BaseModel):
    """What a pick draws from; an empty field matches every prompt."""

    model_config = ConfigDict(extra="forbid")

    category: Category | None = None
    difficulty: Difficulty | None = None
    company: str | None = Field(default=None, min_length=1, max_length=100)
    tag: str | None = Field(default=None, pattern=KEBAB, max_length=100)

    def matches(self, prompt: Prompt) -> bool:
        """Whether a prompt passes every field of the filter (company ignores case)."""
        if self.category and prompt.category != self.category:
            return False
        if self.difficulty and prompt.difficulty != self.difficulty:
            return False
        if self.company and self.company.casefold() not in {c.casefold() for c in prompt.companies}:
            return False
        return not (self.tag and self.tag not in prompt.tags)

    def describe(self) -> str:
        """The filter in words, e.g. 'category=coding, difficulty=hard' or 'any prompt'."""
        parts = [f"{k}={v}" for k, v in self.model_dump(exclude_none=True).items()]
        return ", ".join(parts) or "any prompt"


class PickSegment(_SegmentBase):
    """`count` prompts drawn at run time from a filter."""

    kind: Literal["pick"]
    count: int = Field(default=1, ge=1, le=10)
    filter: PickFilter = Field(default_factory=PickFilter)


class ChoiceSegment(_SegmentBase):
    """One of several named prompts, chosen at the start of the segment (or at random)."""

    kind: Literal["choice"]
    choices: list[Slug] = Field(min_length=2, max_length=10)


class BreakSegment(_SegmentBase):
    """Minutes of rest with a countdown."""

    kind: Literal["break"]


Segment = Annotated[
    PromptSegment | PromptsSegment | PickSegment | ChoiceSegment | BreakSegment,
    Field(discriminator="kind"),
]


class Circuit(BaseModel):
    """An ordered list of segments that mimics a real loop."""

    model_config = ConfigDict(extra="forbid")

    slug: Slug
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    segments: list[Segment] = Field(min_length=1, max_length=MAX_SEGMENTS)

    def total_minutes(self) -> int:
        """Minutes from the first segment's start to the last one's end."""
        return sum(s.minutes for s in self.segments)

    def named_prompts(self) -> list[str]:
        """Every prompt the circuit names (prompt, prompts and choice segments), in order."""
        return [slug for segment in self.segments for slug in named_in(segment)]


_segment_adapter: TypeAdapter[Any] = TypeAdapter(Segment)


def named_in(segment: Any) -> list[str]:
    """The prompts a segment names (none for a pick or a break)."""
    if isinstance(segment, PromptSegment):
        return [segment.prompt]
    if isinstance(segment, PromptsSegment):
        return list(segment.prompts)
    if isinstance(segment, ChoiceSegment):
        return list(segment.choices)
    return []


def slugify(title: str) -> str:
    """A kebab slug made from a title ('My loop!' -> 'my-loop')."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:80].strip("-")


# --- picks: one distinct prompt per slot, or a clear reason why not ------------------------------


def _augment(
    slot: int,
    candidates: Sequence[Sequence[str]],
    owner: dict[str, int],
    seen: set[str],
) -> bool:
    for slug in candidates[slot]:
        if slug in seen:
            continue
        seen.add(slug)
        if slug not in owner or _augment(owner[slug], candidates, owner, seen):
            owner[slug] = slot
            return True
    return False


def _matchable(candidates: Sequence[Sequence[str]]) -> bool:
    """Whether every slot can get a distinct prompt from its candidates (bipartite matching)."""
    owner: dict[str, int] = {}
    return all(_augment(slot, candidates, owner, set()) for slot in range(len(candidates)))


def draw_distinct(
    candidates: Sequence[Sequence[str]], rng: random.Random | None = None
) -> list[str] | None:
    """A random distinct prompt per slot such that every later slot can still be filled; None if impossible."""
    rng = rng or random.Random()
    if not _matchable(candidates):
        return None
    drawn: list[str] = []
    for slot, options in enumerate(candidates):
        shuffled = list(options)
        rng.shuffle(shuffled)
        for slug in shuffled:
            if slug in drawn:
                continue
            rest = [
                [c for c in later if c not in drawn and c != slug]
                for later in candidates[slot + 1 :]
            ]
            if _matchable(rest):
                drawn.append(slug)
                break
    return drawn


def pick_candidates(circuit: Circuit, prompts: Mapping[str, Prompt]) -> list[list[str]]:
    """For each pick segment, the prompts its filter matches, less those the circuit names."""
    named = set(circuit.named_prompts())
    return [
        [slug for slug, p in prompts.items() if slug not in named and segment.filter.matches(p)]
        for segment in circuit.segments
        if isinstance(segment, PickSegment)
    ]


def check_circuit(circuit: Circuit, prompts: Mapping[str, Prompt]) -> list[tuple[str, str]]:
    """(field, message) for every named prompt that does not exist and every pick that cannot be filled."""
    problems: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for n, segment in enumerate(circuit.segments):
        field_name = {"prompt": "prompt", "prompts": "prompts", "choice": "choices"}.get(
            segment.kind, ""
        )
        for slug in named_in(segment):
            where = f"segments[{n}].{field_name}"
            if slug not in prompts:
                problems.append((where, f"expected the slug of a loaded prompt, got {slug!r}"))
            elif slug in seen:
                problems.append(
                    (
                        where,
                        f"expected each prompt once per circuit; {slug!r} is also in {seen[slug]}",
                    )
                )
            seen.setdefault(slug, where)
    slots: list[list[str]] = []
    named = set(seen)
    for n, segment in enumerate(circuit.segments):
        if not isinstance(segment, PickSegment):
            continue
        matching = [
            slug for slug, p in prompts.items() if slug not in named and segment.filter.matches(p)
        ]
        where = f"segments[{n}].filter"
        if len(matching) < segment.count:
            problems.append(
                (
                    where,
                    f"expected at least {segment.count} prompt{'s' if segment.count > 1 else ''}"
                    f" matching {segment.filter.describe()} (not counting prompts the circuit"
                    f" names); found {len(matching)}"
                    + (f": {', '.join(matching)}" if matching else ""),
                )
            )
            continue
        slots += [matching] * segment.count
        if not _matchable(slots):
            problems.append(
                (
                    where,
                    f"expected {segment.count} more distinct prompt{'s' if segment.count > 1 else ''}"
                    f" matching {segment.filter.describe()} after the circuit's earlier picks;"
                    f" only {len(matching)} match and the earlier picks may take them",
                )
            )
    return problems


def _where(loc: Sequence[int | str]) -> str:
    """A pydantic location as a field path, without the tag pydantic adds for the segment's kind."""
    out = ""
    parts = list(loc)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in SEGMENT_KINDS and i > 0 and isinstance(parts[i - 1], int):
            continue
        else:
            out += ("." if out else "") + part
    return out or "(circuit)"


def validation_problems(exc: ValidationError) -> list[tuple[str, str]]:
    """(field, message) for each error in a circuit, in the words `mockloop validate` uses."""
    problems = []
    for err in exc.errors():
        where, kind, message = _where(err["loc"]), err["type"], err["msg"]
        if kind == "missing":
            message = "is required"
        elif kind == "extra_forbidden":
            message = "is not a known field here (a typo, or a field of another segment kind?)"
        elif kind == "union_tag_not_found":
            where, message = where + ".kind", f"is required: one of {', '.join(SEGMENT_KINDS)}"
        elif kind == "union_tag_invalid":
            where = where + ".kind"
            message = (
                f"expected one of {', '.join(SEGMENT_KINDS)}, got {err['input'].get('kind')!r}"
            )
        elif kind == "literal_error":
            message = f"{message.replace('Input should be', 'expected')}, got {err['input']!r}"
        elif kind == "string_pattern_mismatch":
            message = f"expected a lowercase-kebab slug (like 'lru-cache'), got {err['input']!r}"
        problems.append((where, message))
    return problems


def load_circuits(
    packs: Iterable[PackContent], prompts: Mapping[str, Prompt]
) -> tuple[list[Circuit], list[ContentError]]:
    """Parse and check every pack's circuits.yaml against the prompts of all loaded packs."""
    circuits: list[Circuit] = []
    errors: list[ContentError] = []
    seen: dict[str, Path] = {}
    for pack in packs:
        if pack.circuits_raw is None:
            continue
        path = Path(pack.root) / "circuits.yaml"
        if not isinstance(pack.circuits_raw, list):
            errors.append(ContentError(path, "(file)", "expected a YAML list of circuits"))
            continue
        for n, entry in enumerate(pack.circuits_raw):
            try:
                circuit = Circuit.model_validate(entry)
            except ValidationError as exc:
                errors += [ContentError(path, f"[{n}].{f}", m) for f, m in validation_problems(exc)]
                continue
            problems = check_circuit(circuit, prompts)
            errors += [ContentError(path, f"[{n}].{f}", m) for f, m in problems]
            if circuit.slug in seen:
                errors.append(
                    ContentError(
                        path,
                        f"[{n}].slug",
                        f"expected a unique slug; {circuit.slug!r} is already defined in {seen[circuit.slug]}",
                    )
                )
                continue
            seen[circuit.slug] = path
            if not problems:
                circuits.append(circuit)
    return circuits, errors


def parse_segments(data: Any) -> list[Any]:
    """Segments from plain data (a saved custom circuit); raises ValidationError when malformed."""
    return [_segment_adapter.validate_python(item) for item in data]
