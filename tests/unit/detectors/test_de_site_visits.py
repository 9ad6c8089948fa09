"""Session 14 real-news kind of issue 12 (GUIDE.md: a leader's domestic site visit is no meeting): a visit to a
site (a vaccination or reception centre, a hospital or clinic, a memorial, a flooded area, a building site, a
factory or power plant, a school, barracks) meets no counterpart. The sentences are written for these tests in
the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Der Kanzler besuchte am Dienstag ein Impfzentrum in Hamburg.",
    "Bundespräsident Frank Berger besucht am Mittwoch die Hochwassergebiete in Sachsen.",
    "Die Verteidigungsministerin besuchte am Montag die Kaserne des Jägerbataillons in Spittal.",
    "Bei seinem Besuch auf der Baustelle des Brenner-Basistunnels sprach der Minister mit den Arbeitern.",
    "Der Präsident besuchte ein Kohlekraftwerk im Süden des Landes.",
    "Die Bildungsministerin besucht am Freitag eine Volksschule in Graz.",
    "Der Gesundheitsminister besuchte am Montag das Universitätsklinikum in Jena.",
    "Die Bundeskanzlerin besuchte am Sonntag die KZ-Gedenkstätte Dachau.",
])
def test_a_site_visit_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # a visit to a counterpart stays a meeting, and so does a state visit that includes a site
    "Der Kanzler besuchte am Dienstag den französischen Präsidenten in Paris.",
    "Der Bundespräsident traf am Mittwoch bei seinem Staatsbesuch in Jakarta den indonesischen Präsidenten.",
])
def test_a_visit_to_a_counterpart_stays_a_meeting(text: str) -> None:
    assert _meetings(text)
