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


PUTIN, XI, MODI = ("vladimir-putin", "putin"), ("xi-jinping", "xi"), ("narendra-modi", "modi")


def test_participants_a_subset_is_fine_a_different_person_on_each_side_is_a_conflict() -> None:
    story = ref(persons=[[None, "haftar"], [None, "coates"], [None, "norland"]])
    assert sm.match(report(persons=((None, "haftar"), (None, "norland"))), story).joins
    m = sm.match(report(persons=(PUTIN, MODI)), ref(persons=[list(PUTIN), list(XI)]))
    assert not m.joins and "different people" in (m.conflict or "")
    m = sm.match(report(persons=(MODI,)), ref(persons=[list(XI)]))
    assert not m.joins and m.conflict is None and m.parts["participants"].score == 0.25  # none shared


def test_a_different_person_is_a_conflict_only_between_names_given_with_confidence() -> None:
    # a single capitalised word the detector took for a person (a place, a palace) is no evidence against
    m = sm.match(report(persons=(("russky", "russky"),)), ref(persons=[list(PUTIN), list(XI)]))
    assert m.conflict is None and m.parts["participants"].score is None
    m = sm.match(report(persons=(("russky", "russky"), ("xi", "xi"))), ref(persons=[list(PUTIN), list(XI)]))
    assert m.joins and m.parts["participants"].note == "share xi"  # counted when shared
    # a two-word name is confident: against a story's cast of two it is another meeting
    m = sm.match(report(persons=((None, "modi"),), named=frozenset({"modi"})), ref(persons=[list(PUTIN), list(XI)]))
    assert "different people" in (m.conflict or "")
    # one confident name on each side may be the two sides of one meeting: no conflict, no identity
    m = sm.match(report(persons=(MODI,)), ref(persons=[list(PUTIN)]))
    assert m.conflict is None and m.identity is None and not m.joins
    # the story's two-word names count as confident too (kept as ``named`` on its ref)
    m = sm.match(report(persons=(MODI,)), ref(persons=[[None, "putin"], [None, "xi"]], named=["putin", "xi"]))
    assert "different people" in (m.conflict or "")


def test_roles_and_countries_are_no_participants_and_a_country_as_actor_never_joins() -> None:
    m = sm.match(report(parties=("government", "troops", "US")), ref(parties=["US", "un"]))
    assert m.parts["participants"].score is None and m.identity is None and not m.joins
    m = sm.match(report(parties=("US", "hamas")), ref(parties=["US", "hamas"]))
    assert m.identity == "shared hamas"


def test_entity_ids_decide_when_both_carry_one() -> None:
    assert sm.same_person(("Q1", "haftar"), ("Q1", "хафтар"))
    assert not sm.same_person(("Q1", "smith"), ("Q2", "smith"))  # two people of one surname
    assert sm.same_person((None, "haftar"), ("Q1", "haftar"))   # no id on one side: the surname


def test_a_country_alone_never_joins() -> None:
    m = sm.match(report(countries=("IL", "PS")), ref(countries=["IL", "PS"]))
    assert not m.joins and m.identity is None and m.parts["countries"].score is None
    assert m.score >= sm.THRESHOLD  # the score alone would have joined them: identity is what is missing
    # nor with the same status and close in time: that is one corroborating signal, two are needed
    m = sm.match(report(countries=("IL", "PS"), status="announced", at=T0 + 2 * H),
                 ref(countries=["IL", "PS"]), statuses=["announced"])
    assert not m.joins and m.identity is None and "2.0 h apart" in m.parts["corroboration"].note


