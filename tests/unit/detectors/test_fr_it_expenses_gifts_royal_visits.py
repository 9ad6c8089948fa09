"""French and Italian meeting words of real news (issue 12, session 20).

No meeting: a thing received from someone ("reçoit du chef d'État une plaquette", "a reçu de la part du ministre
une lettre"), trips as expenses ("les voyages payés en espèces", "les billets d'avion", "le spese di viaggio"), the
telephone as an industry or a wiretap ("le compagnie telefoniche", "i tabulati telefonici"). A meeting with no
name: a king's or a queen's visit ("la visite du roi", "la visita della regina"). Still a meeting: a president
receiving a minister, a phone call between leaders. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("En 1980, le ministre Paul Martin reçoit du président ivoirien une statuette en or.", "fr"),
    ("Le député Jean Dupont a reçu de la part du ministre une lettre de soutien.", "fr"),
    ("L'enquête porte sur les voyages payés en espèces par le ministre Paul Martin.", "fr"),
    ("Le juge examine les billets d'avion du président Jean Dupont.", "fr"),
    ("La procura indaga sulle spese di viaggio del ministro Paolo Rossi.", "it"),
    ("Il ministro Paolo Rossi ha multato le compagnie telefoniche per le tariffe nascoste.", "it"),
    ("Gli investigatori hanno analizzato i tabulati telefonici del senatore Marco Bianchi.", "it"),
])
def test_no_meeting(text: str, lang: str) -> None:
    assert statuses(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("La visite du roi a été reportée à l'automne.", "fr"),
    ("La visita della regina è stata rinviata a settembre.", "it"),
])
def test_a_royal_visit_needs_no_name(text: str, lang: str) -> None:
    assert "rejected" in statuses(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Le président Emmanuel Macron a reçu le ministre Paul Martin à l'Élysée.", "fr"),
    ("Il presidente Mario Draghi ha avuto un colloquio telefonico con il presidente Joe Biden.", "it"),
])
def test_still_a_meeting(text: str, lang: str) -> None:
    assert statuses(text, lang) != set()
