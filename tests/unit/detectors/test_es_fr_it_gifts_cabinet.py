"""Gifts received are no visit, a cabinet session is no meeting (GUIDE.md: routine government sessions; issue 12):
"los regalos que van a recibir", "a reçu des cadeaux du président", "regali ricevuti dal governatore", "El gabinete
se reunió en Los Pinos". Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El ministro Pedro Ruiz habló de los regalos que va a recibir del presidente chino."),
    ("es", "El presidente Luis Ortega recibió numerosos regalos del emir durante la cena."),
    ("fr", "Le ministre Paul Girard a reçu plusieurs cadeaux du président gabonais."),
    ("it", "Il presidente Mario Rossi avrebbe ricevuto dei regali dal governatore della banca."),
    ("es", "El gabinete se reunió en Los Pinos bajo la presidencia del mandatario para analizar la crisis."),
    ("es", "La reunión del gabinete presidida por el presidente Luis Ortega terminó sin anuncios."),
])
def test_gifts_and_cabinet_sessions_are_no_meetings(lang: str, text: str) -> None:
    assert statuses(text, lang) == set()


def test_the_chief_of_staff_still_meets() -> None:
    assert statuses("El jefe de gabinete se reunió ayer con el embajador estadounidense.", "es") == {"held"}
