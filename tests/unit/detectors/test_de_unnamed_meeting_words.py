"""Session 16 real-news kinds of issue 12: German meetings told without a meeting noun, which gave the learned stage
no candidate at all (corpus/tools/candidate_recall.py): talks "mit dem Minister diskutieren", a host's "seinem Gast",
and an "internationaler Gast" of a parliament or a government. The sentences are written for these tests in the style
of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize(("text", "status"), [
    ("Diese Forderung will die Ministerin auch mit dem Wissenschafts- und dem Finanzminister diskutieren.",
     "called_for"),
    ("Kanzler Kurz diskutierte am Montag mit dem französischen Präsidenten über die Migration.", "held"),
    ("Präsident Erdogan sprach zu den Differenzen mit seinem Gast, Präsident Xi.", "held"),
    ("UN-Generalsekretär Ban sprach als erster internationaler Gast vor dem Parlament.", "held"),
])
def test_meetings_without_a_meeting_noun(text: str, status: str) -> None:
    assert _meetings(text) == [status]


def test_a_discussion_of_people_without_office_is_no_meeting() -> None:
    assert _meetings("Im Anschluss diskutierten die Schüler mit ihren Lehrern über den Film.") == []
