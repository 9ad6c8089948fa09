"""Places named by a city's adjective: "die Berliner Konferenz" took place in Berlin. Sentences written for these
tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.engine import build_engine
from tests.unit.detectors.rule_candidates import candidates


@pytest.mark.parametrize(("text", "place", "code"), [
    ("Kanzlerin Merkel lud zur Berliner Konferenz über Libyen ein.", "Berlin", "DE"),
    ("Die Genfer Gespräche zwischen den Außenministern beginnen am Montag.", "Genf", "CH"),
    ("Der Minister reist zur Münchner Sicherheitskonferenz.", "München", "DE"),
])
def test_a_city_adjective_before_the_event_noun_names_its_place(text: str, place: str, code: str) -> None:
    found = [c.args.location for _s, c in candidates(text, "de")]
    assert any(loc is not None and loc.text == place and loc.country == code for loc in found), found


def test_a_city_adjective_elsewhere_names_no_place() -> None:
    found = [c.args.location for _s, c in candidates("Ein Berliner Experte lobte das Treffen der Minister.", "de")]
    assert found and all(loc is None for loc in found), found


def test_every_place_adjective_names_a_place_the_gazetteer_knows() -> None:
    res = build_engine("de").res
    assert res.place_adjectives
    missing = {adj: place for adj, place in res.place_adjectives.items() if not res.gazetteer.place(place)}
    assert not missing, missing
