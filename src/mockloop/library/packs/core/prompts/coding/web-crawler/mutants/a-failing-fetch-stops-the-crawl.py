"""Mutant: lets the exception of a failed fetch escape from crawl()."""

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":  # HTMLParser lower-cases tag and attribute names
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _links(page_url: str, html: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    links = []
    for href in parser.hrefs:
        try:
            links.append(urldefrag(urljoin(page_url, href)).url)
        except ValueError:  # an unparseable URL, such as "http://[oops"
            continue
    return links


def crawl(start_url: str, fetch: Callable[[str], str], max_workers: int = 8) -> set[str]:
    host = urlsplit(start_url).hostname
    seen = {start_url}
    fetched: set[str] = set()
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        in_flight: dict[Future[str], str] = {pool.submit(fetch, start_url): start_url}
        # Only this thread touches seen and in_flight, so there is no check-then-add race;
        # the loop ends when nothing is in flight, which also means nothing is left to fetch.
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                url = in_flight.pop(future)
                html = future.result()
                fetched.add(url)
                for link in _links(url, html):
                    parts = urlsplit(link)
                    same_host = parts.scheme in ("http", "https") and parts.hostname == host
                    if same_host and link not in seen:
                        seen.add(link)
                        in_flight[pool.submit(fetch, link)] = link
    return fetched
