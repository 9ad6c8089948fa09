"""Spanish meeting status (issue 12): a delay, a freeze or a break elsewhere in the sentence is no rejection of
the meeting; frozen or broken-off talks still are. "por la mañana" (in the morning) is no future, "mañana lunes"
(tomorrow) is; a past trigger verb holds. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize("text", [
    "El presidente Luis Ortega se reunió ayer con el primer ministro francés, tras llegar con dos horas de retraso.",
    "El canciller Pedro Ruiz se reunió con su homólogo chino para tratar la congelación de los precios del grano.",
    "La ministra Ana Gil se reunió con el presidente boliviano tras la ruptura de la coalición de gobierno.",
])
def test_an_unrelated_delay_freeze_or_break_leaves_the_meeting_held(text: str) -> None:
    assert statuses(text, "es") == {"held"}


@pytest.mark.parametrize("text", [
    "El Gobierno congeló las negociaciones con los rebeldes tras el atentado.",
    "Las negociaciones entre ambos gobiernos siguen congeladas desde marzo.",
    "La oposición anunció la ruptura del diálogo con el presidente Luis Ortega.",
    "El presidente Luis Ortega postergó la reunión con su homólogo peruano.",
])
def test_frozen_broken_or_postponed_talks_are_rejected(text: str) -> None:
    assert "rejected" in statuses(text, "es")


@pytest.mark.parametrize("text", [
    "Tras una cena con el presidente Luis Ortega, el ministro tuvo por la mañana una reunión con su homólogo chileno.",
    "El canciller Pedro Ruiz almorzó con su homólogo peruano en la sede de la cancillería.",
    "El presidente Luis Ortega visitó esta mañana al primer ministro francés en París.",
])
def test_a_morning_or_a_past_verb_is_held(text: str) -> None:
    assert statuses(text, "es") == {"held"}


@pytest.mark.parametrize("text", [
    "El canciller Pedro Ruiz se reúne mañana lunes con su homólogo peruano en Lima.",
    "La reunión de mañana entre el presidente Luis Ortega y su homólogo peruano.",
])
def test_tomorrow_is_planned(text: str) -> None:
    assert statuses(text, "es") == {"planned"}
