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


def test_a_report_of_another_meeting_is_dropped_and_the_call_kept() -> None:
    around = reported_plans([_REPORT, _CALL], (20, 21))
    assert around == [_CALL]
    before = reported_plans([_REPORT, _CALL], (0, 1))  # the trigger before the report
    assert before == [_CALL]


def test_a_report_holding_the_trigger_as_the_modals_subject_is_a_plan() -> None:
    # "Officials said the meeting would focus on trade": said=1, meeting=3, would=4
    report = Match("reported_future", 1, 5, "said .... =would")
    call = Match("called_for", 4, 5, "would")
    assert [(m.label, m.start) for m in reported_plans([report, call], (3, 4))] == [("planned", 1)]


def test_a_break_word_before_the_modal_makes_it_the_contents() -> None:
    # "Putin told Macron in a phone call that Russia would continue": told=1, call=5-7, that=7, would=9
    report = Match("reported_future", 1, 10, "told .... =would")
    call = Match("called_for", 9, 10, "would")
    that = Match("reported_break", 7, 8, "=that")
    assert reported_plans([report, call, that], (5, 7)) == []


def test_a_reported_call_after_a_break_is_the_contents_and_never_a_plan() -> None:
    # "Biden tells Netanyahu in call that Israel must protect": tells=1, call=3-5, that=5, must=7
    report = Match("reported_call", 1, 8, "tells .... =must")
    must = Match("called_for", 7, 8, "must")
    that = Match("reported_break", 5, 6, "=that")
    assert reported_plans([report, must, that], (3, 5)) == []
    # "said the talks must resume": no break, the call stays and no plan is made
    subject = Match("reported_call", 1, 5, "said .... =must")
    call = Match("called_for", 4, 5, "must")
    assert reported_plans([subject, call], (3, 4)) == [call]
