"""Word senses that are no meeting in Spanish, French and Italian news, second set (issue 12, session 10):
accepting a thing ("ha accolto le dimissioni", "richiesta accolta") or greeting news with a reaction ("recibidos
con aplausos", "accueilli favorablement") is no hosting; "me encuentro en" is being somewhere; a joint session of
parliament, a prosecutors' interview and an absence of dialogue are no talks. And three meetings the lexicons
now name: going up to the Quirinale, the European Council, a donors' conference. Sentences written for these
tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

NOT_MEETINGS = [
    ("it", "Il presidente della Regione Marco Galli ha accolto le dimissioni dell'assessore Paolo Rinaldi."),
    ("it", "La richiesta accolta dal ministro Luca Berti riguarda i fondi per la ricostruzione."),
    ("it", "Il premier Dario Ferri ha accolto con favore la proposta del presidente francese."),
    ("it", "Il nuovo capo dello Stato sarà eletto dal Parlamento riunito in seduta comune."),
    ("it", "Il senatore Carlo Neri ha avuto un colloquio con i pm di Palermo come testimone."),
    ("es", "Los resultados, anunciados por el presidente de la comisión, fueron recibidos con aplausos."),
    ("es", "Hoy me encuentro en Quito con el alcalde para escribir sobre la ciudad."),
    ("es", "El ministro Pedro Ruiz lamentó la falta de diálogo en el Congreso."),
    ("fr", "Le ministre Jean Dupont a accueilli favorablement la proposition du président allemand."),
    ("fr", "Le député Paul Martin déplore le manque de dialogue au sein de la majorité."),
]

MEETINGS = [
    ("it", "Il premier Enrico Galli è salito al Quirinale dal presidente della Repubblica."),
    ("fr", "Le président Jean Dupont s'exprimera à l'issue du Conseil européen de Bruxelles."),
    ("es", "La conferencia de donantes para Siria se celebrará en Bruselas el martes."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_MEETINGS)
def test_no_meeting_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), text


@pytest.mark.parametrize(("lang", "text"), MEETINGS)
def test_the_quirinale_the_european_council_and_a_donors_conference_are_meetings(lang: str, text: str) -> None:
    assert candidates(text, lang), text
