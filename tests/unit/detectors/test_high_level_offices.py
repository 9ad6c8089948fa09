"""GUIDE.md meeting level: an office named by a compound or by the body that meets. German news names heads of
state and of international organisations and faction leaders by "<seat/organisation>-chef" compounds
("Kremlchef", "Nato-Chef", "Hamas-Chef"), which the generic "*chef" (other: "Polizeichef") read as other; a
council or conference of ministers ("EU-Außenministerrat", "ministerial conference", "conférence ministérielle")
and a summit meet at high level in every language. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Der Kremlchef traf am Montag den türkischen Gesandten Yilmaz in Sotschi."),
    ("de", "Der Nato-Chef traf sich am Dienstag mit Vertretern der Ukraine in Brüssel."),
    ("de", "Der Hamas-Chef führte am Mittwoch Gespräche mit ägyptischen Vermittlern in Kairo."),
    ("de", "Die Beschlüsse fielen beim EU-Außenministerrat am Montag in Luxemburg."),
    ("en", "The ministerial conference of the WTO opened in Geneva on Monday, with delegations from 160 countries."),
    ("fr", "La conférence ministérielle de l'OMC s'est ouverte lundi à Genève avec des délégations de 160 pays."),
    ("es", "La conferencia ministerial de la OMC se celebró el lunes en Ginebra con delegaciones de 160 países."),
    ("it", "La conferenza ministeriale dell'OMC si è aperta lunedì a Ginevra con delegazioni di 160 paesi."),
    ("en", "Beijing cancels talks with the top EU diplomat over the new tariffs."),
    ("de", "Die Uno-Generaldebatte beginnt am Dienstag in New York."),
])
def test_a_high_office_or_body_makes_the_meeting_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Der Polizeichef traf sich am Montag mit dem Bürgermeister von Graz."),
    ("de", "Der Konzernchef traf sich am Dienstag mit Vertretern der Gewerkschaft."),
])
def test_other_chiefs_stay_other(lang: str, text: str) -> None:
    assert "high" not in _levels(text, lang)
