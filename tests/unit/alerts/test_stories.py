"""Stories: an index per partition key (the event type), one record per story, bounded, in event time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from alerts import stories as book
from alerts import story_report
from detectors.contracts import Actor, Location
from tests.unit.alerts.helpers import T0, detection

KEY = detection("x").story_key
DAY = 86400.0


def at(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat().replace("+00:00", "Z")


def news(article_id: str, t: float, **kw: object) -> object:
    return detection(article_id, published_at=at(t), **kw)  # type: ignore[arg-type]


class Recording(dict):
    """A dict that remembers which keys were written (a faust table writes each to its changelog)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def __setitem__(self, key: str, value: object) -> None:
        self.writes.append(key)
        super().__setitem__(key, value)


def test_the_partition_key_is_the_type_whatever_the_countries() -> None:
    assert detection("a", countries=("LY", "IT")).story_key == detection("b", countries=("IT", "LY")).story_key \
        == detection("c", countries=()).story_key == "ceasefire"


def test_a_report_of_a_known_story_rewrites_that_story_not_the_index() -> None:
    s = Recording()
    first = book.attach(s, news("a1", T0), T0)
    assert first.opened and s.writes == [book.story_ref_key(first.story_id), f"{KEY}/refs/0", KEY]
    s.writes.clear()
    again = book.attach(s, news("a2", T0 + 60), T0 + 60)
    assert again.new_article and again.story_id == first.story_id and again.story["articles"] == ["a1", "a2"]
    assert s.writes == [book.story_ref_key(first.story_id)]
    s.writes.clear()
    book.attach(s, news("a3", T0 + 120, actors=("Khalifa Haftar", "Aguila Saleh")), T0 + 120)
    # a new person: the story learns it, and its ref the new name (what passes other people's reports by)
    assert s.writes == [book.story_ref_key(first.story_id), f"{KEY}/refs/0"]
    assert [p[1] for p in s[book.story_ref_key(first.story_id)]["persons"]] == ["haftar", "saleh"]
    assert s[f"{KEY}/refs/0"][0]["names"] == ["haftar", "saleh"]
    s.writes.clear()
    book.attach(s, news("a3b", T0 + 130, actors=("Aguila Saleh",)), T0 + 130)
    assert s.writes == [book.story_ref_key(first.story_id)]  # a known person: the story only
    s.writes.clear()
    book.attach(s, news("a4", T0 + book.INDEX_REFRESH_S + 120), T0 + 900)
    # its times lag: the chunk learns them; the watermark moved as far: the head too
    assert s.writes == [book.story_ref_key(first.story_id), f"{KEY}/refs/0", KEY]


def test_a_report_writes_a_bounded_amount_however_many_stories_are_open() -> None:
    s = Recording()
    for i in range(book.MAX_STORIES_PER_KEY):
        book.attach(s, news(f"a{i}", T0 + i, actors=(f"Anna Nr{i}x", f"Bert Nr{i}y")), T0 + i)
    assert len(book.read_index(s, KEY)[1]) == book.MAX_STORIES_PER_KEY
    for kind, det in (("opens", news("n1", T0 + 300, actors=("Carla Neuxyz",))),
                      ("joins", news("j1", T0 + 301, actors=("Anna Nr7x", "Bert Nr7y")))):
        s.writes.clear()
        book.attach(s, det, T0 + 301)
        index_writes = [s[k] for k in s.writes if not k.startswith("story/") and k in s]
        assert all(len(v) <= book.story_index.CHUNK_REFS for v in index_writes if isinstance(v, list)), kind
        assert len(s.writes) <= 4, (kind, s.writes)  # its story, a chunk, an evicted story's chunk, the head
    assert len(book.read_index(s, KEY)[1]) == book.MAX_STORIES_PER_KEY


def test_a_replay_is_not_a_new_article() -> None:
    s: dict = {}
    book.attach(s, news("a1", T0), T0)
    again = book.attach(s, news("a1", T0), T0 + 5)
    assert not again.new_article and again.story["articles"] == ["a1"]


