"""The extension of the labelled story set: more same-language articles of the same stories."""

from __future__ import annotations

from collections import Counter

from newsgraph.eval.stories_data import FIXTURE, FIXTURE_MORE, load_fixture


def test_extension_adds_same_language_articles_of_known_stories():
    base = load_fixture(FIXTURE, entities="gold")
    both = load_fixture([FIXTURE, FIXTURE_MORE], entities="gold")
    assert len(both) == len(base) + 60
    assert len({i.article.id for i in both}) == len(both)
    assert {i.story for i in both} == {i.story for i in base}
    assert all(i.copy_of is None for i in both if i not in base)
    pairs = Counter()
    for (_story, lang), n in Counter((i.story, i.article.language) for i in both).items():
        pairs[lang] += n * (n - 1) // 2
    assert min(pairs[lang] for lang in ("uk", "ru", "pl")) >= 25
    assert [i.article.published for i in both] == sorted(i.article.published for i in both)
