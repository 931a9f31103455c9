"""Politeness: one request at a time per host, a pause between them, and robots.txt (RFC 9309) honoured.

Both classes are thread-safe so that several hosts can be fetched in parallel while each host still sees one
polite client.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsgraph.errors import FetchError

__all__ = ["HostThrottle", "RobotsCache", "RobotsFile"]

# (status, text) of GET /robots.txt; raises FetchError when the host could not be reached.
RobotsGetter = Callable[[str], tuple[int, str]]


class HostThrottle:
    """At most one request in flight per host, and at least ``delay`` seconds between two requests to it."""

    def __init__(self, delay: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.delay = delay
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._extra: dict[str, float] = {}  # a longer delay asked for by the host's robots.txt (Crawl-delay)

    def slow_down(self, host: str, delay: float) -> None:
        with self._lock:
            self._extra[host] = max(delay, self._extra.get(host, 0.0))

    @contextmanager
    def turn(self, host: str):
        """Wait for this host's turn; the request is made inside the ``with`` block."""
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            delay = max(self.delay, self._extra.get(host, 0.0))
            last = self._last.get(host)
            if last is not None:
                wait = last + delay - self._clock()
                if wait > 0:
                    self._sleep(wait)
            try:
                yield
            finally:
                self._last[host] = self._clock()


class RobotsFile:
    """The robots.txt rules of one host."""

    def __init__(self, text: str = "", *, allow_all: bool = False, disallow_all: bool = False, why: str = "",
                 unreachable: FetchError | None = None):
        self._parser = RobotFileParser()
        self._parser.parse(text.splitlines())
        self._parser.allow_all = allow_all
        self._parser.disallow_all = disallow_all or unreachable is not None
        self.why = why  # why everything is disallowed, when it is
        self.unreachable = unreachable  # the error that kept us from reading robots.txt

    def allowed(self, user_agent: str, url: str) -> bool:
        return self._parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        delay = self._parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


class RobotsCache:
    """robots.txt per scheme+host, fetched once per run.

    Following RFC 9309: a 4xx answer (no robots.txt) allows everything; a 5xx answer or an unreachable host
    disallows everything for this run (an unreachable host is remembered with its error, so that pages report
    "timeout" or "fetch-failed" rather than a robots rule).
    """

    MAX_CHARS = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB

    def __init__(self, get: RobotsGetter):
        self._get = get
        self._files: dict[str, RobotsFile] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def rules_for(self, url: str) -> RobotsFile:
        parts = urlsplit(url)
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with self._lock:
            host_lock = self._host_locks.setdefault(root, threading.Lock())
        with host_lock:
            if root not in self._files:
                self._files[root] = self._load(root + "/robots.txt")
            return self._files[root]

    def _load(self, robots_url: str) -> RobotsFile:
        try:
            status, text = self._get(robots_url)
        except FetchError as exc:
            return RobotsFile(unreachable=exc)
        if 200 <= status < 300:
            return RobotsFile(text[: self.MAX_CHARS])
        if 400 <= status < 500:
            return RobotsFile(allow_all=True)
        return RobotsFile(disallow_all=True, why=f"{robots_url} answered HTTP {status}")
