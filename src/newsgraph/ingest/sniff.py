"""What a document is, from its bytes (not its name), and gzip that cannot explode.

Kinds: ``html``, ``feed`` (RSS, Atom, RDF), ``sitemap`` (urlset or sitemapindex), ``urllist`` (a text sitemap: one
URL a line), ``warc``, ``gzip`` (look inside with ``gunzip_capped``), ``empty``, ``binary`` and ``text``.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterable, Iterator

from newsgraph.errors import SourceError, TooLargeError

__all__ = ["sniff", "gunzip_capped", "inflate_capped", "kind_of_content_type", "is_gzip"]

_HEAD_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"
_ROOT_RE = re.compile(r"<\s*([a-zA-Z][\w.:-]*)")
_HTML_TAGS = {"html", "head", "body", "meta", "title", "div", "p", "article", "main", "section", "header", "link",
              "script", "style", "span", "table", "h1", "h2", "nav", "a", "br", "img", "ul", "form"}
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
_SITEMAP_ROOTS = {"urlset", "sitemapindex"}
# Control bytes that never appear in text (tab, newline, form feed and carriage return are allowed).
_BINARY_BYTES = set(range(0, 9)) | {11} | set(range(14, 32)) - {27}


def is_gzip(data: bytes) -> bool:
    return data[:2] == _GZIP_MAGIC


def sniff(data: bytes) -> str:
    """The kind of a document from its first bytes."""
    head = data[:_HEAD_BYTES]
    if not head.strip():
        return "empty"
    if is_gzip(head):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head)
    if text is None:
        return "binary"
    return _markup_kind(text) or ("urllist" if _is_url_list(text) else "text")


def _head_text(head: bytes) -> str | None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore")
    sample = head[:1024]
    if sum(byte in _BINARY_BYTES for byte in sample) > max(1, len(sample) // 100):
        return None
    return head.decode("latin-1")  # byte-preserving: only the ASCII markup matters here


def _markup_kind(text: str) -> str | None:
    lowered = text.lower()
    if "<!doctype html" in lowered:
        return "html"
    for match in _ROOT_RE.finditer(_strip_prolog(lowered)):
        name = match.group(1)
        if name in _FEED_ROOTS:
            return "feed"
        if name in _SITEMAP_ROOTS:
            return "sitemap"
        if name in _HTML_TAGS:
            return "html"
        if name not in {"!--"}:
            return "html" if "<html" in lowered or "<body" in lowered else None
    return None


def _strip_prolog(text: str) -> str:
    """Drop the XML declaration, processing instructions, comments and doctype before the root element."""
    text = re.sub(r"<\?.*?\?>", " ", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    return re.sub(r"<!doctype[^>]*>", " ", text)


def _is_url_list(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and not text.endswith("\n"):
        lines = lines[:-1] or lines  # the head may cut the last line
    return bool(lines) and all(line.startswith(("http://", "https://")) and " " not in line for line in lines)


def kind_of_content_type(content_type: str | None) -> str | None:
    """The kind a Content-Type announces (None when it says nothing useful, e.g. octet-stream)."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in {"text/html", "application/xhtml+xml"}:
        return "html"
    if mime in {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}:
        return "feed"
    if mime in {"application/xml", "text/xml"}:
        return "xml"  # a feed or a sitemap: the content decides
    if mime in {"application/warc", "application/x-warc"}:
        return "warc"
    if mime in {"application/gzip", "application/x-gzip"}:
        return "gzip"
    if mime == "text/plain":
        return "text"
    if mime in {"", "application/octet-stream", "binary/octet-stream"}:
        return None
    return "other"


def inflate_capped(chunks: Iterable[bytes], limit: int, *, gzip: bool = True, what: str = "body") -> Iterator[bytes]:
    """Decompress a gzip (or zlib/deflate) stream chunk by chunk; raise ``TooLargeError`` past ``limit`` bytes
    of output. Never holds more than ``limit`` + one chunk of output, whatever the compression ratio."""
    wbits = 47 if gzip else None  # 47: a gzip or zlib header; deflate is zlib (15) or, from some servers, raw (-15)
    inflater = zlib.decompressobj(wbits=wbits) if wbits else None
    produced = 0
    for chunk in chunks:
        data = chunk
        if inflater is None and data:
            wbits = 15 if _zlib_header(data) else -15
            inflater = zlib.decompressobj(wbits=wbits)
        while data:
            if inflater.eof:  # a further gzip member follows the first one
                inflater = zlib.decompressobj(wbits=wbits)
            out = inflater.decompress(data, 64 * 1024)
            produced += len(out)
            if produced > limit:
                raise TooLargeError(f"{what} decompresses to more than {limit:,} bytes (a gzip bomb?)",
                                    hint="Raise the cap (--max-mb) if this is a real page")
            yield out
            data = inflater.unconsumed_tail or (inflater.unused_data if inflater.eof else b"")
    tail = inflater.flush() if inflater is not None else b""
    if produced + len(tail) > limit:
        raise TooLargeError(f"{what} decompresses to more than {limit:,} bytes (a gzip bomb?)")
    yield tail


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] * 256 + data[1]) % 31 == 0


def gunzip_capped(data: bytes, limit: int, what: str = "file") -> bytes:
    """The decompressed bytes of a gzip document, at most ``limit`` of them."""
    try:
        return b"".join(inflate_capped([data], limit, what=what))
    except zlib.error as exc:
        raise SourceError(f"{what} is not valid gzip: {exc}", hint="The file may be truncated") from None
