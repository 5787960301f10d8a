"""Filtering, full-text search and random picks over the bundled library."""

from __future__ import annotations

import random

from mockloop.library.library import PromptFilter


def test_every_filter_field_narrows_the_list(library):
    everything = library.filter(PromptFilter())
    assert len(everything) == len(library.prompts)
    for category in {p.category for p in everything}:
        assert all(p.category == category for p in library.filter(PromptFilter(category=category)))
    assert all(p.difficulty == "hard" for p in library.filter(PromptFilter(difficulty="hard")))
    tag = everything[0].tags[0]
    assert all(tag in p.tags for p in library.filter(PromptFilter(tag=tag)))


def test_search_matches_word_prefixes_and_ranks_titles_first(library):
    hits = library.filter(PromptFilter(q="crawl"))
    assert hits and hits[0].slug == "web-crawler"
    assert library.filter(PromptFilter(q="qqqqzzzz")) == []
    assert library.filter(PromptFilter(q="!!!")) == []


def test_random_never_repeats_the_last_prompt_when_another_matches(library):
    rng = random.Random(7)
    category = library.get("web-crawler").category
    picks = {
        library.pick_random(PromptFilter(category=category), avoid="web-crawler", rng=rng).slug
        for _ in range(50)
    }
    assert "web-crawler" not in picks and len(picks) > 1


def test_random_returns_the_only_match_even_if_it_was_the_last(library):
    only = library.pick_random(
        PromptFilter(q="crawler concurrently fetch hostname"), avoid="web-crawler"
    )
    assert only is not None and only.slug == "web-crawler"


def test_the_cached_library_is_the_same_and_notices_an_edit(tmp_path):
    import shutil

    from mockloop.library import load_library
    from mockloop.settings import BUNDLED_PACK

    pack = tmp_path / "pack"
    shutil.copytree(
        BUNDLED_PACK / "prompts" / "coding" / "lru-cache", pack / "prompts" / "coding" / "lru-cache"
    )
    cache = tmp_path / "cache"
    first = load_library([pack], cache_dir=cache)
    assert list(cache.glob("library-*.pickle"))
    again = load_library([pack], cache_dir=cache)
    assert again.get("lru-cache") == first.get("lru-cache")
    md = pack / "prompts" / "coding" / "lru-cache" / "prompt.md"
    md.write_text(md.read_text().replace("title: ", "title: Edited ", 1))
    edited = load_library([pack], cache_dir=cache)
    assert edited.get("lru-cache").title.startswith("Edited ")
    assert len(list(cache.glob("library-*.pickle"))) == 1
