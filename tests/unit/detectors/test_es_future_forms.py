"""Spanish future forms (issue 12, session 10): the planned_modal cue names the future's endings ("-ará", "-erán",
"-drá", "-birán" …), not any word ending in "-rá(n)": "Irán" (Iran) is no future, so a meeting beside it is not
planned. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize("text", [
    "El presidente Luis Ortega se reúne con el canciller de Irán en Caracas.",
    "El presidente de Irán visita Caracas para reunirse con Luis Ortega.",
])
def test_iran_is_no_future(text: str) -> None:
    assert statuses(text, "es") == {"held"}


@pytest.mark.parametrize("text", [
    "El presidente Luis Ortega se reunirá el lunes con el canciller ruso.",
    "El presidente Luis Ortega tendrá una reunión con su homólogo peruano.",
    "Los presidentes Luis Ortega y Pedro Ruiz se reunirán en Lima con el canciller chileno.",
])
def test_future_verbs_plan_the_meeting(text: str) -> None:
    assert statuses(text, "es") == {"planned"}
