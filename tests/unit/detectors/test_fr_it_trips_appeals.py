"""French and Italian meeting words of real news (issue 12, session 20).

No meeting: a trip that is travel, not a visit ("viaggio umanitario" of an NGO, "il viaggio via terra", "il
resoconto del viaggio"). A meeting with no one named: an appeal for dialogue ("appello al dialogo", "appel au
dialogue": called for), intergovernmental meetings ("réunions intergouvernementales", "riunioni
intergovernative"), a meeting with the unions' joint front ("l'intersyndicale"). Sentences written for these
tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize("text", [
    "Il presidente dell'associazione Mario Rossi racconta il viaggio umanitario in Niger e in Ciad.",
    "Il console Luca Verdi ci aveva sconsigliato il viaggio via terra attraverso il Sahel.",
    "Ecco il resoconto del viaggio scritto dal presidente della onlus, Paolo Bianchi.",
])
def test_a_trip_is_no_meeting(text: str) -> None:
    assert statuses(text, "it") == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("Il cardinale ha rinnovato l'appello al dialogo tra Mosca e Kiev.", "it"),
    ("L'Union africaine a lancé un appel au dialogue entre les deux camps.", "fr"),
])
def test_an_appeal_for_dialogue_calls_for_talks(text: str, lang: str) -> None:
    assert statuses(text, lang) == {"called_for"}


@pytest.mark.parametrize(("text", "lang", "status"), [
    ("Le gouvernement souhaite la tenue de réunions intergouvernementales régulières.", "fr", "called_for"),
    ("Le riunioni intergovernative si sono concluse ieri sera.", "it", "held"),
    ("La réunion avec l'intersyndicale s'est tenue hier à Matignon.", "fr", "held"),
])
def test_a_meeting_of_governments_or_with_the_unions_needs_no_name(text: str, lang: str, status: str) -> None:
    assert status in statuses(text, lang)