def test_weak_signals_together_corroborate_the_same_event() -> None:
    near = (1.0, 0.9, 0.0)  # cosine 0.74 with (1, 0, 0.7)... below SAME_MEANING, above the corroborating floor
    story_vec = (1.0, 0.0, 0.7)
    cos = sm.cosine(near, story_vec)
    assert cos is not None and sm.CORROBORATING_COSINE <= cos < sm.SAME_MEANING
    kw = {"countries": ("SD", "US"), "embedding": near, "at": T0 + 3 * H}
    m = sm.match(report(status="announced", **kw), ref(countries=["SD", "SA"]), embedding=story_vec,
                 statuses=["announced"])
    assert m.joins and (m.identity or "").startswith("corroborated") and "share SD" in m.identity
    # a change of status is a new story (a new alert), however close the rest
    other = sm.match(report(status="violated", **kw), ref(countries=["SD", "SA"]), embedding=story_vec,
                     statuses=["announced"])
    assert not other.joins and other.parts["corroboration"].score == 0.0
    # no shared country: another theatre
    far = sm.match(report(status="announced", **{**kw, "countries": ("MM",)}), ref(countries=["SD"]),
                   embedding=story_vec, statuses=["announced"])
    assert not far.joins and far.identity is None


def test_weak_signals_never_join_reports_naming_different_people() -> None:
    # "General A announced a ceasefire" and "General B announced a ceasefire", same day, same country, same words
    vec = (1.0, 0.2, 0.1)
    kw = {"countries": ("DE",), "embedding": vec, "at": T0 + H, "status": "announced", "type": "ceasefire"}
    story = ref(type="ceasefire", countries=["DE"], persons=[[None, "vondra"]], named=["vondra"])
    m = sm.match(report(persons=((None, "kessler"),), named=frozenset({"kessler"}), **kw), story, embedding=vec,
                 statuses=["announced"])
    assert not m.joins and "corroboration" not in m.parts
    # the same person named, or nobody named on one side, may still be corroborated
    same = sm.match(report(persons=((None, "vondra"),), named=frozenset({"vondra"}), **kw), story, embedding=vec,
                    statuses=["announced"])
    assert same.joins
    unnamed = sm.match(report(**kw), story, embedding=vec, statuses=["announced"])
    assert unnamed.joins  # by its meaning: nobody named on one side is no conflict


@pytest.mark.parametrize(
    ("persons", "named", "parties"),
    [
        (((None, "kessler"),), {"kessler"}, ()),            # another person, named with confidence: a quick no
        (((None, "kessler"),), {"kessler"}, ("hamas",)),    # but a shared party can still join: scored in full
        (((None, "vondra"),), {"vondra"}, ()),              # the same person: scored in full
        (((None, "kessler"),), set(), ()),                  # a one-word name is no confident name: scored in full
    ],
)
def test_the_quick_no_only_says_what_the_full_score_says(persons: tuple, named: set, parties: tuple) -> None:
    vec = (1.0, 0.2, 0.1)
    story = ref(type="ceasefire", countries=["DE"], persons=[[None, "vondra"]], named=["vondra"], parties=["hamas"])
    r = report(type="ceasefire", persons=persons, named=frozenset(named), parties=parties, countries=("DE",),
               embedding=vec, at=T0 + H, status="announced")
    full = sm.match(r, story, embedding=vec, statuses=["announced"])
    quick = sm.cannot_join(r, story)
    if quick is not None:
        assert not full.joins and not quick.joins and quick.conflict
    assert (quick is not None) == (persons[0][1] == "kessler" and bool(named) and not parties)


def test_without_a_country_on_one_side_corroboration_needs_time_and_closer_meaning() -> None:
    story_vec = (1.0, 0.0, 0.0)
    close = (1.0, 1.0, 0.0)   # cosine 0.71
    loose = (1.0, 1.6, 0.0)   # cosine 0.53
    assert sm.cosine(close, story_vec) >= sm.UNPLACED_COSINE > sm.cosine(loose, story_vec)  # type: ignore[operator]
    ok = sm.match(report(status="held", embedding=close, at=T0 + 4 * H), ref(countries=["CN"]), embedding=story_vec,
                  statuses=["held"])
    assert ok.joins and "no country on one side" in (ok.identity or "")
    assert not sm.match(report(status="held", embedding=loose, at=T0 + 4 * H), ref(countries=["CN"]),
                        embedding=story_vec, statuses=["held"]).joins
    assert not sm.match(report(status="held", embedding=close, at=T0 + 30 * H), ref(countries=["CN"]),
                        embedding=story_vec, statuses=["held"]).joins


