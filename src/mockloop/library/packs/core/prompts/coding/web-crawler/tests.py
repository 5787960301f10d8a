"""Tests for web-crawler: crawl(start_url, fetch, max_workers=8) -> set of URLs fetched.

Each test serves a small site from a dict through a fetch function that counts calls and
measures how many fetches run at once. Concurrency checks do not race the clock: a "gated"
fetch waits (up to a second) until enough fetches are in flight together, so a correct
concurrent crawler gets there at once and a sequential one visibly never does.
See docs/judge.md for the format.
"""

import threading
import time
from collections import Counter

from harness import Mismatch, expect, given, visible


class Site:
    """Pages by URL (HTML, or an exception to raise); unknown URLs raise LookupError (404)."""

    def __init__(self, pages, *, delay=0.02, gate=0):
        self.pages = pages
        self.delay = delay
        # Hold every fetch after the first until this many have been in flight at once
        # (0: never hold). A correct crawler gets there at once; the hold lasts 1 s at most.
        self.gate = gate
        self.fetches = Counter()
        self.in_flight = 0
        self.peak = 0
        self.changed = threading.Condition()

    def fetch(self, url):
        with self.changed:
            self.fetches[url] += 1
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            self.changed.notify_all()
            if self.gate and self.fetches.total() > 1:
                self.changed.wait_for(lambda: self.peak >= self.gate, timeout=1.0)
        try:
            time.sleep(self.delay)
            page = self.pages.get(url)
            if page is None:
                raise LookupError(f"404 Not Found: {url}")
            if isinstance(page, BaseException):
                raise page
            return page
        finally:
            with self.changed:
                self.in_flight -= 1


def links(*hrefs):
    return " ".join(f'<a href="{href}">link</a>' for href in hrefs)


class SlowSite(Site):
    """A site where some pages take 100 ms and the others answer at once."""

    def __init__(self, pages, slow):
        super().__init__(pages, delay=0)
        self.slow = slow

    def fetch(self, url):
        if url in self.slow:
            time.sleep(0.1)
        return super().fetch(url)


def crawl(solution, site, start, expected, *, max_workers=None):
    """Crawl the site (with the default max_workers unless given) and compare with expected."""
    workers = "" if max_workers is None else f", {max_workers}"
    call = f"crawl({start!r}, fetch{workers}) on a site of {len(site.pages)} pages"
    given(call)
    if max_workers is None:
        got = solution.crawl(start, site.fetch)
    else:
        got = solution.crawl(start, site.fetch, max_workers)
    expect(got, expected, input=call)


def fetched_once(site, what):
    """Fail if any URL was fetched twice."""
    twice = sorted(url for url, count in site.fetches.items() if count > 1)
    if twice:
        raise Mismatch(f"fetched more than once: {twice[:5]}", "each URL fetched once", what)


