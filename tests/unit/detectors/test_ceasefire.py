"""Ceasefire statuses the rules read (detectors/ceasefire.py and the lexicons' cues), GUIDE.md's ceasefire
table. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Talks on a ceasefire in Gaza failed in Cairo on Monday."),
    ("en", "The negotiations over a truce collapsed after Hamas walked out."),
    ("de", "Israel zog seine Delegation ab; die Gespräche über eine Waffenruhe seien gescheitert."),
    ("de", "Die Verhandlungen über einen Waffenstillstand sind am Abend gescheitert."),
    ("fr", "Les négociations sur un cessez-le-feu ont échoué à Doha."),
    ("fr", "Après l'échec des pourparlers sur une trêve, les combats ont repris."),
    ("es", "Las negociaciones para un alto el fuego fracasaron en Ginebra."),
    ("it", "I negoziati per il cessate il fuoco sono falliti al Cairo."),
    ("ru", "Переговоры о прекращении огня сорвались в последний момент."),
])
def test_failed_talks_on_a_truce_are_no_violation(lang: str, text: str) -> None:
    """Talks that failed are an effort towards a truce (called_for); there was no truce to violate."""
    found = statuses(text, lang, "ceasefire")
    assert "violated" not in found and "called_for" in found, (text, found)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The truce failed within hours as shelling resumed."),
    ("de", "Der Waffenstillstand ist gescheitert."),
    ("fr", "La trêve a échoué au bout de deux jours."),
])
def test_a_failed_truce_is_still_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The factions agreed a truce on Sunday, only to accuse each other of breaking it by nightfall."),
    ("en", "The army declared a three-day ceasefire for the holiday, but drone strikes on the villages continued."),
    ("de", "Die Armee verkündete eine Waffenruhe für die Feiertage, doch schon am Abend gab es neue Angriffe."),
    ("fr", "Le gouvernement a annoncé une trêve pour les fêtes, mais des tirs ont été signalés dans la nuit."),
    ("es", "Los dos bandos pactaron un alto el fuego el lunes, aunque los combates siguieron en el norte."),
    ("it", "Le parti hanno firmato una tregua di tre giorni, ma i bombardamenti sono ripresi all'alba."),
    ("ru", "Стороны объявили перемирие на праздники, однако ночью обстрелы продолжились."),
])
def test_an_announcement_and_a_breach_in_separate_clauses_are_both_read(lang: str, text: str) -> None:
    assert {"announced", "violated"} <= statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Rockets hit the port only hours after the ceasefire took effect."),
    ("de", "Wenige Stunden nach Beginn der Waffenruhe schlugen erneut Raketen in der Stadt ein."),
    ("fr", "Au lendemain de la trêve, des frappes aériennes ont touché le quartier nord."),
    ("es", "Horas después de la tregua, un ataque con drones alcanzó el puerto."),
    ("it", "Poche ore dopo l'annuncio della tregua, un raid ha colpito il mercato."),
    ("ru", "Через несколько часов после объявления перемирия начался обстрел города."),
])
def test_attacks_hours_after_a_truce_are_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hours after the truce took effect, aid convoys entered the city."),
    ("en", "The two sides agreed a truce after weeks of shelling, and talks on a lasting deal continue."),
    ("de", "Kurz nach Beginn der Waffenruhe erreichten die ersten Hilfskonvois die Stadt."),
])
def test_a_truce_with_no_later_attack_stays_announced(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"announced"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The rebels said they would agree to a ceasefire if the government freed the prisoners."),
    ("de", "Die Miliz erklärte, sie werde eine Waffenruhe nur akzeptieren, wenn die Armee abziehe."),
    ("fr", "Le mouvement a dit qu'il accepterait une trêve si l'armée se retirait de la ville."),
    ("es", "La guerrilla dijo que aceptaría un alto el fuego si el gobierno libera a los presos."),
    ("it", "I ribelli hanno detto che accetteranno una tregua se l'esercito lascerà la città."),
    ("ru", "Повстанцы заявили, что согласятся на перемирие, если армия отведёт войска."),
])
def test_a_truce_accepted_on_a_condition_is_an_offer(lang: str, text: str) -> None:
    """GUIDE.md: called_for when someone offers a ceasefire "with or without conditions"; none was agreed."""
    assert statuses(text, lang, "ceasefire") == {"called_for"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The agency said aid could flow within hours if a ceasefire is agreed."),
    ("de", "Falls eine Waffenruhe vereinbart wird, könnten die Hilfskonvois sofort starten."),
    ("fr", "Si un cessez-le-feu était signé, les sanctions pourraient être levées, selon l'économiste."),
    ("es", "El ministro amenazó con dimitir si se firma la tregua."),
    ("it", "Se la tregua sarà firmata, i convogli umanitari partiranno subito."),
    ("ru", "Если перемирие будет подписано, гуманитарные конвои смогут войти в город."),
])
def test_a_truce_as_the_condition_of_something_else_is_none(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le cessez-le-feu a été signé, même si des tirs ont été signalés."),
    ("it", "La tregua è stata firmata, anche se la situazione resta tesa."),
    ("de", "Die Waffenruhe wurde vereinbart, auch wenn beide Seiten skeptisch bleiben."),
])
def test_even_if_is_no_condition(lang: str, text: str) -> None:
    assert "announced" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The army said it would observe a unilateral truce during the vote unless it came under attack."),
    ("de", "Die Armee werde eine einseitige Waffenruhe zur Wahl einhalten, sofern sie nicht angegriffen werde."),
])
def test_a_truce_declared_on_a_condition_is_announced(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"announced"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Washington proposed a thirty-day truce on Monday. Moscow rejected the offer within hours."),
    ("de", "Ägypten schlug eine Waffenruhe über die Feiertage vor. Die Miliz lehnte den Vorschlag ab."),
    ("fr", "Moscou a proposé un cessez-le-feu de trois jours. Kiev a aussitôt écarté l'offre."),
    ("es", "La ONU propuso una tregua de una semana. El gobierno rechazó la propuesta."),
    ("it", "Il Qatar ha proposto una tregua di cinque giorni. Il governo ha respinto la proposta."),
    ("ru", "Египет предложил перемирие на три дня. Боевики отвергли предложение."),
])
def test_an_offer_refused_in_the_next_sentence_is_called_for_and_rejected(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"called_for", "rejected"}, text


def test_an_offer_accepted_in_the_next_sentence_is_not_rejected() -> None:
    assert "rejected" not in statuses("The UN proposed a ceasefire. The rebels agreed to the plan.", "en", "ceasefire")


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Боевики отказались от перемирия, предложенного правительством."),
    ("fr", "Les rebelles ont rejeté la trêve, proposée par l'ONU."),
    ("de", "Die Regierung lehnte den von Katar und Ägypten vorgelegten Plan für eine dauerhafte Waffenruhe ab."),
])
def test_a_proposed_truce_rejected_is_called_for_and_rejected(lang: str, text: str) -> None:
    """The convention of the corpus (rejecting "the proposal of a truce"): both statuses."""
    assert statuses(text, lang, "ceasefire") == {"called_for", "rejected"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il ministro si è espresso a favore di un cessate il fuoco a Gaza."),
    ("es", "El canciller se mostró a favor de una tregua inmediata en la región."),
    ("fr", "Le président s'est prononcé en faveur d'un cessez-le-feu dans le Donbass."),
    ("en", "The senator spoke out in favour of a ceasefire in Sudan."),
    ("de", "Die Ministerin sprach sich für eine Waffenruhe im Sudan aus."),
    ("ru", "Министр выступил за прекращение огня в Судане."),
])
def test_support_for_a_truce_is_called_for(lang: str, text: str) -> None:
    """Speaking in favour of a truce that is not in place is an appeal for one (GUIDE.md: called_for)."""
    assert statuses(text, lang, "ceasefire") == {"called_for"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Россия заблокировала в Совбезе проект резолюции о прекращении огня."),
    ("en", "Washington blocked a draft resolution demanding a ceasefire in Gaza."),
    ("de", "China blockierte im Sicherheitsrat eine Resolution für eine Waffenruhe."),
    ("es", "Estados Unidos bloqueó en el Consejo una resolución sobre un alto el fuego."),
    ("fr", "La Russie a bloqué au Conseil de sécurité une résolution pour un cessez-le-feu."),
    ("it", "Gli Stati Uniti hanno bloccato all'Onu una risoluzione per il cessate il fuoco."),
])
def test_a_call_for_a_truce_blocked_is_called_for_and_rejected(lang: str, text: str) -> None:
    """A resolution or call blocked (a veto by another word): the call and its rejection."""
    assert statuses(text, lang, "ceasefire") == {"called_for", "rejected"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Feuerpause zwischen Armee und Miliz hält seit drei Tagen."),
    ("fr", "Le cessez-le-feu tient depuis deux jours le long de la frontière."),
    ("fr", "Les deux armées respectent la trêve depuis lundi, selon les observateurs."),
    ("es", "El cese al fuego rige desde agosto en todo el país."),
    ("en", "The ceasefire has held since Sunday, monitors said."),
    ("it", "La tregua regge dal 3 maggio, secondo gli osservatori."),
])
def test_a_truce_holding_since_a_date_is_announced(lang: str, text: str) -> None:
    """'Since' dates a truce in force, not a background mention (GUIDE.md: announced, it took effect)."""
    assert statuses(text, lang, "ceasefire") == {"announced"}, text


def test_the_background_truce_stays_none() -> None:
    assert statuses("Since the 2020 truce, the two villages have rebuilt their school.", "en", "ceasefire") == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "I ribelli sono accusati di violare il cessate il fuoco concordato a Luanda."),
])
def test_an_infinitive_breach_is_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "A ceasefire has been in place in Cyprus since 1974, monitored by UN peacekeepers."),
    ("es", "El Frente Polisario, que mantiene desde 1991 un alto el fuego con Marruecos, celebró su congreso."),
    ("de", "Seit dem Abkommen von 2015 gilt offiziell eine Waffenruhe in der Region."),
])
def test_a_truce_in_place_since_a_year_is_background(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == set(), text


def test_a_past_state_of_a_truce_stays_background() -> None:
    assert statuses("Eigentlich gilt seit dem Frühjahr eine Waffenruhe an der Grenze.", "de", "ceasefire") == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Brussels and Washington declared a truce in their steel tariff dispute."),
    ("de", "Die Gewerkschaft und die Bahn vereinbarten eine Feuerpause im Tarifkonflikt."),
    ("ru", "Фермеры и торговые сети заключили перемирие в ценовой войне."),
])
def test_a_truce_in_a_trade_or_labour_dispute_is_none(lang: str, text: str) -> None:
    """GUIDE.md: a truce between armed parties; a tariff, price or wage dispute has none."""
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El gobierno anunció un alto el fuego para frenar la violencia en la región."),
    ("fr", "Le gouvernement a annoncé un cessez-le-feu pour mettre fin aux violences dans le nord."),
])
def test_violence_is_no_breach(lang: str, text: str) -> None:
    """'violencia', 'violences' share the stem of 'violar', 'violer' (to breach) but breach nothing."""
    assert statuses(text, lang, "ceasefire") == {"announced"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Ambos bandos violaron la tregua a las pocas horas."),
    ("es", "La ONU denunció nuevas violaciones del alto el fuego."),
    ("fr", "Les rebelles ont violé le cessez-le-feu dès le premier soir."),
    ("fr", "L'armée dénonce des violations de la trêve."),
])
def test_a_breach_in_spanish_and_french_is_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The foreign minister says that his country is not seeking a ceasefire with the rebels."),
    ("de", "Die Regierung will keine Waffenruhe mit den Rebellen, sagte der Sprecher."),
    ("es", "El gobierno no busca una tregua con la guerrilla, dijo el ministro."),
    ("fr", "Le gouvernement ne veut pas d'un cessez-le-feu avec les rebelles."),
    ("it", "Il governo non vuole una tregua con i ribelli, ha detto il ministro."),
    ("ru", "Правительство не хочет перемирия с боевиками, заявил министр."),
])
def test_a_call_word_negated_is_a_rejection(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"rejected"}, text


def test_a_refusal_whose_particle_is_beyond_the_gap_is_read() -> None:
    text = ("Der Kreml wies den Vorschlag der Vermittler für eine Waffenruhe über die Feiertage "
            "als reine Propaganda zurück.")
    assert statuses(text, "de", "ceasefire") == {"called_for", "rejected"}


@pytest.mark.parametrize("text", [
    "Der Sprecher wies darauf hin, dass die Waffenruhe an der Grenze eingehalten werde.",
    "Der Präsident wies die Armee an, die Waffenruhe an der Grenze einzuhalten.",
])
def test_wies_pointing_out_or_instructing_is_no_refusal(text: str) -> None:
    assert "rejected" not in statuses(text, "de", "ceasefire"), text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Militants fired rockets at the town during the Eid truce, the army said."),
    ("de", "Während der Waffenruhe beschossen Milizen ein Dorf an der Grenze."),
    ("fr", "Des drones ont visé une raffinerie en pleine trêve, selon Kiev."),
    ("it", "Un'autobomba è esplosa a Kabul durante la tregua per la festa."),
    ("es", "Los rebeldes lanzaron cohetes durante la tregua, denunció el ejército."),
    ("ru", "Во время перемирия боевики нанесли удары по городу."),
])
def test_attacks_during_a_truce_are_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text


def test_an_exchange_during_a_truce_is_no_breach() -> None:
    text = "Die beiden Armeen tauschten während einer kurzen Feuerpause Gefangene aus."
    assert "violated" not in statuses(text, "de", "ceasefire")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The truce between the militias lasted only a week."),
    ("de", "Die Waffenruhe hielt nur wenige Stunden."),
    ("fr", "Le cessez-le-feu a volé en éclats lundi soir."),
    ("it", "La tregua tra le milizie è durata appena tre giorni."),
    ("es", "La tregua duró apenas dos días."),
    ("ru", "Перемирие продержалось всего два дня."),
])
def test_a_truce_that_lasted_only_briefly_is_violated(lang: str, text: str) -> None:
    assert "violated" in statuses(text, lang, "ceasefire"), text


def test_a_refusal_with_a_preposition_like_a_particle_is_read() -> None:
    """'nach', 'an' after 'weist' are prepositions here, not the particles of 'nachweisen', 'anweisen'."""
    assert statuses("Israel weist Forderung nach Waffenruhe zurück", "de", "ceasefire") == {"called_for", "rejected"}
    text = "Die Regierung weist die Forderungen an Israel nach einer Waffenruhe zurück."
    assert "rejected" in statuses(text, "de", "ceasefire")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "A ceasefire between the two countries, mediated by Qatar, comes into effect at midnight."),
    ("fr", "Le cessez-le-feu, négocié par la Turquie, est entré en vigueur à minuit."),
    ("it", "Il cessate il fuoco, mediato dall'Egitto, è entrato in vigore a mezzanotte."),
    ("es", "El alto el fuego, negociado por Catar, entró en vigor a medianoche."),
    ("de", "Die von Katar vermittelte Waffenruhe trat um Mitternacht in Kraft."),
    ("ru", "Перемирие, заключённое при посредничестве Катара, вступило в силу в полночь."),
])
def test_a_truce_reached_through_mediation_is_announced(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == {"announced"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "La tregua de 2022 en Yemen, mediada por la ONU, redujo el número de víctimas."),
    ("it", "La tregua del 2014, mediata dall'Egitto, è ricordata come un modello."),
    ("en", "The 2014 truce, brokered by Egypt, is often cited as a model."),
])
def test_a_past_truce_named_by_its_year_stays_background(lang: str, text: str) -> None:
    assert statuses(text, lang, "ceasefire") == set(), text


def test_an_offer_refused_two_sentences_later_is_no_refusal_of_it_in_a_long_article() -> None:
    """The sentence right after the offer decides, not the next one that holds a candidate of any type."""
    from detectors.contracts import Article
    from detectors.pipeline import CONTEXT_SENTENCES
    from tests.unit.detectors.rule_stage import rules_pipeline

    lead = " ".join(f"Paragraph {k} of the report covers the weather." for k in range(CONTEXT_SENTENCES))
    text = (lead + " Washington proposed a thirty-day truce on Monday. Fighting went on overnight in the east. "
            "At talks with President Macron in Paris, President Zelensky rejected the offer. "
            "The weather service warned of storms.")
    dets = rules_pipeline().detect(Article.create(text, language="en"))
    assert {d.status for d in dets if d.type == "ceasefire"} == {"called_for"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Milizen stellten in der Nacht zum Sonntag das Feuer ein."),
    ("en", "Government troops ceased firing on the besieged town on Sunday."),
    ("fr", "Les deux armées ont cessé le feu dimanche matin."),
    ("es", "Los paramilitares cesaron el fuego en la frontera el domingo."),
    ("it", "Le milizie hanno cessato il fuoco domenica mattina."),
    ("ru", "Ополченцы прекратили стрельбу в воскресенье утром."),
])
def test_a_party_that_stops_firing_announces_a_truce(lang: str, text: str) -> None:
    """A finite truce verb (the lexicons' ``enacted`` forms) with no other cue: the truce is implemented."""
    assert statuses(text, lang, "ceasefire") == {"announced"}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Milizen haben das Feuer trotz aller Appelle nicht eingestellt."),
    ("en", "Government troops have not ceased firing on the besieged town."),
    ("fr", "Les deux armées n'ont pas cessé le feu."),
])
def test_a_party_that_did_not_stop_firing_announces_nothing(lang: str, text: str) -> None:
    assert "announced" not in statuses(text, lang, "ceasefire"), text
