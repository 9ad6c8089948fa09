"""Session 21 (demiss5): a German talks verb negated with its object or partner ("werde nicht über den Antrag
beraten", "nicht mit den Rebellen verhandeln", "trifft sich nicht mit") is talks refused: GUIDE.md's rejected.
"nicht nur über …" negates nothing of the meeting. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Kanzlerin Merkel sagte, Deutschland werde vor der Abstimmung in Athen nicht über den neuen Antrag "
    "Griechenlands beraten.",
    "Über den Antrag der Regierung Tsipras kann nicht mehr vor der Abstimmung beraten werden, sagte Merkel.",
    "Die Regierung werde nicht mit den Rebellen verhandeln, sagte Präsident Santos.",
    "Die Regierung verhandelt nicht mehr mit den Rebellen, sagte Präsident Santos.",
    "Präsident Putin trifft sich nicht mit dem ukrainischen Präsidenten.",
    "Assad werde nicht mit der Opposition sprechen, sagte der syrische Außenminister.",
])
def test_negated_talks_are_refused(text: str) -> None:
    assert _meetings(text) == ["rejected"]


@pytest.mark.parametrize("text", [
    "Die Minister beraten nicht nur über die Flüchtlinge, sondern auch über den Haushalt.",
    "Merkel traf sich am Montag mit Putin, doch eine Einigung gab es nicht.",
])
def test_a_negation_of_something_else_leaves_the_meeting(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Der Gipfel habe kein konkretes Ergebnis gebracht, sagte Kanzler Faymann.",
    "Die Gespräche zwischen Merkel und Erdogan brachten keine Einigung.",
])
def test_a_kein_after_the_meeting_negates_something_else(text: str) -> None:
    # de lexicon negation_after: false; "keine Gespräche" before the trigger stays a refusal (below)
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Kanzler Faymann will keine Gespräche mit der FPÖ führen.",
    "Es gab kein Treffen zwischen Merkel und Putin.",
])
def test_a_kein_before_the_meeting_refuses_it(text: str) -> None:
    assert _meetings(text) == ["rejected"]


def test_negation_after_the_trigger_still_negates_elsewhere() -> None:
    assert _meetings("The talks between Putin and Erdogan did not take place.", "en") == ["rejected"]
