"""Public events, business and administrative bodies that are no political meeting in Spanish, French and Italian
(issue 12, session 10): hosting an exhibition or refugees is no hosting of a visitor, a leader's meeting with young
people or the faithful is a public event, a working group, an interministerial committee or a chief executive's
talks are administration or business, summoning parliament a routine session. Sentences written for these
tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

NOT_MEETINGS = [
    ("it", "Il museo ospita opere di Marco Galli e di altri artisti."),
    ("it", "Il papa terrà un incontro con i giovani in piazza a Cagliari."),
    ("it", "L'amministratore delegato Paolo Rinaldi ha incontrato i sindacati a Torino."),
    ("fr", "La commune accueille depuis mars des réfugiés ukrainiens, a dit le maire Jean Dupont."),
    ("fr", "Un groupe de travail réuni par le ministre Paul Martin a rendu ses conclusions."),
    ("fr", "Le Premier ministre Jean Dupont présidera une réunion interministérielle sur l'eau."),
    ("es", "El presidente Luis Ortega mantuvo un encuentro con los jóvenes de la parroquia."),
    ("es", "El consejero delegado de la empresa, Pedro Ruiz, se reunió con los sindicatos."),
    ("it", "Il premier Dario Ferri ha convocato il parlamento per giovedì."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_MEETINGS)
def test_no_meeting_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), text
