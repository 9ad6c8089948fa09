"""Session 17 real-news kind of issue 12 (GUIDE.md: business or company meetings are no event): a sentence whose
actors are company officials or organs (a chief executive, a supervisory board, major shareholders) holds no
meeting, whatever verb of meeting it uses. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Vorstandschef Peter Brandl traf sich am Montag in Linz mit dem Vorstand des Zulieferers.",
    "Der Aufsichtsrat der Stahlwerke kommt am Freitag zu einer Sondersitzung zusammen.",
    "Der Bahn-Aufsichtsrat tagt am Mittwoch in Wien.",
    "Konzernchef Martin Huber besuchte am Dienstag den Chef des Autozulieferers in München.",
    "Die Vorstandsvorsitzende traf sich am Donnerstag mit den Großaktionären zu Gesprächen über die Dividende.",
    "Ich habe mit ihm darüber noch nicht gesprochen, sagte Vorstandschef Karl Berger am Montag.",
])
def test_company_officials_meet_no_event(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Der Kanzler traf am Dienstag den Premierminister in London, um über Zölle zu sprechen.",
    "Bundeskanzler Werner Faymann traf sich am Montag in Berlin mit Kanzlerin Angela Merkel.",
])
def test_leaders_meetings_stay_meetings(text: str) -> None:
    assert _meetings(text)
