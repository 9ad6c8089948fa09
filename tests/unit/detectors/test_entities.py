"""One id per actor across spellings and languages (lexicons/entities.json, detectors/entities.py)."""

from __future__ import annotations

import pytest

from detectors.entities import entity_id, fold, known_leader
from tests.unit.detectors.rule_candidates import candidates


@pytest.mark.parametrize("name", ["Haftar", "Hafter", "Chalifa Haftar", "Khalifa Haftar", "Haftars", "Хафтар",
                                  "Хафтаром"])
def test_haftar_in_every_spelling(name: str) -> None:
    assert entity_id(name, "person") == "person:khalifa-haftar"


@pytest.mark.parametrize("name", ["Putin", "Wladimir Putin", "Poutine", "Vladimir Poutine", "Путин", "Путину"])
def test_putin_in_every_language(name: str) -> None:
    assert entity_id(name, "person") == "person:vladimir-putin"


def test_a_government_by_country_or_seat() -> None:
    assert entity_id("die USA", "country", "US") == entity_id("Washington", "org") == "country:US"
    assert entity_id("Kreml", "org") == entity_id("Кремль", "org") == "country:RU"


def test_an_unlisted_person_groups_by_folded_surname() -> None:
    assert entity_id("Recep Tayyip Erdoğan", "person") == entity_id("Erdogan", "person")
    assert entity_id("Nancy Pelosi", "person") == "person:pelosi"
    assert entity_id("Dawda Jawara", "person") != entity_id("Nancy Pelosi", "person")


def test_fold() -> None:
    assert fold("Erdoğan") == "erdogan" and fold("Хафтар") == "khaftar" and fold("  Al-Sarraj ") == "al sarraj"


def test_detections_carry_the_ids() -> None:
    ru = candidates("Президент России Владимир Путин встретился с Хафтаром в Москве.", "ru")
    de = candidates("Der russische Präsident Wladimir Putin traf General Haftar in Moskau.", "de")
    ids = [{a.id for a in c.args.actors} for _s, c in ru + de]
    assert ids and all({"person:vladimir-putin", "person:khalifa-haftar"} <= found for found in ids), ids


@pytest.mark.parametrize(("name", "listed"), [
    ("Merz", True), ("Friedrich Merz", True), ("Pedro Sánchez", True), ("Мишустиным", True), ("Kohls", True),
    ("Staffan de Mistura", True), ("Juan Sánchez", False), ("Fischer", False), ("Nancy Pelosi", False),
])
def test_a_leader_by_full_name_or_a_surname_few_others_bear(name: str, listed: bool) -> None:
    assert known_leader(name) is listed


def test_a_leader_keeps_the_id_of_an_unlisted_person() -> None:
    assert entity_id("Friedrich Merz", "person") == "person:merz"
