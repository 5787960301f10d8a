"""Mutant: starts a new thread for every URL, so far more than max_workers fetches run at once."""

import threading
from collections.abc import Callable
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
    lock = threading.Lock()

    def visit(url: str) -> None:
        try:
            html = fetch(url)
        except Exception:
            return
        children = []
        with lock:
            fetched.add(url)
            for link in _links(url, html):
                parts = urlsplit(link)
                same_host = parts.scheme in ("http", "https") and parts.hostname == host
                if same_host and link not in seen:
                    seen.add(link)
                    children.append(threading.Thread(target=visit, args=(link,)))
        for child in children:
            child.start()
        for child in children:
            child.join()

    visit(start_url)
    return fetched
