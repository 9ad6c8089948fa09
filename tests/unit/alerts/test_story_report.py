"""What matching knows of a detection: the countries it is about, its embedding."""

from __future__ import annotations

from dataclasses import replace

import pytest

from alerts import story_report
from detectors.contracts import Actor, Embedding
from tests.unit.alerts.helpers import detection


def test_countries_are_the_detectors_then_countries_as_actors_then_those_of_known_actors() -> None:
    det = replace(detection("a", countries=("UA",)), actors=(
        Actor("Putin", "person", id="person:vladimir-putin"), Actor("Kremlin", "country", id="country:RU"),
        Actor("Hamas", "group", id="org:hamas"), Actor("Kessler", "person", id="person:kessler")))
    assert story_report.report_of(det, 0.0).countries == ("UA", "RU", "PS")


def test_every_listed_actor_has_one_country_code() -> None:
    table = story_report.actor_countries()
    assert table["vladimir-putin"] == "RU" and table["joe-biden"] == "US"
    assert all(len(code) == 2 and code.isupper() for code in table.values())


def test_the_embedding_is_the_detectors_dequantised_floats() -> None:
    emb = Embedding.quantise("enc", [0.5, -1.0, 0.25, 0.0])
    det = detection("a")
    report = story_report.report_of(replace(det, embedding=emb), 0.0)  # type: ignore[call-arg]
    assert report.embedding == pytest.approx(emb.values()) and report.embedding_model == "enc"
