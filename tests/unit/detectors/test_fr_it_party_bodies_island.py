"""A party's or a union's own body meeting (GUIDE.md: party congresses are no events) and the island of La
Réunion are no meetings (issue 12, session 20): "une réunion du conseil national du syndicat", "la riunione del
comitato centrale", "l'île de la Réunion", "Mayotte et la Réunion". Still a meeting: "la réunion de l'OTAN".
Sentences written for these tests in the style of news."""

from __future__ import annotations

from functools import cache

import pytest

from detectors.contracts import Article
from detectors.learned.features import is_gated
from detectors.pipeline import Pipeline
from tests.unit.detectors.rule_candidates import statuses


@cache
def _pipeline() -> Pipeline:
    return Pipeline.load(stage="rules")


def open_meeting_candidates(text: str, lang: str) -> list[str]:
    """The meeting candidates the learned stage would decide (those the rules' hard gates do not drop)."""
    observed = _pipeline().observe_many([Article.create(text, language=lang)])[0]
    return [o.obs.trigger.pattern for o in observed if o.obs.type == "meeting" and not is_gated(o.obs)]


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
