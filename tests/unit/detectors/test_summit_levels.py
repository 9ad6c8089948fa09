"""GUIDE.md meeting level (issue 12): in French and Italian news a summit is high-level by its participants or by
a body of governments that names it (NATO, the EU, the G20, the euro area); a bare "sommet" or "vertice" with no
office-holder named is labelled other (fr-vp, it-kind). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le sommet sur les océans se tiendra à Nice au mois de juin."),
    ("fr", "Ce sommet a permis de lancer trois programmes pour les jeunes agriculteurs."),
    ("it", "Si è concluso ieri a Torino il vertice sulla sicurezza alimentare."),
    ("it", "Il summit sulla pesca si terrà a Genova il mese prossimo."),
])
def test_a_bare_summit_with_no_office_holder_is_other(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"other"}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le sommet de l'OTAN s'est tenu à Vilnius la semaine dernière."),
    ("fr", "Le président a rencontré son homologue lors du sommet de Nice."),
    ("it", "Il vertice Nato si è concluso ieri a Vilnius."),
    ("it", "Il vertice del G20 si terrà a Roma il mese prossimo."),
])
def test_a_summit_of_governments_or_with_a_leader_is_high(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Nach dem EU-Afrika-Gipfel in Brüssel reisten die Delegationen ab."),
    ("de", "Vor dem Beginn des Nato-Gipfels kamen die Delegationen zusammen."),
    ("de", "Der Sondergipfel zur Migration findet im November statt."),
    ("de", "Beim Gipfel der Afrikanischen Union in Addis Abeba wurde über den Sudan beraten."),
    ("fr", "Le sommet de la CEDEAO s'est ouvert samedi à Abuja."),
    ("fr", "Le sommet de la Communauté politique européenne se tiendra à Grenade en octobre."),
    ("fr", "Le sommet franco-italien aura lieu à Turin."),
    ("it", "Il vertice della Comunità politica europea si terrà a Tirana."),
    ("it", "Il vertice intergovernativo italo-francese si è svolto a Napoli."),
])
def test_a_summit_named_by_its_body_or_its_governments_is_high(lang: str, text: str) -> None:
    """German names a summit of governments as a hyphenated compound of the body or the countries ("EU-Afrika-
    Gipfel", "Nato-Gipfels", ``high_events`` lists the bodies and regions) or a Sondergipfel; French and Italian
    name the body or the two countries after it."""
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Beim Asylgipfel wurde über Obergrenzen beraten."),
    ("de", "Der Pflegegipfel im Kanzleramt wurde abgesagt."),
    ("de", "Beim Diesel-Gipfel im Verkehrsministerium wurde über Nachrüstungen beraten."),
])
def test_a_german_topic_summit_with_no_office_holder_stays_other(lang: str, text: str) -> None:
    """A domestic summit named by its topic, hyphenated or not ("Asylgipfel", "Diesel-Gipfel"), is labelled other
    when no office-holder is named (de-10kgnad, de-team-c5/c6)."""
    assert "high" not in _levels(text, lang)
