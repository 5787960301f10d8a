"""Mutant: ends when no URL waits to be submitted, although fetches are still in flight."""

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
        in_flight: dict[Future[str], str] = {}
        queue = [start_url]
        while queue:
            while queue:
                url = queue.pop(0)
                in_flight[pool.submit(fetch, url)] = url
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                url = in_flight.pop(future)
                try:
                    html = future.result()
                except Exception:
                    continue
                fetched.add(url)
                for link in _links(url, html):
                    parts = urlsplit(link)
                    same_host = parts.scheme in ("http", "https") and parts.hostname == host
                    if same_host and link not in seen:
                        seen.add(link)
                        queue.append(link)
        pool.shutdown(wait=False, cancel_futures=True)
        return set(fetched)
