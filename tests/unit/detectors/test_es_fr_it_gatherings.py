"""Gatherings and trips that are no political meeting in Spanish, French and Italian (issue 12, session 10): a
lecture given ("dictó una conferencia"), a literary or cultural gathering, a scientific conference, a concert tour,
a business trip or honeymoon, a residents' or parents' meeting, an election date ("cita electoral"). Sentences
written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

NOT_MEETINGS = [
    ("es", "El expresidente Luis Ortega dictó una conferencia en la Universidad de Salamanca."),
    ("es", "El ministro Pedro Ruiz inauguró el encuentro literario de la ciudad."),
    ("es", "El alcalde Juan Soler asistió a la reunión de vecinos del barrio."),
    ("es", "El presidente Luis Ortega se prepara para la cita electoral de octubre."),
    ("es", "El cantante, hijo del presidente Luis Ortega, comenzó su gira de conciertos en Lima."),
    ("fr", "Le ministre Jean Dupont était en voyage de noces en Italie."),
    ("fr", "Le député Paul Martin a ouvert les rencontres littéraires de Nancy."),
    ("it", "Il sindaco Marco Galli ha aperto la conferenza scientifica sull'energia."),
    ("it", "Il ministro Paolo Rinaldi è partito per il viaggio di nozze alle Maldive."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_MEETINGS)
def test_no_meeting_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), text
