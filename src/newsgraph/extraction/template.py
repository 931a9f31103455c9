"""Site-template learning: lines that recur across a site's pages are the site's furniture, not its news.

Every extractor keeps a site's promo lines ("Only verified information is on our Telegram channel"), its
"Read also: ..." links, its "Other news" teasers and its language menu, because on one page they look like
content. Across pages they give themselves away: the same line on many pages of one site.

For each site the store keeps a ``SiteTemplate``: how many pages were seen and, per normalised line, on how many
pages it appeared. Two kinds of keys are counted:

* ``line:<folded text, digits as 0>`` for every line of the extracted text;
* ``lead:<first words up to a colon>`` for short lines that open with a label ("Read also: ...", "Читайте
  також: ..."), so that a label recurring with a different link each time is learned too.

Once the site has ``template_min_pages`` pages, a line whose key was seen on at least ``max(MIN_REPEATS,
REPEAT_SHARE * pages)`` pages is dropped and recorded as ``Dropped(reason="site-template")``. The counts are
bounded: beyond ``MAX_KEYS`` keys the rarest are pruned (a line seen once on a site with many pages is not
furniture). ``version`` goes up whenever the set of learned lines changes, so articles extracted under an older
template can be found and re-extracted (``needs_reextraction``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace

from newsgraph.model import Dropped, SiteTemplate
from newsgraph.text import fold

__all__ = ["line_keys", "learned_keys", "is_ready", "apply_template", "update_template", "MIN_REPEATS",
           "REPEAT_SHARE", "MAX_KEYS"]

MIN_REPEATS = 3
REPEAT_SHARE = 0.3
MAX_KEYS = 3000
LEAD_MAX_LINE = 160  # only lines shorter than this may be dropped for their label alone
_LEAD_RE = re.compile(r"^([^:|»>]{2,30})\s*[:|»>]\s*\S")
_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", _DIGITS_RE.sub("0", fold(text))).strip(" .,;:!?-–—|")


def line_keys(line: str) -> tuple[str, ...]:
    """The keys a line is counted under: its normalised text and, for short labelled lines, the label."""
    norm = _norm(line)
    if not norm:
        return ()
    keys = [f"line:{norm[:300]}"]
    lead = _LEAD_RE.match(line)
    if lead and len(line) < LEAD_MAX_LINE:
        keys.append(f"lead:{_norm(lead.group(1))}")
    return tuple(keys)


def is_ready(template: SiteTemplate | None, min_pages: int) -> bool:
    return template is not None and template.page_count >= min_pages


def _threshold(page_count: int) -> int:
    return max(MIN_REPEATS, math.ceil(REPEAT_SHARE * page_count))


def learned_keys(template: SiteTemplate | None, min_pages: int) -> frozenset[str]:
    """The keys that mark a line as the site's furniture (empty until the site has ``min_pages`` pages)."""
    if not is_ready(template, min_pages):
        return frozenset()
    need = _threshold(template.page_count)
    return frozenset(key for key, count in template.line_counts if count >= need)


def apply_template(lines: Iterable, keys: frozenset[str]) -> tuple[list, list[Dropped]]:
    """Split ``lines`` (objects with ``.text``) into kept and dropped-as-site-template."""
    if not keys:
        return list(lines), []
    kept, dropped = [], []
    for line in lines:
        hits = [key for key in line_keys(line.text) if key in keys]
        if hits:
            dropped.append(Dropped(line.text[:300], "site-template", hits[0]))
        else:
            kept.append(line)
    return kept, dropped


def update_template(template: SiteTemplate | None, site: str, lines: Iterable[str], min_pages: int) -> SiteTemplate:
    """The template after one more page of the site (each key counted once per page)."""
    template = template or SiteTemplate(site=site)
    counts = dict(template.line_counts)
    page_keys = {key for line in lines for key in line_keys(line)}
    for key in page_keys:
        counts[key] = counts.get(key, 0) + 1
    if len(counts) > MAX_KEYS:
        counts = dict(sorted(counts.items(), key=lambda item: -item[1])[:MAX_KEYS // 2])
    updated = replace(template, page_count=template.page_count + 1,
                      line_counts=tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))))
    if learned_keys(updated, min_pages) != learned_keys(template, min_pages):
        updated = replace(updated, version=template.version + 1)
    return updated