def test_the_same_actors_weeks_apart_are_another_story() -> None:
    story = ref(persons=[list(PUTIN), list(XI)], countries=["RU", "CN"], places=[["moskau", "RU"]])
    m = sm.match(report(persons=(PUTIN, XI), countries=("RU", "CN"), place=("moskau", "RU"), status="held",
                        at=T0 + 21 * 86400, embedding=(1.0, 0.0)), story, embedding=(1.0, 0.0), statuses=["held"])
    assert not m.joins and "another occasion" in (m.conflict or "") and "corroboration" not in m.parts


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
    one = sm.match(report(persons=((None, "biden"),), parties=("nato", "hamas")), story)
    two = sm.match(report(persons=((None, "biden"),), parties=("un", "nato")), story)
    assert one.parts["participants"].score == 0.75 and two.parts["participants"].score == 1.0 and one.joins
    roles = sm.match(report(persons=((None, "biden"),), parties=("cabinet", "forces", "government")), story)
    assert roles.parts["participants"].score == 1.0  # roles are no participants: all the report names is shared


def test_a_story_that_named_only_countries_and_roles_names_nobody_identifying() -> None:
    # "US and Russian officials hold talks in Riyadh" then "Rubio, Lavrov meet in Saudi Arabia": unknown, not 0.25
    m = sm.match(report(persons=(("sergey-lavrov", "lavrov"),)), ref(parties=["US", "officials", "government"]))
    assert m.parts["participants"].score is None and m.parts["participants"].note == "one side names nobody " \
        "identifying"
    # a story that named an organisation still counts it
    m = sm.match(report(persons=(("sergey-lavrov", "lavrov"),)), ref(parties=["US", "un"]))
    assert m.parts["participants"].score == 0.25


@pytest.mark.parametrize(("kind", "a", "b", "same"), [
    ("ceasefire", "announced", "announced", True),
    ("ceasefire", "called_for", "announced", True),   # "agrees to the US proposal": the proposal accepted
    ("ceasefire", "violated", "announced", False),    # a breach is a new development
    ("ceasefire", "rejected", "called_for", False),
    ("meeting", "planned", "held", True),             # "X and Y meet in Z": planned or held
    ("meeting", "rejected", "held", False),           # talks cancelled
    ("meeting", "adjourned", "held", False),          # a status not listed is a stage of its own
    ("meeting", None, "held", False),
])
def test_statuses_of_one_stage(kind: str, a: str | None, b: str, same: bool) -> None:
    assert sm.same_stage(kind, a, b) is same


def test_corroboration_takes_a_status_of_the_same_stage_not_a_new_development() -> None:
    vec, story_vec = (1.0, 0.9, 0.0), (1.0, 0.0, 0.7)  # cosine 0.74: corroborating, not the same meaning
    kw = {"type": "ceasefire", "countries": ("IL", "US"), "embedding": vec, "at": T0 + 3 * H}
    story = ref(type="ceasefire", countries=["IL", "IR"])
    accepted = sm.match(report(status="called_for", **kw), story, embedding=story_vec, statuses=["announced"])
    assert accepted.joins and "the story's announced" in (accepted.identity or "")
    broken = sm.match(report(status="violated", **kw), story, embedding=story_vec, statuses=["announced"])
    assert not broken.joins and broken.parts["corroboration"].score == 0.0


def test_cosines_over_candidates_are_the_cosine_of_each() -> None:
    rows = [(1.0, 0.0, 0.0), None, (0.0, 0.0, 0.0), (1.0, 2.0), (0.5, 0.5, 0.1)]
    got = sm.cosines((1.0, 1.0, 0.0), rows)
    assert got[1] is None and got[2] is None and got[3] is None
    assert got[0] == pytest.approx(sm.cosine((1.0, 1.0, 0.0), rows[0]))  # type: ignore[arg-type]
    assert got[4] == pytest.approx(sm.cosine((1.0, 1.0, 0.0), rows[4]))  # type: ignore[arg-type]
    assert sm.cosines((0.0, 0.0, 0.0), rows) == [None] * len(rows)
