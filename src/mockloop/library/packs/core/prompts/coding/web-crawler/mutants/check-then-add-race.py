"""Mutant: workers share the seen set but mark a URL only after fetching it, so two workers
that find the same link at once both fetch it."""

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
    seen: set[str] = set()
    fetched: set[str] = set()
    lock = threading.Lock()
    futures = []
    pool = ThreadPoolExecutor(max_workers=max_workers)

    def visit(url: str) -> None:
        if url in seen:
            return
        try:
            html = fetch(url)
        except Exception:
            seen.add(url)
            return
        seen.add(url)  # too late: another worker may be fetching url right now
        with lock:
            fetched.add(url)
        for link in _links(url, html):
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and parts.hostname == host and link not in seen:
                with lock:
                    futures.append(pool.submit(visit, link))

    with lock:
        futures.append(pool.submit(visit, start_url))
    done = 0
    while True:
        with lock:
            if done == len(futures):
                break
            future = futures[done]
        future.result()
        done += 1
    pool.shutdown()
    return fetched
