"""Session 22 (destat6): hard German negatives of issue 12 that still read as meetings: "getroffen" by a murder,
a bullet or a bomb; a case, trial or suit "verhandelt" in court; a lawyer who "beraten" a client; a politician who
"sprach mit Journalisten" (a press statement); "telefonisch reservieren"; a visit to a memorial site or a refugee
home; a crisis staff (an internal body). GUIDE.md: hitting someone, court hearings, interviews, private calls and a
leader's domestic site visit are no meetings. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Kanzler Kohl sagte, der Mord habe einen Mann getroffen, der für den Frieden gekämpft habe.",
    "Das Verfahren gegen den Ex-Präsidenten wird ab Montag in Paris verhandelt.",
    "Der Anwalt hatte den Minister in dem Verfahren beraten.",
    "Der Steuerberater hat den früheren Finanzminister jahrelang beraten.",
    "Der Präsident sprach mit Journalisten über die Lage.",
    "Der Außenminister hatte telefonisch einen Tisch im Restaurant reservieren lassen.",
    "Im Vorfeld des Gedenkens besuchte der israelische Botschafter die Stätte des früheren Lagers.",
    "Kanzlerin Merkel besuchte am Montag ein Flüchtlingsheim in Sachsen.",
    "Der Innenminister traf mit dem Krisenstab in Wien zusammen.",
])
def test_other_senses_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Kanzlerin Merkel sprach mit dem französischen Präsidenten Macron.",
    "Der Anwalt des Präsidenten traf sich in Moskau mit Außenminister Lawrow.",
    "Putin und Erdogan haben sich am Montag in Ankara getroffen.",
    "Der Kanzler besuchte am Dienstag den französischen Präsidenten in Paris.",
])
def test_meetings_stay(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    # party-internal and church meetings (GUIDE.md: party bodies and private meetings are no events)
    "SPÖ-Chef Faymann traf sich mit den Landesparteichefs zu einer Aussprache.",
    "Die Grünen-Chefin beriet am Abend mit der Parteispitze über die Wahlniederlage.",
    "Kardinal Marx traf sich mit den Bischöfen zur Frühjahrsvollversammlung.",
    "Papst Franziskus empfing am Mittwoch Pilger auf dem Petersplatz.",
    "Der Bundespräsident empfing die Sternsinger in der Hofburg.",
])
def test_party_and_church_meetings_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


def test_a_case_heard_in_court_is_no_meeting() -> None:
    assert _meetings("Die Causa des früheren Finanzministers wird ab Montag verhandelt.") == []
