"""``is_headline``: a short line without a final full stop, not every short first sentence. Corpus and held-out
units are spans from inside articles, so their first sentence is no headline (issue 12, session 22, learn6: the
feature fired on "Der Gipfel habe … gebracht." and pulled right rule hits under the threshold). Sentences written
for these tests."""

from __future__ import annotations

from detectors.learned.features import is_headline
from tests.unit.detectors.rule_candidates import sentences


def test_a_short_first_sentence_with_a_full_stop_is_no_headline() -> None:
    first, second = sentences("Der Gipfel in Wien brachte kein Ergebnis.\nDie Minister reisten ab.", "de")
    assert first.first == 0
    assert not is_headline(first)
    assert not is_headline(second)


def test_a_short_line_without_a_full_stop_is_a_headline_wherever_it_stands() -> None:
    first, second = sentences("Merkel trifft Macron in Paris\nEin Treffen ohne Ergebnis", "de")
    assert is_headline(first)
    assert is_headline(second)


def test_a_long_line_without_a_full_stop_is_no_headline() -> None:
    text = ("Die Außenminister der sieben größten Industriestaaten beraten in der kommenden Woche in Tokio über "
            "die Lage in der Ukraine und im Nahen Osten")
    (sent,) = sentences(text, "de")
    assert not is_headline(sent)