def test_the_index_is_bounded_and_an_evicted_story_goes_with_its_record() -> None:
    s: dict = {}
    ids = [book.attach(s, news(f"a{i}", T0 + i, actors=(f"Anna Nr{i}x", f"Bert Nr{i}y")), T0 + i).story_id
           for i in range(book.MAX_STORIES_PER_KEY + 3)]
    refs = book.read_index(s, KEY)[1]
    assert len(refs) == book.MAX_STORIES_PER_KEY and [r["id"] for r in refs] == ids[3:]
    assert all(book.find(s, KEY, i) is None for i in ids[:3])
    assert len([k for k in s if k.startswith("story/")]) == book.MAX_STORIES_PER_KEY


def test_windows_run_in_event_time_not_processing_time() -> None:
    """A replay of a week of news, all processed within a minute, groups as the live stream did."""
    s: dict = {}
    monday = book.attach(s, news("a1", T0), T0 + 30 * DAY)
    same_day = book.attach(s, news("a2", T0 + 3600), T0 + 30 * DAY + 1)
    next_week = book.attach(s, news("a3", T0 + 7 * DAY), T0 + 30 * DAY + 2)
    assert same_day.story_id == monday.story_id
    assert next_week.opened and next_week.story_id != monday.story_id
    # and two reports a minute apart in processing time but a week apart in the news's time never meet


def test_without_published_at_the_time_it_was_received_is_the_event_time() -> None:
    s: dict = {}
    a = book.attach(s, detection("a1", detected_at=at(T0)), T0 + 10 * DAY)
    b = book.attach(s, detection("a2", detected_at=at(T0 + 5 * DAY)), T0 + 10 * DAY)
    assert book.event_time(detection("a1", detected_at=at(T0)), T0 + 10 * DAY) == T0
    assert b.opened and b.story_id != a.story_id


def test_the_watermark_expires_stories_and_their_records() -> None:
    s: dict = {}
    old = book.attach(s, news("a1", T0), T0)
    book.attach(s, news("b1", T0 + 5 * DAY, actors=("Someone Else",)), T0 + 5 * DAY)
    assert s[KEY]["watermark"] == T0 + 5 * DAY
    assert old.story_id not in [r["id"] for r in book.read_index(s, KEY)[1]]
    assert book.find(s, KEY, old.story_id) is None


def test_a_late_report_within_the_allowed_lateness_still_finds_its_story() -> None:
    s: dict = {}
    first = book.attach(s, news("a1", T0), T0)
    book.attach(s, news("b1", T0 + book.STORY_WINDOW_S + 3600, actors=("Someone Else",)), T0)
    late = book.attach(s, news("a2", T0 + 600), T0)
    assert late.story_id == first.story_id


def test_a_future_published_at_does_not_move_the_watermark_past_the_clock() -> None:
    s: dict = {}
    book.attach(s, news("a1", T0), T0)
    book.attach(s, news("x1", T0 + 900 * DAY, actors=("Zed Zulu",)), T0)
    assert s[KEY]["watermark"] == T0 + story_report.FUTURE_SLACK_S
    assert book.attach(s, news("a2", T0 + 60), T0).story_id == book.read_index(s, KEY)[1][0]["id"]


def test_a_background_mention_opens_no_story_but_may_join_one_as_a_source() -> None:
    s: dict = {}
    alone = book.attach(s, news("b0", T0, recency="background"), T0)
    assert alone.story is None and s == {}
    story = book.attach(s, news("a1", T0), T0)
    joined = book.attach(s, news("b1", T0 + 60, recency="background", status="violated"), T0 + 60)
    assert joined.story_id == story.story_id and "outlet-b1" in joined.story["sources"]
    assert joined.story["statuses"] == ["announced"]  # no status learnt from a background mention


def test_a_country_alone_never_joins_two_reports() -> None:
    s: dict = {}
    a = book.attach(s, news("a1", T0, actors=(), text="Waffenruhe in Libyen verkündet."), T0)
    b = book.attach(s, news("a2", T0 + 60, actors=(), text="Feuerpause für Tripolis ausgerufen."), T0 + 60)
    assert b.opened and b.story_id != a.story_id
    assert b.matches and b.matches[0].identity is None and not b.matches[0].joins


def test_the_same_city_joins_reports_that_name_nobody() -> None:
    s: dict = {}
    rome = Location("Rom", "IT")
    a = book.attach(s, news("a1", T0, actors=(), location=rome), T0)
    b = book.attach(s, news("a2", T0 + 60, actors=(), location=rome), T0 + 60)
    assert b.story_id == a.story_id