def in_flight(site, low, high, what):
    """Fail unless the most fetches in flight at once was between low and high."""
    if not low <= site.peak <= high:
        wanted = f"between {low} and {high}" if low != high else f"exactly {low}"
        raise Mismatch(f"at most {site.peak} in flight", f"{wanted} in flight", what)


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: relative links, another host, fragments, a failing page."""
    site = Site({
        "http://a.com/": '<a href="/x">x</a> <A HREF="http://b.com/">b</A> <a href="#top">top</a>',
        "http://a.com/x": '<a href="y#s2">y</a> <a href="https://a.com/">home</a>',
        "https://a.com/": "<p>no links</p>",
        "http://a.com/y": TimeoutError("timed out"),
    })  # fmt: skip
    crawl(solution, site, "http://a.com/", {"http://a.com/", "http://a.com/x", "https://a.com/"})
    expect(dict(site.fetches), {
        "http://a.com/": 1, "http://a.com/x": 1, "https://a.com/": 1, "http://a.com/y": 1,
    }, input="how many times each URL was fetched")  # fmt: skip


@visible
def test_a_single_page_without_links(solution):
    """A start page with no links gives just the start page."""
    site = Site({"http://solo.test/": "<html><body>hello</body></html>"})
    crawl(solution, site, "http://solo.test/", {"http://solo.test/"})


def test_relative_links_are_resolved_against_their_page(solution):
    """Links like 'b', '../c', '/d' and '//host/e' resolve with urljoin against their page."""
    site = Site({
        "http://r.test/dir/a": links("b", "../c", "/d", "//r.test/e", "./f?q=1"),
        "http://r.test/dir/b": "",
        "http://r.test/c": "",
        "http://r.test/d": "",
        "http://r.test/e": "",
        "http://r.test/dir/f?q=1": "",
    })  # fmt: skip
    crawl(solution, site, "http://r.test/dir/a", set(site.pages))


def test_fragments_are_removed_and_the_page_is_fetched_once(solution):
    """'#a', 'p#b' and 'p#c' are the start page and p: each fetched once, listed bare."""
    site = Site(
        {
            "http://f.test/": links("#a", "p#b", "p#c", "/p#d", "http://f.test/p#e"),
            "http://f.test/p": links("#top", "/#x"),
        }
    )
    crawl(solution, site, "http://f.test/", {"http://f.test/", "http://f.test/p"})
    fetched_once(site, "pages linked with different fragments")


def test_other_hosts_and_schemes_are_not_followed(solution):
    """Other hostnames, subdomains, mailto:, javascript: and ftp: links are never fetched."""
    site = Site({
        "http://h.test/": links(
            "http://other.test/", "https://sub.h.test/", "mailto:me@h.test",
            "javascript:void(0)", "ftp://h.test/file", "http://h.test/ok",
        ),
        "http://h.test/ok": "",
        "http://other.test/": links("http://h.test/secret"),
        "https://sub.h.test/": "",
        "ftp://h.test/file": "",
        "http://h.test/secret": "",
    })  # fmt: skip
    crawl(solution, site, "http://h.test/", {"http://h.test/", "http://h.test/ok"})
    expect(sorted(site.fetches), ["http://h.test/", "http://h.test/ok"], input="URLs fetched")


def test_both_schemes_count_as_the_same_host(solution):
    """From an http start page, https links to the same hostname are followed, and back."""
    site = Site(
        {
            "http://s.test/": links("https://s.test/secure"),
            "https://s.test/secure": links("http://s.test/plain"),
            "http://s.test/plain": "",
        }
    )
    crawl(solution, site, "http://s.test/", set(site.pages))


def test_upper_case_tags_and_other_attributes(solution):
    """<A HREF=...> is a link too, and so is an href after other attributes."""
    site = Site(
        {
            "http://u.test/": '<A HREF="/one">1</A> <a class="x" id="y" href="/two">2</a>',
            "http://u.test/one": "",
            "http://u.test/two": "",
        }
    )
    crawl(solution, site, "http://u.test/", set(site.pages))


def test_only_a_tags_are_links(solution):
    """href and src on <link>, <img> and <script> tags are not links to crawl."""
    site = Site(
        {
            "http://t.test/": (
                '<link href="/style.css"><img src="/pic.png"><script src="/app.js"></script>'
                '<a href="/real">real</a>'
            ),
            "http://t.test/real": "",
            "http://t.test/style.css": "",
            "http://t.test/pic.png": "",
            "http://t.test/app.js": "",
        }
    )
    crawl(solution, site, "http://t.test/", {"http://t.test/", "http://t.test/real"})


def test_urls_are_not_normalised_beyond_the_fragment(solution):
    """'/a' and '/a/' are different URLs: both are fetched and both are listed."""
    site = Site(
        {
            "http://n.test/": links("/a", "/a/"),
            "http://n.test/a": "",
            "http://n.test/a/": "",
        }
    )
    crawl(solution, site, "http://n.test/", set(site.pages))


def test_a_failing_page_is_left_out_and_the_crawl_goes_on(solution):
    """Pages whose fetch raises are not in the result, their links are not followed, the rest is."""
    site = Site(
        {
            "http://e.test/": links("/bad", "/missing", "/good"),
            "http://e.test/bad": RuntimeError("500 Internal Server Error"),
            "http://e.test/good": links("/deeper"),
            "http://e.test/deeper": "",
        }
    )
    crawl(solution, site, "http://e.test/", {
        "http://e.test/", "http://e.test/good", "http://e.test/deeper",
    })  # fmt: skip


def test_a_failing_start_page_gives_an_empty_result(solution):
    """When the start page cannot be fetched, nothing is crawled."""
    site = Site({"http://down.test/": ConnectionError("refused")})
    crawl(solution, site, "http://down.test/", set())


def test_fetches_that_all_raise_do_not_hang_the_crawl(solution):
    """Twenty links that all fail: the crawl returns promptly with just the start page."""
    pages = {"http://x.test/": links(*(f"/p{i}" for i in range(20)))}
    pages.update({f"http://x.test/p{i}": OSError("reset") for i in range(20)})
    site = Site(pages, gate=3)
    crawl(solution, site, "http://x.test/", {"http://x.test/"})


def test_every_url_is_fetched_once_when_many_pages_link_to_it(solution):
    """Sixteen pages that all link to each other: each is fetched exactly once."""
    urls = [f"http://d.test/{i}" for i in range(16)]
    site = Site({url: links(*urls) for url in urls}, gate=3)
    crawl(solution, site, urls[0], set(urls))
    fetched_once(site, "16 pages that all link to each other")


def test_at_least_three_fetches_run_at_once(solution):
    """With max_workers=8, eight slow pages linked from the start page overlap."""
    pages = {"http://c.test/": links(*(f"/leaf{i}" for i in range(8)))}
    pages.update({f"http://c.test/leaf{i}": "" for i in range(8)})
    site = Site(pages, gate=3)
    crawl(solution, site, "http://c.test/", set(pages))
    in_flight(site, 3, 8, "most fetches in flight at once, max_workers=8, 20 ms fetches")


def test_never_more_fetches_at_once_than_max_workers(solution):
    """With max_workers of 1, 2 and 3, no more fetches than that are ever in flight."""
    pages = {"http://w.test/": links(*(f"/leaf{i}" for i in range(12)))}
    pages.update({f"http://w.test/leaf{i}": "" for i in range(12)})
    for workers in (1, 2, 3):
        site = Site(pages, delay=0.01, gate=workers if workers > 1 else 0)
        crawl(solution, site, "http://w.test/", set(pages), max_workers=workers)
        in_flight(site, 1, workers, f"most fetches in flight at once, max_workers={workers}")


def test_the_crawl_waits_for_fetches_still_in_flight(solution):
    """A fast dead end does not end the crawl while slower pages are still loading links."""
    pages = {
        "http://slow.test/": links("/fast", "/slow1", "/slow2"),
        "http://slow.test/fast": "",
        "http://slow.test/slow1": links("/deep1"),
        "http://slow.test/slow2": links("/deep2"),
        "http://slow.test/deep1": links("/deeper"),
        "http://slow.test/deep2": "",
        "http://slow.test/deeper": "",
    }
    site = SlowSite(pages, slow={"http://slow.test/slow1", "http://slow.test/slow2"})
    crawl(solution, site, "http://slow.test/", set(pages))


def test_a_long_chain_of_pages(solution):
    """A chain of 60 pages, each linking to the next and back home, is crawled to its end."""
    pages = {f"http://chain.test/{i}": links(f"/{i + 1}", "/0") for i in range(60)}
    pages["http://chain.test/59"] = links("/0")
    site = Site(pages, delay=0.001)
    crawl(solution, site, "http://chain.test/0", set(pages))
    fetched_once(site, "a chain of 60 pages")


def test_one_worker_still_crawls_everything(solution):
    """max_workers=1 is allowed: the crawl is then sequential but complete."""
    pages = {"http://one.test/": links("/a", "/b"), "http://one.test/a": links("/c")}
    pages.update({"http://one.test/b": "", "http://one.test/c": ""})
    site = Site(pages, delay=0.001)
    crawl(solution, site, "http://one.test/", set(pages), max_workers=1)
    in_flight(site, 1, 1, "most fetches in flight at once, max_workers=1")
