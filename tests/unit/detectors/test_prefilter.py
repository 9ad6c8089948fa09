"""The article pre-filter: an article it turns away holds no candidate (the pipeline skips its tokenisation)."""

import re

import pytest

from detectors.engine import build_engine
from detectors.meeting import HEADLINE_ONLY_TOKENS
from detectors.pipeline import Pipeline
from detectors.prefilter import ArticleFilter, trie_pattern, word_search


def test_the_trie_matches_exactly_its_words():
    words = ["treffen", "traf", "trafen", "gipfel", "a.b", "g-20"]
    rx = re.compile(trie_pattern(words))
    for w in words:
        assert rx.fullmatch(w)
    for w in ["tre", "treffe", "trafe", "gipfels", "axb", "g"]:
        assert not rx.fullmatch(w)


def test_a_word_is_found_where_no_letter_touches_it():
    rx = word_search(["treffen", "-gipfel"])
    assert rx is not None
    for text in ["das treffen.", "(treffen)", "putin-treffen", "10treffen", "«treffen»", "merkel-gipfel"]:
        assert rx.search(text), text
    for text in ["betreffend", "treffens", "zutreffen"]:
        assert not rx.search(text), text


def test_special_cases_headlines_stems_and_sigma():
    f = ArticleFilter(["not"], ["bei"], {"cannot": [{65: "can"}, {65: "not"}]},
                      lambda text: [0] if "reise" in text else [], 3)
    assert f.may_hold("He cannot come")  # spaCy splits "cannot": "not" is a token
    assert not f.may_hold("He can come")
    assert f.may_hold("Merkel bei Putin. Mehr")
    assert not f.may_hold("Die Kanzlerin war gestern bei Putin")  # "bei" past the first 3 pieces
    assert f.may_hold("Die Asienreise")
    assert f.may_hold("ΣΟΦΙΑ")  # a final sigma: lowercasing depends on the context


@pytest.mark.parametrize("lang,texts", [
    ("de", ["Merkel bei Putin", "Der Minister traf gestern seinen Amtskollegen.", "Das Wetter bleibt schön.",
            "Gespräche über die Waffenruhe", "Die Asienreise des Kanzlers", "Beim Gipfeltreffen in Rom."]),
    ("en", ["Biden met Xi in Bali.", "The weather stays fine.", "Talks cannot start.", "A ceasefire holds."]),
])
def test_a_text_turned_away_has_no_candidate(lang, texts):
    engine = build_engine(lang)
    pipeline = Pipeline.load()
    assert engine.prefilter is not None
    turned_away = 0
    for text in texts:
        doc = engine.nlp.tokenizer(text)
        ranges, chosen = pipeline._candidate_sentences(engine, text, doc)
        head = doc[ranges[0][0]:ranges[0][1]] if ranges[0][1] - ranges[0][0] <= HEADLINE_ONLY_TOKENS else []
        headline = any(t.lower_ in getattr(d, "headline_words", ()) for d in engine.detectors for t in head)
        if not engine.prefilter.may_hold(text):
            turned_away += 1
            assert not chosen and not headline, text
    assert turned_away >= 1


def test_the_engine_tokenises_only_the_texts_that_may_hold_a_candidate():
    engine = build_engine("de")
    texts = {0: "Der Minister traf gestern seinen Amtskollegen.", 1: "Das Wetter bleibt schön.", 2: "Merkel bei Putin"}
    todo, docs = engine.tokenise([0, 1, 2], texts, 2)
    assert todo == [0, 2]
    assert [d.text for d in docs] == [texts[0], texts[2]]