def test_entity_ids_join_spellings_and_scripts() -> None:
    s: dict = {}
    haftar = detection("a1", published_at=at(T0), actors=())
    from dataclasses import replace
    a = book.attach(s, replace(haftar, actors=(Actor("Chalifa Haftar", "person", id="Q1"),)), T0)
    b = book.attach(s, replace(news("a2", T0 + 60, actors=()), actors=(Actor("Хафтар", "person", id="Q1"),)),
                    T0 + 60)
    c = book.attach(s, replace(news("a3", T0 + 90, actors=()), actors=(Actor("Hafter", "person", id="Q1"),)),
                    T0 + 90)
    assert a.story_id == b.story_id == c.story_id
    assert a.story["persons"] == [["Q1", "haftar"]]


def test_a_different_person_on_each_side_is_another_story() -> None:
    s: dict = {}
    a = book.attach(s, news("a1", T0, type_="meeting", status="held", actors=("Wladimir Putin", "Xi Jinping")), T0)
    b = book.attach(s, news("a2", T0 + 60, type_="meeting", status="held", actors=("Wladimir Putin", "Narendra Modi")),
                    T0 + 60)
    c = book.attach(s, news("a3", T0 + 90, type_="meeting", status="held", actors=("Putin",)), T0 + 90)
    assert b.opened and b.story_id != a.story_id
    assert b.matches[0].conflict is not None and "different people" in b.matches[0].conflict
    assert not c.opened  # a subset is fine (it joins one of them)


def test_state_of_the_first_versions_is_still_found_and_joined() -> None:
    legacy = {"id": "s-old", "type": "ceasefire", "opened_at": T0, "last_seen": T0, "actors": ["haftar"],
              "countries": ["LY"], "articles": ["a0"], "sources": ["x"], "languages": ["de"],
              "statuses": ["announced"], "by_status": {}}
    s: dict = {KEY: [legacy]}
    assert book.find(s, KEY, "s-old") == legacy
    joined = book.attach(s, news("a1", T0 + 10, actors=(), location=None), T0 + 10)
    assert joined.story is not None  # nothing shared but the country: a new story, the old one kept
    s = {KEY: [legacy]}
    story = book.attach(s, detection("a1", published_at=at(T0 + 10), actors=("Haftar",)), T0 + 10)
    assert story.story_id == "s-old" and story.story["articles"] == ["a0", "a1"]
    assert s[KEY]["v"] == book.INDEX_VERSION and "articles" not in book.read_index(s, KEY)[1][0]  # upgraded
    assert book.find(s, KEY, "s-old")["articles"] == ["a0", "a1"]  # the whole story now has a record


def test_an_index_of_the_first_versions_is_read_and_upgraded_on_write() -> None:
    old = {"id": "s-v1", "type": "ceasefire", "opened_at": T0, "last_seen": T0, "actors": ["haftar"],
           "countries": ["LY"], "articles": ["a0"], "sources": ["x"], "languages": ["de"],
           "statuses": ["announced"], "by_status": {}}
    s: dict = {KEY: [{k: old[k] for k in ("id", "type", "actors", "countries", "last_seen")}],
               book.story_ref_key("s-v1"): old}
    assert [r["id"] for r in book.read_index(s, KEY)[1]] == ["s-v1"]
    joined = book.attach(s, news("a1", T0 + 60, actors=("Khalifa Haftar",)), T0 + 60)
    assert joined.story_id == "s-v1" and joined.story["first"] == T0 and joined.story["articles"] == ["a0", "a1"]
    assert s[KEY]["v"] == book.INDEX_VERSION and book.read_index(s, KEY)[1][0] == {
        "id": "s-v1", "first": T0, "last": T0 + 60, "names": ["haftar"]}  # slim, with the name it learnt
    assert s[book.story_ref_key("s-v1")]["persons"] == [[None, "haftar"]]


