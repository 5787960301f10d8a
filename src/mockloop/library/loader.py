"""Read packs from disk into validated models, collecting every error with its file and field."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from pydantic import BaseModel, ValidationError

from mockloop.library.models import CATEGORIES, KEBAB, FrontMatter, Prompt, Resource

SECTIONS = ("Prompt", "Hints", "Answer", "Key points", "Follow-ups")
KEY_POINT = re.compile(r"^\[(?P<id>[^\]\s]+)\]\s+(?P<text>\S.*)$", re.DOTALL)
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s?")
_md = MarkdownIt("commonmark")
LIST_TOKENS = ("bullet_list_open", "ordered_list_open", "bullet_list_close", "ordered_list_close")


@dataclass(frozen=True)
class ContentError:
    """One problem in a pack: which file, which field, what was expected."""

    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass
class PackContent:
    """Everything read from one pack, plus the errors found on the way."""

    root: Path
    prompts: list[Prompt]
    resources: list[Resource]
    circuits_raw: Any
    errors: list[ContentError]


def _pydantic_errors(path: Path, exc: ValidationError, prefix: str = "") -> list[ContentError]:
    errors = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"]) or "(file)"
        message = err["msg"]
        if err["type"] == "missing":
            message = "is required"
        elif err["type"] == "extra_forbidden":
            message = "is not a known field (a typo?)"
        elif err["type"] == "literal_error":
            message = f"{err['msg'].replace('Input should be', 'expected')}, got {err['input']!r}"
        errors.append(ContentError(path, prefix + field, message))
    return errors


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split `---`-fenced YAML front matter from the Markdown body."""
    if not text.startswith("---"):
        return None, text
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    return None, text


def _sections(body: str, level: str) -> list[tuple[str, str]]:
    """(heading, content) pairs for the headings of one level, code fences respected."""
    lines = body.splitlines(keepends=True)
    tokens = _md.parse(body)
    found: list[tuple[str, int, int]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == level and tok.level == 0 and tok.map:
            found.append((tokens[i + 1].content.strip(), tok.map[0], tok.map[1]))
    out = []
    for n, (title, _start, end) in enumerate(found):
        stop = found[n + 1][1] if n + 1 < len(found) else len(lines)
        out.append((title, "".join(lines[end:stop]).strip("\n")))
    return out


def _list_items(content: str) -> tuple[list[str], str | None]:
    """The top-level list items of a Markdown fragment, as text; or an error message."""
    lines = content.splitlines()
    tokens = _md.parse(content)
    items = []
    outside = False
    for tok in tokens:
        if tok.level == 0 and tok.type not in LIST_TOKENS:
            outside = True
        if tok.type == "list_item_open" and tok.level == 1 and tok.map:
            raw = lines[tok.map[0] : tok.map[1]]
            first = LIST_MARKER.sub("", raw[0], count=1)
            rest = textwrap.dedent("\n".join(raw[1:]))
            items.append((first + ("\n" + rest if rest.strip() else "")).strip())
    if outside:
        return items, "expected only a list (one item per entry), found other text"
    return items, None


def parse_prompt(
    path: Path, category_dir: str | None = None
) -> tuple[Prompt | None, list[ContentError]]:
    """Parse one prompt.md into a Prompt, or return every error found in it."""
    errors: list[ContentError] = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ContentError(path, "(file)", f"cannot be read as UTF-8 text: {exc}")]
    fm_text, body = split_front_matter(text)
    if fm_text is None:
        return None, [
            ContentError(
                path, "front matter", "expected a YAML block fenced by '---' lines at the top"
            )
        ]
    try:
        fm_data = yaml.safe_load(fm_text) or {}
    except yaml.YAMLError as exc:
        return None, [ContentError(path, "front matter", f"expected valid YAML: {exc}")]
    if not isinstance(fm_data, dict):
        return None, [ContentError(path, "front matter", "expected a mapping of field: value")]
    front: FrontMatter | None = None
    try:
        front = FrontMatter.model_validate(fm_data)
    except ValidationError as exc:
        errors += _pydantic_errors(path, exc)

    slug = path.parent.name
    if not re.match(KEBAB, slug):
        errors.append(
            ContentError(path, "slug", f"folder name must be lowercase-kebab, got {slug!r}")
        )
    if front and category_dir and front.category != category_dir:
        errors.append(
            ContentError(
                path,
                "category",
                f"expected {category_dir!r} (the folder it sits in), got {front.category!r}",
            )
        )

    sections = _sections(body, "h2")
    titles = [title for title, _ in sections]
    if titles != list(SECTIONS):
        missing = [s for s in SECTIONS if s not in titles]
        unknown = [t for t in titles if t not in SECTIONS]
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if unknown:
            detail.append(f"unknown {unknown}")
        if not detail:
            detail.append(f"out of order: {titles}")
        errors.append(
            ContentError(
                path,
                "sections",
                f"expected '## ' sections {list(SECTIONS)} in that order; " + ", ".join(detail),
            )
        )
        return None, errors
    content = dict(sections)

    hints, err = _list_items(content["Hints"])
    if err:
        errors.append(ContentError(path, "Hints", err))
    raw_points, err = _list_items(content["Key points"])
    if err:
        errors.append(ContentError(path, "Key points", err))
    key_points = []
    seen: set[str] = set()
    for n, item in enumerate(raw_points, 1):
        m = KEY_POINT.match(item)
        if not m:
            errors.append(
                ContentError(
                    path, f"Key points[{n}]", "expected '- [kebab-id] one checkable sentence'"
                )
            )
            continue
        kp_id = m["id"]
        if kp_id in seen:
            errors.append(
                ContentError(
                    path, f"Key points[{n}]", f"id {kp_id!r} is used twice; ids must be unique"
                )
            )
        seen.add(kp_id)
        key_points.append({"id": kp_id, "text": " ".join(m["text"].split())})

    follow_ups = [{"question": q, "answer": a} for q, a in _sections(content["Follow-ups"], "h3")]
    if content["Follow-ups"].strip() and not follow_ups:
        errors.append(
            ContentError(
                path, "Follow-ups", "expected '### Question?' headings, each followed by its answer"
            )
        )
    for field in ("Prompt", "Answer"):
        if not content[field].strip():
            errors.append(ContentError(path, field, "expected non-empty Markdown"))
    if errors or front is None:
        return None, errors

    data = front.model_dump() | {
        "slug": slug,
        "statement": content["Prompt"],
        "hints": hints,
        "answer": content["Answer"],
        "key_points": key_points,
        "follow_ups": follow_ups,
        "folder": path.parent,
        "runnable": (path.parent / "tests.py").is_file(),
    }
    try:
        return Prompt.model_validate(data), []
    except ValidationError as exc:
        return None, _pydantic_errors(path, exc)


