"""A meeting candidate whose sentence names no office-holder, state, organisation or armed group (``arg:nostate``):
a community's or a network's gathering, a meeting room, readers' conversations. On Spanish real news such
candidates were 15 of 306 meetings, against 55 of 191 for the rest (issue 12, session 20). Sentences written for
these tests in the style of news. A word that is political on its own (a summit, negotiations: the lexicon's
``strong``) or a peace topic is no such gathering: there the actor is often one the lexicons lack (a king, the
Ecofin council; real French meeting lost three such units)."""

from __future__ import annotations

import pytest

from detectors.contracts import Article
from detectors.learned.features import features
from detectors.pipeline import Pipeline


def _meeting_features(text: str, lang: str) -> list[list[str]]:
    pipeline = Pipeline.load(stage="rules")
    (observed,) = pipeline.observe_many([Article.create(text, id="t", language=lang)])
    return [features(o.obs) for o in observed if o.obs.type == "meeting"]


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La red ciudadana Voces Libres celebró su encuentro anual en Quito con Ana Duarte."),
    ("es", "Los vecinos de Lavapiés organizaron una reunión en la sala de la parroquia."),
    ("fr", "Les lecteurs du site ont organisé une réunion avec Marie Dupont à Lyon."),
    ("it", "Gli artisti del collettivo si sono riuniti a Torino con Paolo Neri."),
])
def test_a_gathering_without_state_actors_is_flagged(lang: str, text: str) -> None:
    found = _meeting_features(text, lang)
    assert found and all("arg:nostate" in f for f in found), found


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El ministro de Exteriores de Chile se reunió en Lima con su homólogo peruano."),
    ("es", "El gobierno de Colombia inicia nuevas negociaciones con las FARC en La Habana."),
    ("es", "Los rebeldes y el ejército se reunieron en Ginebra."),
    ("fr", "Le président a rencontré son homologue allemand à Berlin."),
    # a word that is political on its own (``strong``) or a peace topic: the lexicon may lack the actor's name
    ("fr", "Le sommet sera l'occasion d'accueillir de nouveaux membres."),
    ("es", "El rey Teodorico pidió al obispo Remigio negociar la paz."),
])
def test_an_office_holder_state_or_armed_group_is_no_such_gathering(lang: str, text: str) -> None:
    found = _meeting_features(text, lang)
    assert found and not any("arg:nostate" in f for f in found), found
