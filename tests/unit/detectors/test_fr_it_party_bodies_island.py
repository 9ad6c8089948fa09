"""A party's or a union's own body meeting (GUIDE.md: party congresses are no events) and the island of La
Réunion are no meetings (issue 12, session 20): "une réunion du conseil national du syndicat", "la riunione del
comitato centrale", "l'île de la Réunion", "Mayotte et la Réunion". Still a meeting: "la réunion de l'OTAN".
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import open_meeting_candidates, statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("Une réunion du conseil national du syndicat sera organisée après la grève.", "fr"),
    ("Le ministre Paul Martin s'est rendu sur l'île de la Réunion après le cyclone.", "fr"),
    ("Le ministre Paul Martin ira à Mayotte puis à la Réunion la semaine prochaine.", "fr"),
    ("La riunione del comitato centrale del partito si terrà domani a Roma.", "it"),
])
def test_no_open_meeting(text: str, lang: str) -> None:
    assert [p for p in open_meeting_candidates(text, lang) if p.startswith(("réun", "riun"))] == []


def test_a_meeting_of_nato_stays() -> None:
    assert statuses("La réunion des ministres de l'OTAN s'est tenue hier à Bruxelles.", "fr") != set()
