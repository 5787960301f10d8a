"""The in-memory library: every loaded prompt and resource, with filtering, search and random picks."""

from __future__ import annotations

import hashlib
import os
import pickle
import random
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mockloop import __version__
from mockloop.library.circuits import Circuit, load_circuits
from mockloop.library.loader import ContentError, load_pack
from mockloop.library.models import CATEGORIES, Prompt, Resource


@dataclass(frozen=True)
class PromptFilter:
    """What the library page and `mockloop list` filter on; empty fields match everything."""

    category: str | None = None
    company: str | None = None
    difficulty: str | None = None
    tag: str | None = None
    q: str | None = None

    def matches(self, prompt: Prompt) -> bool:
        """Whether a prompt passes every field of the filter except the text query."""
        if self.category and prompt.category != self.category:
            return False
        if self.difficulty and prompt.difficulty != self.difficulty:
            return False
        if self.company and self.company.casefold() not in {c.casefold() for c in prompt.companies}:
            return False
        return not (self.tag and self.tag not in prompt.tags)


class SearchIndex:
    """Full-text search over prompts with SQLite FTS5, held in memory."""

    def __init__(self, prompts: Iterable[Prompt]) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE prompts USING fts5(slug UNINDEXED, title, tags, statement, answer,"
            " tokenize='porter unicode61')"
        )
        self._db.executemany(
            "INSERT INTO prompts VALUES (?, ?, ?, ?, ?)",
            [
                (p.slug, p.title, " ".join(p.tags + p.companies), p.statement, p.answer)
                for p in prompts
            ],
        )

    def search(self, query: str) -> list[str]:
        """Slugs matching every word of the query (prefix match), best first."""
        words = re.findall(r"\w+", query.lower())
        if not words:
            return []
        match = " ".join(f'"{w}"*' for w in words)
        with self._lock:
            rows = self._db.execute(
                "SELECT slug FROM prompts WHERE prompts MATCH ?"
                " ORDER BY bm25(prompts, 0, 10.0, 5.0, 2.0, 1.0)",
                (match,),
            ).fetchall()
        return [r[0] for r in rows]


class Library:
    """Every prompt and resource of the loaded packs, read-only after loading."""

    def __init__(
        self,
        prompts: Sequence[Prompt],
        resources: Sequence[Resource],
        errors: Sequence[ContentError] = (),
        circuits: Sequence[Circuit] = (),
    ) -> None:
        order = {c: i for i, c in enumerate(CATEGORIES)}
        self.prompts: dict[str, Prompt] = {
            p.slug: p
            for p in sorted(prompts, key=lambda p: (order[p.category], p.title.casefold()))
        }
        self.resources = list(resources)
        self.errors = list(errors)
        self.circuits: dict[str, Circuit] = {c.slug: c for c in circuits}
        self._index = SearchIndex(self.prompts.values())

    def get(self, slug: str) -> Prompt | None:
        """The prompt with this slug, or None."""
        return self.prompts.get(slug)

    def filter(self, flt: PromptFilter) -> list[Prompt]:
        """Prompts matching a filter; with a text query, best matches first."""
        if flt.q and flt.q.strip():
            candidates = [self.prompts[s] for s in self._index.search(flt.q) if s in self.prompts]
        else:
            candidates = list(self.prompts.values())
        return [p for p in candidates if flt.matches(p)]

    def pick_random(
        self, flt: PromptFilter, avoid: str | None = None, rng: random.Random | None = None
    ) -> Prompt | None:
        """A random prompt within the filter, never `avoid` when another prompt matches."""
        candidates = self.filter(flt)
        if avoid and len(candidates) > 1:
            candidates = [p for p in candidates if p.slug != avoid]
        if not candidates:
            return None
        return (rng or random).choice(candidates)

    def companies(self) -> list[str]:
        """Every company named by some prompt, sorted."""
        return sorted({c for p in self.prompts.values() for c in p.companies}, key=str.casefold)

    def tags(self) -> list[str]:
        """Every tag used by some prompt, sorted."""
        return sorted({t for p in self.prompts.values() for t in p.tags})


def load_library(paths: Sequence[Path], cache_dir: Path | None = None) -> Library:
    """Load packs in order; a later pack may not redefine a slug of an earlier one.

    With a cache folder, a library parsed before from exactly the same files is read back from a
    pickle instead (the CLI's start-up would otherwise be spent parsing Markdown).
    """
    if cache_dir is not None:
        return _cached(paths, cache_dir)
    prompts: list[Prompt] = []
    resources: list[Resource] = []
    errors: list[ContentError] = []
    seen: dict[str, Path] = {}
    packs = []
    for path in paths:
        pack = load_pack(path)
        packs.append(pack)
        errors += pack.errors
        for prompt in pack.prompts:
            if prompt.slug in seen:
                errors.append(
                    ContentError(
                        prompt.folder / "prompt.md",
                        "slug",
                        f"expected a unique slug; {prompt.slug!r} is already defined in {seen[prompt.slug]}",
                    )
                )
                continue
            seen[prompt.slug] = prompt.folder
            prompts.append(prompt)
        resources += pack.resources
    circuits, circuit_errors = load_circuits(packs, {p.slug: p for p in prompts})
    return Library(prompts, resources, errors + circuit_errors, circuits)


def _signature(paths: Sequence[Path]) -> str:
    """A digest of every file of the packs (name, size, modification time) and of this code."""
    digest = hashlib.sha256(f"{__version__}:{Path(__file__).stat().st_mtime_ns}".encode())
    for root in paths:
        root = Path(root)
        digest.update(str(root.resolve()).encode())
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _cached(paths: Sequence[Path], cache_dir: Path) -> Library:
    cache = Path(cache_dir) / f"library-{_signature(paths)}.pickle"
    try:
        with cache.open("rb") as f:
            prompts, resources, errors, circuits = pickle.load(f)
        return Library(prompts, resources, errors, circuits)
    except (
        OSError,
        pickle.PickleError,
        EOFError,
        AttributeError,
        ImportError,
        ValueError,
        TypeError,
    ):
        pass  # missing, stale or unreadable: parse the packs again
    library = load_library(paths)
    state = (
        list(library.prompts.values()),
        library.resources,
        library.errors,
        list(library.circuits.values()),
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        for old in cache.parent.glob("library-*.pickle"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache.parent, delete=False) as tmp:
            pickle.dump(state, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, cache)  # atomic: a reader never sees half a file
    except OSError:
        pass  # a read-only home still works, only slower
    return library
