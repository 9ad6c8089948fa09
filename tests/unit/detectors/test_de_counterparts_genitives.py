"""Session 20 real-news kinds of issue 12 (German meetings): an event noun right before a genitive name ("den
Besuch Merkels") names the participant, not a two-word name; a visit noun led by a country ("China-Besuch") is
political and no name; a foreign counterpart at one's side ("mit seinem französischen Kollegen") tells of a
meeting; the coalition parties are a political body; "um mit Kant zu sprechen" quotes, it meets no one. The
sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import actors, candidates
from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize(("text", "who"), [
    ("Die Opposition kritisierte den Besuch Merkels in Moskau.", "Merkel"),
    ("Die Grünen lobten den Besuch Putins in Berlin.", "Putin"),
    ("Die Zeitungen kritisierten den China-Besuch Merkels.", "Merkel"),
])
def test_an_event_noun_before_a_genitive_name_names_the_participant(text: str, who: str) -> None:
    assert _meetings(text) == ["held"]
    assert who in actors(text, "de")


def test_a_first_name_still_joins_its_surname() -> None:
    assert "Angela Merkel" in actors("Gestern traf Angela Merkel den Präsidenten.", "de")


@pytest.mark.parametrize("text", [
    "Die Opposition kritisierte den China-Besuch.",
    "Die Opposition kritisierte den Iran-Besuch.",
])
def test_a_visit_led_by_a_country_is_political(text: str) -> None:
    assert _meetings(text) == ["held"]


def test_a_visit_led_by_no_country_is_not() -> None:
    assert _meetings("Der Zoo-Besuch war für die Kinder ein Erlebnis.") == []


@pytest.mark.parametrize("text", [
    "Der Außenminister sagte bei einer Pressekonferenz mit seinem französischen Kollegen am Mittwoch, man sei einig.",
    "Die Ministerin unterzeichnete mit ihrer ungarischen Amtskollegin ein Abkommen.",
    "Der Kanzler zeigte sich mit seinem russischen Gegenüber zufrieden.",
])
def test_a_foreign_counterpart_at_ones_side_is_a_meeting(text: str) -> None:
    assert _meetings(text) == ["held"]


def test_a_press_conference_with_a_colleague_of_ones_own_government_is_none() -> None:
    assert _meetings("Bei einer gemeinsamen Pressekonferenz mit dem Vizekanzler verteidigte die Ministerin die "
                     "Reform.") == []


def test_the_coalition_parties_meet() -> None:
    assert _meetings("Die Koalitionsparteien werden sich am Dienstag zusammensetzen.") == ["planned"]


@pytest.mark.parametrize("text", [
    "Der Kanzler sprach, um mit dem Philosophen Kant zu sprechen, von der Vernunft des Staates.",
    "Die Welt träumte, mit Immanuel Kant gesprochen, vom ewigen Frieden.",
])
def test_speaking_with_a_thinker_quotes_him(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize(("text", "codes"), [
    ("Der kubanische Präsident traf am Montag den mexikanischen Außenminister.", {"CU", "MX"}),
    ("Die argentinische Präsidentin empfing den kanadischen Premierminister.", {"AR", "CA"}),
])
def test_country_adjectives_name_the_countries(text: str, codes: set[str]) -> None:
    found = {code for _s, c in candidates(text, "de") for code in c.args.countries}
    assert codes <= found
