"""A conclave (the cardinals electing a pope) is a church assembly, no political meeting (issue 12, session 10;
GUIDE.md: church assemblies are no event). Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El colegio de cardenales se reunió en el Vaticano con el cardenal Pedro Ruiz para elegir al nuevo papa."),
    ("fr", "Les cardinaux se sont réunis en conclave avec le cardinal Jean Dupont pour élire le pape."),
    ("it", "I cardinali si riuniscono in conclave con il cardinale Marco Galli per eleggere il nuovo papa."),
])
def test_a_conclave_is_no_meeting(lang: str, text: str) -> None:
    assert not candidates(text, lang), text
