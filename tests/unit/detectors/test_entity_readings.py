"""Readings of names that split stories (corpus/stories): a listed person whose name is also a word, a
hyphenated name, a venue or a region read as a person, a title naming nobody, a seat of government as the
place. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.arguments import extract
from detectors.engine import build_engine
from tests.unit.detectors.rule_candidates import candidates, sentences


def _actors(text: str, lang: str) -> dict[str, str | None]:
    """actor text → id over every meeting candidate of ``text``."""
    return {a.text: a.id for _s, c in candidates(text, lang) for a in c.args.actors}


@pytest.mark.parametrize(("lang", "text", "name", "pid"), [
    ("de", "Am Montag traf Kurz in Wien den ukrainischen Präsidenten.", "Kurz", "person:sebastian-kurz"),
    ("de", "Bundeskanzler Sebastian Kurz traf am Montag Präsident Macron.", "Sebastian Kurz", "person:sebastian-kurz"),
    ("de", "Putin traf Blinken am Montag in Moskau.", "Blinken", "person:antony-blinken"),
    ("en", "Putin met Kim Jong-un in Vladivostok on Wednesday.", "Kim Jong-un", "person:kim-jong-un"),
])
def test_a_listed_person_is_read_as_a_name(lang: str, text: str, name: str, pid: str) -> None:
    found = _actors(text, lang)
    assert found.get(name) == pid, found


def test_a_listed_word_opening_a_full_sentence_stays_a_word() -> None:
    engine = build_engine("de")
    sent = sentences("Kurz nach Mitternacht trafen sich die Außenminister in Wien.", "de")[0]
    args = extract(sent, engine.res, (4, 5), set())
    assert not any(a.text == "Kurz" for a in args.actors), args.actors


def test_a_hyphenated_name_is_one_person_and_its_tail_no_organisation() -> None:
    found = _actors("Kim Jong-un and Putin held talks in Vladivostok.", "en")
    assert "Kim Jong-un" in found and "un" not in found and "Kim Jong" not in found, found


@pytest.mark.parametrize(("lang", "text", "venue"), [
    ("en", "Biden and Putin began talks on Wednesday at the Villa La Grange in Geneva.", "Villa"),
    ("de", "Putin und Erdogan trafen sich am Montag in der Villa La Pietra.", "Villa"),
    ("it", "Draghi ha incontrato Macron a Palazzo Chigi.", "Palazzo"),
])
def test_a_venue_is_no_person(lang: str, text: str, venue: str) -> None:
    found = _actors(text, lang)
    assert found and not any(a.startswith(venue) for a in found), found


def test_the_far_east_is_a_place_not_a_person() -> None:
    found = candidates("Putin met Kim Jong-un in the Far East on Wednesday.", "en")
    assert found
    for _s, c in found:
        assert not any(a.text in ("East", "Far", "Far East") for a in c.args.actors), c.args.actors
        assert c.args.location is not None and c.args.location.text == "Far East"


def test_a_title_naming_nobody_leaves_its_country_as_the_actor() -> None:
    found = candidates("The US president met Erdogan in Ankara on Monday.", "en")
    people = {a.text: a for _s, c in found for a in c.args.actors}
    assert "US" in people and people["US"].kind == "country", people
    assert people["Erdogan"].role is None  # the verb between them: "president" is not Erdogan's title


def test_a_seat_of_government_as_the_place_is_its_country() -> None:
    found = candidates("Kurz met Trump at the White House on Monday.", "en")
    locations = {c.args.location for _s, c in found if c.args.location is not None}
    assert {(loc.text, loc.country) for loc in locations} == {("White House", "US")}
