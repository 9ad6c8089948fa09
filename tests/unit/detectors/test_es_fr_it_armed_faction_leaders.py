"""GUIDE.md: the leader of an armed faction is a high-level participant. "Jefe"/"chef"/"capo" alone is any head
(of an office, a firm); with "rebelde", "guerrilla", "ribelli" or an army's staff it is a rebel or military leader
(issue 12, session 11: the name probe's "El jefe rebelde … se reunió con el mediador …" was alerted for few names).
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates


def levels(text: str, lang: str) -> set[str | None]:
    return {c.level for _, c in candidates(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [
    ("El jefe rebelde Juan Pérez se reunió el martes con el mediador Carlos López en La Habana.", "es"),
    ("El jefe de la guerrilla, Juan Pérez, se reunió con el mediador Carlos López en Oslo.", "es"),
    ("Le chef rebelle Jean Dupont a rencontré mardi le médiateur Paul Martin à Genève.", "fr"),
    ("Le chef d'état-major Jean Dupont a rencontré mardi le médiateur Paul Martin à Genève.", "fr"),
    ("Il capo dei ribelli Mario Rossi ha incontrato martedì il mediatore Luca Bianchi a Ginevra.", "it"),
])
def test_an_armed_faction_leader_is_high(text: str, lang: str) -> None:
    assert levels(text, lang) == {"high"}


@pytest.mark.parametrize(("text", "lang"), [
    ("El jefe de la oficina Juan Pérez se reunió el martes con el alcalde Carlos López en Lima.", "es"),
    ("Il capo della delegazione Mario Rossi ha incontrato martedì il sindaco Luca Bianchi a Torino.", "it"),
])
def test_any_other_head_stays_other(text: str, lang: str) -> None:
    assert levels(text, lang) == {"other"}
