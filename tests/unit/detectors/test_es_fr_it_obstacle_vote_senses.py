"""Two senses that are no meeting (issue 12, session 11): to run into obstacles ("se encontrará con trabas",
"rencontre des obstacles") and to go to vote ("si è recato a votare", "al seggio"). The meeting beside them still
counts. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("La reforma del presidente Luis Ortega se encontrará con trabas en el Senado de Colombia.", "es"),
    ("El plan del ministro Pedro Ruiz se encontró con obstáculos en Argentina y Chile.", "es"),
    ("Le projet du ministre Jean Dupont rencontre de sérieux obstacles au Sénat.", "fr"),
    ("Il presidente russo Dmitrij Medvedev si è recato a votare in un seggio di Mosca.", "it"),
    ("Il premier Mario Rossi si è recato al seggio di Firenze con la moglie.", "it"),
])
def test_no_meeting(text: str, lang: str) -> None:
    assert statuses(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("El presidente Luis Ortega se encontrará con el canciller chileno Pedro Ruiz en Santiago.", "es"),
    ("Il premier Mario Rossi si è recato al Quirinale dal presidente Luca Bianchi.", "it"),
])
def test_the_meeting_still_counts(text: str, lang: str) -> None:
    assert statuses(text, lang) != set()
