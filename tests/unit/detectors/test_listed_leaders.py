"""GUIDE.md meeting level: a head of state or government, a foreign minister, the head of the UN or the leader of
an armed faction makes a meeting high-level, also when the news names them without a title ("Putin traf
Erdogan"). Every person listed in ``lexicons/entities.json`` is such a leader. Sentences written for these tests."""

from __future__ import annotations

from functools import cache

import pytest

from detectors.contracts import Article
from detectors.entities import listed_leader
from detectors.pipeline import Pipeline


@cache
def _rules() -> Pipeline:
    return Pipeline.load(stage="rules")


def _levels(text: str, lang: str) -> list[str | None]:
    dets = _rules().detect(Article.create(text, language=lang))
    return [d.level for d in dets if d.type == "meeting"]


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Putin traf am Montag Erdogan in Sotschi."),
    ("en", "Netanyahu met Blinken in Jerusalem on Tuesday."),
    ("fr", "Macron a reçu Zelensky à l'Élysée lundi."),
    ("es", "Haftar se reunió con Sarraj en Abu Dabi."),
    ("it", "Conte ha incontrato Merkel a Berlino."),
    ("ru", "Путин провёл переговоры с Эрдоганом в Сочи."),
    ("en", "Peña Nieto met Macri in Buenos Aires on Friday."),
    ("de", "Dobrindt traf am Montag den Bürgermeister von Linz."),
    ("de", "Kinkel traf am Montag Vertreter der Opposition in Rangun."),
])
def test_a_listed_leader_without_a_title_is_high_level(lang: str, text: str) -> None:
    assert _levels(text, lang) and set(_levels(text, lang)) == {"high"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Der Bürgermeister traf am Montag den Landrat Huber in Graz."),
    ("en", "The mayor met Governor Jones in Albany on Tuesday."),
])
def test_an_unlisted_official_stays_other(lang: str, text: str) -> None:
    assert "high" not in _levels(text, lang)


def test_listed_leader_reads_listed_ids_only() -> None:
    assert listed_leader("person:vladimir-putin")
    assert not listed_leader("person:huber")
    assert not listed_leader(None)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "On Monday, the mayor met Obama in the capital."),
    ("de", "Abbas traf am Dienstag in Ramallah den Bürgermeister."),
    ("it", "Lunedì il sindaco ha incontrato Draghi a Roma."),
    ("it", "Salvini chiede un incontro con Meloni."),
    ("es", "El alcalde se reunió con Maduro en Caracas."),
    ("ru", "Состоялась встреча Путина с губернатором области."),
    ("ru", "Состоялась встреча Сергея Лаврова с мэром города."),
])
def test_a_listed_leader_whose_name_is_a_town_or_a_common_word_is_high(lang: str, text: str) -> None:
    """A listed leader's name is a name though the gazetteer holds a town of it (Obama in Japan, Abbas in Iran)
    or the language a common word ("draghi" dragons, "meloni" melons, "maduro" ripe), also in a Russian case
    ("Путина": the noun "путина" is a fishing season)."""
    assert _levels(text, lang) and set(_levels(text, lang)) == {"high"}


def test_a_town_after_a_place_preposition_stays_a_place() -> None:
    dets = _rules().detect(Article.create("The delegation met the mayor in Obama on Monday.", language="en"))
    actors = [a.text for d in dets if d.type == "meeting" for a in d.actors]
    assert "Obama" not in actors


def test_a_russian_leader_in_a_case_is_named_whole() -> None:
    dets = _rules().detect(Article.create("Состоялась встреча Владимира Путина с губернатором области.", language="ru"))
    actors = [a.text for d in dets if d.type == "meeting" for a in d.actors]
    assert "Владимира Путина" in actors
