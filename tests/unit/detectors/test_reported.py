"""detectors.reported: a speaker's report up to a modal, before the meeting, is a plan."""

from __future__ import annotations

from detectors.patterns import Match
from detectors.reported import reported_plans

# "The Kremlin said Putin would meet Erdogan": said=2, would=4, meet=5
_REPORT = Match("reported_future", 2, 5, "said ... =would")
_CALL = Match("called_for", 4, 5, "would")


def test_a_report_before_the_trigger_is_a_plan_and_its_modal_no_call() -> None:
    out = reported_plans([_REPORT, _CALL], (5, 6))
    assert [(m.label, m.start, m.end) for m in out] == [("planned", 2, 5)]


def test_a_longer_call_on_the_modal_stays() -> None:
    wish = Match("called_for", 4, 6, "=would =like")  # "said he would like to meet"
    out = reported_plans([_REPORT, _CALL, wish], (7, 8))
    assert {m.label for m in out} == {"planned", "called_for"} and wish in out and _CALL not in out


def test_a_report_after_or_around_the_trigger_is_dropped_and_the_call_kept() -> None:
    around = reported_plans([_REPORT, _CALL], (3, 4))  # "said he met Xi and would …"
    assert around == [_CALL]
    far = reported_plans([_REPORT, _CALL], (20, 21))
    assert far == [_CALL]
