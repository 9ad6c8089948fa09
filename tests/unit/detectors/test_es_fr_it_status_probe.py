"""Meeting status and visits in Spanish, French and Italian news (issue 12, session 10): a proposed summit is a
call ("propuso una cumbre"), a meeting that "n'aura pas lieu" / "non si terrà" / "no tendrá lugar" is called off,
a French visit to a country named with "en" / "au" ("s'est rendu en Chine", "au Mali") and the Italian infinitive
"visitare" are visit candidates. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates, statuses


@pytest.mark.parametrize(("lang", "text", "status"), [
    ("es", "El presidente Luis Ortega propuso una cumbre con sus vecinos andinos.", "called_for"),
    ("fr", "La rencontre entre le président Jean Dupont et Vladimir Poutine n'aura pas lieu.", "rejected"),
    ("it", "L'incontro tra il premier Dario Ferri e il presidente francese non si terrà.", "rejected"),
    ("es", "La reunión entre el presidente Luis Ortega y su homólogo chileno no tendrá lugar.", "rejected"),
])
def test_proposed_and_called_off_meetings(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang) == {status}


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le président Jean Dupont s'est rendu en Chine mardi."),
    ("fr", "Le ministre Paul Martin se rendra au Mali la semaine prochaine."),
    ("it", "Il presidente francese Jean Dupont ha deciso di visitare l'Algeria."),
])
def test_visits_to_countries_are_candidates(lang: str, text: str) -> None:
    assert candidates(text, lang), text
