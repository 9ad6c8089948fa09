"""GUIDE.md meeting level (session 22): the ``entities.json`` ``leaders`` gazetteer generalised beyond the names
the corpus holds: heads of state or government, foreign, defence, interior and finance ministers, national
security advisers and envoys of the world's governments of about 2000-2025, and heads of international
organisations (team-written from public knowledge). A meeting of two of them named bare is high. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_levels as _levels


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Spahn traf sich am Montag in Berlin mit Anschober."),
    ("de", "Kramp-Karrenbauer empfing am Montag in Berlin Hulusi Akar."),
    ("en", "Rumsfeld met Kouchner in Paris on Monday."),
    ("en", "Szijjártó held talks with Shaibani in Budapest."),
    ("en", "Herman Van Rompuy met José Manuel Barroso in Brussels."),
    ("fr", "Darmanin a rencontré lundi à Rome Piantedosi."),
    ("it", "Salvini ha incontrato ieri a Roma Lamorgese."),
    ("es", "Margallo se reunió el lunes en Madrid con Reynders."),
    ("ru", "Рябков провел переговоры с Грушко."),
])
def test_office_holders_of_the_world_named_bare_meet_at_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il mulino di Amano ha incontrato i commercianti del paese."),
    ("de", "Der Betriebsrat der Firma Hagel traf sich am Montag mit der Geschäftsführung."),
    ("fr", "Nous ferons tout pour que la visite de M. Herman De Croo et de ses collègues soit un succès."),
])
def test_common_words_among_the_surnames_stay_out(lang: str, text: str) -> None:
    """A surname that is a word, or that a relative of the office-holder bears (Herman De Croo, a parliament
    president), is listed as a full name only."""
    assert "high" not in _levels(text, lang)


def _actor_ids(text: str, lang: str) -> set[str | None]:
    from detectors.contracts import Article
    from tests.unit.detectors.rule_stage import rules_pipeline

    dets = rules_pipeline().detect(Article.create(text, language=lang))
    return {a.id for d in dets if d.type == "meeting" for a in d.actors}


@pytest.mark.parametrize(("lang", "text", "who"), [
    ("it", "Ieri Renzi ha incontrato Sisi al Cairo.", "person:sisi"),
    ("it", "Ieri Mattarella ha ricevuto Macron al Quirinale.", "person:emmanuel-macron"),
    ("it", "Ieri Meloni ha incontrato Zelensky al Palazzo Chigi.", "person:volodymyr-zelensky"),
    ("it", "Ieri Draghi ha incontrato Lamorgese al Viminale.", "person:lamorgese"),
])
def test_an_italian_al_before_a_place_or_a_seat_of_government_ends_the_name(lang: str, text: str, who: str) -> None:
    """"al" (a + il) before a place or a seat of government (``governments``: Quirinale, Palazzo Chigi, Farnesina,
    Viminale, Moncloa, Matignon) is a preposition (``place_prepositions``), not the Arabic name particle: the
    leader keeps their id, and the meeting its level."""
    assert who in _actor_ids(text, lang)
    assert _levels(text, lang) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il ministro Tajani ha incontrato Bashar al Assad a Damasco."),
    ("es", "El ministro se reunió con Bashar al Asad en Damasco."),
])
def test_the_arabic_particle_al_still_joins_a_name(lang: str, text: str) -> None:
    assert any(i and "as" in i for i in _actor_ids(text, lang))


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Bashar al-Assad met Putin in Moscow.", "Bashar al-Assad"),
    ("en", "President Bashar al-Assad met Putin in Moscow.", "Bashar al-Assad"),
    ("en", "Rashad al-Alimi held talks with the visiting delegation.", "Rashad al-Alimi"),
    ("fr", "Bachar al-Assad a rencontré Poutine à Moscou.", "Bachar al-Assad"),
    ("it", "Bashar al-Assad ha incontrato Putin a Mosca.", "Bashar al-Assad"),
])
def test_a_particle_hyphenated_to_the_surname_keeps_the_name_whole(lang: str, text: str, name: str) -> None:
    """The tokenizer splits "al-Assad" into "al", "-", "Assad": the name runs on through the hyphen, one person,
    not "Bashar" and "Assad"."""
    from detectors.contracts import Article
    from tests.unit.detectors.rule_stage import rules_pipeline

    dets = rules_pipeline().detect(Article.create(text, language=lang))
    people = {a.text for d in dets if d.type == "meeting" for a in d.actors if a.kind == "person"}
    assert name in people
    assert not {w for w in name.split() if "-" not in w} & people


def test_a_full_name_ending_in_a_listed_two_word_surname_is_a_leader() -> None:
    """``leaders`` lists "al-zoubaidi" and "van rompuy": "Aidarus al-Zoubaidi", "Herman Van Rompuy" are they."""
    from detectors.entities import known_leader

    assert known_leader("Aidarus al-Zoubaidi")
    assert known_leader("Herman Van Rompuy")
    assert not known_leader("Juan Carlos Rodríguez")


@pytest.mark.parametrize("text", [
    "La vicepresidenta se reunió ayer en Madrid con los sindicatos agrarios.",
    "La enviada se reunió ayer en Madrid con los sindicatos agrarios.",
    "Su homóloga se reunió ayer en Madrid con los sindicatos agrarios.",
    "La mandataria se reunió ayer en Madrid con los sindicatos agrarios.",
    "La emisaria se reunió ayer en Madrid con los sindicatos agrarios.",
])
def test_spanish_feminine_titles_are_office_holders_as_the_masculine_ones(text: str) -> None:
    """es ``titles.high`` listed "vicepresidente*", "enviado*", "homólogo*", "mandatario*", "emisario*" only: the
    feminine forms (a deputy prime minister is "la vicepresidenta del Gobierno") were no title, so the meeting
    had no participant at all."""
    assert _levels(text, "es") == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El vicepresidente de la empresa se reunió con los proveedores."),
    ("es", "El presidente de la compañía se reunió con los proveedores."),
    ("fr", "Le président de l'entreprise a rencontré les syndicats."),
    ("it", "Il presidente della società ha incontrato i sindacati."),
    ("de", "Der Präsident des Unternehmens traf sich mit den Gewerkschaften."),
    ("en", "The president of the company met union leaders on Monday."),
    ("en", "The club president met the players on Monday."),
])
def test_a_company_or_club_president_is_no_head_of_state(lang: str, text: str) -> None:
    """GUIDE.md: business meetings are no political events; whatever the meeting stage makes of them, a company's or
    a club's president is no high-level office (``titles.other``: the longer title drops the high word in it)."""
    assert "high" not in _levels(text, lang)
