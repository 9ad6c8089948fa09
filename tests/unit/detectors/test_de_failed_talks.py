"""Session 17 real-news kinds of issue 12, German meeting statuses (GUIDE.md: rejected is a meeting refused,
cancelled or called off). Talks named as failed in an attribute ("nach den gescheiterten Verhandlungen") took place:
held; talks that fail in the news of the sentence ("sind gescheitert", "scheiterten") stay rejected. "morgig" dates
a meeting to tomorrow: planned. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Vor dem vorläufig gescheiterten Gipfel der EU mit der Türkei hatte Merkel gewarnt.",
    "Nach den gescheiterten Verhandlungen mit Brüssel will Regierungschef Tsipras das Volk befragen.",
])
def test_talks_failed_in_an_attribute_were_held(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Die Gespräche zwischen Kanzler Faymann und der Opposition scheiterten am Montag.",
    "Die Verhandlungen zwischen Außenminister Kurz und seinem türkischen Amtskollegen sind gescheitert.",
])
def test_talks_that_fail_in_the_news_stay_rejected(text: str) -> None:
    assert _meetings(text) == ["rejected"]


def test_a_meeting_tomorrow_is_planned() -> None:
    text = "Finanzminister Schäuble verlor vor dem morgigen Treffen mit seinem griechischen Amtskollegen einen " \
        "Verbündeten."
    assert _meetings(text) == ["planned"]
