"""Dates in machine formats (ISO 8601, RFC 2822) and in running text in en / uk / ru / pl.

"17 жовтня 2023", "17 października 2023 r., 14:05", "17 октября 2023 г.", "October 17, 2023 at 2:05 pm",
"17 Oct 2023", "17.10.2023 14:05". Every result is timezone-aware: a date without a zone is taken as UTC.
A text that reads like a copyright notice ("© 2003-2023", "All rights reserved", "Усі права захищені") never
yields a date.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from newsgraph.text import fold

__all__ = ["parse_date", "parse_text_date", "is_copyright", "MONTHS"]

_MONTH_NAMES = {
    1: "january jan январь января янв січень січня січ styczen stycznia sty",
    2: "february feb февраль февраля фев лютий лютого лют luty lutego lut",
    3: "march mar март марта березень березня бер marzec marca",
    4: "april apr апрель апреля апр квітень квітня квіт kwiecien kwietnia kwi",
    5: "may май мая травень травня трав maj maja",
    6: "june jun июнь июня червень червня черв czerwiec czerwca cze",
    7: "july jul июль июля липень липня лип lipiec lipca lip",
    8: "august aug август августа авг серпень серпня серп sierpien sierpnia sie",
    9: "september sep sept сентябрь сентября сен вересень вересня вер wrzesien wrzesnia wrz",
    10: "october oct октябрь октября окт жовтень жовтня жовт pazdziernik pazdziernika paz",
    11: "november nov ноябрь ноября ноя листопад листопада лист listopad listopada lis",
    12: "december dec декабрь декабря дек грудень грудня груд grudzien grudnia gru",
}
#: folded month word -> month number
MONTHS: dict[str, int] = {fold(word): month for month, words in _MONTH_NAMES.items() for word in words.split()}

_WORD = r"([^\W\d_]{3,})"
_TIME = r"(?:[,\s]+(?:at|o|в|о|godz\.?)?\s*(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?m\.?)?)?"
_YEAR_WORD = r"(?:\s*(?:р|г|r|року|года|roku)\.?)?"
_DAY_MONTH_YEAR_RE = re.compile(rf"\b(\d{{1,2}})\.?\s+{_WORD}\.?,?\s+(\d{{4}}){_YEAR_WORD}{_TIME}")
_MONTH_DAY_YEAR_RE = re.compile(rf"\b{_WORD}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}")
_NUMERIC_RE = re.compile(rf"\b(\d{{1,2}})[./](\d{{1,2}})[./](\d{{4}}){_TIME}")
_TIME_FIRST_RE = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_COPYRIGHT_RE = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|усі права|всі права|все права|wszelkie prawa|"
    r"prawa zastrzeżone|права защищены|права захищені",
    re.IGNORECASE,
)


def is_copyright(text: str) -> bool:
    return _COPYRIGHT_RE.search(text) is not None


def parse_date(value: str | None, default_tz: timezone = UTC) -> datetime | None:
    """A machine-written date (ISO 8601, RFC 2822, or a text date as fallback), timezone-aware."""
    if not value:
        return None
    value = value.strip()
    iso = value.replace("Z", "+00:00").replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
    if iso:
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        try:
            return _aware(datetime.fromisoformat(iso), default_tz)
        except ValueError:
            pass
    try:
        return _aware(parsedate_to_datetime(value), default_tz)
    except (TypeError, ValueError, IndexError):
        return parse_text_date(value, default_tz)


def parse_text_date(text: str, default_tz: timezone = UTC) -> datetime | None:
    """The first date written in ``text`` (en / uk / ru / pl), or None; copyright notices give None."""
    if not text or len(text) > 300 or is_copyright(text):
        return None
    folded = fold(text)
    for pattern, order in ((_DAY_MONTH_YEAR_RE, "dmy"), (_MONTH_DAY_YEAR_RE, "mdy"), (_NUMERIC_RE, "num")):
        for match in pattern.finditer(folded):
            found = _build(match, order, folded, default_tz)
            if found is not None:
                return found
    return None


def _build(match: re.Match, order: str, folded: str, tz: timezone) -> datetime | None:
    groups = match.groups()
    if order == "num":
        day, month, year = int(groups[0]), int(groups[1]), int(groups[2])
    else:
        day_text, word = (groups[0], groups[1]) if order == "dmy" else (groups[1], groups[0])
        month = MONTHS.get(word.rstrip("."))
        if month is None:
            return None
        day, year = int(day_text), int(groups[2])
    hour, minute, meridiem = groups[3], groups[4], groups[5]
    if hour is None:
        earlier = _TIME_FIRST_RE.search(folded[:match.start()])
        hour, minute = (earlier.group(1), earlier.group(2)) if earlier else (0, 0)
    hour, minute = int(hour), int(minute)
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute, tzinfo=tz) if 1990 <= year <= 2100 else None
    except ValueError:
        return None


def _aware(value: datetime, tz: timezone) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=tz)


def within(value: datetime | None, now: datetime | None = None) -> bool:
    """Plausible as a publication date: not before 1990 and not more than a day in the future."""
    if value is None:
        return False
    now = now or datetime.now(UTC)
    return datetime(1990, 1, 1, tzinfo=UTC) <= value <= now + timedelta(days=1)
