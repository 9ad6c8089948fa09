"""Language: a given tag is trusted (normalised); otherwise identified, short or unsure texts checked against the
lexicons of the likeliest supported languages."""

from __future__ import annotations

import pytest

from detectors.contracts import Article
from detectors.langid import identify, normalise_tag

PUTIN = "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Ankara on Monday."
SUPPORTED = ("de", "en", "es", "fr", "it", "ru", "tr")


@pytest.fixture(scope="module")
def pipeline():
    from detectors import Pipeline

    return Pipeline.load()


@pytest.mark.parametrize(("tag", "lang"), [("en-US", "en"), ("EN", "en"), ("pt_BR", "pt"), (" de ", "de"),
                                           ("zh-Hant-TW", "zh"), ("not a tag", None), ("", None)])
def test_tags_are_normalised(tag, lang):
    assert normalise_tag(tag) == lang


def test_short_english_with_turkish_names_is_english():
    lang = identify(PUTIN, SUPPORTED)
    assert (lang.lang, lang.source) == ("en", "detected")
    assert lang.identified == "tr"  # what character n-grams alone say: the lexicons decided
    assert 0 < lang.confidence <= 1


def test_putin_meets_erdogan_without_a_language_tag(pipeline):
    (analysis,) = pipeline.analyse_many([Article.create(PUTIN)])
    assert analysis.language.lang == "en" and analysis.language.source == "detected"
    assert [(d.type, d.status, d.level, d.language) for d in analysis.detections] == [
        ("meeting", "held", "high", "en")]


def test_a_long_confident_text_keeps_the_identifier(pipeline):
    text = ("Die Waffenruhe im Osten des Landes wurde am Wochenende mehrfach gebrochen. Beide Seiten werfen "
            "einander vor, mit schweren Waffen auf Wohngebiete geschossen zu haben, berichtet die Beobachtermission.")
    lang = pipeline.language(Article.create(text))
    assert (lang.lang, lang.source) == ("de", "detected") and lang.confidence >= 0.9


def test_given_language_is_trusted_and_normalised(pipeline):
    lang = pipeline.language(Article.create(PUTIN, language="EN-gb"))
    assert (lang.lang, lang.source, lang.confidence) == ("en", "given", 1.0)
    unsupported = pipeline.language(Article.create("Bonjour", language="zh-CN"))
    assert unsupported.lang is None and unsupported.identified == "zh" and unsupported.source == "given"


def test_unsupported_and_unknown_languages_are_told_apart(pipeline):
    chinese = pipeline.language(Article.create("普京与埃尔多安在安卡拉会面，讨论叙利亚停火问题。"))
    assert chinese.lang is None and chinese.identified == "zh"
    digits = pipeline.language(Article.create("12345 67890"))
    assert digits.lang is None and digits.identified is None


def test_title_helps_identification(pipeline):
    lang = pipeline.language(Article.create("Tregua a Gaza", title="Il governo annuncia una tregua di tre giorni"))
    assert lang.lang == "it"
