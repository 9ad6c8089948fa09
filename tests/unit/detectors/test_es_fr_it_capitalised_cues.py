"""A future form is a verb: a capitalised word inside a sentence that ends like one is a name ("Faruk Al Chará",
"Juan Vera"), and a meeting beside it is not planned (issue 12, session 11). At a sentence's start or in an
all-caps headline the form still counts. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("La canciller Ana Ruiz se reunió ayer en Ginebra con el ministro sirio Faruk Al Chará.", "es"),
    ("El presidente Luis Ortega recibió en Lima al canciller Pedro Herrerá.", "es"),
    ("Le président Macron a rencontré lundi à Paris le ministre Juan Vera.", "fr"),
])
def test_a_name_ending_like_a_future_is_no_plan(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"held"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Se reunirá el lunes el presidente Luis Ortega con el canciller ruso.", "es"),
    ("EL PRESIDENTE LUIS ORTEGA SE REUNIRÁ CON EL CANCILLER RUSO", "es"),
    ("Le président Macron rencontrera lundi à Paris le ministre Juan Vera.", "fr"),
])
def test_a_future_verb_still_plans(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"planned"}
