"""Jinja2 environments (one per UI language, autoescaping always on) and the filters the templates use."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from newsgraph.web.i18n import UI_LANGUAGES, translations
from newsgraph.web.safety import safe_url
from newsgraph.web.svg import bar_chart, bucket_counts

__all__ = ["environment", "render"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _path(value: object) -> str:
    """One URL path segment (ids are ours, but never trust them to be clean)."""
    return quote(str(value), safe="")


def _query(params: dict, **changes: object) -> str:
    merged = {**params, **changes}
    pairs = [(k, v) for k, v in merged.items() if v not in (None, "", [], False)]
    return "?" + urlencode(pairs) if pairs else ""


def _day(value: object) -> str:
    return str(value)[:10] if value else ""


def _chart(day_counts: list, label: str) -> Markup:
    return bar_chart(bucket_counts([tuple(pair) for pair in day_counts]), label)


@cache
def environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(safe_url=safe_url, path=_path, day=_day)
    env.globals.update(query=_query, chart=_chart, UI_LANGUAGES=UI_LANGUAGES, ui=language)
    return env


def render(request: Request, name: str, status_code: int = 200, **context: object) -> HTMLResponse:
    language = getattr(request.state, "ui", "en")
    params = {k: v for k, v in request.query_params.items() if k != "ui"}
    html = environment(language).get_template(name).render(
        request_path=request.url.path, params=params, **context
    )
    return HTMLResponse(html, status_code=status_code)
