"""Bytes to text: the charset comes from the HTTP header, then a BOM, then <meta charset>, then detection.

A declared charset is trusted only while it decodes cleanly and the result looks like text: a cp1251 page that
claims to be UTF-8 fails strict UTF-8 decoding and falls through to the next source, and a page declared as a
single-byte charset whose letters come out as mojibake is re-checked by detection. Binary content (images, PDFs,
archives, NUL bytes) raises ``NotHTMLError``; an empty body raises ``EmptyDocumentError``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from newsgraph.errors import EmptyDocumentError, NotHTMLError

__all__ = ["Decoded", "decode_html", "MAX_HTML_CHARS", "charset_from_content_type"]

#: Pages are cut to this many characters before parsing; real articles are far smaller (a 50 MB page is a dump).
MAX_HTML_CHARS = 3_000_000

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
_CT_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_:.\-]+)", re.IGNORECASE)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
          b"Rar!", b"\x00\x00\x01\x00", b"RIFF", b"OggS", b"ID3", b"\x7fELF", b"MZ", b"wOFF", b"wOF2")
_HTMLISH_RE = re.compile(rb"<\s*(?:!doctype|html|head|body|p|div|meta|title|article|span|a|h[1-6]|br|table)\b",
                         re.IGNORECASE)
# Sequences typical of UTF-8 read as cp1252/latin-1/cp1251 ("Ã©", "Ð¿", "Ñ\x8f", "Р°").
_MOJIBAKE_RE = re.compile("[ÃÐÑ][\u0080-\u00bf]|Р[°±ІЅ]|вЂ")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    source: str  # header, bom, meta, detected, fallback
    truncated_from: int | None = None  # original length in characters when the page was cut


def charset_from_content_type(content_type: str | None) -> str | None:
    match = _CT_CHARSET_RE.search(content_type or "")
    return match.group(1) if match else None


def decode_html(body: bytes | str, declared: str | None = None, content_type: str | None = None,
                url: str | None = None) -> Decoded:
    """Decode a page, cut it to ``MAX_HTML_CHARS`` and check that it is text."""
    if isinstance(body, str):
        decoded = Decoded(body, "str", "str")
    else:
        if not body.strip():
            raise EmptyDocumentError("the page is empty", url=url)
        _reject_binary(body[:4096], url)
        decoded = _decode_bytes(body, declared or charset_from_content_type(content_type))
    if not decoded.text.strip():
        raise EmptyDocumentError("the page is empty", url=url)
    if len(decoded.text) > MAX_HTML_CHARS:
        return Decoded(decoded.text[:MAX_HTML_CHARS], decoded.encoding, decoded.source, len(decoded.text))
    return decoded


def _reject_binary(head: bytes, url: str | None) -> None:
    stripped = head.lstrip()
    if stripped.startswith(_MAGIC) and not _HTMLISH_RE.search(head):
        raise NotHTMLError("binary content (file signature), not HTML", url=url,
                           hint="only HTML pages hold articles; skip images, PDFs and archives")
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return  # UTF-16/32 text legitimately contains NUL bytes
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or control > len(head) * 0.1:
        raise NotHTMLError("binary content (control bytes), not HTML", url=url,
                           hint="only HTML pages hold articles; skip images, PDFs and archives")


def _decode_bytes(body: bytes, declared: str | None) -> Decoded:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(body[len(bom):].decode(encoding, errors="replace"), encoding, "bom")
    candidates = [(declared, "header")]
    meta = _META_CHARSET_RE.search(body[:8192])
    if meta:
        candidates.append((meta.group(1).decode("ascii", "ignore"), "meta"))
    for name, source in candidates:
        text = _try_decode(body, name)
        if text is not None:
            return Decoded(text, _normal_name(name), source)
    return _detect(body)


def _normal_name(name: str | None) -> str:
    try:
        return codecs.lookup(name or "").name
    except LookupError:
        return name or ""


def _try_decode(body: bytes, name: str | None) -> str | None:
    """The text when ``name`` is a known charset that decodes ``body`` strictly and plausibly, else None."""
    if not name:
        return None
    encoding = _normal_name(name)
    if encoding in {"latin-1", "iso8859-1", "ascii"}:
        encoding = "cp1252"  # what browsers do with these labels (WHATWG)
    try:
        text = body.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    if encoding != "utf-8" and _looks_mojibake(text):
        return None  # a UTF-8 page declared as a single-byte charset: let detection decide
    return text


def _looks_mojibake(text: str) -> bool:
    sample = text[:200_000]
    hits = len(_MOJIBAKE_RE.findall(sample))
    return hits >= 5 and hits > len(sample) / 2000


def _detect(body: bytes) -> Decoded:
    text = body.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(2, len(text) // 20_000):  # UTF-8 with a cut or stray byte or two
        return Decoded(text, "utf-8", "detected")
    best = from_bytes(body[:200_000], cp_isolation=["cp1251", "cp1252", "iso8859_2", "cp1250", "koi8_r",
                                                    "koi8_u", "iso8859_5", "utf_8", "utf_16"]).best()
    if best is not None and best.encoding:
        return Decoded(body.decode(best.encoding, errors="replace"), best.encoding, "detected")
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8", "fallback")
