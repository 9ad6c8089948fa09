"""The story index's names: a report passes by the open stories of other people without reading their records, and
groups exactly as the exhaustive matcher (every open story in the time window scored) does."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from alerts import stories as book
from alerts import story_people
from alerts.story_report import report_of
from detectors.contracts import Actor, Article, Detection, Embedding, Evidence, Location
from tests.unit.alerts.helpers import T0

KEY = "ceasefire"


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat().replace("+00:00", "Z")


def make(article_id: str, t: float, actors: tuple[Actor, ...], *, status: str = "announced", text: str = "",
         location: Location | None = None, recency: str | None = None, countries: tuple[str, ...] = (),
         embedding: Embedding | None = None) -> Detection:
    text = text or " und ".join(a.text for a in actors) + " kündigte eine Waffenruhe an."
    art = Article.create(text, id=article_id, source=f"outlet-{article_id}", published_at=_iso(t))
    extra: dict[str, object] = {"recency": recency} if recency else {}
    return Detection.create(art, language="de", type="ceasefire", status=status, confidence=0.9,
                            evidence=Evidence(text, 0, len(text), (0, 5)), detector="test/1", actors=actors,
                            countries=countries, location=location, embedding=embedding, **extra)  # type: ignore[arg-type]


def person(text: str, entity: str | None = None) -> Actor:
    return Actor(text, "person", id=entity)


def apart(story_actors: tuple[Actor, ...], report_actors: tuple[Actor, ...]) -> bool:
    """Does a report of ``report_actors`` pass by the story of ``story_actors`` (never reading its record)?"""
    s: dict = {}
    first = book.attach(s, make("a1", T0, story_actors), T0)
    names = book.read_index(s, KEY)[1][0].get("names")
    assert names == story_people.name_keys(first.story)  # the ref carries the record's names
    pr = story_people.probe(report_of(make("a2", T0 + 60, report_actors), T0 + 60))
    return story_people.apart_by_names(pr, names)


# one test per index key: what makes an open story a candidate for a report
def test_another_confident_name_is_passed_by() -> None:
    assert apart((person("Khalifa Haftar"),), (person("Fayez Sarradsch"),))


def test_a_shared_surname_is_a_candidate() -> None:
    assert not apart((person("Khalifa Haftar"),), (person("General Haftar"),))
    assert not apart((person("Khalifa Haftar"), person("Aguila Saleh")), (person("Aguila Saleh"),))


def test_a_shared_entity_id_is_a_candidate_whatever_the_spelling() -> None:
    assert not apart((person("Chalifa Haftar", "person:Q1"),), (person("Хафтар Халифа", "person:Q1"),))


def test_a_token_of_an_entity_id_is_a_candidate_a_partial_name() -> None:
    assert not apart((person("Kim Jong-un", "person:kim-jong-un"),), (person("Jong Nam", "person:jong"),))


def test_a_shared_party_is_a_candidate() -> None:
    story = (person("Khalifa Haftar"), Actor("Hamas", "org"))
    assert not apart(story, (person("Ismail Hanija"), Actor("Hamas", "org")))
    assert apart(story, (person("Ismail Hanija"), Actor("Fatah", "org")))


def test_a_story_naming_nobody_with_confidence_is_always_a_candidate() -> None:
    for story in ((person("Haftar"),), (Actor("Hamas", "org"),), ()):  # one word only, a party, nobody
        assert not apart(story, (person("Fayez Sarradsch"),))


def test_a_report_naming_nobody_with_confidence_meets_every_story() -> None:
    for report in ((person("Sarradsch"),), (Actor("Fatah", "org"),), ()):
        assert not apart((person("Khalifa Haftar"),), report)


def test_a_ref_without_names_is_a_candidate() -> None:
    """A ref written before the names (or of nobody named so): every report is compared with its record."""
    pr = story_people.probe(report_of(make("a2", T0, (person("Fayez Sarradsch"),)), T0))
    assert not story_people.apart_by_names(pr, None)


def test_the_story_passed_by_is_counted_not_scored() -> None:
    s: dict = {}
    book.attach(s, make("a1", T0, (person("Khalifa Haftar"),)), T0)
    other = book.attach(s, make("a2", T0 + 60, (person("Fayez Sarradsch"),)), T0 + 60)
    assert other.opened and other.apart == 1 and other.matches == []
    s2: dict = {}
    book.attach(s2, make("a1", T0, (person("Khalifa Haftar"),)), T0)
    full = book.attach(s2, make("a2", T0 + 60, (person("Fayez Sarradsch"),)), T0 + 60, indexed=False)
    assert full.apart == 0 and len(full.matches) == 1 and full.matches[0].conflict  # the same no, scored


# the grouping over many generated stories: indexed == exhaustive
SURNAMES = ("Haftar", "Saleh", "Sarradsch", "Hanija", "Abbas", "Putin", "Selenskyj", "Erdogan", "Kim", "Jong")
FIRST = ("Khalifa", "Aguila", "Fayez", "Ismail", "Mahmud", "Wladimir", "Wolodymyr", "Recep")
ENTITIES = {"Putin": "person:vladimir-putin", "Kim": "person:kim-jong-un", "Jong": "person:jong",
            "Selenskyj": "person:Q3"}
PARTIES = (Actor("Hamas", "org"), Actor("Fatah", "org"), Actor("UN", "org", id="org:un"),
           Actor("Regierung", "group"), Actor("Russland", "country", id="RU"), Actor("Die Rebellen", "group"))
PLACES = (Location("Tripolis", "LY"), Location("Gaza", "PS"), Location("Kairo", "EG"), Location("Genf", "CH"), None)
STATUSES = ("announced", "called_for", "violated", "rejected")


def _actors(rnd: random.Random) -> tuple[Actor, ...]:
    out: list[Actor] = []
    for _ in range(rnd.choice((0, 1, 1, 1, 2, 2, 3))):
        surname = rnd.choice(SURNAMES)
        text = f"{rnd.choice(FIRST)} {surname}" if rnd.random() < 0.7 else surname  # one word: not confident
        out.append(person(text, ENTITIES.get(surname) if rnd.random() < 0.6 else None))
    out += rnd.sample(PARTIES, rnd.choice((0, 0, 1, 2)))
    return tuple(out)


def _embedding(rnd: random.Random, topic: int) -> Embedding | None:
    if rnd.random() < 0.4:
        return None
    base = random.Random(topic)
    return Embedding.quantise("enc", [base.gauss(0, 1) + rnd.gauss(0, 0.6) for _ in range(16)])


def generated(seed: int, n: int) -> list[Detection]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        t = T0 + rnd.uniform(0, 6 * 86400.0)
        topic = rnd.randrange(6)
        words = rnd.sample(("Waffenruhe", "Feuerpause", "Vermittler", "Kämpfe", "Grenze", "Gespräche"), 3)
        out.append(make(f"a{i}", t, _actors(rnd), status=rnd.choice(STATUSES), location=rnd.choice(PLACES),
                        text=" ".join(words) + f" {rnd.choice(SURNAMES)} verkündet.",
                        recency="background" if rnd.random() < 0.1 else None,
                        countries=tuple(rnd.sample(("LY", "PS", "RU", "UA"), rnd.choice((0, 0, 1, 2)))),
                        embedding=_embedding(rnd, topic)))
    return sorted(out, key=lambda d: d.published_at or "") if seed % 2 else out  # in time, and out of order


@pytest.mark.parametrize("seed", range(6))
def test_the_index_groups_as_comparing_every_story(seed: int) -> None:
    indexed: dict = {}
    exhaustive: dict = {}
    passed = 0
    for d in generated(seed, 250):
        now = T0 + 7 * 86400.0
        a = book.attach(indexed, d, now)
        b = book.attach(exhaustive, d, now, indexed=False)
        assert (a.story_id, a.opened, a.new_article) == (b.story_id, b.opened, b.new_article), d.article_id
        assert (a.chosen.story_id if a.chosen else None) == (b.chosen.story_id if b.chosen else None)
        assert len(a.matches) + a.apart == len(b.matches)  # every story passed by is one the full score refused
        assert sorted(m.story_id for m in a.matches if m.joins) == sorted(m.story_id for m in b.matches if m.joins)
        passed += a.apart
    assert indexed == exhaustive  # the same state, written the same way
    assert passed > 100  # the index did pass stories by
