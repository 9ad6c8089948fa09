"""GUIDE.md meeting level: the leader of an armed faction is high-level. News names one by a generic head word and
the faction ("le chef du Hezbollah", "the Hamas chief", "el jefe de las FARC", "il capo dei talebani"); the same
word heading anything else ("the head of the department", "Polizeichef") stays other. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le chef du Hezbollah a reçu une délégation du Hamas à Beyrouth."),
    ("fr", "Le chef de la milice a rencontré lundi le représentant de l'ONU à Tripoli."),
    ("en", "The Hamas chief met Egyptian mediators in Cairo on Monday."),
    ("es", "El jefe de las FARC se reunió con el enviado noruego en La Habana."),
    ("it", "Il capo dei talebani ha incontrato una delegazione qatariota a Doha."),
])
def test_the_head_of_an_armed_faction_is_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The head of the department met local business representatives on Monday."),
    ("fr", "Le chef de cabinet du maire a rencontré les représentants des commerçants."),
])
def test_other_heads_stay_other(lang: str, text: str) -> None:
    assert "high" not in _levels(text, lang)
