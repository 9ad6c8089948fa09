"""Article-level post-processing: event dates and recency per detection, one detection per event per article."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from alerts.stories import report_of
from alerts.story_match import cosine
from detectors.article_events import (
    by_lead,
    continues,
    dated,
    day_of,
    event_date_of,
    finalise,
    informativeness,
    merge,
    one_per_event,
    previous_sentence,
    reference_day,
    same_date,
    same_people,
    same_place,
)
from detectors.contracts import (
    Actor,
    Article,
    Detection,
    Embedding,
    Evidence,
    InvalidDetection,
    Location,
    decode_detection,
    detection_from_dict,
)
from detectors.event_time import date_reader

RECEIVED = "2026-12-02T10:00:00.000Z"


def det(text: str, sentence: str, trigger: str, *, status: str = "held", type_: str = "meeting",
        actors: tuple[Actor, ...] = (), location: Location | None = None, confidence: float = 0.8,
        article: Article | None = None, embedding: Embedding | None = None) -> Detection:
    """A detection of ``sentence`` (found in ``text``) with its trigger word."""
    start = text.index(sentence)
    t0 = text.index(trigger, start)
    det = Detection.create(
        article or Article.create(text), language="de", type=type_, status=status, confidence=confidence,
        evidence=Evidence(sentence, start, start + len(sentence), (t0, t0 + len(trigger))),
        detector=f"{type_}.test", actors=actors, location=location, detected_at=RECEIVED,
    )
    return det if embedding is None else replace(det, embedding=embedding)


def person(name: str, ident: str | None = None) -> Actor:
    return Actor(name, "person", None, ident)


HAFTAR = person("Haftar", "person:khalifa-haftar")
COATES = person("Victoria Coates", "person:coates")
NORLAND = person("Richard Norland", "person:norland")
PUTIN = person("Wladimir Putin", "person:vladimir-putin")
MERKEL = person("Angela Merkel", "person:angela-merkel")
ROM = Location("Rom", "IT")


# ------------------------------------------------------------------------------------------------ when


def test_day_of_reads_normalised_timestamps_only() -> None:
    assert day_of("2020-01-09T07:30:00Z") == date(2020, 1, 9)
    assert day_of("2020-01-09T23:30:00-02:00") == date(2020, 1, 9)  # the day the source gives
    assert day_of(None) is None and day_of("yesterday") is None


def test_reference_day_published_then_lead_then_received() -> None:
    reader = date_reader("de")
    lead = "Titel\n\nHaftar war am 8. Januar in Rom.\n\nMehr."
    assert reference_day(Article.create(lead, published_at="2020-01-09T08:00:00Z"), reader,
                         date(2026, 12, 2)) == (date(2020, 1, 9), "published")
    assert reference_day(Article.create(lead), reader, date(2020, 3, 1)) == (date(2020, 1, 8), "lead")
    assert reference_day(Article.create("Nichts datiert hier."), reader, date(2020, 3, 1)) == (
        date(2020, 3, 1), "received")


def test_a_date_later_in_the_article_is_not_its_reference() -> None:
    text = "Titel\n\nEin Text.\n\nNoch einer.\n\nAm 24. November war etwas."
    assert reference_day(Article.create(text), date_reader("de"), date(2020, 3, 1))[1] == "received"


def test_event_date_from_its_sentence_nearest_the_trigger() -> None:
    text = "Am 15. April telefonierten sie, am 8. Januar trafen sie sich in Rom."
    d = det(text, text, "trafen")
    when = event_date_of(d, date_reader("de"), date(2020, 1, 9))
    assert when is not None and when.iso() == "2020-01-08"


def test_a_date_that_starts_what_is_announced_looks_forward() -> None:
    text = "Die Waffenruhe gilt ab Sonntag in der ganzen Ostukraine."
    d = det(text, text, "Waffenruhe", type_="ceasefire", status="announced")
    thursday = date(2015, 2, 12)
    assert event_date_of(d, date_reader("de"), thursday).iso() == "2015-02-15"  # not the Sunday before
    held = "Die Gespräche liefen ab Sonntag in Minsk."
    assert event_date_of(det(held, held, "Gespräche"), date_reader("de"), thursday).iso() == "2015-02-08"


def test_an_undated_sentence_takes_the_date_of_the_mention_it_continues() -> None:
    text = ("Am 24. November das erste Treffen in Bengasi. Haftar traf sich mit Coates. Putin traf Merkel.\n\n"
            "Haftar traf sich auch mit Norland.")
    dets = [det(text, "Am 24. November das erste Treffen in Bengasi.", "Treffen"),
            det(text, "Haftar traf sich mit Coates.", "traf", actors=(HAFTAR, COATES)),
            det(text, "Putin traf Merkel.", "traf", actors=(PUTIN, MERKEL)),     # other people: its own event
            det(text, "Haftar traf sich auch mit Norland.", "traf", actors=(HAFTAR, NORLAND))]  # next paragraph
    out = dated(dets, text, date_reader("de"), date(2020, 1, 9))
    assert [(d.event_date, d.recency) for d in out] == [
        ("2019-11-24", "background"), ("2019-11-24", "background"), (None, "new"), (None, "new")]
    assert continues(dets[0], dets[1], text) and not continues(dets[1], dets[0], text)
    ceasefire = det(text, "Haftar traf sich mit Coates.", "traf", type_="ceasefire", actors=(HAFTAR,))
    assert not continues(dets[0], ceasefire, text)


@pytest.mark.parametrize(("text", "previous"), [
    ("Am 24. November das erste Treffen in Bengasi. Haftar traf sich mit Coates.",
     "Am 24. November das erste Treffen in Bengasi."),           # "24. November" ends no sentence
    ("Eins. Zwei sagt: „Drei.“ Haftar traf Coates.", "Zwei sagt: „Drei.“"),
    ("Erster Absatz am 3. Mai.\n\nHaftar traf Coates.", ""),    # a paragraph's first sentence
    ("Haftar traf Coates.", ""),
])
def test_previous_sentence(text: str, previous: str) -> None:
    assert previous_sentence(text, text.index("Haftar traf")) == previous


def test_an_undated_sentence_after_a_dated_one_without_a_detection_takes_its_date() -> None:
    text = "Am 24. November kam eine Delegation nach Bengasi. Haftar traf sich mit Coates. Putin traf Merkel."
    dets = [det(text, "Haftar traf sich mit Coates.", "traf", actors=(HAFTAR, COATES)),
            det(text, "Putin traf Merkel.", "traf", actors=(PUTIN, MERKEL))]
    out = dated(dets, text, date_reader("de"), date(2020, 1, 9))
    # the second's previous sentence holds a detection of other people: it takes nothing from it
    assert [(d.event_date, d.recency) for d in out] == [("2019-11-24", "background"), (None, "new")]


@pytest.mark.parametrize(("lang", "text", "status", "expected"), [
    ("en", "Rubio and Lavrov meet in Riyadh in the first high-level talks since 2022", "held", None),
    ("de", "Die Waffenruhe gilt bis Ende März, sagte Haftar am 8. Januar.", "announced", "2020-01-08"),
    ("en", "Truce for eastern Ukraine to begin on February 15 under Minsk deal", "announced", "2020-02-15"),
    ("fr", "Accord à Minsk sur un cessez-le-feu en Ukraine à partir du 15 février", "announced", "2020-02-15"),
    ("de", "Haftar traf Coates am 15. April.", "held", "2019-04-15"),  # months back: last year's
    ("en", "Trump met Putin on Monday.", "held", "2020-02-10"),         # a weekday stays in the past
])
def test_dates_bounding_a_period_are_not_the_event_and_a_date_days_ahead_is_this_year(
        lang: str, text: str, status: str, expected: str | None) -> None:
    d = replace(det(text, text, text.split()[1], status=status, type_="ceasefire"), language=lang)
    when = event_date_of(d, date_reader(lang), date(2020, 2, 12))
    assert (when.iso() if when else None) == expected


def test_dated_marks_earlier_events_background_and_keeps_the_rest_new() -> None:
    text = ("Haftar war am 8. Januar in Rom, um Coates zu treffen. Alles begann mit einem Anruf von Trump am "
            "15. April. Putin traf Merkel.")
    dets = [det(text, "Haftar war am 8. Januar in Rom, um Coates zu treffen.", "treffen"),
            det(text, "Alles begann mit einem Anruf von Trump am 15. April.", "Anruf",
                actors=(person("Trump", "person:donald-trump"),)),
            det(text, "Putin traf Merkel.", "traf", actors=(PUTIN, MERKEL))]
    out = dated(dets, text, date_reader("de"), date(2020, 1, 8))
    assert [(d.event_date, d.recency) for d in out] == [
        ("2020-01-08", "new"), ("2019-04-15", "background"), (None, "new")]
    assert [d.id for d in out] == [d.id for d in dets]  # ids do not depend on the date


def test_a_planned_meeting_looks_forward() -> None:
    text = "Die Minister wollen sich am 3. Februar treffen."
    out = dated([det(text, text, "treffen", status="planned")], text, date_reader("de"), date(2020, 1, 20))
    assert (out[0].event_date, out[0].recency) == ("2020-02-03", "new")


def test_without_date_words_for_the_language_every_detection_is_new() -> None:
    text = "Haftar traf Coates am 15. April."
    out = dated([det(text, text, "traf")], text, None, date(2020, 1, 8))
    assert (out[0].event_date, out[0].recency) == (None, "new")


# --------------------------------------------------------------------------------------- compatibility


@pytest.mark.parametrize(("a", "b", "same"), [
    (set(), {"haftar"}, True),                                 # one side names nobody
    ({"haftar"}, {"haftar", "coates", "norland"}, True),      # a subset (the headline and the lead)
    ({"haftar", "coates", "zais"}, {"haftar", "coates", "norland"}, True),  # two shared
    ({"haftar", "putin", "merkel"}, {"haftar", "coates", "norland"}, False),  # one shared, others each side
    ({"putin"}, {"haftar"}, False),
])
def test_same_people(a: set[str], b: set[str], same: bool) -> None:
    assert same_people(a, b) is same and same_people(b, a) is same


@pytest.mark.parametrize(("a", "b", "same"), [
    ("2019-11-24", "2019-11-24", True), ("2019-11", "2019-11-24", True), (None, "2019-11-24", True),
    ("2019-11-24", "2020-01-08", False), ("2019", "2020-01", False),
])
def test_same_date(a: str | None, b: str | None, same: bool) -> None:
    assert same_date(a, b) is same and same_date(b, a) is same


def test_same_place_by_name_or_country() -> None:
    text = "Ein Treffen."
    at = [det(text, text, "Treffen", location=loc) for loc in
          (ROM, Location("rom", "IT"), Location("Bengasi", "LY"), Location("Libyen", "LY"), None)]
    assert same_place(at[0], at[1]) and same_place(at[2], at[3]) and same_place(at[0], at[4])
    assert not same_place(at[0], at[2])


def test_the_most_informative_mention_names_people_then_a_place_then_comes_first() -> None:
    text = "Haftar traf. Haftar traf Coates. Haftar traf Coates in Rom. Norland traf Coates in Rom."
    a, b, c, d = (det(text, s, "traf", actors=acts, location=loc) for s, acts, loc in (
        ("Haftar traf.", (HAFTAR,), None), ("Haftar traf Coates.", (HAFTAR, COATES), None),
        ("Haftar traf Coates in Rom.", (HAFTAR, COATES), ROM), ("Norland traf Coates in Rom.", (NORLAND, COATES), ROM)))
    assert max((a, b, c, d), key=informativeness) is c


# ----------------------------------------------------------------------------------------------- merging

ROME_TEXT = (
    "Libyen: Haftar in Rom hat die Amerikaner getroffen\n\n"
    "Haftar war am 8. Januar in Rom, um sich mit Victoria Coates und Richard Norland zu treffen.\n\n"
    "Putin sandte nach dem Treffen mit Angela Merkel eine Nachricht an Haftar.\n\n"
    "Das Treffen in Rom könnte den Beginn markieren.\n\n"
    "Am 24. November das erste Treffen in Bengasi. Haftar traf sich mit Victoria Coates und Richard Norland."
)


def rome_detections(article: Article | None = None) -> list[Detection]:
    t, a = ROME_TEXT, article or Article.create(ROME_TEXT)
    return [
        det(t, "Libyen: Haftar in Rom hat die Amerikaner getroffen", "getroffen", actors=(HAFTAR,), location=ROM,
            confidence=0.6, article=a),
        det(t, "Haftar war am 8. Januar in Rom, um sich mit Victoria Coates und Richard Norland zu treffen.",
            "treffen", actors=(person("Khalifa Haftar", HAFTAR.id), COATES, NORLAND), location=ROM, article=a),
        det(t, "Putin sandte nach dem Treffen mit Angela Merkel eine Nachricht an Haftar.", "Treffen",
            actors=(PUTIN, MERKEL, HAFTAR), article=a),
        det(t, "Das Treffen in Rom könnte den Beginn markieren.", "Treffen", location=ROM, confidence=0.9,
            article=a),
        det(t, "Am 24. November das erste Treffen in Bengasi.", "Treffen", location=Location("Bengasi", "LY"),
            article=a),
        det(t, "Haftar traf sich mit Victoria Coates und Richard Norland.", "traf",
            actors=(HAFTAR, COATES, NORLAND), article=a),
    ]


def test_one_detection_per_event_and_different_events_apart() -> None:
    dets = rome_detections()
    out = one_per_event(dated(dets, ROME_TEXT, date_reader("de"), date(2020, 1, 8)))
    assert len(out) == 3, [(d.evidence.text, d.event_date) for d in out]
    rome, putin, bengasi = out  # in the order of each event's first mention
    assert rome.id == dets[1].id and rome.evidence == dets[1].evidence  # the lead: three people and a place
    assert (rome.event_date, rome.recency, rome.confidence) == ("2020-01-08", "new", 0.9)  # the best confidence
    assert [a.text for a in rome.actors] == ["Khalifa Haftar", "Victoria Coates", "Richard Norland"]
    assert putin.id == dets[2].id and {a.text for a in putin.actors} == {"Wladimir Putin", "Angela Merkel",
                                                                          "Haftar"}
    assert bengasi.id == dets[5].id and (bengasi.event_date, bengasi.recency) == ("2019-11-24", "background")
    assert bengasi.location == Location("Bengasi", "LY")  # from the mention that named the place


def test_a_phone_call_does_not_take_the_place_of_a_conference_named_next_to_it() -> None:
    """A mention naming nobody joins an event that names someone, but not a call it shares no place with: the
    call stays without a place and the conference is its own event (the seed: Conte calls Macron, then "die
    Berliner Konferenz")."""
    text = "Conte rief Macron an. Die Berliner Konferenz kehrt zurück. Conte traf Macron in Rom."
    call = replace(det(text, "Conte rief Macron an.", "rief", actors=(person("Conte"), person("Macron"))),
                   form="phone")
    conference = det(text, "Die Berliner Konferenz kehrt zurück.", "Konferenz", location=Location("Berlin", "DE"))
    out = one_per_event([call, conference])
    assert [d.id for d in out] == [call.id, conference.id]
    assert out[0].location is None
    visit = det(text, "Conte traf Macron in Rom.", "traf", actors=(person("Conte"), person("Macron")), location=ROM)
    assert len(one_per_event([visit, conference])) == 2  # another place: apart, as before
    assert len(one_per_event([call, replace(conference, location=None)])) == 1  # no place: one call
    summit = replace(conference, form="summit")  # "die Berliner Konferenz": a summit named by its place
    talks = det(text, "Conte traf Macron in Rom.", "traf", actors=(person("Conte"), person("Macron")))
    assert len(one_per_event([talks, summit])) == 2
    assert len(one_per_event([talks, conference])) == 1  # "Das Treffen in Berlin …" continues the talks


def test_merging_is_deterministic_and_independent_of_input_order() -> None:
    dets = dated(rome_detections(), ROME_TEXT, date_reader("de"), date(2020, 1, 8))
    forward = one_per_event(dets)
    assert one_per_event(list(reversed(dets))) == forward
    again = one_per_event(dated(rome_detections(), ROME_TEXT, date_reader("de"), date(2020, 1, 8)))
    assert [d.id for d in again] == [d.id for d in forward]


def test_statuses_and_types_are_never_merged() -> None:
    text = "Haftar traf Coates. Haftar will Coates treffen. Haftar verkündete eine Waffenruhe."
    dets = [det(text, "Haftar traf Coates.", "traf", actors=(HAFTAR, COATES)),
            det(text, "Haftar will Coates treffen.", "treffen", status="planned", actors=(HAFTAR, COATES)),
            det(text, "Haftar verkündete eine Waffenruhe.", "Waffenruhe", type_="ceasefire", status="announced",
                actors=(HAFTAR,))]
    assert one_per_event(dets) == dets


def test_a_mention_naming_nobody_joins_the_event_of_its_date_and_place() -> None:
    text = "Haftar traf Coates am 8. Januar in Rom. Am 24. November ein Treffen in Bengasi. Das Treffen in Rom."
    dets = dated([det(text, "Haftar traf Coates am 8. Januar in Rom.", "traf", actors=(HAFTAR, COATES),
                      location=ROM),
                  det(text, "Am 24. November ein Treffen in Bengasi.", "Treffen", location=Location("Bengasi", "LY")),
                  det(text, "Das Treffen in Rom.", "Treffen", location=ROM)],
                 text, date_reader("de"), date(2020, 1, 8))
    out = one_per_event(dets)
    assert [d.evidence.text for d in out] == ["Haftar traf Coates am 8. Januar in Rom.",
                                              "Am 24. November ein Treffen in Bengasi."]


def test_merge_keeps_an_embedding_and_unites_countries() -> None:
    text = "Haftar traf Coates. Haftar traf."
    emb = Embedding.quantise("usem3", [0.1, -0.2, 0.3])
    a = det(text, "Haftar traf Coates.", "traf", actors=(HAFTAR, COATES))
    b = det(text, "Haftar traf.", "traf", actors=(HAFTAR,), embedding=emb)
    b = replace(b, countries=("LY",))
    out = merge([a, b])
    assert out.id == a.id and out.embedding == emb and out.countries == ("LY",)


def test_finalise_dates_from_the_lead_when_nothing_is_published() -> None:
    article = Article.create(ROME_TEXT)
    out = finalise(article, rome_detections(article), "de")
    assert [(d.event_date, d.recency) for d in out] == [("2026-01-08", "new"), (None, "new"),
                                                        ("2025-11-24", "background")]
    published = Article.create(ROME_TEXT, published_at="2020-01-09T06:00:00Z")
    assert [d.event_date for d in finalise(published, rome_detections(published), "de")] == [
        "2020-01-08", None, "2019-11-24"]
    assert finalise(article, [], "de") == []


# ------------------------------------------------------------------------------- the embedding contract


def test_embedding_is_compact_and_close_to_the_vector() -> None:
    rnd = [math.sin(k * 1.7) / 16 for k in range(512)]
    other = [math.cos(k * 0.3) / 16 for k in range(512)]
    emb = Embedding.quantise("usem3", rnd)
    assert len(emb) == 512 and len(emb.to_dict()["data"]) <= 700  # base64 of 512 bytes
    assert abs(cosine(list(emb), rnd) - 1.0) < 0.01
    exact = cosine(rnd, other)
    assert abs(cosine(list(emb), list(Embedding.quantise("usem3", other))) - exact) < 0.01
    assert Embedding.quantise("usem3", [0.0, 0.0]).values() == (0.0, 0.0)


def test_embedding_round_trips_on_the_wire_and_story_matching_reads_it() -> None:
    text = "Haftar traf Coates."
    emb = Embedding.quantise("usem3", [0.5, -0.25, 0.125])
    d = det(text, text, "traf", actors=(HAFTAR, COATES), embedding=emb)
    wire = d.to_dict()
    assert wire["embedding"]["encoding"] == "int8-b64-v1" and wire["embedding"]["model"] == "usem3"
    back = decode_detection(d.to_json())
    assert back == d and back.embedding == emb
    assert report_of(back, 0.0).embedding == pytest.approx((0.5, -0.25, 0.125), abs=0.01)
    plain = det(text, text, "traf")
    assert "embedding" not in plain.to_dict() and report_of(plain, 0.0).embedding is None


@pytest.mark.parametrize("bad", [
    {"model": "usem3", "encoding": "float32", "scale": 0.01, "data": "AAAA"},
    {"model": "usem3", "encoding": "int8-b64-v1", "scale": 0, "data": "AAAA"},
    {"model": "usem3", "encoding": "int8-b64-v1", "scale": 0.01, "data": "no base64!"},
    {"model": "usem3", "encoding": "int8-b64-v1", "scale": 0.01, "data": "A" * 5000},
    {"model": "usem3", "encoding": "int8-b64-v1", "scale": 0.01, "data": "AAAAA"},  # the pattern's, bad padding
])
def test_a_bad_embedding_is_refused(bad: dict) -> None:
    text = "Haftar traf Coates."
    wire = {**det(text, text, "traf").to_dict(), "embedding": bad}
    with pytest.raises(InvalidDetection):
        detection_from_dict(wire)


# ------------------------------------------------------------------------------------------------ lead


def test_the_weightier_status_of_a_type_comes_first_and_the_rest_keep_their_order() -> None:
    text = ("Putin drängte auf eine Waffenruhe. Am Abend kündigte Haftar die Waffenruhe an. "
            "Merkel und Putin wollen sich treffen. Merkel traf Putin in Berlin.")
    call = det(text, "Putin drängte auf eine Waffenruhe.", "Waffenruhe", type_="ceasefire", status="called_for")
    announced = det(text, "Am Abend kündigte Haftar die Waffenruhe an.", "Waffenruhe", type_="ceasefire",
                    status="announced")
    planned = det(text, "Merkel und Putin wollen sich treffen.", "treffen", status="planned")
    held = det(text, "Merkel traf Putin in Berlin.", "traf")
    ordered = by_lead([call, planned, announced, held])
    assert [(d.type, d.status) for d in ordered if d.type == "ceasefire"] == [("ceasefire", "announced"),
                                                                            ("ceasefire", "called_for")]
    assert [(d.type, d.status) for d in ordered if d.type == "meeting"] == [("meeting", "held"), ("meeting", "planned")]
    assert by_lead([held, announced]) == [held, announced]  # equal weight: as they came
