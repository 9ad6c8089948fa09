"""GUIDE.md meeting level: "General" in "Director General", "Attorney General" or "генеральный директор" is a
word of a lower office, not the rank of general; a high title inside a longer ``other`` title is not read as
high (modifiers.faction_heads). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Meeting with Director General of the Aircraft Corporation Boris Ivanov"),
    ("en", "Attorney General Jones met Governor Smith in Albany on Monday."),
    ("ru", "Встреча с генеральным директором корпорации Сергеем Ивановым"),
    ("fr", "Le Président-directeur général du groupe a rencontré les syndicats lundi."),
])
def test_a_general_of_a_lower_office_is_not_high(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"other"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "General Haftar met the Italian envoy in Rome."),
    ("en", "UN Secretary General Guterres met the foreign minister in Geneva."),
    ("ru", "Встреча с Генеральным секретарём ООН Антониу Гутерришем"),
])
def test_a_general_or_a_secretary_general_stays_high(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}
