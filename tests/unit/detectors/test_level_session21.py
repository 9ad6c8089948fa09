"""GUIDE.md meeting level (session 21): office-holders the news names without a title (``entities.json``
``leaders``: heads of state or government and ministers of 1995-2025 that the corpus names bare), the Pope in
Russian ("Папа Римский", a head of state), and the councils whose members are ministers (Ecofin, the Eurogroup,
the EU Foreign Affairs Council: ``orgs.high_org`` in every language). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Letta è salito al Quirinale per incontrare Giorgio Napolitano."),
    ("en", "Albright met Syrian officials in Damascus on Monday."),
    ("en", "Rahmon held talks with the visiting delegation in Dushanbe."),
    ("ru", "Рахмон провёл переговоры с делегацией в Душанбе."),
    ("fr", "Le roi reçoit Mette Frederiksen à Paris."),
    ("en", "Zardari met Sharif in Islamabad."),
    ("es", "Piñera se reunió con Bachelet en La Moneda."),
    ("de", "Mickoski traf sich in Skopje mit Vertretern der Opposition."),
])
def test_a_listed_office_holder_named_bare_makes_the_meeting_high(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le Conseil Ecofin se réunira mardi à Bruxelles."),
    ("it", "Il Consiglio Ecofin si riunirà martedì a Bruxelles."),
    ("es", "El Consejo Ecofin se reunirá el martes en Bruselas."),
    ("de", "Das Ecofin-Treffen findet am Dienstag in Brüssel statt."),
    ("ru", "Встреча Экофина пройдёт во вторник в Брюсселе."),
    ("ru", "Папа Римский принял в Ватикане делегацию."),
])
def test_a_council_of_ministers_or_the_pope_meets_at_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il sindaco di Napoli ha incontrato i commercianti napoletani in municipio."),
    ("de", "Der Betriebsrat traf sich am Montag mit der Geschäftsführung."),
])
def test_local_and_business_meetings_stay_other(lang: str, text: str) -> None:
    assert "high" not in _levels(text, lang)
