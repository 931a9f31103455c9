"""URLs we are willing to fetch: normalisation (so that one page gets one record) and the address policy.

The address policy refuses private, loopback, link-local, multicast and reserved addresses (unless the caller
allows private ones). Hosts are checked twice: first the literal host, parsed the way C's ``inet_aton`` parses it
(so ``http://2130706433/``, ``http://0177.0.0.1/`` and ``http://0x7f.1/`` are seen as 127.0.0.1 without any lookup),
then every address the host name resolves to.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsgraph.errors import BlockedAddressError, FetchError

__all__ = ["FETCHABLE_SCHEMES", "Resolver", "normalize_url", "check_url", "check_host", "literal_address",
           "system_resolver", "host_of"]

FETCHABLE_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that only track the reader; dropping them makes one article one URL.
_TRACKING_PREFIXES = ("utm_", "mc_", "_hs", "pk_", "piwik_")
_TRACKING_NAMES = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ocid", "cmpid", "_ga", "ref_src"}

Resolver = Callable[[str], Iterable[str]]  # host name -> IP address strings


def host_of(url: str) -> str:
    """The lower-cased host of a URL ("" when there is none)."""
    return (urlsplit(url).hostname or "").lower()


def normalize_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no tracking parameters,
    "/" for an empty path. Other query parameters keep their order (some sites depend on it)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in FETCHABLE_SCHEMES:
        return url.strip()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return url.strip()  # an invalid port: left as it is for check_url to report
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver | None = None) -> str:
    """Raise ``BlockedAddressError`` unless ``url`` is an http(s) URL of a public host; returns the host."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in FETCHABLE_SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise BlockedAddressError(f"refusing {shown} URL: only http and https are fetched", url=url,
                                  hint="Give local files as paths, not URLs" if scheme == "file" else None)
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise BlockedAddressError(f"invalid port in URL: {exc}", url=url) from None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise BlockedAddressError("URL has no host", url=url)
    if not allow_private:
        check_host(host, resolver or system_resolver, url=url)
    return host


def check_host(host: str, resolver: Resolver, *, url: str | None = None) -> None:
    """Refuse a host whose literal form, or any resolved address, is not a public address."""
    literal = literal_address(host)
    if literal is not None:
        _refuse_if_not_public(literal, host, url)
        return
    addresses = list(resolver(host))
    if not addresses:
        raise BlockedAddressError(f"host {host!r} does not resolve to any address", url=url)
    for address in addresses:
        _refuse_if_not_public(ipaddress.ip_address(address.split("%", 1)[0]), host, url)


def _refuse_if_not_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address, host: str, url: str | None) -> None:
    mapped = getattr(address, "ipv4_mapped", None) or getattr(address, "sixtofour", None)
    if mapped is not None:
        address = mapped
    if not address.is_global or address.is_multicast or address.is_reserved:
        kind = _address_kind(address)
        raise BlockedAddressError(
            f"refusing {kind} address {address} (host {host!r})", url=url,
            hint="Pass --allow-private to fetch from your own network",
        )


def _address_kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    for kind in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return "non-public"


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a literal host stands for, parsed like ``inet_aton``: "2130706433", "0177.0.0.1", "0x7f.1" and
    "127.1" all mean 127.0.0.1. None for a host name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    try:
        numbers = [_c_integer(p) for p in parts]
    except ValueError:
        return None
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(parts)):
        return None
    value = 0
    for n in leading:
        value = value * 256 + n
    value = value * 256 ** (5 - len(parts)) + last
    return ipaddress.IPv4Address(value)


def _c_integer(text: str) -> int:
    """An integer as C's strtoul(base=0) reads it: 0x.. hex, 0.. octal, otherwise decimal."""
    lowered = text.lower()
    if lowered.startswith("0x"):
        return int(lowered[2:] or "0", 16)
    if len(lowered) > 1 and lowered.startswith("0"):
        return int(lowered[1:], 8)
    if not lowered.isdigit():
        raise ValueError(text)
    return int(lowered)


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}", hint="Check the URL and your network") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))
