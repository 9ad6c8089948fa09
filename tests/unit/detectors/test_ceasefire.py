"""Ceasefire statuses the rules read (detectors/ceasefire.py and the lexicons' cues), GUIDE.md's ceasefire
table. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Talks on a ceasefire in Gaza failed in Cairo on Monday."),
    ("en", "The negotiations over a truce collapsed after Hamas walked out."),
    ("de", "Israel zog seine Delegation ab; die Gespräche über eine Waffenruhe seien gescheitert."),
    ("de", "Die Verhandlungen über einen Waffenstillstand sind am Abend gescheitert."),
    ("fr", "Les négociations sur un cessez-le-feu ont échoué à Doha."),
    ("fr", "Après l'échec des pourparlers sur une trêve, les combats ont repris."),
    ("es", "Las negociaciones para un alto el fuego fracasaron en Ginebra."),
    ("it", "I negoziati per il cessate il fuoco sono falliti al Cairo."),
    ("ru", "Переговоры о прекращении огня сорвались в последний момент."),
])
def test_failed_talks_on_a_truce_are_no_violation(lang: str, text: str) -> None:
    """Talks that failed are an effort towards a truce (called_for); there was no truce to violate."""
    found = statuses(text, lang, "ceasefire")
    assert "violated" not in found and "called_for" in found, (text, found)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The truce failed within hours as shelling resumed."),
    ("de", "Der Waffenstillstand ist gescheitert."),
    ("fr", "La trêve a échoué au bout de deux jours."),
])
def test_a_failed_truce_is_still_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text
