"""Ceasefire statuses, fourth part: halts of military operations and strikes, offers (on a condition, in every verb
form), support and reluctance (detectors/ceasefire.py, lexicons/<lang>/ceasefire.json). Sentences written for these
tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The mediators urged both sides to suspend military operations around the port.", {"called_for"}),
    ("en", "The two armies pause strikes on the capital.", {"announced"}),
    ("en", "The envoy asked the militia to suspend attacks on the convoys.", {"called_for"}),
    ("it", "Il governo ha chiesto la sospensione delle operazioni militari nel nord.", {"called_for"}),
    ("es", "La ONU pidió la suspensión de las operaciones militares en la región.", {"called_for"}),
    ("fr", "L'ONU a demandé la suspension des opérations militaires dans le nord.", {"called_for"}),
    ("es", "El gobierno y la guerrilla buscan un cese de fuegos bilateral.", {"called_for"}),
    ("ru", "Президент сообщил, что армия останавливает все боевые действия на двое суток.", {"announced"}),
    ("ru", "Посредники выдвинули предложение о взаимном отказе сторон от ударов по энергетике.", {"called_for"}),
])
def test_a_halt_of_military_operations_or_strikes_is_a_truce(lang: str, text: str, expected: set[str]) -> None:
    assert statuses(text, lang, "ceasefire") == expected, text


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il cessate il fuoco ci sarà se l'esercito si ritirerà dalla città."),
    ("en", "The rebels say a truce is possible if the army leaves the valley."),
    ("es", "El grupo armado se mostró dispuesto a una tregua si se liberan sus presos."),
])
def test_a_truce_on_a_condition_is_an_offer(lang: str, text: str) -> None:
    """GUIDE.md: an offer with conditions is called_for (corpus README: "il cessate il fuoco ci sarà se …")."""
    assert statuses(text, lang, "ceasefire") == {"called_for"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El grupo armado amenazó con romper la tregua si el gobierno no libera a sus presos."),
    ("fr", "Une trêve, si elle avait lieu, serait de toute façon fragile, estime un diplomate."),
])
def test_a_threat_or_a_truce_as_the_hypothesis_is_no_offer(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Noi offriamo una tregua ai nostri nemici, ha detto il capo dei ribelli."),
    ("fr", "Les rebelles offrent une trêve de trois jours pour les fêtes."),
    ("ru", "Хуситы отвергли инициативу Катара о перемирии."),
    ("fr", "Le ministre a rappelé la nécessité d'un cessez-le-feu entre les deux pays."),
])
def test_offers_and_needs_in_every_form_are_calls(lang: str, text: str) -> None:
    expected = {"called_for", "rejected"} if lang == "ru" else {"called_for"}
    assert statuses(text, lang, "ceasefire") == expected, text


def test_being_favourable_to_a_truce_is_announced_and_called_for() -> None:
    """Corpus README: "è favorevole alla tregua" (accepting a proposed truce) is announced + called_for."""
    text = "Il governo di Mosca si è detto favorevole alla tregua di tre giorni proposta dall'Onu."
    assert statuses(text, "it", "ceasefire") == {"announced", "called_for"}


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La renuencia del gobierno a respetar el alto el fuego irrita a la guerrilla."),
    ("en", "The army's reluctance to observe the truce angered the rebels."),
    ("fr", "La réticence de l'armée à respecter la trêve inquiète les ONG."),
    ("it", "La riluttanza dell'esercito a rispettare la tregua preoccupa le ONG."),
])
def test_reluctance_to_keep_a_truce_is_rejected(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"rejected"}, text


@pytest.mark.parametrize(("text", "expected"), [
    ("Both parties have agreed to a ceasefire and to the second phase of the American peace plan.", {"announced"}),
    ("The militia has agreed to the ceasefire proposal, its spokesman said.", {"announced", "called_for"}),
])
def test_agreeing_to_a_truce_is_a_proposal_agreed_only_when_the_proposal_is_the_truce(text: str,
                                                                                     expected: set[str]) -> None:
    """A plan far from the trigger is another thing agreed to, not the truce's proposal (``_AGREE_CALL_REACH``)."""
    assert statuses(text, "en", "ceasefire") == expected, text


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The minister said his country is not seeking a ceasefire or negotiations with Washington.", {"rejected"}),
    ("es", "El ministro dijo que su país no busca un alto el fuego ni negociaciones con Washington.", {"rejected"}),
    ("en", "The minister said his country is not seeking a ceasefire but urged talks on the border.",
     {"called_for", "rejected"}),
])
def test_a_refused_call_governs_the_calls_after_it(lang: str, text: str, expected: set[str]) -> None:
    """Things not sought are refused together, up to a contrast ("not seeking a ceasefire or negotiations")."""
    assert statuses(text, lang, "ceasefire") == expected, text
