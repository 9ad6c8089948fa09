"""The pre-filter's anchors (PatternSet.anchor_words with the word frequency tables of detectors/data/wordfreq/):
each pattern is anchored on a word another pattern already needs, else on its rarest word, else (a word the table
lacks) on its longest; every match still holds an anchor; the shipped tables cover every trigger word."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from detectors import registry
from detectors.engine import anchor_frequencies, build_engine
from detectors.patterns import Elem, PatternSet, elem_key

ENTRIES = [("t", "treffen"), ("t", "=traf"), ("t", "mit ... sprechen"), ("t", "zu gesprächen"),
           ("t", "sich ... treffen"), ("t", "kündigen ... an"), ("t", "waffenruhe <p>"), ("t", "am rande ... gipfel*"),
           ("t", "mit *gipfel"), ("t", "waffen ... stellen")]
FREQ = {"treffen": 40.0, "=traf": 9.0, "mit": 9000.0, "sprechen": 150.0, "zu": 20000.0, "gesprächen": 12.0,
        "sich": 9000.0, "kündigen": 30.0, "an": 8000.0, "waffenruhe": 3.0, "am": 5000.0, "rande": 8.0,
        "gipfel*": 20.0, "*gipfel": 25.0, "waffen": 60.0, "stellen": 300.0}
WORDS = ["treffen", "traf", "trafen", "mit", "sprechen", "sprach", "zu", "Gesprächen", "sich", "kündigte", "an",
         "Waffenruhe", "am", "Rande", "Gipfel", "EU-Gipfel", "Waffen", "stellen", "Berlin", ".", ",", "und"]
LEMMA = {"trafen": "treffen", "traf": "treffen", "kündigte": "kündigen", "sprach": "sprechen"}


def _anchored(exact: set[str], wild: list[tuple[str, str]], lowers: Sequence[str], lemmas: Sequence[str]) -> bool:
    """What the pipeline's pre-filter sees: a token whose text or lemma is an anchor word, or a wildcard stem."""
    elems = [Elem(kind, value) for value, kind in wild]
    return any(low in exact or lem in exact or any(e.test(low, lem) for e in elems)
               for low, lem in zip(lowers, lemmas, strict=True))


def test_rarest_word_anchors_and_a_word_already_needed_costs_nothing() -> None:
    exact, wild = PatternSet(ENTRIES).anchor_words(FREQ)
    # "mit ... sprechen" on "sprechen", "waffen ... stellen" on "waffen", "am rande ... gipfel*" on "rande"
    assert exact == {"treffen", "traf", "sprechen", "gesprächen", "kündigen", "waffenruhe", "rande", "waffen"}
    assert wild == [("gipfel", "suffix")]  # "mit *gipfel": the stem, not "mit"
    # "sich ... treffen" needs no anchor of its own: "treffen" anchors a one-word pattern already
    exact, _ = PatternSet([("t", "treffen"), ("t", "sich ... treffen")]).anchor_words({"treffen": 900.0, "sich": 1.0})
    assert exact == {"treffen"}


def test_without_the_table_or_with_a_word_it_lacks_the_longest_word_anchors() -> None:
    ps = PatternSet([("t", "waffen ... stellen"), ("t", "mit ... sprechen")])
    assert ps.anchor_words() == ({"sprechen", "stellen"}, [])
    assert ps.anchor_words({"waffen": 1.0, "stellen": 9.0, "mit": 0.5}) == ({"waffen", "sprechen"}, [])


@pytest.mark.parametrize("seed", [3, 11])
def test_every_match_holds_an_anchor_word_whatever_the_frequencies(seed: int) -> None:
    rnd = random.Random(seed)
    freq = {k: rnd.choice([0.0, 1.0, 50.0, 1e4]) for k in FREQ}
    ps = PatternSet(ENTRIES)
    exact, wild = ps.anchor_words(freq)
    matched = 0
    for _ in range(3000):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(0, 12))]
        lowers = [w.lower() for w in words]
        lemmas = [LEMMA.get(w, w) for w in lowers]
        if ps.find(lowers, lemmas):
            matched += 1
            assert _anchored(exact, wild, lowers, lemmas), (freq, words)
    assert matched > 500


@pytest.mark.parametrize("lang", registry.languages())
def test_the_shipped_table_covers_every_trigger_word(lang: str) -> None:
    table = anchor_frequencies(lang)
    assert table is not None, f"no detectors/data/wordfreq/{lang}.json: run .venv/bin/python -m bench.wordfreq_table"
    missing = sorted({elem_key(e) for det in build_engine(lang).detectors for pat in det.triggers.patterns()
                      for e in pat.elems if e.kind not in ("gap", "punct") and elem_key(e) not in table})
    assert not missing, f"{lang}: {missing[:20]} lack a frequency (their patterns fall back to the longest word): " \
        "rerun .venv/bin/python -m bench.wordfreq_table (needs wordfreq, build time only)"


def test_german_anchors_are_no_function_words() -> None:
    engine = build_engine("de")
    exact: set[str] = set()
    for det in engine.detectors:
        exact |= det.triggers.anchor_words(anchor_frequencies("de"))[0]
    assert not exact & {"mit", "zu", "sich", "am", "in", "an", "der", "die", "und"}
