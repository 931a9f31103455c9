"""The FastAPI application: ``create_app(store_or_path)`` serves the reader pages and the JSON API over one store."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

import newsgraph
from newsgraph.store import Store, open_store
from newsgraph.web.data import NotFound
from newsgraph.web.i18n import COOKIE, pick_language
from newsgraph.web.safety import SECURITY_HEADERS

__all__ = ["create_app", "StoreAccess"]

STATIC = Path(__file__).resolve().parent / "static"
T = TypeVar("T")


class _ReaderStore:
    """The store as the pages see it: every call passes through, except the whole-store aggregates (``stats``,
    ``top_entities``), which scan every row and are reused for ``seconds`` (counts on the front page may lag
    that long behind an ingest; the listings themselves are always current)."""

    def __init__(self, store: Store, access: StoreAccess):
        self._store, self._access = store, access

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def stats(self) -> dict:
        return self._access.cached(("stats",), self._store.stats)

    def top_entities(self, lang: str | None = None, label: str | None = None, top: int = 20):
        return self._access.cached(("top_entities", lang, label, top),
                                   lambda: self._store.top_entities(lang=lang, label=label, top=top))


class StoreAccess:
    """Gives each request a store to read.

    A path opens one connection per worker thread (SQLite connections are cheap and WAL lets them read while
    ingest writes); a store object handed in is shared, so requests take turns on it.
    """

    def __init__(self, store_or_path: Store | str | Path, cache_seconds: float = 60.0):
        self.cache_seconds = cache_seconds
        self._cache: dict[tuple, tuple[float, object]] = {}
        self._shared = store_or_path if isinstance(store_or_path, Store) else None
        self._path = None if self._shared is not None else str(store_or_path)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._opened: list[Store] = []
        if self._path is not None:  # fail at start-up, not on the first request, when the path is wrong
            self._thread_store()

    def _thread_store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self._path)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    @contextmanager
    def use(self) -> Iterator[Store]:
        if self._shared is not None:
            with self._lock:
                yield _ReaderStore(self._shared, self)  # type: ignore[misc]
        else:
            yield _ReaderStore(self._thread_store(), self)  # type: ignore[misc]

    def cached(self, key: tuple, compute: Callable[[], T]) -> T:
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]  # type: ignore[return-value]
        value = compute()
        self._cache[key] = (now + self.cache_seconds, value)
        return value

    def read(self, function: Callable[..., T], *args: object, **kwargs: object) -> T:
        with self.use() as store:
            return function(store, *args, **kwargs)

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


def create_app(store_or_path: Store | str | Path = "newsgraph.db", cache_seconds: float = 60.0) -> FastAPI:
    """The reader over ``store_or_path``: a ``Store`` object or the path of a SQLite store. Whole-store counts
    (front page coverage, most mentioned entities) are recomputed at most every ``cache_seconds``."""
    from newsgraph.web import routes_api, routes_pages

    access = StoreAccess(store_or_path, cache_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        access.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=newsgraph.__version__,
        description="Read what the newsgraph store holds: stories, articles, entities, quotes, search.",
        # FastAPI's docs pages load Swagger/ReDoc from a CDN; the reader loads nothing from outside.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.access = access
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.middleware("http")(_headers_and_language)
    app.exception_handler(NotFound)(_not_found)
    return app


async def _headers_and_language(request: Request, call_next):
    chosen = request.query_params.get("ui")
    request.state.ui = pick_language(chosen, request.cookies.get(COOKIE), request.headers.get("accept-language"))
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Content-Language"] = request.state.ui
    if chosen == request.state.ui:
        response.set_cookie(COOKIE, chosen, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


async def _not_found(request: Request, exc: NotFound):
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": str(exc), "kind": exc.kind, "key": exc.key}, status_code=404)
    from newsgraph.web.templating import render

    return render(request, "error.html", status_code=404, message=exc)
