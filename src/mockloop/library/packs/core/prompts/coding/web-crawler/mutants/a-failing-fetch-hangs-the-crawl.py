"""Mutant: counts fetches in flight, but a fetch that raises never counts itself done, so
crawl() waits forever."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _links(page_url: str, html: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return [urldefrag(urljoin(page_url, href)).url for href in parser.hrefs]


def crawl(start_url: str, fetch: Callable[[str], str], max_workers: int = 8) -> set[str]:
    host = urlsplit(start_url).hostname
    seen = {start_url}
    fetched: set[str] = set()
    pending = 0
    changed = threading.Condition()
    pool = ThreadPoolExecutor(max_workers=max_workers)

    def visit(url: str) -> None:
        nonlocal pending
        html = fetch(url)  # when this raises, pending is never decremented
        with changed:
            fetched.add(url)
            for link in _links(url, html):
                parts = urlsplit(link)
                same_host = parts.scheme in ("http", "https") and parts.hostname == host
                if same_host and link not in seen:
                    seen.add(link)
                    pending += 1
                    pool.submit(visit, link)
            pending -= 1
            changed.notify_all()

    with changed:
        pending = 1
        pool.submit(visit, start_url)
        while pending:
            changed.wait()
    pool.shutdown()
    return fetched
