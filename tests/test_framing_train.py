"""Training and cross-validation of the framing tagger on a tiny corpus written for this test (PTC layout)."""

from __future__ import annotations

import pytest

from newsgraph.eval.framing import cross_validate
from newsgraph.train.framing import read_language, train_language
from newsgraph.understand.framing_model import FramingModel

SENTENCES = [
    ("The {brutal} regime crushed the protest in the capital.", "Loaded_Language"),
    ("Critics called the minister a {clown} on live television.", "Name_Calling,Labeling"),
    ("The {shameful} decision was announced on Friday.", "Loaded_Language"),
    ("Protesters shouted that the mayor was a {thief}.", "Name_Calling,Labeling"),
    ("Officials opened a new bridge over the river.", None),
    ("The council met to discuss the annual budget.", None),
]


def _write_corpus(root):
    folder = root / "semeval2020-task11"
    articles = folder / "train-articles"
    articles.mkdir(parents=True)
    labels = []
    for doc in range(12):
        text = ""
        for k in range(len(SENTENCES)):
            template, technique = SENTENCES[(doc + k) % len(SENTENCES)]
            before, _, rest = template.partition("{")
            word, _, after = rest.partition("}")
            sentence = template.replace("{", "").replace("}", "") + "\n"
            if technique:
                start = len(text) + len(before)
                labels.append(f"{doc}\t{technique}\t{start}\t{start + len(word)}")
            text += sentence
        (articles / f"article{doc}.txt").write_text(text, encoding="utf-8")
    (folder / "train-task2-TC.labels").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def corpus(tmp_path):
    return _write_corpus(tmp_path / "propaganda")


def test_reader_maps_technique_names(corpus):
    docs = read_language(corpus, "en")
    assert len(docs) == 12
    techniques = {t for d in docs for _, _, t in d.spans}
    assert techniques == {"loaded_language", "name_calling"}
    doc = docs[0]
    assert all(doc.text[s:e] in {"brutal", "clown", "shameful", "thief"} for s, e, _ in doc.spans)


def test_train_saves_a_model_that_finds_the_trained_words(corpus, tmp_path):
    model = train_language("en", corpus, tmp_path / "framing-en")
    loaded = FramingModel.load(tmp_path / "framing-en")
    assert loaded.techniques == model.techniques and loaded.meta["documents"] == 12
    found = {(g.technique, "The brutal regime crushed the protest."[g.start:g.end])
             for g in loaded.predict("The brutal regime crushed the protest.")}
    assert ("loaded_language", "brutal") in found


def test_cross_validation_reports_every_technique_and_the_pooled_scores(corpus):
    report = cross_validate("en", corpus, folds=2)
    assert report.documents == 12
    assert set(report.scores) >= {"loaded_language", "name_calling"}
    assert report.scores["loaded_language"]["model"][2] > 0.5
    assert 0.0 <= report.any_technique_tokens["system"][2] <= 1.0
    assert set(report.scores["loaded_language"]) == {"unfiltered", "model", "system"}  # the filter beside its anchor


def test_extra_documents_join_the_fits_and_the_model_keeps_its_clusters(corpus, tmp_path):
    from newsgraph.train.framing import CLUSTER_LANGS, train_model, training_options
    from newsgraph.understand.framing_clusters import word_clusters

    assert "en" in CLUSTER_LANGS and training_options("en")["clusters"] is word_clusters()
    assert training_options("ru", corpus) == {}  # ru keeps the features without clusters (cross-validated)
    docs = read_language(corpus, "en")
    polish_like = [doc for doc in docs if not any(t == "name_calling" for *_, t in doc.spans)][:2]
    model = train_model(polish_like, "en", ("loaded_language", "name_calling"), extra_docs=docs,
                        clusters=word_clusters())
    found = {g.technique for g in model.predict("Critics called the minister a clown.")}
    assert "name_calling" in found  # learned from the extra documents only
    model.save(tmp_path / "m")
    assert FramingModel.load(tmp_path / "m").clusters is word_clusters()


def test_distillation_targets_are_gold_labels_then_the_teachers_probabilities_in_our_order(corpus):
    import numpy as np

    from newsgraph.train.framing import Doc, Scored
    from newsgraph.train.framing_distil import distilled_matrix
    from newsgraph.understand.framing_features import Featurizer, token_spans
    from newsgraph.understand.framing_lexicon import lexicon
    from newsgraph.understand.framing_model import sentence_breaks

    gold = read_language(corpus, "en")[:1]
    text = "A vile attack."
    spans = token_spans(text)
    teacher_probs = np.array([[0.1, 0.0], [0.9, 0.2], [0.3, 0.0], [0.0, 0.0]], dtype=np.float32)[: len(spans)]
    taught = [Scored(Doc("u", text, (), "polnear"), spans, teacher_probs, sentence_breaks(text, spans, "en"))]
    ids, targets = distilled_matrix(gold, taught, Featurizer(lexicon("en")), ("name_calling", "loaded_language"),
                                    teacher_order=("loaded_language", "name_calling"))
    gold_rows = len(token_spans(gold[0].text))
    assert ids.shape[0] == targets.shape[0] == gold_rows + len(spans)
    assert set(np.unique(targets[:gold_rows])) <= {0.0, 1.0} and targets[:gold_rows].sum() > 0
    assert np.allclose(targets[gold_rows:], teacher_probs[:, [1, 0]])


