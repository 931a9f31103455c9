"""Settings shared by the stages, grouped so that functions take one object instead of many keywords."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGUAGES", "FetchSettings", "Settings", "USER_AGENT"]

#: Languages newsgraph understands; language detection is restricted to these (configurable).
LANGUAGES: tuple[str, ...] = ("en", "uk", "ru", "pl")

USER_AGENT = "newsgraph/0.1 (+https://github.com/newsgraph/newsgraph; polite news reader)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds, connect and read each
    max_bytes: int = 20 * 1024 * 1024  # cap on a (decompressed) body
    max_redirects: int = 5
    per_host_delay: float = 1.0  # seconds between requests to one host
    allow_private: bool = False  # fetch private / loopback / link-local addresses
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class Settings:
    languages: tuple[str, ...] = LANGUAGES
    fetch: FetchSettings = FetchSettings()
    template_min_pages: int = 5  # pages of one site before its recurring lines are learned
    analyze: bool = True  # run the language stages (entities, quotes, claims, framing) on ingest
