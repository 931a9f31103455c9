from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "pages"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__import__("os").environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data sets); absent on this machine")
    return path


@pytest.fixture
def store(tmp_path):
    import newsgraph

    with newsgraph.open(tmp_path / "test.db") as s:
        yield s
