"""Ceasefire candidates the lexicons propose (recall first: the learned stage decides). Sentences written for
these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.engine import build_engine
from tests.unit.detectors.rule_candidates import sentences, statuses


def _triggers(text: str, lang: str) -> list[str]:
    engine = build_engine(lang)
    det = next(d for d in engine.detectors if d.type == "ceasefire")
    return [m.pattern for sent in sentences(text, lang) for m in det.triggers.in_sentence(sent)]


@pytest.mark.parametrize("text", [
    "ООН призвала к гуманитарной паузе в Газе.",  # a humanitarian pause, in any case
    "Стороны договорились о паузе в боевых действиях на трое суток.",
    "Генсек ООН потребовал немедленно прекратить боевые действия.",
    "Армия прекращает боевые действия в районе порта.",
    "Стороны объявили мораторий на удары по энергетике.",
])
def test_russian_truce_phrases_are_candidates(text: str) -> None:
    assert _triggers(text, "ru"), text


@pytest.mark.parametrize("text", [
    "Хоккеисты взяли паузу в конце матча.",
    "Концерт возобновился после паузы.",
])
def test_a_pause_outside_fighting_is_none(text: str) -> None:
    assert not _triggers(text, "ru"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The army announced a four-hour pause in fighting each day."),
    ("en", "The envoy urged the militia to cease its attacks on the city."),
    ("en", "The rebels said they would suspend offensive operations during the vote."),
    ("es", "La ONU exigió el cese de los combates en la capital."),
    ("fr", "Les deux camps ont signé un accord qui met fin aux hostilités."),
    ("it", "Il governo e i ribelli hanno firmato la cessazione definitiva delle ostilità."),
])
def test_truce_phrases_beyond_the_word_ceasefire_are_candidates(lang: str, text: str) -> None:
    assert _triggers(text, lang), text


def test_attacks_in_a_match_are_no_truce_phrase() -> None:
    assert not _triggers("The striker launched three attacks in the first half.", "en")

def test_no_truce_announced_is_no_rejected_truce() -> None:
    """ "no ceasefire deal announced" says none came about (no event); "did not agree to" refuses one."""
    assert statuses("Presidents hold talks at a military base, no ceasefire deal announced", "en", "ceasefire") == set()
    assert statuses("The rebels did not agree to a ceasefire.", "en", "ceasefire") == {"rejected"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Der Sondergesandte rief die Milizen auf, die Kämpfe sofort einzustellen."),
    ("en", "The council urged all factions to cease hostilities before the vote."),
    ("en", "Both commanders pledged to silence the guns along the river."),
    ("ru", "Стороны договорились об отказе от ударов по портам на месяц."),
])
def test_calls_and_pledges_to_stop_fighting_are_candidates(lang: str, text: str) -> None:
    assert _triggers(text, lang), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Washington and Beijing extended their trade truce by another ninety days."),
    ("en", "The two blocs agreed a truce in their tariff dispute over steel."),
    ("de", "Brüssel und Washington verlängern den Waffenstillstand im Zollstreit."),
    ("de", "Der Handels-Waffenstillstand zwischen den beiden Ländern läuft im Mai aus."),
    ("ru", "Торговое перемирие между двумя странами продлено до весны."),
])
def test_a_trade_truce_is_no_ceasefire(lang: str, text: str) -> None:
    """A truce in a trade or tariff dispute is between governments but not between armed parties (GUIDE.md)."""
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the negative context says what the truce is about only next to it
    ("it", "Tregua sindacale: sospeso lo sciopero dei portuali.", set()),
    ("fr", "Une trêve au sein de la majorité a été conclue après des semaines de querelles.", set()),
    ("es", "Los transportistas firmaron una tregua comercial con el ministerio.", set()),
    # elsewhere in the sentence it is a word of war news, not the truce's domain
    ("fr", "La coalition menée par l'Arabie saoudite a accusé les rebelles d'avoir violé la trêve.", {"violated"}),
    ("it", "Il governo di coalizione ha chiesto un cessate il fuoco immediato nel nord del Paese.", {"called_for"}),
    ("fr", "La majorité des États membres ont appelé à un cessez-le-feu immédiat.", {"called_for"}),
])
def test_a_negative_context_counts_next_to_the_trigger_only(lang: str, text: str, expected: set[str]) -> None:
    assert statuses(text, lang, "ceasefire") == expected, text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Ungeachtet der vereinbarten Waffenruhe beschoss die Armee erneut die Vororte."),
    ("de", "Die Rebellen kündigten den Waffenstillstand am Montag auf."),
    ("de", "Beide Seiten werfen sich vor, die Feuerpause gebrochen zu haben."),
    ("de", "Die Waffenruhe wackelt nach neuen Gefechten im Norden."),
    ("en", "Humanitarian pause lapses as strikes resume in the north"),
    ("en", "The two sides accused each other of breaking the truce."),
    ("es", "El gobierno dio por rota la tregua tras el atentado."),
    ("es", "La tregua anunciada el domingo apenas duró unas horas."),
    ("fr", "La trêve n'a duré que quelques heures."),
    ("it", "La tregua mediata da Mosca è durata meno di un giorno."),
    ("it", "Riprendono i combattimenti nonostante la tregua."),
    ("ru", "Несмотря на перемирие, в пригородах вновь шли бои."),
])
def test_a_truce_undermined_broken_or_short_lived_is_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # brokered is announced (GUIDE.md); an effort to mediate one is a call
    ("de", "Ägypten vermittelt Waffenruhe zwischen Israel und Hamas", {"announced"}),
    ("de", "Die von Katar vermittelte Waffenruhe trat am Morgen in Kraft.", {"announced"}),
    ("de", "Katar versucht, eine Waffenruhe zu vermitteln.", {"called_for"}),
    ("de", "Die Miliz hat den Vorschlag für eine Feuerpause angenommen.", {"announced"}),
    ("fr", "Moscou décrète un cessez-le-feu de 36 heures pour les fêtes.", {"announced"}),
    # a truce that ends the fighting or a war is announced, not violated
    ("en", "The rebels announced a ceasefire ending weeks of fighting.", {"announced"}),
    ("es", "Las partes acordaron un alto el fuego que puso fin a la guerra.", {"announced"}),
])
def test_a_truce_brokered_accepted_decreed_or_ending_a_war_is_announced(lang: str, text: str,
                                                                         expected: set[str]) -> None:
    assert statuses(text, lang, "ceasefire") == expected, text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Waffen müssten endlich schweigen, forderte der Minister nach dem Angriff auf die Stadt."),
    ("de", "Die UNO hat die Konfliktparteien aufgefordert, die Waffen ruhen zu lassen."),
    ("fr", "L'évêque a exhorté les deux camps à faire taire les armes dans la région."),
    ("fr", "Le Conseil a appelé à une cessation immédiate des hostilités dans le nord du pays."),
    ("fr", "Le médiateur a réclamé un arrêt immédiat des tirs le long de la frontière."),
    ("es", "El obispo pidió a las partes silenciar las armas en la región."),
    ("it", "Il papa ha chiesto di far tacere le armi nella regione."),
])
def test_silencing_the_guns_and_an_immediate_halt_are_called_for(lang: str, text: str) -> None:
    """The "silence the guns" family and "immediate cessation of hostilities" in every language (as in en)."""
    assert "called_for" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Regierung schließt einen Waffenstillstand mit den Rebellen derzeit aus."),
    ("de", "Moskau schloss eine Feuerpause über Weihnachten kategorisch aus."),
    ("de", "Eine Waffenruhe sei ausgeschlossen, sagte der Sprecher."),
    ("fr", "Le gouvernement exclut toute trêve avant le retrait des troupes."),
    ("es", "El presidente descartó un alto el fuego con la guerrilla."),
    ("it", "Il governo ha escluso una tregua con i ribelli."),
    ("ru", "Кремль исключил перемирие на время переговоров."),
    ("en", "The minister is ruling out a ceasefire before the elections."),
])
def test_ruling_a_truce_out_is_rejected(lang: str, text: str) -> None:
    """"rule out" in every language (ausschließen and its separable forms, exclure, descartar, escludere)."""
    assert "rejected" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("de", "Die Konfliktparteien stellen die Feindseligkeiten ab Mitternacht ein, vereinbarten die Minister.",
     "announced"),
    ("en", "The envoy urged both armies to halt fire along the river.", "called_for"),
    ("en", "The two sides agreed to a suspension of hostilities for the harvest.", "announced"),
    ("fr", "Le ministre a appelé les milices à cesser le feu dans la capitale.", "called_for"),
    ("fr", "Les rebelles ont refusé de cesser immédiatement les hostilités.", "rejected"),
    ("es", "El obispo pidió a los grupos armados cesar el fuego en la región.", "called_for"),
    ("es", "La guerrilla y el ejército acordaron suspender las hostilidades durante la Navidad.", "announced"),
    ("it", "Il presidente ha chiesto alle milizie di cessare il fuoco nella capitale.", "called_for"),
    ("it", "I ribelli hanno rifiutato di sospendere le ostilità.", "rejected"),
    ("ru", "Стороны договорились прекратить все боевые действия на Пасху.", "announced"),
    ("ru", "Генсек ООН призвал немедленно прекратить военные действия.", "called_for"),
])
def test_a_truce_told_by_a_verb_phrase_is_read(lang: str, text: str, expected: str) -> None:
    """Ceasefires told by a verb rather than a noun ("cease fire", "cesser le feu", "cessare il fuoco",
    "прекратить все боевые действия", separable "stellen … ein"), with the status their cues give."""
    assert expected in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The company will cease operations at the plant next month."),
    ("fr", "L'entreprise va cesser ses activités dans la région."),
    ("ru", "Завод прекратил работу из-за нехватки сырья."),
])
def test_a_company_ceasing_its_business_is_none(lang: str, text: str) -> None:
    assert not _triggers(text, lang), text


def test_a_fire_that_stops_work_is_none() -> None:
    """"Feuers" (a blaze, genitive) is never the object of "einstellen": no truce."""
    text = "Wegen des Feuers wurde die Produktion in der Halle eingestellt."
    assert not statuses(text, "de", "ceasefire"), text