def test_an_index_of_fat_refs_is_read_and_written_slim() -> None:
    s: dict = {}
    first = book.attach(s, news("a1", T0), T0)
    record = s[book.story_ref_key(first.story_id)]
    fat = {k: record[k] for k in ("id", "type", "first", "last", "dates", "persons", "parties", "countries",
                                  "places")}
    v2 = {KEY: {"v": 2, "watermark": T0, "refs": [fat]}, book.story_ref_key(first.story_id): record}
    joined = book.attach(v2, news("a2", T0 + 60), T0 + 60)
    assert joined.story_id == first.story_id and joined.story["articles"] == ["a1", "a2"]
    assert v2[KEY]["v"] == book.INDEX_VERSION and book.read_index(v2, KEY)[1] == [
        {"id": first.story_id, "first": T0, "last": T0 + 60, "names": ["haftar"]}]  # rewritten: the names


class _Vector(tuple):
    """An evidence embedding as the detectors give it: iterable floats with the encoder's name."""

    model: str = "enc-a"


def _embedded(article_id: str, t: float, vector: tuple[float, ...], model: str = "enc-a", **kw: object) -> object:
    from dataclasses import dataclass, replace

    from detectors.contracts import Detection

    base = news(article_id, t, actors=(), **kw)
    v = _Vector(vector)
    v.model = model
    if "embedding" in Detection.__dataclass_fields__:  # the contract carries one (issue 14, detectors' half)
        from detectors import contracts

        return replace(base, embedding=contracts.Embedding.quantise(model, vector))  # type: ignore[attr-defined]

    @dataclass(frozen=True)
    class WithEmbedding(Detection):
        embedding: object = None

    return WithEmbedding(**{f: getattr(base, f) for f in Detection.__dataclass_fields__}, embedding=v)


def test_similar_evidence_embeddings_of_one_encoder_join_across_languages() -> None:
    s: dict = {}
    a = book.attach(s, _embedded("en1", T0, (1.0, 0.0, 0.2), text="Truce agreed in Libya."), T0)
    b = book.attach(s, _embedded("de1", T0 + 60, (0.95, 0.05, 0.2), text="Waffenstillstand vereinbart."), T0 + 60)
    c = book.attach(s, _embedded("fr1", T0 + 90, (0.95, 0.05, 0.2), model="enc-b", text="Trêve conclue."), T0 + 90)
    assert b.story_id == a.story_id and "similar meaning" in (b.chosen.identity or "")
    assert c.opened  # another encoder's vector is never compared


def test_a_story_keeps_its_embedding_compact_and_close() -> None:
    vector = tuple((i % 7 - 3) / 10 for i in range(512))
    packed = book.pack(vector)
    back = book.unpack(packed)
    assert len(packed["int8"]) < 700 and back is not None and len(back) == 512
    assert max(abs(a - b) for a, b in zip(vector, back, strict=True)) < 0.002
    assert book.unpack([0.5, 0.25]) == (0.5, 0.25) and book.unpack("junk") is None


def test_a_storys_embedding_is_the_mean_direction_of_its_reports() -> None:
    s: dict = {}
    a = book.attach(s, _embedded("en1", T0, (1.0, 0.0, 0.0), text="Truce agreed."), T0)
    b = book.attach(s, _embedded("en2", T0 + 60, (0.8, 0.6, 0.0), text="Ceasefire reached."), T0 + 60)
    assert b.story_id == a.story_id
    story = book.find(s, KEY, a.story_id)
    mean = book.vector(story["embedding"])
    assert story["embedded"] == 2 and mean is not None
    norm = sum(x * x for x in mean) ** 0.5 * 0.9 ** 0.5
    cos = sum(x * y for x, y in zip(mean, (0.9, 0.3, 0.0), strict=True)) / norm
    assert cos == pytest.approx(1.0, abs=0.01)  # (1, 0, 0) + (0.8, 0.6, 0), halved: the direction (0.9, 0.3, 0)
    other = book.attach(s, _embedded("en3", T0 + 90, (0.0, 0.6, 0.8), model="enc-b", text="Trêve."), T0 + 90)
    assert other.opened and book.find(s, KEY, a.story_id)["embedded"] == 2  # another encoder: not averaged in


def test_pack_keeps_int8_components_and_one_scale() -> None:
    packed = book.pack([0.5, -1.0, 0.25, 0.0, 0.0039])
    assert packed["scale"] == pytest.approx(1.0 / 127)
    assert book.vector(packed) == pytest.approx([64 / 127, -1.0, 32 / 127, 0.0, 0.0], abs=1e-9)
