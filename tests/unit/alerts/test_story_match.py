"""Story matching, one part at a time: time, dates, participants, place, meaning — and what never joins."""

from __future__ import annotations

import pytest

from alerts import story_match as sm
from alerts.story_match import Report

T0 = 1_700_000_000.0
H = 3600.0


def ref(**kw: object) -> dict:
    base = {"id": "s-1", "type": "meeting", "first": T0, "last": T0, "dates": [], "persons": [], "parties": [],
            "countries": [], "places": []}
    return {**base, **kw}


def report(**kw: object) -> Report:
    return Report(**{"type": "meeting", "at": T0, **kw})  # type: ignore[arg-type]


def test_the_same_people_at_the_same_time_join() -> None:
    m = sm.match(report(persons=((None, "putin"),)), ref(persons=[[None, "putin"], [None, "xi"]]))
    assert m.joins and m.parts["participants"].score == 1.0 and m.parts["time"].score == 1.0
    assert m.identity == "shared putin"


def test_another_type_never_joins() -> None:
    m = sm.match(report(type="ceasefire", persons=((None, "putin"),)), ref(persons=[[None, "putin"]]))
    assert not m.joins and m.conflict and "type" in m.conflict


@pytest.mark.parametrize(("hours", "joins"), [(0, True), (24, True), (47, True), (49, False)])
def test_time_counts_down_over_the_window_and_ends_there(hours: float, joins: bool) -> None:
    m = sm.match(report(at=T0 + hours * H, persons=((None, "putin"),)), ref(persons=[[None, "putin"]]))
    assert m.parts["time"].score == pytest.approx(max(0.0, 1 - hours * H / sm.WINDOW_S))
    assert m.joins is joins
    if hours > 48:
        assert m.conflict and "another occasion" in m.conflict


def test_a_story_is_one_occasion_not_a_chain_of_weeks() -> None:
    m = sm.match(report(at=T0 + 5 * 86400, persons=((None, "putin"),)),
                 ref(first=T0, last=T0 + 4.5 * 86400, persons=[[None, "putin"]]))
    assert not m.joins and "began" in (m.conflict or "")


def test_event_dates_compare_at_their_precision() -> None:
    assert sm.dates_compatible("2024-01", "2024-01-08")
    assert sm.dates_compatible("2024-01-08", "2024-01-09")  # a day apart: time zones
    assert not sm.dates_compatible("2024-01-08", "2024-01-11")
    assert not sm.dates_compatible("2023", "2024-01-08")
    m = sm.match(report(event_date="2024-04-15", persons=((None, "conte"),)),
                 ref(dates=["2024-01-08"], persons=[[None, "conte"]]))
    assert not m.joins and m.parts["date"].score == 0.0 and "dates differ" in (m.conflict or "")


def test_participants_a_subset_is_fine_a_different_person_on_each_side_is_a_conflict() -> None:
    story = ref(persons=[[None, "haftar"], [None, "coates"], [None, "norland"]])
    assert sm.match(report(persons=((None, "haftar"), (None, "norland"))), story).joins
    m = sm.match(report(persons=((None, "putin"), (None, "modi"))), ref(persons=[[None, "putin"], [None, "xi"]]))
    assert not m.joins and "different people" in (m.conflict or "")
    m = sm.match(report(persons=((None, "modi"),)), ref(persons=[[None, "xi"]]))
    assert not m.joins and m.parts["participants"].score == 0.0


def test_entity_ids_decide_when_both_carry_one() -> None:
    assert sm.same_person(("Q1", "haftar"), ("Q1", "хафтар"))
    assert not sm.same_person(("Q1", "smith"), ("Q2", "smith"))  # two people of one surname
    assert sm.same_person((None, "haftar"), ("Q1", "haftar"))   # no id on one side: the surname


def test_a_country_alone_never_joins() -> None:
    m = sm.match(report(countries=("IL", "PS")), ref(countries=["IL", "PS"]))
    assert not m.joins and m.identity is None and m.parts["countries"].score is None
    assert m.score >= sm.THRESHOLD  # the score alone would have joined them: identity is what is missing


def test_place_the_same_place_joins_another_country_weighs_against_one_missing_is_neutral() -> None:
    rome = ("rom", "IT")
    assert sm.match(report(place=rome), ref(places=[["rom", "IT"]])).joins
    assert sm.match(report(place=("gazastreifen", "PS")), ref(places=[["gaza", "PS"]])).identity == \
        "same place gazastreifen"
    elsewhere = sm.match(report(place=("paris", "FR"), persons=((None, "macron"),)),
                         ref(places=[["rom", "IT"]], persons=[[None, "macron"]]))
    here = sm.match(report(persons=((None, "macron"),)), ref(places=[["rom", "IT"]], persons=[[None, "macron"]]))
    assert elsewhere.parts["place"].score == 0.0 and elsewhere.conflict is None  # a venue or a theatre: no veto
    assert here.parts["place"].score is None and here.score > elsewhere.score


def test_without_embeddings_the_wording_of_the_evidence_counts() -> None:
    words = frozenset({"waffenruhe", "haftar", "tripolis", "verkundet"})
    m = sm.match(report(words=words), ref(), words=["haftar", "waffenruhe", "tripolis", "libyen"])
    assert m.joins and m.parts["meaning"].score == 0.75 and (m.identity or "").startswith("similar wording")
    m = sm.match(report(words=words), ref(), words=["haftar", "libyen"])
    assert not m.joins and m.identity is None  # one shared word is no identity


def test_meaning_joins_across_languages_when_both_carry_an_embedding() -> None:
    same = sm.match(report(embedding=(1.0, 0.0, 0.1)), ref(), embedding=(0.9, 0.05, 0.1))
    assert same.joins and same.identity and "similar meaning" in same.identity
    other = sm.match(report(embedding=(1.0, 0.0, 0.0)), ref(), embedding=(0.0, 1.0, 0.0))
    assert not other.joins and other.parts["meaning"].score == 0.0
    assert sm.match(report(), ref(), embedding=(1.0,)).parts["meaning"].score is None


def test_best_takes_the_highest_joining_score() -> None:
    a = sm.match(report(persons=((None, "putin"),)), ref(id="a", last=T0 - 20 * H, first=T0 - 20 * H,
                                                          persons=[[None, "putin"]]))
    b = sm.match(report(persons=((None, "putin"),)), ref(id="b", persons=[[None, "putin"]]))
    assert sm.best([a, b]) is b and sm.best([]) is None
    assert b.to_dict()["parts"]["time"]["score"] == 1.0


def test_an_extra_participant_is_no_evidence_against_only_a_different_person_is() -> None:
    story = ref(persons=[[None, "biden"]], parties=["un"])
    one = sm.match(report(persons=((None, "biden"),), parties=("cabinet", "forces", "government")), story)
    two = sm.match(report(persons=((None, "biden"),), parties=("un", "forces")), story)
    assert one.parts["participants"].score == 0.75 and two.parts["participants"].score == 1.0 and one.joins
