"""Session 22 (es6): a rejection cue after the meeting that has an object of its own ("suspender la ayuda",
"rechazó la propuesta", "se negó a firmar", "a rejeté la proposition", "ha rifiutato di firmare") rejects that
object, not the meeting (the ``own_object`` cues of ``MeetingDetector.scoped_cues``, as in English). A cue before
the trigger, or one with no object ("fue suspendida el lunes", "se suspendieron ayer"), still rejects it. The
sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses


@pytest.mark.parametrize("text, lang, status", [
    ("Los líderes de la UE acordaron en la cumbre de Bruselas suspender la ayuda financiera a Rusia.", "es", "held"),
    ("El presidente se reunió ayer con el primer ministro y rechazó la propuesta de reforma de la oposición.", "es",
     "held"),
    ("El canciller se entrevistó con su homólogo chileno, pero se negó a firmar el acuerdo pesquero.", "es", "held"),
    ("Los ministros de Finanzas se reunirán el lunes en Washington para cancelar la deuda de Haití.", "es", "planned"),
    ("En la reunión con el ministro, los alcaldes decidieron abandonar la federación de municipios.", "es", "held"),
    ("Le président a rencontré hier le Premier ministre et a rejeté la proposition de réforme de l'opposition.", "fr",
     "held"),
    ("Il presidente ha incontrato ieri il premier e ha respinto la proposta di riforma dell'opposizione.", "it",
     "held"),
])
def test_a_rejection_with_its_own_object_is_not_the_meetings(text: str, lang: str, status: str) -> None:
    got = meeting_statuses(text, lang)
    assert status in got and "rejected" not in got


@pytest.mark.parametrize("text, lang", [
    ("El presidente peruano canceló la reunión con su homólogo boliviano.", "es"),
    ("La reunión del presidente con su homólogo boliviano fue suspendida el lunes.", "es"),
    ("Las negociaciones entre el Gobierno y la guerrilla se suspendieron ayer.", "es"),
    ("El presidente rechazó reunirse con el enviado de Naciones Unidas.", "es"),
    ("Le président a refusé de rencontrer le chef de l'opposition.", "fr"),
    ("Il presidente ha rifiutato di incontrare il leader dell'opposizione.", "it"),
])
def test_a_rejection_of_the_meeting_stays(text: str, lang: str) -> None:
    assert "rejected" in meeting_statuses(text, lang)
