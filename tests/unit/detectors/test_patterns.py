"""``detectors/patterns.py``: the long gap ``....`` (the German verb bracket) beside the plain gap ``...``; matches
outside a mask (``OutsideOf``)."""

from __future__ import annotations

import pytest

from detectors.patterns import GAP, LONG_GAP, Match, OutsideOf, PatternSet, covers, token_gap


def _find(pattern: str, words: list[str]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in PatternSet([("x", pattern)]).find(words, words)]


def test_a_long_gap_spans_a_clause_the_plain_gap_does_not() -> None:
    words = ["sie", "haben", *[f"w{i}" for i in range(GAP + 3)], "beschlossen", "."]
    assert _find("haben ... beschlossen", words) == []
    assert _find("haben .... beschlossen", words) == [(1, len(words) - 1)]


def test_a_long_gap_is_bounded_and_stops_at_a_full_stop() -> None:
    far = ["haben", *[f"w{i}" for i in range(LONG_GAP + 1)], "beschlossen"]
    assert _find("haben .... beschlossen", far) == []
    assert _find("haben .... beschlossen", ["haben", "w", ".", "beschlossen"]) == []


class _Words:
    """The little of a ``detectors.text.Sentence`` that ``PatternSet.in_sentence`` reads."""

    def __init__(self, words: list[str]) -> None:
        self.lowers = self.lemmas = words

    def memo(self, _name, _key, fn, *args):
        return fn(*args)


def test_outside_of_drops_the_matches_a_mask_holds() -> None:
    negative = OutsideOf(PatternSet([("neg", "league")]), PatternSet([("org", "arab league")]))
    sent = _Words(["the", "arab", "league", "met", "after", "the", "league", "final"])
    assert [(m.start, m.end) for m in negative.in_sentence(sent)] == [(6, 7)]
    assert negative.in_sentence(_Words(["the", "arab", "league", "met"])) == []
    assert negative and not OutsideOf(PatternSet([]), PatternSet([("org", "x")]))


def test_covers_a_span_on_the_words_of_a_match_not_inside_its_gap() -> None:
    m = Match("x", 1, 6, "entscheidung ... getroffen")  # tokens 2-4 are the gap
    assert covers([m], (5, 6))  # "getroffen", a word of the match
    assert covers([m], (1, 2))
    assert not covers([m], (3, 4))  # "Gipfel" inside the gap
    assert covers([m], (4, 6))  # reaches out of the gap
    assert not covers([m], (6, 7))
    assert covers([Match("x", 1, 3, "rakete =traf")], (2, 3))  # no gap: plain overlap


@pytest.mark.parametrize(("start", "end", "gap"), [(0, 2, 3), (4, 5, 0), (5, 6, 0), (6, 7, 0), (7, 8, 0), (9, 10, 2)])
def test_token_gap_counts_the_tokens_between_a_match_and_a_span(start: int, end: int, gap: int) -> None:
    # the span is tokens 5..6 (end 7): before it, touching it, inside it, after it
    assert token_gap(Match("cue", start, end, "x"), (5, 7)) == gap


def test_a_pattern_names_the_words_it_needs_after_its_first() -> None:
    (pat,) = PatternSet([("x", "in ... =angekommen <p>")]).patterns()
    assert pat.needs == {"angekommen"}
    (wild,) = PatternSet([("x", "sich mit .... *tausch*")]).patterns()
    assert wild.needs == {"mit"}  # a wildcard element names no whole word


def test_the_needed_words_pass_a_sentence_by_and_read_lemmas_too() -> None:
    pats = PatternSet([("x", "mit ... treffen"), ("y", "in ... =angekommen")])
    assert pats.find(["mit", "ihm", "in", "rom"], ["mit", "er", "in", "rom"]) == []
    found = pats.find(["mit", "ihm", "traf", "er", "in", "rom", "angekommen"],
                      ["mit", "er", "treffen", "er", "in", "rom", "ankommen"])
    assert [(m.label, m.start, m.end) for m in found] == [("x", 0, 3), ("y", 4, 7)]
