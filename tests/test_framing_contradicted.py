"""Lexicon entries the annotated data contradicts (train/framing_contradicted.py) and the stage leaving them out."""

from newsgraph.train.framing import Doc
from newsgraph.train.framing_contradicted import contradicted_entries
from newsgraph.understand.framing import frame_text


def _doc(index: int, text: str, gold: tuple = ()) -> Doc:
    return Doc(f"d{index}", text, gold, "test")


def test_an_entry_annotators_never_mark_is_contradicted_and_one_they_mark_is_not():
    text = "The regime said the dictator lied."
    dictator = (text.index("dictator"), text.index("dictator") + len("dictator"), "name_calling")
    docs = [_doc(i, text, (dictator,)) for i in range(12)]
    assert contradicted_entries(docs, "en", ("loaded_language", "name_calling")) == ["regime*"]


def test_few_hits_or_a_technique_the_tagger_does_not_learn_say_nothing():
    docs = [_doc(i, "The regime said so.") for i in range(9)]  # under MIN_HITS
    assert contradicted_entries(docs, "en", ("loaded_language", "name_calling")) == []
    many = [_doc(i, "The regime said so.") for i in range(20)]
    assert contradicted_entries(many, "en", ("loaded_language",)) == []  # uk's data labels no name calling


class _SilentTagger:
    """A tagger that finds nothing, so the stage's spans are the lexicon's."""

    def __init__(self, contradicted):
        self.meta = {"lexicon_contradicted": contradicted}

    def predict(self, *args, **kwargs):
        return []


def test_the_stage_leaves_out_hits_of_contradicted_entries_only():
    text = "The regime and its dictator met."
    spans = frame_text(text, "en", _SilentTagger(["regime*"]))
    assert [text[s.start:s.end] for s in spans] == ["dictator"]
    assert {text[s.start:s.end] for s in frame_text(text, "en", _SilentTagger([]))} == {"regime", "dictator"}
