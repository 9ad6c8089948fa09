"""Issue 12's English real-news kinds of session 20 (notes/enmeet-session20.md): a discussion between leaders
("continued their discussion", "spent the morning discussing") and a bare "receive" of a guest are meetings;
receiving things or refugees, and a film's discussion, are not. The sentences are written for these tests in the
style of news."""

from __future__ import annotations

import pytest

from detectors.contracts import Article
from detectors.learned.features import features
from tests.unit.detectors.rule_stage import meeting_statuses, rules_pipeline


def _meetings(text: str) -> list[str]:
    return meeting_statuses(text, "en")


@pytest.mark.parametrize("text, status", [
    ("Erdogan and Putin continued their discussion of the grain corridor over dinner.", "held"),
    ("Chancellor Scholz and President Macron had a long discussion about the budget in Paris.", "held"),
    ("Foreign ministers Wang Yi and Antony Blinken spent the morning discussing trade and Taiwan.", "held"),
])
def test_a_discussion_between_leaders_is_a_meeting(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text, status", [
    ("President Ramaphosa was pleased to receive Chancellor Scholz in Pretoria.", "held"),
    ("The emir will receive the Iranian foreign minister in Doha on Sunday.", "planned"),
])
def test_receiving_a_guest_is_a_meeting(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text", [
    "Kenya will receive two more shipments of vaccines next week.",
    "The country is receiving refugees from the north.",
    "The parliament is discussing a new budget.",
    "The film prompted a lively discussion among critics.",
])
def test_receiving_things_and_a_discussion_without_leaders_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("lang, text", [
    # a negative-context word inside a body's name is no sports context (detectors.patterns.OutsideOf)
    ("en", "Arab League Secretary General Ahmed Aboul Gheit met Egyptian President Sisi in Cairo."),
    ("en", "Awami League leader Sheikh Hasina met the Indian foreign minister in Dhaka."),
    ("es", "El secretario general de la Liga Árabe se reunió con el presidente egipcio en El Cairo."),
])
def test_a_league_in_a_body_s_name_vetoes_no_meeting(lang: str, text: str) -> None:
    assert meeting_statuses(text, lang) == ["held"]


@pytest.mark.parametrize("lang, text", [
    ("en", "The Champions League final brought the two coaches together; the minister met the team in Madrid."),
    ("es", "El presidente del club se reunió con el ministro antes del partido de la Liga."),
])
def test_a_sports_league_still_vetoes(lang: str, text: str) -> None:
    assert meeting_statuses(text, lang) == []


@pytest.mark.parametrize("text", [
    # the weather service's name, and a leader meeting citizens rather than political actors
    "Met Office issues red warning for Scotland",
    "The president met top graduates of the military academies in the Kremlin.",
    "Prime Minister Modi met schoolchildren in Varanasi on Friday.",
])
def test_the_met_office_and_citizens_met_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Taking part in the talks were Deputy Prime Minister Olga Petrova and Finance Minister Ivan Sidorov.",
    "The summit was attended by the interior minister and the head of the tax service.",
])
def test_a_list_of_attendants_is_a_cue_of_the_learned_stage_only(text: str) -> None:
    observed = [o.obs for o in rules_pipeline().observe_many([Article.create(text, language="en")])[0]
                if o.obs.type == "meeting"]
    assert observed and all("cue:attendance" in features(obs) for obs in observed)


@pytest.mark.parametrize("text", [
    # a government's own meeting told by who sat in on it (GUIDE: routine sessions are no meeting)
    "Taking part in the meeting were Deputy Prime Minister Olga Petrova and Finance Minister Ivan Sidorov.",
    "The meeting was attended by the interior minister and the head of the tax service.",
    "The transport minister and the mayor of Kazan were also invited to the meeting.",
])
def test_a_list_of_who_attended_the_meeting_is_excluded(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # a joint news conference of two leaders lifts the "news conference" exclusion (exclude_lifted)
    "Joint news conference with President of Kazakhstan Kassym-Jomart Tokayev",
    "Macron and Scholz held a joint press conference in Berlin on Tuesday.",
    "The Turkish president told a joint news conference with his Iraqi counterpart that the pipeline would reopen.",
])
def test_a_joint_news_conference_is_a_meeting(text: str) -> None:
    assert _meetings(text) == ["held"]


def test_a_news_conference_alone_stays_excluded() -> None:
    assert _meetings("The foreign minister told a news conference in Ankara that the border would stay closed.") == []


@pytest.mark.parametrize("text, status", [
    # flying to or landing in a capital, conferring with a counterpart, an audience: wire-news meeting forms
    ("Netanyahu flew to Washington on Sunday.", "held"),
    ("Secretary of State Rubio will fly to Israel on Sunday.", "planned"),
    ("Hungary's foreign minister landed in Minsk on Thursday morning.", "held"),
    ("The foreign ministers of India and China conferred with their Russian counterpart in Moscow.", "held"),
    ("The king granted an audience to the Pakistani prime minister.", "held"),
    ("Pope Leo had an audience with the Italian president.", "held"),
])
def test_flights_landings_conferring_and_audiences_are_meetings(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text", [
    "A missile landed in a field near the president's residence in Kyiv.",
    "Thousands of tourists fly to Bali every week.",
    "The film found a loyal audience among young viewers.",
])
def test_missiles_landing_tourists_flying_and_a_film_audience_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    # the "call" of a phone call followed by a day is no "call on" (an appeal)
    "Biden and Xi held a phone call on Thursday.",
    "Macron had a phone call on Sunday with Netanyahu.",
    "Trump and Putin held a two-hour call on Tuesday.",
])
def test_a_phone_call_on_a_weekday_is_held_not_called_for(text: str) -> None:
    assert _meetings(text) == ["held"]


def test_calling_on_the_parties_still_calls_for_talks() -> None:
    assert _meetings("The UN chief called on both sides to hold talks.") == ["called_for"]
