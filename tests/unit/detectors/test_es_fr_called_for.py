"""Calls to resume talks (issue 12): the call word may stand far from the talks ('pidió al Gobierno y a los
rebeldes retomar las negociaciones'); the infinitive of resuming next to them carries the call. Sentences written
for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La ONU pidió al Gobierno y a los rebeldes retomar las negociaciones."),
    ("es", "La Unión Europea instó a ambas partes del conflicto a entablar negociaciones directas."),
    ("fr", "L'ONU appelle le gouvernement et les rebelles à reprendre les négociations."),
    ("fr", "Les Vingt-Sept exhortent Belgrade et Pristina à renouer le dialogue."),
])
def test_a_call_to_resume_talks_is_called_for(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"called_for"}


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Los negociadores retomaron ayer las negociaciones en La Habana."),
    ("fr", "Les délégations ont repris hier les négociations à Genève."),
])
def test_talks_resumed_are_held(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"held"}
