"""Talks that continue are held, whatever else the sentence announces ("la tregua anunciada …, mientras los
contactos continuaron"); reaching an agreement is no arrival ("llegó a un acuerdo", "arrivati a un'intesa"), and
an Italian arrival of a named person is a visit candidate (issue 12, session 10). Sentences written for these
tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates, statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La tregua anunciada por los rebeldes sigue en vigor, mientras los contactos entre el presidente Luis "
           "Ortega y los insurgentes continuaron el martes."),
    ("it", "I colloqui tra il ministro Paolo Rinaldi e il suo omologo russo sono proseguiti per tutta la notte, "
           "dopo la tregua annunciata ieri."),
])
def test_continued_talks_are_held(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"held"}


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El ministro Pedro Ruiz llegó a un acuerdo con los transportistas."),
    ("it", "Il ministro Paolo Rinaldi è arrivato a un accordo con i sindacati."),
])
def test_reaching_an_agreement_is_no_arrival(lang: str, text: str) -> None:
    assert not candidates(text, lang), text


def test_an_italian_arrival_of_a_named_leader_is_a_visit_candidate() -> None:
    assert candidates("Il presidente francese Jean Dupont è arrivato a Roma nel pomeriggio.", "it")


@pytest.mark.parametrize(("text", "status"), [
    ("El canciller Pedro Ruiz abogó por una reunión con su homólogo venezolano.", "called_for"),
    ("El presidente Luis Ortega solicitó una reunión con el primer ministro francés.", "called_for"),
    ("Los cancilleres preparan el terreno de cara a la cumbre de presidentes.", "planned"),
])
def test_spanish_advocacy_is_a_call_and_looking_ahead_a_plan(text: str, status: str) -> None:
    assert status in statuses(text, "es")
