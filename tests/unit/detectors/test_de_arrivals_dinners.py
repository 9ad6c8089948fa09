"""Session 20 real-news kinds of issue 12 (German meetings): "ist in Teheran eingetroffen" is an arrival (its
lemma "eintreffen" excluded it before); a listed leader whose name ends like a noun ("Steinmeier", "Juncker") is a
name, at the start of a sentence too; a dinner or a handshake of office-holders is a meeting; a UN body named in a
compound ("Uno-Sondersitzung") is an organisation. The sentences are written for these tests in the style of
news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import actors
from tests.unit.detectors.rule_stage import meeting_statuses as _meetings


@pytest.mark.parametrize("text", [
    "Außenminister Kurz ist am Montag in Teheran eingetroffen.",
    "Der Papst ist am Samstag in Havanna eingetroffen.",
])
def test_an_office_holders_arrival_is_a_visit(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "In Spielfeld sind am Montag wieder 3000 Flüchtlinge eingetroffen, sagte der Innenminister.",
    "Die Hilfsgüter sind in Aleppo eingetroffen, sagte der Minister.",
])
def test_an_arrival_of_people_or_goods_is_none(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize(("text", "who"), [
    ("Steinmeier war am Montag zu Gast in Wien.", "Steinmeier"),
    ("Der Kanzler traf Steinmeier in Berlin.", "Steinmeier"),
])
def test_a_listed_leader_with_a_noun_ending_is_a_name(text: str, who: str) -> None:
    assert _meetings(text) == ["held"]
    assert who in actors(text, "de")


def test_a_common_word_at_the_start_stays_no_name() -> None:
    assert _meetings("Kurz nach Mitternacht endete die Sitzung.") == []


@pytest.mark.parametrize("text", [
    "Bei einem Abendessen mit Hollande sprach Merkel über die Flüchtlingskrise.",
    "Merkel und Hollande schüttelten sich in Paris die Hände.",
])
def test_a_dinner_or_handshake_of_office_holders_is_a_meeting(text: str) -> None:
    assert _meetings(text) == ["held"]


def test_a_dinner_without_an_office_holder_is_none() -> None:
    assert _meetings("Nach dem Abendessen mit der Familie gingen sie spazieren.") == []


def test_a_un_body_in_a_compound_is_an_organisation() -> None:
    text = "Bei der Uno-Sondersitzung über Drogen hatte der Präsident eine neue Politik gefordert."
    assert "Uno-Sondersitzung" in actors(text, "de")
