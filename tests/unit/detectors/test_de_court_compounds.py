"""Session 14 real-news kind of issue 12 (GUIDE.md: a court "Verhandlung" is no meeting): a case heard before a
court named by a compound ("Landesgericht", "Oberlandesgericht", "Bundesverfassungsgericht", "Schiedsgericht"),
a suit ("Klage", "Anklage", "Klimaklage") or a bench of lay judges ("Schöffensenat") is no meeting, as before
the bare "Gericht" already. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Am Landesgericht Graz wird seit Montag gegen den früheren Minister Karl Berg verhandelt.",
    "Der Fall des Ex-Kanzlers wird ab März vor dem Oberlandesgericht München verhandelt.",
    "Die Anwälte der Regierung und des Präsidenten verhandelten vor dem Schiedsgericht in Den Haag.",
    "Das Bundesverfassungsgericht verhandelt am Dienstag über die Wahlrechtsreform der Regierung.",
    "Über die Klage der Opposition gegen den Premierminister wird am Montag in Warschau verhandelt.",
    "Der Fall des früheren Außenministers wird am Montag vor dem Schöffensenat neu verhandelt.",
])
def test_a_case_before_a_court_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # talks about a court or a lawsuit between governments stay meetings
    "Der Kanzler traf am Montag in Paris den französischen Präsidenten zu Gesprächen über die Ukraine.",
    "Die Außenminister verhandelten am Dienstag in Genf über einen Friedensprozess für Syrien.",
])
def test_talks_stay_meetings(text: str) -> None:
    assert _meetings(text)
