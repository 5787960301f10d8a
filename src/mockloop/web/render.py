"""Markdown to safe HTML, with code highlighted by Pygments."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

_formatter = HtmlFormatter(nowrap=True)


def _highlight(code: str, lang: str, _attrs: str) -> str:
    name = (lang or "").split()[0] if lang else ""
    try:
        lexer = get_lexer_by_name(name or "text")
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    return f'<pre class="highlight"><code>{highlight(code, lexer, _formatter)}</code></pre>'


_md = (
    MarkdownIt("commonmark", {"highlight": _highlight, "typographer": False})
    .enable("table")
    .enable("strikethrough")
)

_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "span",
    "pre",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
}
_ALLOWED_ATTRS = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "span": {"class"},
    "pre": {"class"},
    "code": {"class"},
    "div": {"class"},
    "th": {"style"},
    "td": {"style"},
}


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Render Markdown to HTML that is safe to insert into a page."""
    return nh3.clean(_md.render(text), tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS)


@lru_cache(maxsize=4096)
def markdown_inline(text: str) -> str:
    """Render one line of Markdown (code spans, emphasis, links) without a wrapping paragraph."""
    return nh3.clean(_md.renderInline(text), tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS)


@lru_cache(maxsize=1)
def pygments_css() -> str:
    """Highlighting styles: a light theme, and a dark one when the system prefers it."""
    light = HtmlFormatter(style="friendly").get_style_defs(".highlight")
    dark = HtmlFormatter(style="monokai").get_style_defs(".highlight")
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
