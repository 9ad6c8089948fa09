"""Names the lemma table happens to list are names, not words: "Merkel" (lemma of "Merkels") is a person,
"der Lärm" (a mass noun the table lists the same way) is not. Sentences written for these tests."""

from __future__ import annotations

from detectors.lemmas import _proper_nouns, lemma_table, proper_nouns
from tests.unit.detectors.rule_candidates import actors


def test_proper_nouns_are_capitalised_lemmas_with_a_genitive_only() -> None:
    table = {"Merkels": "Merkel", "Kerne": "Kern", "Kerns": "Kern", "blinkt": "blinken", "Blinkens": "Blinken",
             "gehst": "gehen", "Hauses": "Haus", "Häuser": "Haus", "Rom": "Rom", "Roms": "Rom"}
    found = _proper_nouns(table)
    assert "merkel" in found and "rom" in found
    assert "kern" not in found  # a plural: a common noun
    assert "blinken" not in found  # a verb's nominalisation ("das Blinken")


def test_a_table_without_capitalised_nouns_has_no_proper_nouns() -> None:
    table = {"Americans": "American", "walks": "walk", "went": "go", "cats": "cat", "dogs": "dog",
             "ran": "run", "saw": "see"}
    assert _proper_nouns(table) == frozenset()
    assert proper_nouns("en", lemma_table("en")) == frozenset()


def test_a_surname_in_the_german_table_is_a_participant() -> None:
    found = actors("Am Dienstag trafen sich Merkel und Macron in Berlin.", "de")
    assert "Merkel" in found and "Macron" in found, found


def test_a_first_name_in_the_table_joins_the_surname() -> None:
    found = actors("Angela Merkel traf am Montag den französischen Präsidenten in Paris.", "de")
    assert "Angela Merkel" in found, found
