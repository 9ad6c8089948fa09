"""A call or invitation whose infinitive is the meeting stays a call when a future time stands beside it (issue
12, GUIDE.md: called_for is someone asking that a meeting take place; the time says when, if it is accepted). A
modal future or a plan keeps it planned. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize("text", [
    "Vladimir Putin invited the Kazakh president to come on a visit to Russia early next year.",
    "The president invited his Egyptian counterpart to visit Moscow next month.",
    "The UN urged both sides to resume talks next week.",
])
def test_an_invitation_or_call_with_a_future_time_is_called_for(text: str) -> None:
    assert statuses(text, "en") == {"called_for"}


@pytest.mark.parametrize("text", [
    "The two ministers agreed to meet again next month.",
    "Erdogan will visit Moscow next month.",
    "Putin will invite Erdogan to visit Moscow next month.",
])
def test_a_plan_or_modal_future_stays_planned(text: str) -> None:
    assert statuses(text, "en") == {"planned"}
