"""German real-news kinds of issue 12 (session 10): word senses that are no meeting ("hängt damit zusammen",
"in Empfang nehmen", "hart getroffen", synods, TV debates) and meetings named by a council, a state guest or an
arrival. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates


@pytest.mark.parametrize("text", [
    # "zusammen" of "hängt damit zusammen", not of "kamen … zusammen"
    "Dass es dazu nie kam, hänge damit zusammen, dass der Minister die Pläne blockierte.",
    # "in Empfang nehmen": to receive a thing
    "Der Botschafter nahm die Protestnote des Außenministers in Empfang.",
    # "getroffen" = hit
    "Die Sanktionen haben die Wirtschaft des Landes hart getroffen, sagte der Außenminister.",
    # church and TV bodies
    "Die Bischöfe beraten bei der Synode im Vatikan mit Papst Franziskus über die Familie.",
    "Die Gespräche mit den Kandidaten führt der Moderator, Präsident Müller ist als erster Gast geladen.",
])
def test_senses_that_are_no_meeting(text: str) -> None:
    assert not candidates(text, "de")


@pytest.mark.parametrize("text", [
    "Die EU-Außenminister verlängerten beim EU-Außenministerrat in Luxemburg die Sanktionen gegen Russland.",
    "Der chinesische Präsident ist als Staatsgast in Berlin.",
    "Der Papst hatte schon bei der Ankunft in Havanna dem Präsidenten gedankt.",
])
def test_meetings_named_by_a_council_a_state_guest_or_an_arrival(text: str) -> None:
    assert [c.status for _, c in candidates(text, "de")] == ["held"]