def test_a_distilled_tagger_learns_a_word_only_the_teacher_marked(corpus):
    import numpy as np

    from newsgraph.train.framing import Doc, Scored
    from newsgraph.train.framing_distil import fit_on
    from newsgraph.understand.framing_features import Featurizer, token_spans
    from newsgraph.understand.framing_lexicon import lexicon
    from newsgraph.understand.framing_model import sentence_breaks

    docs = read_language(corpus, "en")
    order = ("loaded_language", "name_calling")
    taught = []
    for number in range(8):
        text = f"The vile plan was shown on day {number}."
        spans = token_spans(text)
        probs = np.zeros((len(spans), 2), dtype=np.float32)
        probs[[text[s:e] for s, e in spans].index("vile"), 0] = 0.95
        taught.append(Scored(Doc(str(number), text, (), "polnear"), spans, probs, sentence_breaks(text, spans, "en")))
    featurizer = Featurizer(lexicon("en"))
    control = fit_on(docs[:8], [], docs[8:], "en", order, order, featurizer)
    distilled = fit_on(docs[:8], taught, docs[8:], "en", order, order, featurizer)
    words = ["The", "vile", "plan"]
    assert distilled.text_scores(words)[1, 0] > control.text_scores(words)[1, 0] + 0.2


def _polnear(root, sentences_per_story=2):
    """A PolNeAR-shaped folder (text + attribution files) of news nobody labelled for framing."""
    texts, attributions = root / "train" / "text", root / "train" / "attributions"
    texts.mkdir(parents=True)
    attributions.mkdir()
    for day in range(1, 25):
        name = f"wire_2016-01-{day:02d}_story"
        (texts / f"{name}.txt").write_text("The vile plan was shown again. " * sentences_per_story, encoding="utf-8")
        (attributions / f"{name}_a1.ann").write_text("", encoding="utf-8")
    return root


def _taught_file(polnear, path):
    import numpy as np

    from newsgraph.train.framing import Scored
    from newsgraph.train.framing_distil import save_taught, unlabelled_docs
    from newsgraph.understand.framing_features import token_spans

    taught = []
    for doc in unlabelled_docs("en", polnear):
        spans = token_spans(doc.text)
        probs = np.zeros((len(spans), 2), dtype=np.float32)
        probs[[i for i, (s, e) in enumerate(spans) if doc.text[s:e] == "vile"], 0] = 0.95  # loaded_language
        taught.append(Scored(doc, spans, probs, np.zeros(len(spans), bool)))
    # the teacher's column order (name_calling last), not necessarily the tagger's
    return save_taught(path, taught, ("loaded_language", "name_calling"), {"teacher": "test"}), taught


def test_saved_teacher_probabilities_come_back_joined_to_their_text_in_our_order(tmp_path):
    import numpy as np

    from newsgraph.train.framing_distil import load_taught

    polnear = _polnear(tmp_path / "polnear")
    path, saved = _taught_file(polnear, tmp_path / "taught.npz")
    loaded, header = load_taught(path, "en", ("name_calling", "loaded_language"), polnear)
    assert [t.doc.id for t in loaded] == [t.doc.id for t in saved] and header["teacher"] == "test"
    for before, after in zip(saved, loaded, strict=True):
        assert after.spans == before.spans  # float16 on disk:
        assert np.allclose(after.probs, before.probs[:, [1, 0]], atol=1e-3)


def test_teacher_probabilities_that_no_longer_match_their_text_are_refused(tmp_path):
    from newsgraph.errors import NewsgraphError
    from newsgraph.train.framing_distil import load_taught

    path, _ = _taught_file(_polnear(tmp_path / "old"), tmp_path / "taught.npz")
    with pytest.raises(NewsgraphError, match="does not match"):
        load_taught(path, "en", ("loaded_language",), _polnear(tmp_path / "new", sentences_per_story=3))
    with pytest.raises(NewsgraphError, match="save-taught"):
        load_taught(tmp_path / "missing.npz", "en", ("loaded_language",), tmp_path / "new")


