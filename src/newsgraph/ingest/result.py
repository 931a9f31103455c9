"""What happened to one ingested item: ``IngestResult``, and how an error becomes one."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.errors import NewsgraphError

__all__ = ["IngestResult", "SKIP_REASONS", "result_for_error"]

# Reasons that mean "not an article, or not ours to fetch" (skipped) rather than "something went wrong" (failed).
SKIP_REASONS = frozenset({"empty", "not-html", "content-type", "robots-disallowed", "blocked-address"})


@dataclass(frozen=True, slots=True)
class IngestResult:
    source: str  # the URL or path of the item
    status: str  # ok, unchanged, skipped, failed
    reason: str = ""  # ok: inserted / updated; otherwise the error's reason tag and message
    article_id: str | None = None
    title: str | None = None

    @property
    def reason_tag(self) -> str:
        """The short tag before the message ("timeout", "too-large" ...)."""
        return self.reason.split(":", 1)[0] if self.status in {"skipped", "failed"} else self.status


def result_for_error(source: str, error: NewsgraphError) -> IngestResult:
    status = "skipped" if error.reason in SKIP_REASONS else "failed"
    message = str(error.args[0]) if error.args else error.reason
    if error.hint:
        message = f"{message}. {error.hint}"
    return IngestResult(source, status, f"{error.reason}: {message}")
