"""French and Italian visit words of real news that name no meeting (issue 12, session 20).

No meeting: a leader visiting a place of worship ("in visita alla cattedrale", "a visité la basilique"), a
politician gone to a party rally ("si era recato a un comizio": GUIDE.md, party events are no meetings), a trip
told as travel ("viaggio tranquillo con la compagnia aerea", "i compagni di viaggio"), a person's manner ("uomo di
mediazione"). Still a meeting: a state visit. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("text", "lang"), [
    ("Il presidente Carlo Neri in visita alla cattedrale di Palermo con il vescovo.", "it"),
    ("Le président Paul Martin a visité la basilique de Vézelay dimanche.", "fr"),
    ("Il senatore Luca Verdi, a margine di un comizio a Bari presso cui si era recato, ha attaccato il governo.", "it"),
    ("Viaggio tranquillo con la compagnia aerea del ministro Paolo Rossi.", "it"),
    ("Il deputato Marco Bianchi, da sempre uomo di mediazione, ha criticato il governo.", "it"),
])
def test_no_meeting(text: str, lang: str) -> None:
    assert statuses(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("Il presidente Sergio Mattarella è in visita di Stato in Francia dal presidente Emmanuel Macron.", "it"),
    ("Le président Emmanuel Macron a visité Pékin, où il a rencontré le président Xi Jinping.", "fr"),
])
def test_still_a_meeting(text: str, lang: str) -> None:
    assert statuses(text, lang) != set()
