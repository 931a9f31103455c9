"""Exports: JSON Lines (one article per line, with its analysis records) and Parquet (one row per article,
nested records as JSON strings so any Parquet reader can open the file)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from newsgraph import serialize
from newsgraph.model import Article

__all__ = ["write_jsonl", "write_parquet", "FORMATS"]

FORMATS = ("jsonl", "parquet")
_NESTED = ("authors", "paragraphs", "links", "images", "extraction", "sentences", "mentions", "quotes", "claims",
           "framing", "events")


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    count = 0
    for article in articles:
        out.write(serialize.dumps(article) + "\n")
        count += 1
    return count


def parquet_rows(articles: Iterable[Article]) -> list[dict]:
    rows = []
    for article in articles:
        row = serialize.to_dict(article)
        for name in _NESTED:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        rows.append(row)
    return rows


def write_parquet(articles: Iterable[Article], path: str | Path | IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = parquet_rows(articles)
    fields = [f.name for f in dataclasses.fields(Article)]
    table = pa.table({name: [row.get(name) for row in rows] for name in fields},
                     schema=pa.schema([(name, pa.string()) for name in fields]))
    pq.write_table(table, path)
    return len(rows)
