"""PatternSet.find's fast path (a sentence none of whose words can start a pattern is passed by set operations;
tokens no pattern can start at are skipped; wildcard hits remembered per word) gives the matches of the plain
matcher, memo cold, warm and cleared."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from detectors import patterns
from detectors.patterns import Match, PatternSet, _match_rest

ENTRIES = [("t", "treffen"), ("t", "=traf"), ("t", "gespräch*"), ("t", "*gipfel"), ("t", "*verhandl*"),
           ("t", "kündigen ... an"), ("t", "waffenruhe <p>"), ("x", "treffen sich"), ("x", "gipfel* in"),
           ("x", "*ruhe"), ("x", "an")]
WORDS = ["treffen", "traf", "trafen", "Gespräche", "gesprächsbereit", "Gipfel", "EU-Gipfel", "Verhandlungen",
         "kündigte", "an", "Waffenruhe", "Ruhe", "sich", "in", "Berlin", ".", ",", "und", "die", "Unruhe"]
LEMMA = {"trafen": "treffen", "traf": "treffen", "kündigte": "kündigen", "gespräche": "gespräch"}


def _plain(ps: PatternSet, lowers: Sequence[str], lemmas: Sequence[str]) -> list[Match]:
    """The matcher before the fast path: every token's first-element candidates, the regex per token."""
    out: list[Match] = []
    for i, (lower, lemma) in enumerate(zip(lowers, lemmas, strict=True)):
        cands = list(ps._exact.get(lower, ()))
        if lemma != lower:
            cands += [p for p in ps._exact.get(lemma, ()) if p.elems[0].kind == "exact"]
        if ps._wild_re is not None and ps._wild_re.search(lower):
            cands += [p for p in ps._wild if p.elems[0].test(lower, lemma)]
        for pat in cands:
            stop = _match_rest(pat.elems, 1, i + 1, lowers, lemmas, len(lowers))
            if stop is not None:
                out.append(Match(pat.label, i, stop, pat.text))
    return out


def _sentences(n: int) -> list[tuple[list[str], list[str]]]:
    rnd = random.Random(5)
    out = []
    for _ in range(n):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(0, 14))]
        lowers = [w.lower() for w in words]
        out.append((lowers, [LEMMA.get(w, w) for w in lowers]))
    return out


@pytest.mark.parametrize("memo", [50_000, 3])
def test_find_gives_the_plain_matchers_matches(monkeypatch: pytest.MonkeyPatch, memo: int) -> None:
    monkeypatch.setattr(patterns, "WILD_MEMO", memo)
    ps = PatternSet(ENTRIES)
    sentences = _sentences(400)
    found = 0
    for _ in range(2):  # memo cold, then warm (or cleared again and again with a memo of 3 words)
        for lowers, lemmas in sentences:
            expected = _plain(ps, lowers, lemmas)
            assert ps.find(lowers, lemmas) == expected
            if expected:  # a sentence passed by the set operations holds no match
                assert ps.may_start(lowers, lemmas)
            found += len(expected)
        assert len(ps._wild_hits) <= memo
        assert ps._no_wild == {w for w, hits in ps._wild_hits.items() if not hits}  # cleared with the memo
    assert found > 200  # the sentences do hold matches of every kind


def test_find_in_a_range_and_with_no_patterns() -> None:
    ps = PatternSet(ENTRIES)
    lowers = ["die", "gespräche", "und", "treffen", "sich"]
    lemmas = ["die", "gespräch", "und", "treffen", "sich"]
    assert [(m.label, m.start, m.end) for m in ps.find(lowers, lemmas, 2, 5)] == [("t", 3, 4), ("x", 3, 5)]
    assert PatternSet([]).find(lowers, lemmas) == []


