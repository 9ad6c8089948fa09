"""Italian meeting arguments (issue 12): the capital is a place, never a participant, and a minister's
portfolio is part of the title, not of the name. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates


def _meeting(text: str) -> tuple[list[str], str | None, str | None]:
    """Actors of every meeting candidate of the text, and the place of the first that has one."""
    found = [c.args for _s, c in candidates(text, "it")]
    assert found, text
    actors = [a.text for args in found for a in args.actors]
    loc = next((args.location for args in found if args.location), None)
    return actors, (loc.text if loc else None), (loc.country if loc else None)


@pytest.mark.parametrize("text", [
    "Il presidente russo ha incontrato il premier Mario Rossi a Roma.",
    "La ministra degli Esteri Anna Bianchi ha ricevuto a Roma il suo omologo tunisino.",
    "A Roma il vertice tra il presidente Paolo Verdi e la cancelliera Eva Neri.",
])
def test_rome_is_the_place_not_a_person(text: str) -> None:
    actors, place, country = _meeting(text)
    assert "Roma" not in actors
    assert (place, country) == ("Roma", "IT")


@pytest.mark.parametrize(("text", "name"), [
    ("Il ministro degli Esteri Luca Ferri ha incontrato il suo omologo francese a Parigi.", "Luca Ferri"),
    ("Il ministro dell'Interno Carlo Galli ha ricevuto il collega tunisino a Tunisi.", "Carlo Galli"),
    ("La ministra della Difesa Giulia Ferraris si è recata a Berlino per un colloquio con il collega tedesco.",
     "Giulia Ferraris"),
])
def test_a_portfolio_is_part_of_the_title(text: str, name: str) -> None:
    actors, _place, _country = _meeting(text)
    assert name in actors
    assert not any(a.startswith(("Esteri", "Interno", "Difesa")) for a in actors)
