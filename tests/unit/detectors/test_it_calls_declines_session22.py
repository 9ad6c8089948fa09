"""Italian, the Spanish constructions of session 22 (es6): an appeal for dialogue ("ha chiamato al dialogo") is a call,
a declined invitation ("ha declinato l'invito al vertice") a refusal. The sentences are written for these tests in
the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_stage import meeting_statuses


@pytest.mark.parametrize("text, status", [
    ("Il segretario generale dell'ONU ha chiamato al dialogo il governo sudanese e i paramilitari.", "called_for"),
    ("Il presidente ha declinato l'invito al vertice di Lima.", "rejected"),
])
def test_the_italian_status(text: str, status: str) -> None:
    assert status in meeting_statuses(text, "it")
