"""The JSON API under ``/api``: the data behind every page, and downloads of a search result.

The schema is FastAPI's (``/api/openapi.json``). Records are the model's dataclasses as plain JSON (see
``newsgraph.serialize``); text fields are returned as stored, so a client that renders them must escape them.
"""

from __future__ import annotations

import io
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from newsgraph.export import write_jsonl, write_parquet
from newsgraph.web import data
from newsgraph.web.data import SearchParams
from newsgraph.web.params import search_params

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])
DOWNLOAD_CAP = 10_000


def _read(request: Request, function, *args, **kwargs) -> Any:
    return request.app.state.access.read(function, *args, **kwargs)


@router.get("/health", summary="Liveness check")
def health() -> dict:
    return {"ok": True}


@router.get("/stats", summary="What the store holds: counts per table, language and outlet")
def stats(request: Request) -> dict:
    return _read(request, lambda store: store.stats())


@router.get("/front", summary="Front page: latest stories and articles, coverage per language and outlet")
def front(request: Request) -> dict:
    return _read(request, data.front)


@router.get("/stories", summary="Latest stories, most recently active first")
def stories(request: Request, lang: str | None = None, limit: int = Query(50, ge=1, le=500)) -> list[dict]:
    from newsgraph.serialize import to_dict

    return _read(request, lambda store: [to_dict(s) for s in store.stories(lang=lang, limit=limit)])


@router.get("/stories/{story_id}", summary="One story: articles by outlet and language, timeline, corroboration")
def story(request: Request, story_id: str) -> dict:
    return _read(request, data.story, story_id)


@router.get("/articles/{article_id}", summary="One article with its mentions, quotes, claims, framing and drops")
def article(request: Request, article_id: str) -> dict:
    return _read(request, data.article, article_id)[1]


@router.get("/entities", summary="Entities by name (q) or the most mentioned ones")
def entities(request: Request, q: str = "", lang: str | None = None, label: str | None = None) -> dict:
    return _read(request, data.entities, q, lang, label)


@router.get("/entities/{entity_id}", summary="One entity: names per language, mentions over time, quotes, neighbours")
def entity(request: Request, entity_id: str) -> dict:
    return _read(request, data.entity, entity_id)


@router.get("/search", summary="Full-text search with facets (language, outlet, month, entity)")
def search(request: Request, params: SearchParams = Depends(search_params)) -> dict:
    return _read(request, data.search, params)


@router.get("/search.jsonl", summary="Download a search result as JSON Lines (one full article per line)")
def search_jsonl(request: Request, params: SearchParams = Depends(search_params),
                 limit: int = Query(1000, ge=1, le=DOWNLOAD_CAP)) -> Response:
    articles = _read(request, data.search_articles, params, limit)
    out = io.StringIO()
    write_jsonl(articles, out)
    return Response(out.getvalue(), media_type="application/x-ndjson",
                    headers={"Content-Disposition": 'attachment; filename="newsgraph-search.jsonl"'})


@router.get("/search.parquet", summary="Download a search result as Parquet (one row per article)")
def search_parquet(request: Request, params: SearchParams = Depends(search_params),
                   limit: int = Query(1000, ge=1, le=DOWNLOAD_CAP)) -> Response:
    articles = _read(request, data.search_articles, params, limit)
    out = io.BytesIO()
    write_parquet(articles, out)
    return Response(out.getvalue(), media_type="application/vnd.apache.parquet",
                    headers={"Content-Disposition": 'attachment; filename="newsgraph-search.parquet"'})


@router.get("/quotes", summary="Quotes, newest first, by speaker and/or about an entity (names or ids)")
def quotes(request: Request, speaker: str | None = None, about: str | None = None, lang: str | None = None,
           limit: int = Query(100, ge=1, le=1000)) -> dict:
    return _read(request, data.quotes, speaker, about, lang, limit)
