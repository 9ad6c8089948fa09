"""Talks between organisations with no person named (issue 12): a dialogue table, an offer of talks, an urgent
meeting, talks resumed are talks by themselves; the head of a country's diplomacy is a high-level title. Sentences
written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

TALKS = [
    ("es", "La oposición exigió la reanudación de la mesa de diálogo con el gobierno."),
    ("es", "Los rebeldes rechazaron la oferta de diálogo del gobierno."),
    ("fr", "Les Vingt-Sept appellent Belgrade et Pristina à la reprise du dialogue."),
    ("fr", "Les discussions entre le gouvernement et les groupes armés ont repris à Alger."),
    ("it", "I sindacati chiedono un tavolo con il governo sulla riforma delle pensioni."),
    ("it", "Il Brasile ha chiesto una riunione d'urgenza del Consiglio di sicurezza."),
]


@pytest.mark.parametrize(("lang", "text"), TALKS)
def test_talks_between_organisations_are_candidates(lang: str, text: str) -> None:
    assert candidates(text, lang), text


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le roi a reçu mercredi au palais le chef de la diplomatie espagnole."),
    ("es", "El rey recibió el miércoles en palacio al jefe de la diplomacia francesa."),
    ("it", "Il re ha ricevuto mercoledì a palazzo il capo della diplomazia spagnola."),
])
def test_the_head_of_diplomacy_is_high_level(lang: str, text: str) -> None:
    found = candidates(text, lang)
    assert found and all(c.level == "high" for _s, c in found), text