def test_a_tagger_trained_with_taught_news_learns_what_only_the_teacher_marked(corpus, tmp_path):
    polnear = _polnear(tmp_path / "polnear")
    path, _ = _taught_file(polnear, tmp_path / "taught.npz")
    plain = train_language("en", corpus, tmp_path / "plain")
    distilled = train_language("en", corpus, tmp_path / "distilled", taught=path, news=polnear)
    words = ["The", "vile", "plan"]
    assert distilled.text_scores(words)[1, 0] > plain.text_scores(words)[1, 0] + 0.2
    saved = FramingModel.load(tmp_path / "distilled").meta["distilled"]
    assert saved["teacher"] == "test" and saved["documents"] > 0 and saved["words"] > 0


def _ner_data(root):
    """A SlavicNER- and ner-uk-shaped folder: two training topics, the held-out one, a ner-uk DEV and TEST doc."""
    for topic in ("brexit", "covid-19", "nord_stream"):
        for lang in ("uk", "pl"):
            folder = root / "slavicner" / "raw" / topic / lang
            folder.mkdir(parents=True)
            (folder / f"{lang}-1.txt").write_text(f"{topic} news in {lang}. A vile plan.\n", encoding="utf-8")
    data = root / "ner-uk" / "v2.0" / "data"
    (data / "bruk").mkdir(parents=True)
    (data / "bruk" / "aaa.txt").write_text("Навчальний текст.", encoding="utf-8")
    (data / "bruk" / "bbb.txt").write_text("Тестовий текст.", encoding="utf-8")
    (data / "dev-test-split.txt").write_text("DEV\naaa\n\nTEST\nbbb\n", encoding="utf-8")
    return root


def test_slavic_unlabelled_news_leaves_out_the_held_out_topic_and_ner_uk_test(tmp_path):
    from newsgraph.train.framing_distil import unlabelled_docs

    root = _ner_data(tmp_path)
    uk = unlabelled_docs("uk", root)
    assert sorted(doc.id for doc in uk) == ["ner-uk/aaa", "slavicner/brexit/uk-1.txt",
                                            "slavicner/covid-19/uk-1.txt"]
    assert not any("nord_stream" in doc.text or "Тестовий" in doc.text for doc in uk)
    assert sorted(doc.source for doc in unlabelled_docs("pl", root)) == ["slavicner", "slavicner"]
    assert unlabelled_docs("uk", tmp_path / "missing") == []
    assert len(unlabelled_docs("uk", root, limit=1)) == 1



def test_russian_unlabelled_news_may_add_unlp_posts_but_ukrainian_never_does(tmp_path):
    import gzip
    import json

    from newsgraph.train.framing_distil import unlabelled_docs

    root = _ner_data(tmp_path / "ner")
    for lang in ("ru",):
        folder = root / "slavicner" / "raw" / "brexit" / lang
        folder.mkdir(parents=True)
        (folder / f"{lang}-1.txt").write_text("Новости о брексите.", encoding="utf-8")
    unlp = tmp_path / "unlp"
    unlp.mkdir()
    posts = [{"id": "p1", "lang": "ru", "content": "Подлый план.", "trigger_words": [[0, 6]]},
             {"id": "p2", "lang": "uk", "content": "Підлий план.", "trigger_words": [[0, 6]]}]
    with gzip.open(unlp / "train.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(post) + "\n" for post in posts)
    ru = unlabelled_docs("ru", [root, unlp])
    assert [(doc.id, doc.spans) for doc in ru] == [("slavicner/brexit/ru-1.txt", ()), ("unlp2025/p1", ())]
    assert [doc.id for doc in unlabelled_docs("ru", root)] == ["slavicner/brexit/ru-1.txt"]
    # the Ukrainian posts are framing-uk's training documents: never its unlabelled news
    assert "unlp2025" not in {doc.source for doc in unlabelled_docs("uk", [root, unlp])}

def test_taught_probabilities_of_slavic_news_load_again_from_the_ner_data(tmp_path):
    import numpy as np

    from newsgraph.train.framing import Scored
    from newsgraph.train.framing_distil import load_taught, save_taught, unlabelled_docs
    from newsgraph.understand.framing_features import token_spans
    from newsgraph.understand.framing_model import sentence_breaks

    root = _ner_data(tmp_path)
    taught = []
    for doc in unlabelled_docs("pl", root):
        spans = token_spans(doc.text)
        taught.append(Scored(doc, spans, np.full((len(spans), 1), 0.25, dtype=np.float32),
                             sentence_breaks(doc.text, spans, "pl")))
    path = save_taught(tmp_path / "taught.npz", taught, ("loaded_language",), {"teacher": "test"})
    loaded, header = load_taught(path, "pl", ("loaded_language",), root)
    assert [t.doc.id for t in loaded] == [t.doc.id for t in taught] and header["source"] == ["slavicner"]
    assert np.allclose(loaded[0].probs, 0.25, atol=1e-3)
