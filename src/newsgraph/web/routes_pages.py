"""The HTML pages. Each one renders the dict its ``/api`` twin returns (see ``data.py``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from newsgraph.web import data
from newsgraph.web.data import SearchParams
from newsgraph.web.highlight import article_spans, highlight_paragraphs
from newsgraph.web.params import search_params
from newsgraph.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _read(request: Request, function, *args):
    return request.app.state.access.read(function, *args)


@router.get("/")
def front_page(request: Request):
    return render(request, "front.html", page=_read(request, data.front))


@router.get("/story/{story_id}")
def story_page(request: Request, story_id: str):
    return render(request, "story.html", page=_read(request, data.story, story_id))


@router.get("/article/{article_id}")
def article_page(request: Request, article_id: str):
    record, page = _read(request, data.article, article_id)
    spans = article_spans(record)
    return render(request, "article.html", page=page, paragraphs=highlight_paragraphs(record, spans),
                  span_count=len(spans))


@router.get("/entity/{entity_id}")
def entity_page(request: Request, entity_id: str):
    return render(request, "entity.html", page=_read(request, data.entity, entity_id))


@router.get("/entities")
def entities_page(request: Request, q: str = "", lang: str | None = None, label: str | None = None):
    return render(request, "entities.html", page=_read(request, data.entities, q, lang or None, label or None))


@router.get("/search")
def search_page(request: Request, params: SearchParams = Depends(search_params)):
    return render(request, "search.html", page=_read(request, data.search, params))


@router.get("/quotes")
def quotes_page(request: Request, speaker: str = "", about: str = "", lang: str = ""):
    return render(request, "quotes.html", page=_read(request, data.quotes, speaker, about, lang))