def _load_yaml_list(path: Path, model: type[BaseModel]) -> tuple[list[Any], list[ContentError]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return [], [ContentError(path, "(file)", f"expected valid YAML: {exc}")]
    if not isinstance(data, list):
        return [], [ContentError(path, "(file)", "expected a YAML list of entries")]
    items, errors = [], []
    for n, entry in enumerate(data):
        try:
            items.append(model.model_validate(entry))
        except ValidationError as exc:
            errors += _pydantic_errors(path, exc, prefix=f"[{n}].")
    return items, errors


def load_pack(root: Path) -> PackContent:
    """Read every prompt, resource and circuit definition of one pack."""
    root = Path(root)
    errors: list[ContentError] = []
    prompts: list[Prompt] = []
    resources: list[Resource] = []
    circuits_raw: Any = None
    if not root.is_dir():
        return PackContent(root, [], [], None, [ContentError(root, "(pack)", "expected a folder")])
    prompts_dir = root / "prompts"
    if prompts_dir.is_dir():
        for category_dir in sorted(prompts_dir.iterdir()):
            if not category_dir.is_dir():
                continue
            if category_dir.name not in CATEGORIES:
                errors.append(
                    ContentError(
                        category_dir,
                        "category",
                        f"expected a folder named one of {list(CATEGORIES)}",
                    )
                )
                continue
            for prompt_dir in sorted(category_dir.iterdir()):
                if not prompt_dir.is_dir() or prompt_dir.name.startswith((".", "_")):
                    continue
                md = prompt_dir / "prompt.md"
                if not md.is_file():
                    errors.append(
                        ContentError(md, "(file)", "expected a prompt.md in every prompt folder")
                    )
                    continue
                prompt, errs = parse_prompt(md, category_dir.name)
                errors += errs
                if prompt:
                    prompts.append(prompt)
    resources_file = root / "resources.yaml"
    if resources_file.is_file():
        resources, errs = _load_yaml_list(resources_file, Resource)
        errors += errs
    circuits_file = root / "circuits.yaml"
    if circuits_file.is_file():
        try:
            circuits_raw = yaml.safe_load(circuits_file.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            errors.append(ContentError(circuits_file, "(file)", f"expected valid YAML: {exc}"))
    return PackContent(root, prompts, resources, circuits_raw, errors)
