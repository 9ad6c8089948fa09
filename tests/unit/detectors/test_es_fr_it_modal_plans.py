"""Meetings a modal or periphrastic verb sets ahead (issue 12): French "doit rencontrer" / "devait se rendre" (is
due to, was due to) is a plan, not a call; Spanish "va a reunirse" / "iba a visitar" / "debía entrevistarse" and
Italian "doveva incontrare" are plans too; a Spanish "el pasado lunes" / "anoche" dates a meeting that took place.
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le président Luc Martin doit rencontrer mardi son homologue allemand à Berlin."),
    ("fr", "Le président Luc Martin doit recevoir jeudi le chancelier allemand à l'Elysée."),
    ("fr", "Les deux ministres des Affaires étrangères doivent se retrouver à Genève, selon un diplomate."),
    ("fr", "Le Premier ministre Paul Girard devait s'entretenir avec le président tunisien à Tunis."),
    ("es", "El presidente Luis Ortega va a reunirse con su homólogo peruano en Lima."),
    ("es", "El canciller Pedro Ruiz iba a visitar al primer ministro francés en París."),
    ("es", "El presidente Luis Ortega debía entrevistarse con su colega argentino en Buenos Aires."),
    ("it", "Il presidente Mario Rossi doveva incontrare il cancelliere tedesco a Berlino."),
])
def test_a_modal_or_periphrastic_verb_plans_the_meeting(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le ministre Paul Girard doit dialoguer avec les syndicats, a estimé le député."),
    ("fr", "Le président Luc Martin a rencontré hier son homologue allemand à Berlin."),
])
def test_a_plain_must_or_a_past_verb_is_unchanged(lang: str, text: str) -> None:
    assert "planned" not in statuses(text, lang)


@pytest.mark.parametrize("text", [
    "Como estaba previsto, la reunión del pasado martes entre el presidente Luis Ortega y el rey terminó sin acuerdo.",
    "Como estaba previsto, la cumbre de anoche entre el presidente Luis Ortega y el rey terminó sin acuerdo.",
])
def test_a_past_date_holds_the_meeting(text: str) -> None:
    assert statuses(text, "es") == {"held"}
