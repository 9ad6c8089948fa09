"""Session 14 real-news kind of issue 12 (GUIDE.md: hitting a target is no meeting): a rocket, shell, grenade,
bomb, drone or lightning that "trifft" a place or a person ("von Raketen getroffen", "Eine Drohne traf ein
Wohnhaus") is no meeting, whoever the sentence names. The sentences are written for these tests in the style of
news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Der Amtssitz des Präsidenten in Kiew wurde am Montag von einer russischen Rakete getroffen.",
    "Nach Angaben des Außenministers hat eine Granate das Botschaftsgebäude in Khartum getroffen.",
    "Zwei Drohnen trafen am Dienstag den Palast des Premierministers in Bagdad.",
    "Der Konvoi des Ministers sei von Geschossen getroffen worden, teilte die Regierung in Tripolis mit.",
    "Eine Bombe traf das Hauptquartier der Regierung in Damaskus.",
    "Der Präsident der Vereinigung wurde beim Wandern vom Blitz getroffen.",
])
def test_a_projectile_hit_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # a meeting after a strike, or on rockets, stays a meeting
    "Nach dem Raketenangriff hat sich der Präsident am Montag in Kiew mit dem polnischen Außenminister getroffen.",
    "Der Kanzler traf am Dienstag den ukrainischen Präsidenten, um über Raketen zur Luftabwehr zu sprechen.",
])
def test_a_meeting_about_rockets_stays_a_meeting(text: str) -> None:
    assert _meetings(text)


def test_an_attack_compound_does_not_read_as_the_projectile() -> None:
    # "Raketenangriff" names the attack, not the rocket: the meeting after it, close by, is still one
    assert _meetings("Nach dem Raketenangriff haben sich die Außenminister am Montag in Kiew getroffen.")
