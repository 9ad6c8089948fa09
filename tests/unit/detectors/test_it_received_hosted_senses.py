"""Italian host and visit words that real news uses for no meeting (issue 12, session 20).

No meeting: a treatment, a contract or money received ("trattamento di favore ricevuto", "l'appalto ricevuto",
"riceverà 200 milioni"), an event hosted ("ospiterà la manifestazione", "ospita l'evento"), a minister gone to be
with or pay tribute to the victims of a disaster (a site visit). Still a meeting: a president receiving a
minister, a summit hosted, a state visit. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses

NOT_MEETINGS = [
    "Il senatore Marco Bianchi avrebbe ricevuto trattamento di favore all'aeroporto.",
    "Il presidente del club Mario Rossi riceverà 200 milioni di dollari dalla cessione.",
    "Il sindaco Luca Verdi ha annunciato che la città ospiterà la manifestazione il prossimo anno.",
    "Secondo il ministro Paolo Rossi, Torino ospiterà l'evento nel 2027.",
    "La ministra Anna Neri si è recata a Rigopiano per rendere omaggio alle vittime della valanga.",
    "Il presidente Carlo Neri si recherà a Genova per stare vicino alle famiglie delle vittime.",
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_no_meeting(text: str) -> None:
    assert statuses(text, "it") == set()


MEETINGS = [
    "Il presidente Sergio Mattarella ha ricevuto al Quirinale il ministro degli Esteri francese.",
    "Il governo ha annunciato che Roma ospiterà il vertice della NATO il prossimo anno.",
    "Il presidente Sergio Mattarella si recherà domani a Parigi per incontrare il presidente Emmanuel Macron.",
]


@pytest.mark.parametrize("text", MEETINGS)
def test_still_a_meeting(text: str) -> None:
    assert statuses(text, "it") != set()
