from collections.abc import Callable


def crawl(start_url: str, fetch: Callable[[str], str], max_workers: int = 8) -> set[str]:
    """Return every same-host URL reachable from start_url whose fetch succeeded.

    fetch(url) returns a page's HTML or raises. Links are the href of <a> tags, resolved with
    urllib.parse.urljoin against the page's URL, with the fragment removed by urldefrag; no
    other normalisation. Follow only http/https links whose urlsplit(link).hostname equals
    that of start_url. Fetch each URL at most once, on up to max_workers threads at a time,
    and return once nothing is queued or in flight; a fetch that raises must not stop the crawl.
    """
    raise NotImplementedError
