"""Session 14 real-news kinds of issue 12: two German trigger verbs read with an object that is no meeting. A
device or a person "empfängt" messages, signals or a broadcast (no visitor is received), and an attributive
participle names the outcome of negotiations ("das neu verhandelte Abkommen"), not the talks. The sentences are
written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Mit dem neuen Gerät kann der Präsident auch im Flugzeug SMS empfangen und Anrufe beantworten.",
    "Die Botschaft konnte seit Montag keine Signale aus der Hauptstadt empfangen.",
    "Der Minister sagte, die Soldaten würden verschlüsselte Nachrichten empfangen.",
    "Das von Kanzler und Präsident neu verhandelte Handelsabkommen ist am Montag in Kraft getreten.",
    "Der von den Außenministern verhandelte Vertrag muss noch vom Parlament gebilligt werden.",
    "Die mit dem Präsidenten verhandelten Vereinbarungen stoßen in Brüssel auf Kritik.",
])
def test_received_messages_and_negotiated_texts_are_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # a visitor received and negotiations held stay meetings
    "Der Präsident hat am Montag den französischen Außenminister in Berlin empfangen.",
    "Kanzler und Präsident verhandelten am Montag in Wien über ein neues Handelsabkommen.",
    "Die Außenminister haben am Dienstag in Genf über den Vertrag verhandelt.",
])
def test_visitors_and_negotiations_stay_meetings(text: str) -> None:
    assert _meetings(text)
