"""Records to plain JSON-able dicts and back.

Used by the store (analysis records are kept as JSON beside their indexed columns), by exports (JSON Lines,
Parquet) and by the HTTP API. Datetimes become ISO 8601 strings; bytes are left out of ``to_dict`` unless asked.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["to_dict", "from_dict", "dumps", "loads"]


def to_dict(record: Any, *, include_bytes: bool = False) -> Any:
    """Turn a record (or a tuple of records) into plain Python data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out = {}
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if isinstance(value, bytes) and not include_bytes:
                continue
            out[f.name] = to_dict(value, include_bytes=include_bytes)
        return out
    if isinstance(record, (tuple, list)):
        return [to_dict(item, include_bytes=include_bytes) for item in record]
    if isinstance(record, dict):
        return {k: to_dict(v, include_bytes=include_bytes) for k, v in record.items()}
    if isinstance(record, datetime):
        return record.isoformat()
    if isinstance(record, bytes):
        return record.decode("latin-1")
    return record


@cache
def _hints(cls: type) -> dict[str, Any]:
    import newsgraph.model as model

    return typing.get_type_hints(cls, vars(model))


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from ``to_dict`` output. Unknown keys are ignored."""
    kwargs = {}
    for name, convert in _field_converters(cls):
        if name in data:
            value = data[name]
            kwargs[name] = None if value is None else convert(value)
    return cls(**kwargs)


def _same(value: Any) -> Any:
    return value


@cache
def _field_converters(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = _hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


@cache
def _converter(tp: Any) -> Any:
    """A function from JSON data to a value of type ``tp``, built once per type: loading records is the hot path
    of every store read (resolving type hints per value made it several times slower)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(args[0]) if len(args) == 1 else _same
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            if item is _same:
                return lambda value: None if value is None else tuple(value)
            return lambda value: None if value is None else tuple(item(v) for v in value)
        items = [_converter(a) for a in args]
        return lambda value: None if value is None else tuple(c(v) for c, v in zip(items, value, strict=False))
    if dataclasses.is_dataclass(tp):
        return lambda value: from_dict(tp, value) if isinstance(value, dict) else value
    if tp is datetime:
        return lambda value: datetime.fromisoformat(value) if isinstance(value, str) else value
    if tp is bytes:
        return lambda value: value.encode("latin-1") if isinstance(value, str) else value
    return _same


def dumps(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    return from_dict(cls, json.loads(text))
