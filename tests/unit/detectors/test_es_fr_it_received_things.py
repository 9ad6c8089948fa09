"""Receiving verbs that host no one (issue 12): "ha ricevuto il patrocinio", "recibió una invitación", "a reçu une
plaquette" have a thing for object, no visitor; "ha ricevuto il premier", "a reçu les syndicats", "recibió a su
homólogo", "recibirá el viernes a …" still host someone. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "La mostra del pittore Paolo Neri ha ricevuto il patrocinio del Ministero dei beni culturali."),
    ("it", "Il presidente della regione Mario Rossi avrebbe ricevuto un assegno di trecentomila euro."),
    ("fr", "Le ministre Paul Girard aurait reçu une plaquette de diamants en 1973."),
    ("fr", "Le secrétaire d'État Paul Girard a reçu un million de francs sur un compte en Suisse."),
    ("es", "El ministro Pedro Ruiz recibió una invitación para participar en el festival."),
    ("es", "El presidente Luis Ortega debe recibir el castigo que se merece."),
])
def test_a_received_thing_is_no_meeting(lang: str, text: str) -> None:
    assert statuses(text, lang) == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il presidente Mario Rossi ha ricevuto il premier israeliano a Palazzo Chigi."),
    ("it", "Il presidente Mario Rossi ha ricevuto i sindacati a Palazzo Chigi."),
    ("fr", "Le ministre de l'Intérieur Paul Girard a reçu les syndicats de policiers place Beauvau."),
    ("fr", "Le président Luc Martin a reçu son homologue allemand à l'Elysée."),
    ("es", "El ministro de Exteriores Pedro Ruiz recibirá el viernes a su homólogo palestino en Madrid."),
    ("es", "El presidente Luis Ortega recibió a su homólogo peruano en la Casa Rosada."),
])
def test_a_received_person_or_body_is_still_hosted(lang: str, text: str) -> None:
    assert statuses(text, lang)
