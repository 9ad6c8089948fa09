"""A party that shows no openness to talks refuses them (GUIDE.md: rejected; issue 12, session 20): "ne montre
aucune ouverture à la négociation", "ferme la porte aux négociations", "non mostra nessuna apertura al dialogo".
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("Face à un régime russe qui ne montre aucune ouverture à la négociation, Kiev demande des armes.", "fr"),
    ("Le président russe Vladimir Poutine ferme la porte aux négociations avec l'Ukraine.", "fr"),
    ("Il presidente russo Vladimir Putin non mostra nessuna apertura al dialogo con Kiev.", "it"),
])
def test_no_openness_is_a_refusal(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"rejected"}
