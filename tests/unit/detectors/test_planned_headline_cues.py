"""Planned meetings in headlines, in every language (issue 12): someone travelling to talks in the present
tense ("heads to", "reist nach", "se rend à") announces them; an agreement to meet, or a meeting set for a day,
is a plan. A past verb in the same headline still reports a meeting that took place. Headlines written for
these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "CIA chief Burns heads to Doha for fresh round of hostage talks"),
    ("en", "Hamas and Fatah agree to meet in Cairo"),
    ("de", "Orbán kommt zu Antrittsbesuch nach Wien"),
    ("fr", "Le président Paul Morel se rend à Alger pour des entretiens avec Abdelmadjid Tebboune"),
    ("es", "El canciller Pedro Ruiz viaja a Lima para reunirse con su homólogo peruano"),
    ("it", "Il ministro Mario Rossi vola a Washington per un incontro con Antony Blinken"),
])
def test_travelling_to_talks_in_a_headline_is_planned(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "CIA chief Burns met Qatari prime minister in Doha for hostage talks"),
    ("de", "Orbán traf Nehammer bei Antrittsbesuch in Wien"),
])
def test_a_past_verb_in_a_headline_is_held(lang: str, text: str) -> None:
    assert "held" in statuses(text, lang)
