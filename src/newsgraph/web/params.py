"""Query parameters shared by the pages and the API (one parser, so both read a URL the same way)."""

from __future__ import annotations

from datetime import date, datetime, time

from fastapi import HTTPException, Query

from newsgraph.web.data import SearchParams

__all__ = ["search_params", "parse_day"]


def parse_day(value: str | None, name: str, end_of_day: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise HTTPException(422, f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None
    return datetime.combine(day, time.max if end_of_day else time.min)


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value else None


def search_params(
    q: str = Query("", description="Words to find (case and diacritics folded); empty lists the latest articles."),
    lang: str | None = Query(None, description="Only articles in this language (en, uk, ru, pl ...)."),
    site: str | None = Query(None, description="Only articles from this outlet (host name)."),
    since: str | None = Query(None, description="Published on or after this day (YYYY-MM-DD)."),
    until: str | None = Query(None, description="Published on or before this day (YYYY-MM-DD)."),
    entity: str | None = Query(None, description="Only articles that mention this entity id."),
    page: int = Query(1, ge=1, le=500, description="Result page (20 per page)."),
) -> SearchParams:
    return SearchParams(
        q=q.strip(), lang=_blank_to_none(lang), site=_blank_to_none(site), since=parse_day(since, "since"),
        until=parse_day(until, "until", end_of_day=True), entity=_blank_to_none(entity), page=page,
    )