def test_in_sentence_searches_a_sentence_once_per_set_and_hands_out_fresh_lists(monkeypatch) -> None:
    from detectors.text import Sentence

    words = ["Die", "Minister", "trafen", "sich", "zu", "Gesprächen", "und", "kündigten", "eine", "Waffenruhe", "an"]
    lowers = [w.lower() for w in words]
    lemmas = [LEMMA.get(w, w) for w in lowers]
    sent = Sentence(0, len(words), 0, 0, " ".join(words), words, lowers, lemmas, lemmas, list(range(len(words))))
    one, other = PatternSet(ENTRIES), PatternSet(ENTRIES[:3])
    calls: list[int] = []
    find = PatternSet.find
    monkeypatch.setattr(PatternSet, "find", lambda self, *a: calls.append(id(self)) or find(self, *a))
    first = one.in_sentence(sent)
    assert first == _plain(one, lowers, lemmas) and first
    first.clear()  # a caller's list is its own
    assert one.in_sentence(sent) == _plain(one, lowers, lemmas)
    assert other.in_sentence(sent) == _plain(other, lowers, lemmas)
    assert calls == [id(one), id(other)]


def _anchored(exact: set[str], wild: list[tuple[str, str]], lowers: Sequence[str], lemmas: Sequence[str]) -> bool:
    """What the pipeline's pre-filter sees: a token whose text or lemma is an anchor word, or a wildcard stem."""
    elems = [patterns.Elem(kind, value) for value, kind in wild]
    return any(low in exact or lem in exact or any(e.test(low, lem) for e in elems)
               for low, lem in zip(lowers, lemmas, strict=True))


def test_every_match_holds_an_anchor_word_and_function_words_anchor_nothing() -> None:
    entries = [*ENTRIES, ("m", "zu gesprächen"), ("m", "sich ... treffen"), ("m", "am rande ... gipfel*"),
               ("m", "mit *gipfel"), ("m", "zu =traf")]
    ps = PatternSet(entries)
    exact, wild = ps.anchor_words()
    assert not exact & {"zu", "sich", "am", "mit", "in"}  # the longest word of each pattern anchors it
    assert {"gesprächen", "treffen", "kündigen", "waffenruhe"} <= exact  # "am rande ... gipfel*": the stem
    assert ("gipfel", "suffix") in wild and ("gipfel", "prefix") in wild
    rnd = random.Random(7)
    vocabulary = [*WORDS, "zu", "Gesprächen", "am", "Rande", "mit"]
    matched = 0
    for _ in range(3000):
        words = [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 12))]
        lowers = [w.lower() for w in words]
        lemmas = [LEMMA.get(w, w) for w in lowers]
        if ps.find(lowers, lemmas):
            matched += 1
            assert _anchored(exact, wild, lowers, lemmas), words
    assert matched > 1000


LANGS = ("de", "en", "es", "fr", "it", "ru")


@pytest.mark.parametrize("lang", LANGS)
def test_the_pipeline_pre_filter_keeps_every_sentence_a_trigger_matches(lang: str) -> None:
    """On the team-written corpus units of each language (in the repository): every sentence in which a
    detector's trigger patterns match is among the pipeline's candidate sentences (anchor words, their
    inflections, wildcard stems), and the pre-filter passes most other sentences by."""
    import json
    from pathlib import Path

    from detectors.pipeline import Pipeline
    from detectors.text import Sentence

    root = Path(__file__).resolve().parents[3] / "corpus" / lang
    texts = [json.loads(line).get("text") for path in sorted(root.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [t for t in texts if t][:400]
    assert len(texts) >= 100
    pipeline = Pipeline.load([lang], stage="rules")
    engine = pipeline.engine(lang)
    with_hits = chosen_total = sentences = 0
    for text in texts:
        doc = engine.nlp.tokenizer(text)
        ranges, chosen = pipeline._candidate_sentences(engine, text, doc)
        sentences += len(ranges)
        chosen_total += len(chosen)
        for s, (a, b) in enumerate(ranges):
            sent = Sentence.from_span(doc[a:b], text, engine.lemma_table)
            if any(det.triggers.in_sentence(sent) for det in engine.detectors):
                with_hits += 1
                assert s in chosen, (lang, sent.text)
    assert with_hits > 50
    assert chosen_total < sentences
