"""A leader's tour of his own country and a head of government meeting the ministers of his own government in
Spanish (issue 12, session 17): neither is a political meeting between parties; a state visit abroad still is.
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates

NOT_MEETINGS = [
    "El rey Abdalá realizó una gira por el norte del país, donde inauguró dos hospitales.",
    "El presidente Luis Ortega inició una gira por varias provincias del país para presentar su plan.",
    "El primer ministro Pedro Salinas celebra reuniones semanales con los ministros de su gobierno.",
]

MEETINGS = [
    "El presidente Luis Ortega inició una gira por Europa y se reunió en Madrid con el rey.",
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_domestic_tours_and_own_government_are_no_meeting(text: str) -> None:
    assert not candidates(text, "es"), text


@pytest.mark.parametrize("text", MEETINGS)
def test_a_tour_abroad_stays(text: str) -> None:
    assert candidates(text, "es"), text
