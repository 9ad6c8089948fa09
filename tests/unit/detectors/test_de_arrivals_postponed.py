"""Session 21 (demiss5), two German lexicon bugs of session 20. The exclusion of arrivals of things and groups
("eintreffen") matched the visit trigger "eingetroffen" through its lemma, so no office-holder ever arrived; it is
surface-only now. The sports exclusion "treffen ... auf" ("Bayern trifft auf Dortmund") also removed the noun
"Das Treffen wurde auf unbestimmte Zeit verschoben", a meeting put off (GUIDE.md: rejected; "verschoben" is a
rejected cue of the rules). The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


def test_an_office_holder_who_arrived_visits() -> None:
    assert _meetings("Außenminister Kurz ist am Montag in Teheran eingetroffen.") == ["held"]
    assert _meetings("Der Außenminister Kurz ist am Montag in Moskau eingetroffen.") == ["held"]


@pytest.mark.parametrize("text", [
    "Die Flüchtlinge sind am Montag in Passau eingetroffen.",
    "Die ersten Hilfsgüter sollen am Freitag in Aleppo eintreffen.",
])
def test_arrivals_of_groups_and_things_stay_excluded(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Das Treffen der Außenminister Kurz und Lawrow wurde auf unbestimmte Zeit verschoben.",
    "Das geplante Treffen zwischen Merkel und Putin wurde auf nächste Woche verschoben.",
    "Außenminister Kurz wollte am Montag seinen russischen Amtskollegen Lawrow treffen. "
    "Das Treffen wurde auf unbestimmte Zeit verschoben.",
])
def test_a_meeting_put_off_is_no_sports_fixture(text: str) -> None:
    assert _meetings(text) == ["rejected"]


@pytest.mark.parametrize("text", [
    "Im Viertelfinale trifft Bayern auf Dortmund.",
    "Im Finale treffen die Bayern auf den FC Barcelona.",
])
def test_fixtures_stay_excluded(text: str) -> None:
    assert _meetings(text) == []
