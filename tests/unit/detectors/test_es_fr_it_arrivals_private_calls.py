"""Arrivals, private calls and church or company bodies in Spanish, French and Italian (issue 12, session 10):
an arrival with a time between verb and place ("llegará el lunes a Colombo") and a French arrival of a named person
are visit candidates, reaching a consensus is none; a phone call with one's daughter or mother is private; a
bishops' conference or a company board meeting is no political meeting. Sentences written for these tests in the
style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

MEETINGS = [
    ("es", "El enviado noruego Pedro Ruiz llegará el lunes a Colombo."),
    ("es", "Los cancilleres de Argentina y Chile llegaron el lunes a Mendoza."),
    ("fr", "La cheffe de la diplomatie allemande est arrivée à Paris."),
]

NOT_MEETINGS = [
    ("fr", "Le ministre Jean Dupont et ses collègues sont arrivés à un consensus sur le budget."),
    ("es", "El presidente Luis Ortega habló por teléfono con su hija, que estudia en Nueva York."),
    ("fr", "Le président Jean Dupont a parlé au téléphone avec sa mère, hospitalisée à Lyon."),
    ("it", "Il ministro Paolo Rinaldi ha parlato al telefono con la moglie dopo l'incidente."),
    ("es", "La Conferencia Episcopal Argentina se reunió en Pilar para elegir a su nuevo presidente."),
    ("it", "La Conferenza episcopale italiana si riunisce a Roma con il cardinale Marco Galli."),
    ("es", "La junta directiva de la petrolera se reunió con el presidente Luis Ortega."),
]


@pytest.mark.parametrize(("lang", "text"), MEETINGS)
def test_arrivals_are_visit_candidates(lang: str, text: str) -> None:
    assert candidates(text, lang), text


@pytest.mark.parametrize(("lang", "text"), NOT_MEETINGS)
def test_no_meeting_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), text
