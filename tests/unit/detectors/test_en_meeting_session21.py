"""Issue 12's English status kinds of session 21 (notes/enstat5-session21.md): a rejection cue after the meeting
that has an object of its own ("refused to sign", "rejects the offer") is about that object, not the meeting; an
idiom's inner cue is no cue ("as soon as possible" is an urging, no time; "would take place" tells a plan, not a
call). The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses


def _meetings(text: str) -> list[str]:
    return meeting_statuses(text, "en")


@pytest.mark.parametrize("text, status", [
    ("Discussing the border crisis by phone, President Aliyev said Yerevan continued to refuse to withdraw troops.",
     "held"),
    ("Foreign minister Lavrov says Moscow is ready for talks but rejects the latest demands of Washington.",
     "called_for"),
    ("The trilateral talks of the Russian and Azerbaijani leaders will coincide with the termination of the state of"
     " emergency.", "planned"),
])
def test_a_rejection_with_its_own_object_is_not_the_meetings(text: str, status: str) -> None:
    assert status in _meetings(text) and "rejected" not in _meetings(text)


@pytest.mark.parametrize("text, status", [
    ("The Turkish president refused to meet the Greek prime minister in Athens.", "rejected"),
    ("The talks between Serbia and Kosovo were suspended after the border incident.", "rejected"),
    ("Serbian president Vucic rejected the talks proposed by the EU envoy.", "rejected"),
])
def test_a_rejection_of_the_meeting_stays(text: str, status: str) -> None:
    assert status in _meetings(text)


@pytest.mark.parametrize("text, status", [
    ("Putin and Lukashenko continued their discussion of the border crisis and stressed the need to settle it as soon"
     " as possible.", "held"),
    ("It was confirmed that the negotiations would take place in Geneva on March 3.", "planned"),
    ("Officials in Cairo said the talks would be held next week.", "planned"),
])
def test_an_idiom_hides_its_inner_cue(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text, status", [
    # a host's thanks to the guest who came: the visit is taking place
    ("President Putin: Mr President, I would like to thank you for accepting the invitation to come to Russia.",
     "held"),
    ("Mr President, I would like to express my gratitude to you for accepting my invitation and coming to Moscow.",
     "held"),
    ("President Erdogan: I would like to welcome President Aliyev to Ankara.", "held"),
    ("Chancellor Scholz would like to meet President Xi in Berlin.", "called_for"),  # a wish stays one
])
def test_a_polite_would_is_no_call(text: str, status: str) -> None:
    assert _meetings(text) == [status]
