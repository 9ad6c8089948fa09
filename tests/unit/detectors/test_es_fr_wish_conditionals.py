"""A wish in the conditional is a call, in French and Spanish as in English ("would like to meet": issue 12,
session 22, enstat6): "aimerait rencontrer", "le gustaría reunirse", "quisiera reunirse". A reported future in
the conditional stays a plan ("rencontrerait", "se reuniría"). Sentences written for these tests in the style of
news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("Le président Macron a dit qu'il aimerait rencontrer le président Xi à Pékin.", "fr"),
    ("El presidente Sánchez dijo que le gustaría reunirse con el presidente Xi en Pekín.", "es"),
    ("El presidente Sánchez quisiera reunirse con el presidente Xi en Pekín.", "es"),
    ("Chancellor Scholz would like to meet President Xi in Berlin.", "en"),
])
def test_a_wish_in_the_conditional_is_a_call(text: str, lang: str) -> None:
    assert meeting_statuses(text, lang) == ["called_for"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Le Kremlin a annoncé que le président Poutine rencontrerait le président Erdogan à Sotchi.", "fr"),
    ("El Kremlin anunció que el presidente Putin se reuniría con el presidente Erdogan en Sochi.", "es"),
    ("The Kremlin said President Putin would meet President Erdogan in Sochi.", "en"),
])
def test_a_reported_future_in_the_conditional_is_a_plan(text: str, lang: str) -> None:
    assert meeting_statuses(text, lang) == ["planned"]


def test_a_wish_about_the_outcome_of_a_meeting_is_no_call() -> None:
    # "desearían que de la reunión salieran acuerdos": the wish is about the result, not for the meeting
    text = "El ministro Jáuregui dijo que los socialistas desearían que de la reunión con el PP salieran acuerdos."
    assert "called_for" not in meeting_statuses(text, "es")
