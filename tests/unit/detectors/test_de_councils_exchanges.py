"""Session 18 real-news kinds of issue 12, German meetings. The sentences are written for these tests in the style
of news.

- A council of ministers named by its compound (Finanzministerrat, EU-Agrarministerrat, OSZE-Ministerrat) is the
  ministers' meeting; the bare "Ministerrat" is the Austrian federal cabinet, whose sessions are no event
  (GUIDE.md: routine government sessions), and stays out.
- Office-holders who exchange views with one another ("sich mit … austauschen", "tauschten sich … aus") hold talks.
- The participle used as an adjective ("die getroffenen Vereinbarungen", "die getroffene Entscheidung", "die vom
  Hochwasser getroffenen Gemeinden") tells of something made or hit, never of a meeting.
"""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize(("text", "status"), [
    ("Der nächste Agrarministerrat am Montag in Brüssel soll über die Milchquote entscheiden.", "planned"),
    ("Beim EU-Finanzministerrat in Luxemburg stimmten die Minister der neuen Bankenregel zu.", "held"),
    ("Beim OSZE-Ministerrat in Wien stand die Lage in der Ukraine im Mittelpunkt.", "held"),
])
def test_a_named_council_of_ministers_is_a_meeting(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text", [
    "Der Ministerrat beschloss am Mittwoch das neue Schulgesetz.",
    "Im Ministerrat soll die Steuerreform kommende Woche beschlossen werden.",
])
def test_the_cabinet_named_ministerrat_stays_out(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize(("text", "status"), [
    ("Die Innenministerin will sich mit ihren Amtskollegen aus Italien und Griechenland über die Flüchtlingsfrage "
     "austauschen.", "planned"),
    ("Außenminister Kurz tauschte sich am Montag in Belgrad mit seinem serbischen Amtskollegen Dačić aus.", "held"),
    ("Die EU-Kommission hat begonnen, sich mit Vertretern der Mitgliedstaaten über das neue Abkommen "
     "auszutauschen.", "held"),
])
def test_office_holders_exchanging_views_hold_talks(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text", [
    "Die Armee hat sich entschieden, Gefangene mit der Miliz auszutauschen.",
    "Die Spieler tauschten sich nach dem Training aus.",
])
def test_an_exchange_of_things_or_among_private_people_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Die getroffenen Vereinbarungen seien bindend, sagte Außenminister Kurz.",
    "Kanzler Faymann verteidigte die in Brüssel getroffene Entscheidung.",
    "Die vom Hochwasser getroffenen Gemeinden erhalten Hilfe vom Bund, sagte Ministerin Köstinger.",
])
def test_the_participle_as_an_adjective_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []
