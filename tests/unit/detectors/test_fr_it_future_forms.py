"""French and Italian future forms (issue 12, session 11): the planned_modal cue names every future ending, not
only "-era"/"-erà": "pourra", "aura", "permettra"; "avrà", "potrà", "andrà", "verrà", "farà". A French simple
past ending alike ("rencontra") stays a past. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("Le président Macron pourra rencontrer son homologue italien lors du sommet de Rome.", "fr"),
    ("La rencontre entre les ministres Dupont et Martin aura lieu à Genève en mars.", "fr"),
    ("Ce sommet des chefs d'État permettra de relancer les négociations avec la Russie.", "fr"),
    ("Il premier Mario Rossi andrà in Somalia per incontrare il presidente somalo.", "it"),
    ("Il ministro degli Esteri Luca Bianchi avrà un colloquio con il suo omologo russo.", "it"),
    ("Il presidente Mario Rossi potrà incontrare il premier greco al vertice di Atene.", "it"),
    ("Il vertice tra i ministri degli Esteri si terrà a Roma e verrà aperto dal premier Mario Rossi.", "it"),
])
def test_a_future_plans_the_meeting(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("text", "lang"), [
    ("En 1995, le ministre Jean Dupont rencontra à Pékin le président chinois.", "fr"),
    ("Il ministro degli Esteri Luca Bianchi ha avuto un colloquio con il suo omologo russo.", "it"),
])
def test_a_past_stays_held(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"held"}
