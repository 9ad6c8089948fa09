"""Session 22 (destat6): German status grammar of news and headlines. Reported speech in the perfect
("sollen sich … getroffen haben": they are said to have met) tells of a meeting held, not a plan; "spricht sich für
Verhandlungen aus" is a call; "komme nicht in Frage" a refusal; a headline "X vor dem Gipfel" names a meeting ahead,
and so does a date still open ("Ein Termin … steht noch nicht fest"). The sentences are written for these tests in
the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Putin und Erdogan sollen sich am Montag heimlich getroffen haben.",
    "Der Außenminister soll sich vergangene Woche mit Vertretern der Taliban getroffen haben.",
    "Laut Medienberichten soll Kushner mit dem saudischen Kronprinzen telefoniert haben.",
])
def test_a_reported_perfect_is_held(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Putin und Erdogan sollen sich am Montag in Ankara treffen.",
    "Der Präsident wolle sich mit Selenskyj treffen, sagte sein Sprecher.",
])
def test_a_reported_plan_stays_planned(text: str) -> None:
    assert _meetings(text) == ["planned"]


def test_speaking_out_for_talks_is_a_call() -> None:
    assert _meetings("Kanzler Scholz sprach sich für Verhandlungen mit Russland aus.") == ["called_for"]


def test_out_of_the_question_is_a_refusal() -> None:
    assert _meetings("Ein Treffen mit Putin komme nicht in Frage, sagte Selenskyj.") == ["rejected"]


@pytest.mark.parametrize("text", [
    "Merkel vor Reise nach China",
    "Kanzlerin vor Gipfeltreffen mit Putin",
    "EU-Außenminister vor dem Treffen mit Lawrow",
])
def test_a_headline_before_the_meeting_is_planned(text: str) -> None:
    assert _meetings(text) == ["planned"]


@pytest.mark.parametrize("text", [
    "Vor dem Gipfel hatte Merkel mit Hollande telefoniert.",
    "Außenminister Steinmeier traf sich vor dem Gipfel mit Lawrow.",
])
def test_before_the_summit_in_a_past_sentence_leaves_the_meeting_held(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Ein Termin für das Treffen von Merkel und Erdogan steht noch nicht fest.",
    "Noch kein Termin für Treffen zwischen Putin und Selenskyj",
])
def test_a_date_still_open_is_a_plan(text: str) -> None:
    assert _meetings(text) == ["planned"]


@pytest.mark.parametrize("text", [
    "Obama will Putin nicht treffen",
    "Das Treffen zwischen Merkel und Erdogan findet nicht statt.",
    "Kanzlerin Merkel nimmt nicht am Gipfel in Minsk teil.",
])
def test_a_meeting_that_will_not_happen_is_refused(text: str) -> None:
    assert _meetings(text) == ["rejected"]


@pytest.mark.parametrize("text", [
    "Die Außenminister der G7 kommen im April in Lübeck zusammen.",
    "Treffen von Putin und Trump rückt näher",
    "Putin habe die Einladung zu einem Besuch in Berlin angenommen, sagte ein Sprecher.",
])
def test_a_meeting_ahead_is_planned(text: str) -> None:
    assert _meetings(text) == ["planned"]


def test_a_month_in_a_past_sentence_leaves_the_meeting_held() -> None:
    assert _meetings("Die Außenminister der G7 kamen im April in Lübeck zusammen.") == ["held"]


def test_hoping_for_talks_is_a_call() -> None:
    assert _meetings("Außenminister Kerry hofft auf neue Gespräche zwischen Israel und den Palästinensern.") == [
        "called_for"]


def test_a_meeting_that_should_have_taken_place_is_refused() -> None:
    assert _meetings("Das Treffen zwischen Putin und Poroschenko hätte am Montag in Minsk stattfinden sollen.") == [
        "rejected"]


@pytest.mark.parametrize("text", [
    # eval README: a refused proposal of talks is rejected and called_for; the compound noun is the proposal
    "Die Taliban haben ein Gesprächsangebot der afghanischen Regierung zurückgewiesen.",
    "Nordkoreas Machthaber Kim wies das Gesprächsangebot von Präsident Moon zurück.",
])
def test_a_refused_offer_of_talks_is_rejected_and_called_for(text: str) -> None:
    assert sorted(_meetings(text)) == ["called_for", "rejected"]
