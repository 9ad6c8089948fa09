"""Session 16 (issue 12, STATUS "owed"): an "at the meeting" cue ("bei seinem Treffen") inside an announced intention
is about a meeting to come, so planned, not held (``meeting._intended``, the German ``intent`` cues; dev
de-10kgnad-223-10). After a past marker, or with the intention after the meeting, it stays held. The sentences are
written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "US-Präsident Obama hatte angekündigt, bei seinem Treffen mit Präsident Xi auch seinen Ärger über Cyberattacken "
    "anzusprechen.",
    "Der Kanzler will bei seinem Besuch in Peking auch die Menschenrechte ansprechen.",
    "Die Ministerin hofft, bei ihrem Treffen mit dem Außenminister Lawrow eine Einigung zu erzielen.",
])
def test_an_intention_at_a_meeting_is_planned(text: str) -> None:
    assert _meetings(text) == ["planned"]


@pytest.mark.parametrize("text", [
    "Beim Treffen mit Xi sprach der Kanzler auch die Menschenrechte an.",
    "Der Kanzler kündigte an, dass beim Gipfel mit Macron ein Abkommen unterzeichnet wurde.",
])
def test_at_a_meeting_that_took_place_stays_held(text: str) -> None:
    assert _meetings(text) == ["held"]
