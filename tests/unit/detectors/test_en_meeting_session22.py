"""Issue 12's English status kinds of session 22 (notes/enstat6-session22.md). The sentences are written for these
tests in the style of news.

- A reported future ("The Kremlin said Putin would meet Erdogan") announces a plan; "would" stays a call when
  it is a wish or a condition ("would like to meet", "would meet him if …") or without a speaker before it.
- A party walking away from talks, or pulling or recalling its negotiators, rejects them; talks that collapse
  took place (the corpus labels them held).
- "sits down with" is a meeting as "sat down with" is; "sat" is a past form, so a weekday after it dates a
  meeting that took place; "slated to" is a plan."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses


@pytest.mark.parametrize("text", [
    "The Kremlin said Putin would meet Erdogan in Sochi.",
    "Officials told Reuters that Secretary of State Blinken would travel to Israel.",
    "The White House said President Biden would host Prime Minister Modi for a state visit.",
    "President Zelensky said he would attend the summit in Vilnius.",
])
def test_a_reported_future_is_a_plan(text: str) -> None:
    assert meeting_statuses(text, "en") == ["planned"]


@pytest.mark.parametrize("text", [
    "President Macron said he would like to meet President Xi in Beijing.",
    "President Zelensky said he would meet Putin if Moscow withdrew its troops.",
    "A meeting with Putin would be useful, Prime Minister Orban said.",
])
def test_a_wish_or_a_condition_stays_a_call(text: str) -> None:
    assert meeting_statuses(text, "en") == ["called_for"]


def test_a_report_after_a_meeting_that_took_place_is_not_its_plan() -> None:
    assert meeting_statuses("President Putin met President Xi in Beijing and said Russia would supply more gas.",
                            "en") == ["held"]


@pytest.mark.parametrize("text", [
    "Iran walked away from the nuclear talks with the United States.",
    "Israel pulls negotiators from Qatar as talks stall",
    "Netanyahu recalls Mossad team from Doha talks",
    "Israel recalled its delegation from the Cairo talks on Tuesday.",
])
def test_a_party_leaving_the_talks_rejects_them(text: str) -> None:
    assert meeting_statuses(text, "en") == ["rejected"]


def test_talks_that_collapse_took_place() -> None:
    # corpus convention (en-wcep-0210): talks held that collapse without agreement are held
    assert meeting_statuses("Peace talks held in Istanbul between Ankara and Kabul collapse without a deal.",
                            "en") == ["held"]


@pytest.mark.parametrize("text, status", [
    ("President Lula sits down with President Biden at the White House.", "held"),
    ("Xi and Putin sat down for talks in Beijing on Friday.", "held"),
    ("President Xi sat down with President Putin in Beijing on Friday.", "held"),
    ("The Indian prime minister is slated to visit Washington in March.", "planned"),
])
def test_sitting_down_and_slated(text: str, status: str) -> None:
    assert meeting_statuses(text, "en") == [status]


@pytest.mark.parametrize("text, statuses", [
    # the leaders' talks where they agreed took place; the meeting they agreed on is ahead
    ("The two leaders agreed to hold a separate full-format meeting in the near future.", ["held", "planned"]),
    ("The two leaders agreed to meet again next month in Ankara.", ["held", "planned"]),
    ("The two leaders will meet next week in Geneva.", ["planned"]),
    ("Both leaders did not attend the summit in Minsk.", ["rejected"]),
])
def test_leaders_who_agreed_on_a_meeting_talked(text: str, statuses: list[str]) -> None:
    assert sorted(meeting_statuses(text, "en")) == statuses


@pytest.mark.parametrize("text, status", [
    ("President Erdogan told President Putin in a phone call on Tuesday that Turkey would keep the straits open.",
     "held"),
    ("Officials said the meeting between the two foreign ministers would focus on trade.", "planned"),
    ("The Kremlin said the talks with Ukraine would resume in Istanbul.", "planned"),
])
def test_a_reported_future_around_the_meeting(text: str, status: str) -> None:
    assert meeting_statuses(text, "en") == [status]


@pytest.mark.parametrize("text, status", [
    # a short opening line with a capitalised trigger and a weekday reads as a headline announcing; a past verb
    # of the meeting says it took place
    ("Talks between Israeli and Hamas negotiators continued in Cairo on Tuesday.", "held"),
    ("Zelensky addressed the UN General Assembly on Wednesday.", "held"),
    ("Talks between Israeli and Hamas negotiators will continue in Cairo on Tuesday.", "planned"),
    ("Zelensky will address the UN General Assembly on Wednesday.", "planned"),
])
def test_a_past_verb_of_the_meeting_beats_the_headline_weekday(text: str, status: str) -> None:
    assert meeting_statuses(text, "en") == [status]


@pytest.mark.parametrize("text, status", [
    ("President Trump announced that South Africa will not be invited to the G20 summit in Florida.", "rejected"),
    ("Russia was not invited to the peace conference in Switzerland.", "rejected"),
    ("The ministers underscored the need for resuming constructive Israeli-Palestinian talks under UN auspices.",
     "called_for"),
    ("Prime Minister Modi was invited to the G7 summit in Italy next month.", "planned"),
])
def test_an_exclusion_is_a_rejection_and_the_need_to_resume_talks_a_call(text: str, status: str) -> None:
    assert meeting_statuses(text, "en") == [status]


@pytest.mark.parametrize("text", [
    "Biden tells Netanyahu in call that Israel must protect civilians",
    "President Macron told President Putin during a call on Friday that France would not recognise the annexation.",
    "Talks between Hamas and Israel broke down on Tuesday.",  # they took place (see the collapse convention)
])
def test_a_call_readout_and_its_content(text: str) -> None:
    assert meeting_statuses(text, "en") == ["held"]


@pytest.mark.parametrize("text", [
    "The protesters joined in a call for calm.",
    "The president said in a call for unity that the nation must heal.",
    "Chancellor Stocker joins Prime Minister Meloni in calling for Spain to be suspended from the Schengen Area.",
])
def test_a_call_for_something_is_no_phone_call(text: str) -> None:
    assert meeting_statuses(text, "en") == []


def test_a_call_modal_with_the_meeting_as_subject_stays_a_call() -> None:
    assert meeting_statuses("The foreign minister said the talks with Kyiv must resume.", "en") == ["called_for"]
