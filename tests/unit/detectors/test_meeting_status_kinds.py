"""Kinds of meeting status the rules read (issue 12, session 20): a call that governs the meeting through an
infinitive beyond the near window, refusals and cancellations, negated participation. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("Guterres urges Russia and Ukraine to return to the negotiating table.", "en"),
    ("The UN envoy urged both governments to resume peace talks.", "en"),
    ("Die Kirchenführer appellierten an Regierung und Rebellen, an den Verhandlungstisch zurückzukehren.", "de"),
    ("El enviado de la ONU instó a los dos gobiernos a iniciar conversaciones de paz.", "es"),
])
def test_a_call_governing_the_meeting_through_an_infinitive_is_a_call(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"called_for"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Guterres met the Russian and Ukrainian delegations at the negotiating table in Istanbul.", "en"),
    ("Lavrov held talks with his Turkish counterpart in Ankara.", "en"),
])
def test_a_meeting_that_took_place_stays_held(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"held"}
