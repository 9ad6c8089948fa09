"""Session 14 real-news kind of issue 12 (GUIDE.md: business or company meetings are no event): talks about a sale,
with bidders, buyers, providers or an offer, and the compounds naming them ("Übernahmegespräche",
"Fusionsverhandlungen"), are no meeting, even when a minister or a head of government leads them. The sentences
are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Finanzminister Peter Lang führte am Montag in Wien Gespräche mit mehreren Interessenten für die Staatsbank.",
    "Der Ministerpräsident verhandelte am Dienstag mit einem Kaufinteressenten über die Werft.",
    "Der Wirtschaftsminister traf sich am Freitag mit den Bietern, die eine verbindliche Offerte gelegt hatten.",
    "Außenminister Karl Berg führte Gespräche mit einem Mobilfunkanbieter über den Ausbau des Netzes.",
    "Die Regierung traf sich am Montag mit Vertretern einer Beteiligungsgesellschaft in Berlin.",
    "Der Kanzler sprach mit dem Premierminister über den Kaufpreis der Stahlwerke.",
    "Der Premierminister gab am Montag in London den Beginn der Fusionsverhandlungen der beiden Staatsbahnen bekannt.",
])
def test_talks_about_a_sale_are_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # a leader's talks on politics stay meetings; an economic topic alone is no business meeting
    "Finanzminister Peter Lang führte am Montag in Wien Gespräche mit dem französischen Finanzminister.",
    "Der Kanzler traf am Dienstag den Premierminister in London, um über Zölle zu sprechen.",
    "Die Außenminister berieten am Freitag in Brüssel über die Interessen der Union in der Ukraine.",
])
def test_political_talks_stay_meetings(text: str) -> None:
    assert _meetings(text)
