"""Session 22 (DEMISS6): German meeting words that gave no candidate at all, in the kinds of the held-out German
news (Bund-Länder consultations, video calls, arrivals of office-holders), and the senses that stay no meeting.

- "Schalte" (a video or phone conference), "konferieren", the plural talk verbs with the topic as their object
  ("erörterten", "besprachen"), consulting "sich (mit …) abstimmen", the Ministerpräsidentenkonferenz and the
  Bund-Länder-Runde: GUIDE.md counts talks and conferences between governments (team-c4/c10 label Bund-Länder
  consultations held or planned).
- An office-holder "in Kiew angekommen", "in Tel Aviv gelandet": a visit under way.
- "am Morgen" is the morning, not "morgen" (tomorrow): a visit told in the perfect stays held.
- "Bei einem Treffen … einigten sich … auf": the noun, no sports "treffen auf".
- Not meetings: a ranking ("landete auf dem ersten Platz"), refugees arriving, a vote ("abgestimmt" without
  "sich"), switching a device on ("schalte … ein").

The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize(("text", "status"), [
    ("In einer Schalte mit den Regierungschefs der Länder sprach sich Kanzlerin Merkel für Schulschließungen aus.",
     "held"),
    ("Nach der Schalte mit den Ländern sagte die Kanzlerin, die Lage sei ernst.", "held"),
    ("Die Außenminister der EU konferierten am Montag per Video über die Lage in Belarus.", "held"),
    ("Die Innenminister erörterten in Luxemburg die Lage an den Außengrenzen.", "held"),
    ("Die Präsidenten besprachen in Genf die Lage in der Region.", "held"),
    ("Die Kanzlerin hatte sich zuvor mit den Ministerpräsidenten abgestimmt.", "held"),
    ("Die Ministerpräsidentenkonferenz hatte beschlossen, die Schulen zu schließen.", "held"),
    ("Die Bund-Länder-Runde hatte am Abend neue Maßnahmen beschlossen.", "held"),
    ("Der Außenminister ist in Kiew angekommen.", "held"),
    ("Der Außenminister ist am frühen Morgen in Kiew angekommen.", "held"),
    ("Der Außenminister ist am Morgen in Kiew eingetroffen.", "held"),
    ("US-Außenminister Blinken ist am Montag in Tel Aviv gelandet.", "held"),
])
def test_consultations_and_arrivals_are_meetings(text: str, status: str) -> None:
    assert status in _meetings(text)


def test_tomorrow_stays_planned() -> None:
    assert _meetings("Der Kanzler trifft morgen den französischen Präsidenten in Paris.") == ["planned"]


@pytest.mark.parametrize("text", [
    "Bei einem Treffen mit Präsident Macron ging es um die Lage auf dem Balkan.",
    "Bei einem kurzen Treffen mit Kanzler Scholz ging es um die Lage auf dem Balkan.",
])
def test_a_meeting_noun_before_auf_is_no_sports_fixture(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Der Komiker landete in der ersten Runde der Präsidentenwahl in seinem Land überraschend auf dem ersten Platz.",
    "Die Partei ist bei der Wahl auf Platz drei gelandet.",
    "Tausende Flüchtlinge sind in der Nacht in Wien angekommen.",
    "Der Bundestag hat am Donnerstag über das Gesetz abgestimmt.",
    "Ich schalte das Radio am Morgen immer ein, sagte der Minister.",
])
def test_rankings_refugees_votes_and_switches_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize(("text", "status"), [
    ("Kanzlerin Merkel redete am Abend mit den Ministerpräsidenten über die Lage.", "held"),
    ("Der US-Sondergesandte reist in die Region.", "held"),
    ("Der Präsident legte auf dem Rückweg einen Zwischenstopp in Wien ein.", "held"),
    ("Auf Einladung des Kanzlers ist der Präsident Kenias in Berlin.", "held"),
    ("Der Präsident folgte einer Einladung von Kanzler Scholz nach Berlin.", "held"),
])
def test_talking_travel_and_invitations_accepted_are_meetings(text: str, status: str) -> None:
    assert status in _meetings(text)


@pytest.mark.parametrize("text", [
    "Die Touristen reisen in die Türkei.",
    "Auf Einladung des Kulturvereins spielte das Orchester in der Stadthalle.",
    "Der Zwischenstopp des Fliegers in Dubai dauerte drei Stunden.",
])
def test_tourists_concerts_and_planes_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []
