"""Session 20 real-news kinds of issue 12 (German meetings): a listed leader counts as an office-holder for the
words that need a title ("das Treffen Merkels mit Putin"); a stay of an office-holder abroad ("Aufenthalt in",
"hält sich in Kiew auf") is a visit; "vermitteln" with a message, an impression or jobs conveys or places, it
mediates no talks. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Das Treffen Merkels mit Putin dauerte drei Stunden.",
    "Beim Treffen Merkels mit Putin ging es um Gaslieferungen.",
])
def test_listed_leaders_are_office_holders(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Der Außenminister hält sich derzeit in Kiew auf.",
    "Während ihres Aufenthalts in Peking sprach die Ministerin über Menschenrechte.",
])
def test_an_office_holders_stay_abroad_is_a_visit(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Die Flüchtlinge halten sich seit Monaten in Traiskirchen auf.",
    "Der Asylwerber hat sich illegal in Österreich aufgehalten.",
])
def test_a_stay_without_an_office_holder_is_none(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Diese Botschaft will die Kommissarin Malmström gern vermitteln.",
    "Der Minister vermittelte den Eindruck, alles sei unter Kontrolle.",
    "Das Arbeitsmarktservice hat im Vorjahr 5000 Jobs an Langzeitarbeitslose vermittelt, sagte die Ministerin.",
])
def test_conveying_a_message_mediates_nothing(text: str) -> None:
    assert _meetings(text) == []


def test_mediating_between_parties_stays_a_meeting() -> None:
    assert _meetings("Außenminister Kerry vermittelte zwischen Israel und den Palästinensern.") == ["held"]
