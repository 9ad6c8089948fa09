"""Ceasefire statuses from the lexicons' cues, second part (detectors/ceasefire.py; GUIDE.md's ceasefire table
and the conventions of ../shared/eval/README.md). Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Rebellen: Keine Waffenruhe ohne Abzug der Armee"),
    ("en", "No ceasefire without the release of all prisoners, the militia says"),
    ("fr", "Pas de trêve sans retrait des troupes, prévient le mouvement rebelle"),
    ("es", "La guerrilla advierte: ningún alto el fuego sin garantías para sus combatientes"),
    ("it", "Nessuna tregua senza il ritiro delle truppe, avverte il leader dei ribelli"),
    ("ru", "Повстанцы: никакого перемирия без вывода войск"),
])
def test_no_truce_without_a_condition_is_a_refusal(lang: str, text: str) -> None:
    """A conditional refusal ("Kein Waffenstillstand ohne …"): rejected, not a breach ("Ende der …") or none."""
    assert statuses(text, lang, "ceasefire") == {"rejected"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Laut einer Umfrage halten zwei Drittel der Befragten eine Waffenruhe für wünschenswert."),
    ("en", "A new poll shows most voters back a ceasefire deal in the region."),
    ("fr", "Selon un sondage, 60 % des Français soutiennent un cessez-le-feu immédiat."),
    ("es", "Según una encuesta, la mayoría de los ciudadanos apoya un alto el fuego."),
    ("it", "Secondo un sondaggio, sei italiani su dieci chiedono un cessate il fuoco."),
    ("ru", "Согласно опросу, большинство граждан поддерживают перемирие."),
])
def test_a_poll_about_a_truce_is_no_event(lang: str, text: str) -> None:
    """README conventions: opinion pieces, polls and questions about a ceasefire are negative."""
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The ceremony marked the anniversary of the signing of the 1994 ceasefire agreement."),
    ("de", "Zum Jahrestag des unterzeichneten Waffenstillstands legten Veteranen Kränze nieder."),
    ("fr", "Les vétérans ont célébré l'anniversaire de la signature de l'armistice."),
])
def test_the_anniversary_of_a_truce_is_background(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Miliz habe dem Entwurf einer Waffenruhe für den Süden zugestimmt, sagte ihr Sprecher."),
    ("it", "Il governo ha accolto con favore la proposta di tregua avanzata dal Qatar."),
    ("ru", "Повстанцы заявили о согласии с предложением ООН о перемирии."),
])
def test_a_party_agreeing_to_a_proposed_truce_is_announced_and_called_for(lang: str, text: str) -> None:
    """README conventions: a party accepting someone's plan gets announced + called_for."""
    assert statuses(text, lang, "ceasefire") == {"announced", "called_for"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kyiv rejected the Easter truce announced by Moscow as a cynical ploy."),
    ("fr", "Les rebelles ont rejeté la trêve de Pâques décrétée par le gouvernement."),
    ("es", "La oposición rechazó la tregua de Navidad anunciada por el gobierno."),
    ("it", "Kiev ha respinto la tregua di Pasqua annunciata da Mosca."),
    ("de", "Kiew lehnte die von Moskau verkündete Waffenruhe zu Ostern ab."),
])
def test_a_declared_truce_rejected_by_the_other_side_is_announced_and_rejected(lang: str, text: str) -> None:
    """One party declared the truce (announced), the other refuses it (rejected)."""
    assert statuses(text, lang, "ceasefire") == {"announced", "rejected"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The rebels threatened to end the ceasefire if their demands were not met."),
    ("es", "El grupo armado amenazó con romper la tregua si no se liberan sus presos."),
    ("fr", "Le mouvement a menacé de rompre le cessez-le-feu si l'armée avançait."),
    ("it", "I ribelli hanno minacciato di rompere la tregua se l'esercito avanzerà."),
    ("de", "Die Miliz drohte, die Waffenruhe zu brechen, falls die Armee vorrücke."),
])
def test_a_threat_to_break_a_truce_is_no_breach(lang: str, text: str) -> None:
    assert "violated" not in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Both sides agreed to a truce until the end of Ramadan."),
    ("en", "The two sides agreed a three-day truce over the Eid holiday."),
    ("de", "Die Taliban sagten zu, sich an eine Waffenruhe bis zum Ende des Fastenmonats zu halten."),
    ("fr", "Les deux camps ont accepté une trêve jusqu'à la fin du ramadan."),
    ("es", "Las partes acordaron una tregua hasta el fin del Ramadán."),
    ("it", "Le parti hanno accettato una tregua fino alla fine del Ramadan."),
])
def test_a_truce_until_the_end_of_a_period_is_no_end_of_it(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"announced"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Прекращение огня на полигоне объявили после окончания учебных стрельб."),
    ("ru", "Режим прекращения огня на полигоне под Псковом введён из-за пожароопасной погоды."),
])
def test_a_firing_range_halt_is_no_truce(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The army and the rebels agreed a ceasefire on Sunday. Hours later, shells hit the outskirts of the city."),
    ("fr", "Les deux camps ont conclu une trêve samedi. Dès dimanche, des obus sont tombés sur le marché."),
    ("de", "Die Armee verkündete am Montag eine Waffenruhe. Wenige Stunden später schlugen Raketen in der Stadt ein."),
    ("es", "El ejército declaró una tregua el lunes. Horas después, un ataque con drones alcanzó el puerto."),
    ("it", "Le parti hanno firmato una tregua lunedì. Poche ore dopo, un raid ha colpito il mercato."),
    ("ru", "Стороны объявили перемирие в понедельник. Через несколько часов начался обстрел города."),
])
def test_a_breach_told_in_the_next_sentence_is_violated(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"announced", "violated"}, text


def test_an_aid_convoy_in_the_next_sentence_is_no_breach() -> None:
    text = "The army and the rebels agreed a ceasefire on Sunday. Hours later, aid convoys reached the city."
    assert statuses(text, "en", "ceasefire") == {"announced"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Washington will not support a resolution calling for a ceasefire, the ambassador said."),
    ("fr", "Washington ne soutiendra pas une résolution appelant à un cessez-le-feu."),
    ("fr", "Le Kremlin a balayé l'offre de trêve présentée par Ankara."),
])
def test_a_refused_backing_of_a_call_is_called_for_and_rejected(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"called_for", "rejected"}, text
