"""Bad input never crashes or hangs the detectors: every case returns quickly."""

from __future__ import annotations

import random
import time

import pytest

from detectors.contracts import Article

LIMIT_S = 10.0  # generous on a shared 2-core machine; typical cases take milliseconds


@pytest.fixture(scope="module")
def pipeline():
    from detectors import Pipeline

    p = Pipeline.load()
    p.detect(Article.create("Warm-up: die Waffenruhe hält.", language="de"))
    return p


def _garbage(n: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    return bytes(rnd.getrandbits(8) for _ in range(n)).decode("latin-1")


CASES = {
    "empty": "",
    "whitespace": " \n\t\n ",
    "binary": _garbage(200_000),
    "all_caps": "WAFFENRUHE IN SYRIEN VEREINBART. PUTIN TRIFFT ERDOGAN IN MOSKAU.",
    "no_punctuation": " ".join(["die Waffenruhe wurde gebrochen und die Minister trafen sich in Wien"] * 3000),
    "mixed_languages": "Die Waffenruhe hält. The ceasefire holds. La tregua regge. Le cessez-le-feu tient. " * 50,
    "five_megabytes": ("Der Präsident traf den Kanzler in Berlin. Die Waffenruhe wurde verletzt. " * 70_000)[
        :5_000_000
    ],
    "one_long_word": "Waffenruhe" * 100_000,
    "control_chars": "\x00\x01\x02 Waffenruhe \x7f\u200b\ufeff vereinbart \u2028 \ud7ff",
    "only_digits": "1234567890 " * 10_000,
    "emoji": "🕊️ ceasefire 🕊️ " * 1000,
    "lone_surrogate": "Die Waffenruhe \ud800 wurde vereinbart. The truce \udfff was agreed.",
    "newlines_only": "\n" * 100_000,
    "one_sentence_of_dots": "Waffenruhe." * 50_000,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_returns_quickly(pipeline, name):
    text = CASES[name]
    for language in (None, "de"):
        t0 = time.perf_counter()
        dets = pipeline.detect(Article.create(text, language=language))
        elapsed = time.perf_counter() - t0
        assert elapsed < LIMIT_S, f"{name}: {elapsed:.1f}s"
        assert isinstance(dets, list)
        for det in dets:
            assert 0 <= det.evidence.start <= det.evidence.trigger[0] < det.evidence.trigger[1] <= det.evidence.end
            assert det.evidence.end <= len(text)
            assert len(det.evidence.text) == det.evidence.end - det.evidence.start
            assert det.to_json()  # serialisable, even from broken input


def test_detections_per_article_are_bounded(pipeline):
    from detectors.pipeline import MAX_DETECTIONS

    dets = pipeline.detect(Article.create(CASES["five_megabytes"], language="de"))
    assert 0 < len(dets) <= MAX_DETECTIONS


def test_all_caps_still_detects(pipeline):
    dets = pipeline.detect(Article.create(CASES["all_caps"], language="de"))
    assert ("ceasefire", "announced") in {(d.type, d.status) for d in dets}


def test_language_variants_are_normalised(pipeline):
    for lang in ("DE", "de-AT", "de_CH"):
        dets = pipeline.detect(Article.create("Die Rebellen verkündeten eine Waffenruhe.", language=lang))
        assert [d.language for d in dets] == ["de"]


def test_spacy_pipeline_is_rebuilt_after_many_new_words(pipeline, monkeypatch):
    import detectors.pipeline as pl

    engine = pipeline.engine("de")
    before = engine.nlp
    monkeypatch.setattr(pl, "VOCAB_RECYCLE", len(before.vocab))
    dets = pipeline.detect(Article.create("Die Rebellen verkündeten eine Waffenruhe.", language="de"))
    assert engine.nlp is not before
    assert [(d.type, d.status) for d in dets] == [("ceasefire", "announced")]
