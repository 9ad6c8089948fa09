"""Session 16 real-news kinds of issue 12 (GUIDE.md): German senses that are no meeting, and a conference that is.

- "Aussprache" is a meeting only as a talk with or between someone ("Aussprache zwischen Merz und Macron"), not
  the pronunciation of a word;
- works councils ("Gesamtbetriebsrat"), party bodies ("Länderrat", "Parteirat") and parliamentary committee
  deliberations ("Ausschussberatungen") are business, party and routine parliamentary sessions;
- a company ("Unternehmen") named somewhere in the sentence does not make leaders' talks a business meeting;
- a UN climate conference is a conference of governments (dev labels "Umweltgipfel in Paris" held);
- a mountain's "Gipfel" (climbers, cable cars, a summit cross, a peak "reached") and a figure's peak are no summit.

The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Das e in Daesh ergibt sich aus der Aussprache, sagte Außenminister Kurz.",
    "Die Gesamtbetriebsratsvorsitzende Ingrid Lüllmann bestätigte, dass sich bei den abschließenden Gesprächen mit "
    "dem Vorstand nichts geändert habe.",
    "Nach einer Tagung des Länderrats der Grünen sagte Parteichef Jürgen Trittin am Sonntag in Erfurt, die SPD "
    "stehle sich aus der Verantwortung.",
    "Als Minister Konrad bei den Ausschussberatungen zum Budget fehlte, war die Regierungsmehrheit dahin.",
    "Außenminister Kurz und die Bergsteiger erreichten den Gipfel des Großglockners erst am späten Nachmittag.",
    "Die Inflation hat im Oktober ihren Gipfel erreicht, erwarten die Ökonomen der Regierung.",
    "Kanzler Faymann fuhr mit der Seilbahn auf den Gipfel.",
    "Präsident Van der Bellen segnete das neue Gipfelkreuz am Dachstein.",
])
def test_other_senses_are_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Bundeskanzlerin Angela Merkel nahm am Montag an der Klimakonferenz in Paris teil.",
    "Kanzler Scholz traf am Montag den chinesischen Präsidenten Xi Jinping; es ging auch um Cyberangriffe auf "
    "Unternehmen.",
])
def test_conferences_and_talks_of_leaders_are_meetings(text: str) -> None:
    assert _meetings(text)


@pytest.mark.parametrize("text", [
    "Aussprache zwischen Merz und Macron im Élysée",
    "Der Gipfel der Staats- und Regierungschefs in Brüssel habe kein Ergebnis gebracht, sagte der Kanzler.",
    "Der Kanzler lud die Parteichefs zu einer Aussprache mit dem Präsidenten ein.",
])
def test_talks_with_someone_and_summits_stay_meetings(text: str) -> None:
    assert _meetings(text)
