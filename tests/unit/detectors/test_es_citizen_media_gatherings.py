"""Citizen-media gatherings and calls from the public in Spanish (issue 12, session 17): bloggers meeting, a
citizen-media summit, a blog announcing a gathering, a deputy who "received many calls" and a football leagues'
meeting are no political meeting, while a minister meeting a named counterpart still is. Sentences written for
these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

NOT_MEETINGS = [
    "Los blogueros árabes se reúnen en Túnez con Sami Ben Salem.",
    "Los bloggers cubanos organizaron un encuentro en Matanzas con Yoani Ramos.",
    "La bloguera Ana Duarte se reunió en Caracas con el escritor Luis Ortega.",
    "En su blog, Ana Duarte cuenta su encuentro con el escritor Luis Ortega en Quito.",
    "Comienza en Lima la cumbre de medios ciudadanos con la periodista Ana Duarte.",
    "El diputado Carlos Méndez aseguró que ha recibido muchas llamadas desde el atentado.",
    "Los presidentes de las ligas europeas se reunirán en Ginebra con Marco Ferri.",
]

MEETINGS = [
    "El ministro de Exteriores de Chile se reunió en Lima con su homólogo peruano, Pedro Salinas.",
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_citizen_media_and_public_calls_are_no_meeting(text: str) -> None:
    assert not candidates(text, "es"), text


@pytest.mark.parametrize("text", MEETINGS)
def test_a_ministers_meeting_stays(text: str) -> None:
    assert candidates(text, "es"), text
