"""The public surface: names users and benchmarks rely on stay the functions documented in README."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

import pytest

import newsgraph

PAGE = """<html><head><title>Test page</title></head><body><article><h1>Test page</h1>
<p>The mayor of Lviv, Andriy Sadovyi, said on Tuesday that the city will open four new shelters this year.</p>
<p>"We are building them next to schools first," he told reporters at the city council.</p>
</article></body></html>"""


def test_public_names_are_the_api_functions_even_after_every_submodule_is_imported():
    for module in pkgutil.walk_packages(newsgraph.__path__, "newsgraph."):
        if module.name.startswith(("newsgraph.web", "newsgraph.cli")):
            continue
        teachers = ("newsgraph.train.ner_teacher", "newsgraph.train.framing_teacher")
        if module.name in teachers and importlib.util.find_spec("torch") is None:
            continue  # the modules that need the optional `teacher` extra
        importlib.import_module(module.name)
    for name in ("extract", "analyze", "cluster", "open"):
        assert callable(getattr(newsgraph, name)), name
        assert getattr(newsgraph, name).__module__ == "newsgraph.api"


def test_extract_can_be_called_again_and_again():
    first = newsgraph.extract(PAGE, url="https://example.com/news/1")
    second = newsgraph.extract(PAGE.encode("utf-8"), url="https://example.com/news/1")
    assert first.text == second.text
    assert "four new shelters" in first.text


def test_extract_rejects_empty_and_binary_input_with_clear_errors():
    from newsgraph.errors import EmptyDocumentError, ExtractionError

    with pytest.raises(EmptyDocumentError):
        newsgraph.extract(b"")
    with pytest.raises(ExtractionError):
        newsgraph.extract(b"\x00\x01\x02\x03binary\x00")


def test_analyze_accepts_plain_text_and_empty_text():
    assert newsgraph.analyze("").mentions == ()
    article = newsgraph.analyze("Plain text without names.", lang="en")
    assert article.language == "en"
