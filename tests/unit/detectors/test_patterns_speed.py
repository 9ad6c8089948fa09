"""PatternSet.find's fast path (tokens no pattern can start at are skipped; wildcard hits remembered per word)
gives the matches of the plain matcher, memo cold, warm and cleared."""

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
            found += len(expected)
        assert len(ps._wild_hits) <= memo
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
