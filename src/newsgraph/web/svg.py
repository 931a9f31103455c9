"""Plots rendered on the server as inline SVG: no JavaScript, nothing fetched by the browser.

Only presentation attributes are used (no ``style=``), so the strict Content-Security-Policy allows them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from markupsafe import Markup

__all__ = ["bucket_counts", "bar_chart"]

_WIDTH, _HEIGHT, _PAD_LEFT, _PAD_BOTTOM, _PAD_TOP = 640, 160, 36, 22, 8


def bucket_counts(day_counts: list[tuple[str, int]], max_bars: int = 60) -> list[tuple[str, int]]:
    """Daily counts (``YYYY-MM-DD``) grouped into days, weeks or months so that at most ``max_bars`` remain.

    Empty periods between the first and last day are kept (as zero) so the x axis is time, not an index.
    """
    days: Counter[date] = Counter()
    for day, count in day_counts:
        try:
            days[date.fromisoformat(day[:10])] += count
        except (TypeError, ValueError):
            continue
    if not days:
        return []
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span <= max_bars:
        return [((first + timedelta(d)).isoformat(), days.get(first + timedelta(d), 0)) for d in range(span)]
    if span <= max_bars * 7:
        weeks: Counter[date] = Counter()
        for day, count in days.items():
            weeks[day - timedelta(day.weekday())] += count
        start = first - timedelta(first.weekday())
        return [((start + timedelta(7 * w)).isoformat(), weeks.get(start + timedelta(7 * w), 0))
                for w in range((last - start).days // 7 + 1)]
    months: Counter[str] = Counter()
    for day, count in days.items():
        months[day.isoformat()[:7]] += count
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        key = f"{year:04d}-{month:02d}"
        out.append((key, months.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def bar_chart(buckets: list[tuple[str, int]], label: str) -> Markup:
    """An SVG bar chart of (period, count); ``label`` names the chart for screen readers."""
    if not buckets:
        return Markup("")
    peak = max(count for _, count in buckets) or 1
    plot_width = _WIDTH - _PAD_LEFT - 4
    plot_height = _HEIGHT - _PAD_BOTTOM - _PAD_TOP
    step = plot_width / len(buckets)
    bar = min(max(step * 0.8, 1.0), 48.0)
    parts = [
        Markup('<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
               'aria-label="{}">').format(_WIDTH, _HEIGHT, label),
        Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-width="1"/>').format(
            _PAD_LEFT, _HEIGHT - _PAD_BOTTOM, _WIDTH - 4, _HEIGHT - _PAD_BOTTOM),
        Markup('<text x="{}" y="{}" font-size="10" text-anchor="end" fill="#555">{}</text>').format(
            _PAD_LEFT - 4, _PAD_TOP + 8, peak),
    ]
    for i, (period, count) in enumerate(buckets):
        height = plot_height * count / peak
        x = _PAD_LEFT + i * step + (step - bar) / 2
        y = _HEIGHT - _PAD_BOTTOM - height
        parts.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#3b6ea5">'
                            '<title>{}: {}</title></rect>').format(x, y, bar, height, period, count))
    for i in sorted({0, len(buckets) // 2, len(buckets) - 1}):
        x = _PAD_LEFT + i * step + step / 2
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="10" text-anchor="middle" fill="#555">{}</text>')
                     .format(x, _HEIGHT - 6, buckets[i][0]))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
