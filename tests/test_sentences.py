"""Sentence boundaries: abbreviations and initials end no sentence."""

import pytest

from newsgraph.understand.sentences import split


@pytest.mark.parametrize("text, count", [
    ("The war between Israel and Hamas. Beijing has sought balance.", 2),
    ("Rev. Martin Luther King spoke. Mr. Smith listened.", 2),
    ("J. R. R. Tolkien wrote it. Then he left.", 2),
    ("The U.S. Army arrived. Ks. Popiełuszko prayed on al. Jerozolimskie.", 2),
    ("Лекцію прочитав проф. Іваненко. Потім був ген. Залужний.", 2),
    # a one-letter abbreviation and place words before a name or a number
    ("Рішення Господарського суду м. Києва оскаржили. За ст. 15 це можна.", 2),
    ("Він живе в с. Іванівка на вул. Шевченка. Сусіди теж.", 2),
])
def test_sentence_ends(text, count):
    assert len(split(text)) == count


def test_initials_stay_with_the_name():
    text = "J. K. Rowling wrote to В. Зеленський. He replied."
    assert [text[s.start : s.end] for s in split(text)] == ["J. K. Rowling wrote to В. Зеленський.", "He replied."]
