"""A fronted "after/during the talks" phrase: its main clause decides whether the meeting is ahead as well."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize("text", [
    "Following the talks, the two presidents will sign a joint declaration.",
    "During the visit, President Tom Reed will hold talks with Prime Minister Ana Gil.",
])
def test_a_future_main_clause_puts_the_meeting_ahead(text: str) -> None:
    assert "planned" in statuses(text, "en")


@pytest.mark.parametrize("text", [
    "After the talks, the minister said an agreement will be found soon.",
    "À l'issue de l'entretien, le ministre a déclaré qu'un accord sera trouvé.",
])
def test_a_past_report_of_a_future_keeps_the_meeting_held(text: str) -> None:
    lang = "fr" if "entretien" in text else "en"
    assert statuses(text, lang) == {"held"}
