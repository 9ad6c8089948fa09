"""Session 20 real-news kinds of issue 12 (DEFALSE4): German meeting words that tell of no meeting.

- A summit named as a time anchor ("vor dem EU-Gipfel", "im Vorfeld des Gipfels", "am Vorabend der Konferenz"):
  the news is what happened before it; a meeting told in the same sentence stays one.
- "um mit Kant zu sprechen", "mit Kant gesprochen": quoting someone is no talk with them.
- A phone call with one's family or lawyer is private (GUIDE.md: private meetings are no event).
- A visit to the border fence or a border crossing meets no counterpart (eval README: a site visit is negative).

The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Vor dem EU-Gipfel in Brüssel warnte Bundeskanzler Faymann vor einer Spaltung Europas.",
    "Kurz vor dem Gipfel legte die Kommission ihren Bericht zur Lage an den Außengrenzen vor.",
    "Im Vorfeld des Gipfels in Valletta hatte Innenministerin Mikl-Leitner einen Aktionsplan vorgelegt.",
    "Am Vorabend des G20-Gipfels demonstrierten in Hamburg Tausende gegen Präsident Trump.",
    "Im Vorfeld der Syrien-Konferenz kritisierte Außenminister Kurz die Haltung Moskaus.",
])
def test_a_summit_as_time_anchor_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Vor dem Gipfel trafen sich die Außenminister Kurz und Lawrow zu einem Gespräch in Brüssel.",
    "Am Rande des EU-Gipfels sprach Kanzlerin Merkel mit dem türkischen Premier Davutoğlu.",
    "Beim Gipfel in Brüssel einigten sich die Staats- und Regierungschefs auf einen Plan.",
])
def test_a_meeting_beside_the_anchor_stays_one(text: str) -> None:
    assert _meetings(text)


@pytest.mark.parametrize("text", [
    "Die Lage ist, um mit dem Politologen Anton Berger zu sprechen, verfahren.",
    "Der Frieden sei, mit Immanuel Kant gesprochen, eine Aufgabe der Vernunft, sagte Bundespräsident Fischer.",
])
def test_quoting_someone_is_no_talk(text: str) -> None:
    assert _meetings(text) == []


def test_travelling_to_talk_with_a_leader_stays_a_meeting() -> None:
    assert _meetings("Außenminister Kurz reiste nach Moskau, um mit Präsident Putin über die Krise zu sprechen.")


@pytest.mark.parametrize("text", [
    "Nach der Wahl telefonierte Bundespräsident Fischer zuerst mit seiner Frau.",
    "Der Premierminister telefonierte am Abend noch lange mit seiner Tochter.",
    "Die Ministerin habe im Telefonat mit ihrem Anwalt von den Vorwürfen erfahren.",
])
def test_a_private_phone_call_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


def test_a_phone_call_with_a_counterpart_stays_a_meeting() -> None:
    assert _meetings("Bundeskanzler Faymann telefonierte am Sonntag mit seinem ungarischen Amtskollegen Orbán.")


@pytest.mark.parametrize("text", [
    "Ministerpräsident Orbán besuchte am Montag den Grenzzaun bei Röszke.",
    "Innenministerin Mikl-Leitner besuchte am Dienstag den Grenzübergang Spielfeld.",
])
def test_a_border_site_visit_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # an exclusion's gap ("entscheidung ... getroffen", "besuch* ... krankenhaus") excludes no meeting word in it
    "Die Entscheidung wurde beim Gipfel der Staats- und Regierungschefs in Brüssel getroffen.",
    "Bei seinem Besuch in Kiew traf Außenminister Steinmeier den Präsidenten Poroschenko im Krankenhaus.",
])
def test_a_meeting_inside_an_exclusion_gap_stays_one(text: str) -> None:
    assert _meetings(text)


def test_the_excluded_sense_at_the_ends_stays_excluded() -> None:
    assert _meetings("Die Regierung hat in der Frage noch keine Entscheidung getroffen.") == []
    assert _meetings("Der Kanzler besuchte am Dienstag ein Krankenhaus in Linz.") == []
