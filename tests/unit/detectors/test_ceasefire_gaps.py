"""Ceasefire constructions the lexicons missed in some languages (session 21, cease5): the same kind was read in
the others. GUIDE.md's ceasefire table; sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text", "status"), [
    # agreeing to / extending a truce is announced (fr "convenir de", it "prolungare")
    ("fr", "Israël et le Hamas ont convenu d'une pause humanitaire de quatre jours.", "announced"),
    ("fr", "Les deux camps sont convenus d'une trêve pour la fête.", "announced"),
    ("it", "La tregua è stata prolungata di altri due giorni.", "announced"),
    ("it", "Le parti hanno deciso il prolungamento della tregua fino a lunedì.", "announced"),
    # fighting resumes once the truce is over (de "Ablauf", "wieder aufgenommen")
    ("de", "Nach dem Ablauf der Feuerpause wurden die Kämpfe wieder aufgenommen.", "violated"),
    ("de", "Trotz der Waffenruhe nahmen die Rebellen die Kämpfe am Abend wieder auf.", "violated"),
])
def test_status_read_in_every_language(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang, "ceasefire") == {status}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The talks were timed to coincide with the anniversary of the signing of the ceasefire agreement."),
    ("en", "The consultations coincided with the anniversary of the November 9, 2020, statement on a ceasefire."),
    ("en", "The talks, called by Moscow, are timed to coincide with the anniversary of the November 9, 2020, "
           "Statement on a complete ceasefire and termination of all hostilities in the area."),
    ("de", "Die Gespräche fielen auf den Jahrestag der Unterzeichnung des Waffenstillstands."),
])
def test_the_anniversary_of_a_truce_is_background(lang: str, text: str) -> None:
    """GUIDE.md: a mention with no new development; the cues before the anniversary are about it, not the truce."""
    assert statuses(text, lang, "ceasefire") == set(), text


def test_an_anniversary_in_a_clause_of_its_own_dates_the_development() -> None:
    text = "On the anniversary of the invasion, Russia rejected a ceasefire."
    assert statuses(text, "en", "ceasefire") == {"rejected"}


@pytest.mark.parametrize("text", [
    "A Hamas delegation arrived in Cairo for negotiations on the implementation of the second phase of the ceasefire.",
    "The two leaders discussed the implementation of the ceasefire.",
    "Mediators met to discuss implementing the truce.",
])
def test_talks_on_implementing_a_truce_are_called_for(text: str) -> None:
    """Corpus README: talks towards implementing a truce are an effort towards it (called_for), not its
    implementation (announced, which "the army began implementing the ceasefire" still is)."""
    assert statuses(text, "en", "ceasefire") == {"called_for"}, text
    assert statuses("The army began implementing the ceasefire on Monday.", "en", "ceasefire") == {"announced"}
