"""Senses of French and Italian meeting words that real news uses for no meeting (issue 12, session 20).

No meeting: the telephone as an industry, a line or a wiretap ("compagnie telefoniche", "tabulati telefonici",
"accueil téléphonique", "téléphones coupés", "téléphonie mobile", "la police enregistre une conversation
téléphonique"); a thing, money or treatment received ("trattamento di favore ricevuto", "riceverà 200 milioni");
an event or a web page hosted ("ospiterà la manifestazione", "ospitato su un sito"); a welcome by a crowd, boos or
a vote ("accolto dai fischi", "accolta con 293 sì"); the name "Ospedali Riuniti"; a minister gone to pay tribute to
the victims of a disaster (a site visit); a mountain's summits; a chance meeting; a minister going out to meet the
fishermen. Still a meeting: a phone call between two leaders, a president receiving a minister, a summit hosted.
Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses

NOT_MEETINGS = [
    ("it", "Il ministro Paolo Rossi ha multato le compagnie telefoniche per le tariffe nascoste."),
    ("it", "Gli investigatori hanno analizzato i tabulati telefonici del senatore Marco Bianchi."),
    ("it", "Il deputato Luca Verdi ha criticato i gestori telefonici per i costi di ricarica."),
    ("fr", "Le ministre Paul Martin a annoncé un accueil téléphonique pour les Français de l'étranger."),
    ("fr", "L'opposant Jean Dupont a vu ses téléphones coupés par la police du régime."),
    ("fr", "Le ministre Paul Martin veut étendre la téléphonie mobile aux zones rurales."),
    ("fr", "La police a enregistré une conversation téléphonique entre le député Jean Dupont et un avocat."),
    ("it", "Il senatore Marco Bianchi avrebbe ricevuto trattamento di favore all'aeroporto."),
    ("it", "Il presidente del club Mario Rossi riceverà 200 milioni di dollari dalla cessione."),
    ("it", "Il sindaco Luca Verdi ha annunciato che la città ospiterà la manifestazione il prossimo anno."),
    ("it", "Il progetto del ministro Paolo Rossi è stato ospitato su un sito dell'università."),
    ("it", "Il segretario Marco Bianchi è stato accolto dai fischi dei manifestanti a Torino."),
    ("it", "La mozione del ministro Paolo Rossi è stata accolta con 301 sì e 220 no."),
    ("it", "Il sindaco Luca Verdi è stato ricoverato agli Ospedali Riuniti di Bergamo."),
    ("it", "La ministra Anna Neri si è recata a Rigopiano per rendere omaggio alle vittime della valanga."),
    ("fr", "Le ministre Paul Martin a gravi les sommets des Alpes à plus de 4000 mètres."),
    ("fr", "J'ai rencontré par hasard le ministre Paul Martin dans un café de Lyon."),
    ("fr", "Le secrétaire d'Etat Paul Martin est allé à la rencontre des pêcheurs en Bretagne."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_MEETINGS)
def test_no_meeting(lang: str, text: str) -> None:
    assert statuses(text, lang) == set()


MEETINGS = [
    ("it", "Il presidente Mario Draghi ha avuto un colloquio telefonico con il presidente Joe Biden."),
    ("it", "Il presidente Sergio Mattarella ha ricevuto al Quirinale il ministro degli Esteri francese."),
    ("it", "Il governo ha annunciato che Roma ospiterà il vertice della NATO il prossimo anno."),
    ("fr", "Le président Emmanuel Macron a eu un entretien téléphonique avec le président Joe Biden."),
    ("fr", "Le sommet de l'Union africaine s'est tenu à Addis-Abeba en présence de vingt chefs d'Etat."),
]


@pytest.mark.parametrize(("lang", "text"), MEETINGS)
def test_still_a_meeting(lang: str, text: str) -> None:
    assert statuses(text, lang) != set()
