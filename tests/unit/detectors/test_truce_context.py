"""Casualties counted since a truce, denials, fighting resumed and cessations with no truce word (session 22,
cease6; detectors.truce_context, ``resumed`` in the ceasefire lexicons). GUIDE.md's ceasefire table and the corpus
README; sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "At least 300 people have been killed since the ceasefire took effect."),
    ("en", "More than 200 civilians have died in strikes since the start of the ceasefire."),
    ("de", "Seit Beginn der Waffenruhe wurden mehr als 300 Menschen getötet."),
    ("de", "Seit Inkrafttreten der Feuerpause sind mindestens 40 Zivilisten ums Leben gekommen."),
    ("es", "Más de 300 personas han muerto desde que entró en vigor el alto el fuego."),
    ("es", "Desde el inicio de la tregua, al menos 50 civiles han sido asesinados."),
    ("fr", "Plus de 300 personnes ont été tuées depuis l'entrée en vigueur du cessez-le-feu."),
    ("it", "Più di 300 persone sono state uccise dall'inizio della tregua."),
    ("it", "Dall'entrata in vigore del cessate il fuoco almeno 50 civili sono morti."),
    ("ru", "С момента вступления в силу перемирия погибли более 300 человек."),
])
def test_casualties_since_a_truce_are_a_breach(lang: str, text: str) -> None:
    """Corpus README: people killed since a truce tell its breach (violated), not a background mention."""
    assert statuses(text, lang, "ceasefire") == {"violated"}, text


@pytest.mark.parametrize(("lang", "text", "status"), [
    ("en", "No one has been killed since the ceasefire took effect.", set()),  # negated: no breach
    ("en", "The ceasefire has largely held since it took effect in May.", {"announced"}),
    ("en", "The border has been calm since the 2020 truce.", set()),
])
def test_since_without_casualties_stays_as_it_was(lang: str, text: str, status: set[str]) -> None:
    assert statuses(text, lang, "ceasefire") == status, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kyiv denied that it had agreed to a ceasefire."),
    ("en", "The army denied reports of a truce."),
    ("de", "Die Regierung bestritt, einer Waffenruhe zugestimmt zu haben."),
    ("es", "El gobierno negó haber pactado una tregua con la guerrilla."),
    ("fr", "Le gouvernement a démenti avoir accepté un cessez-le-feu."),
    ("it", "Il governo ha smentito di aver accettato una tregua."),
    ("ru", "Киев опроверг сообщения о согласии на перемирие."),
])
def test_a_denied_announcement_is_no_event(lang: str, text: str) -> None:
    """The announcement denied did not come about (es-anc-0196's kind: "negó … que … haya alcanzado … una tregua")."""
    assert statuses(text, lang, "ceasefire") == set(), text


def test_denying_the_truce_itself_rejects_it() -> None:
    assert statuses("Cambodia denies the truce announced by the United States.", "en", "ceasefire") == {"rejected"}
    assert statuses("Israel niega la tregua anunciada por Egipto.", "es", "ceasefire") == {"rejected"}


def test_a_denied_breach_is_still_told() -> None:
    """es-team-c3-0123's kind: denying having broken the truce reports the breach alleged (violated)."""
    text = "La guerrilla negó haber roto la tregua y atribuyó el ataque a disidencias."
    assert statuses(text, "es", "ceasefire") == {"violated"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The UN voiced concern over the resumption of hostilities in the Gaza Strip."),
    ("de", "Die UNO zeigte sich besorgt über die Wiederaufnahme der Kampfhandlungen im Gazastreifen."),
    ("es", "La ONU expresó su preocupación por la reanudación de las hostilidades en Gaza."),
    ("fr", "L'ONU s'est inquiétée de la reprise des hostilités dans la bande de Gaza."),
    ("it", "L'Onu ha espresso preoccupazione per la ripresa delle ostilità a Gaza."),
    ("ru", "Выражена озабоченность в связи с возобновлением боевых действий в секторе Газа."),
])
def test_fighting_resumed_with_no_truce_word_is_a_breach(lang: str, text: str) -> None:
    """GUIDE.md violated: "fighting resumes despite it"; the resumption tells a truce that ended (ru-krbody-0123)."""
    assert statuses(text, lang, "ceasefire") == {"violated"}, text


@pytest.mark.parametrize(("lang", "text", "status"), [
    ("en", "The UN urged an end to hostilities.", "called_for"),
    ("en", "Both sides agreed to a pause in hostilities.", "announced"),
    ("de", "Der Papst rief zu einem Ende der Feindseligkeiten auf.", "called_for"),
    ("es", "La ONU pidió el fin de las hostilidades.", "called_for"),
    ("fr", "L'ONU a demandé la cessation de toutes les hostilités.", "called_for"),
    ("it", "L'Unione Africana ha chiesto il blocco immediato delle ostilità.", "called_for"),
])
def test_cessations_with_no_truce_word(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang, "ceasefire") == {status}, text


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The tribes issued an ultimatum to the insurgents under the threat of a resumption of hostilities."),
    ("de", "Die Regierung warnte vor einer Wiederaufnahme der Kampfhandlungen."),
    ("fr", "L'ONU redoute une reprise des hostilités dans la région."),
    ("ru", "Эксперты предупреждают об угрозе возобновления боевых действий."),
])
def test_a_feared_or_threatened_resumption_is_no_breach(lang: str, text: str) -> None:
    """A threat or a fear of resumed fighting (``hypothetical`` cues before the trigger) tells no truce that ended."""
    assert statuses(text, lang, "ceasefire") == set(), text


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Nous pensons aux morts de l'opération, qui depuis quinze ans sécurisent sans trêve la région."),
    ("es", "Los soldados, muertos desde entonces, lucharon sin tregua contra el narcotráfico."),
    ("it", "I volontari, feriti dal crollo, hanno lavorato senza tregua."),
])
def test_without_respite_is_no_truce(lang: str, text: str) -> None:
    """"sans trêve", "sin tregua", "senza tregua": relentlessly, no truce (fr-vp-0108's kind)."""
    assert statuses(text, lang, "ceasefire") == set(), text


def test_an_end_cue_counts_words_not_the_pieces_of_a_glued_dash() -> None:
    """en-wcep-0196's kind: "ending the 48–hour ceasefire" is two words from the trigger, not four tokens."""
    text = "Pakistan carries out airstrikes in Paktia, killing ten people, ending the 48–hour ceasefire which started."
    assert statuses(text, "en", "ceasefire") == {"violated"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hamas meets mediators to discuss implementing the first phase of the ceasefire signed in October."),
    ("en", "The UN urged both sides to respect the ceasefire agreed last week."),
])
def test_a_call_about_a_truce_named_by_its_participle_is_called_for(lang: str, text: str) -> None:
    """The announcing participle after the trigger names the truce; the call before it is the development."""
    assert statuses(text, lang, "ceasefire") == {"called_for"}, text
    assert statuses("The ceasefire signed in October took effect on Monday.", "en", "ceasefire") == {"announced"}


@pytest.mark.parametrize("text", [
    "Nach Vermittlung Katars soll ab Freitagmorgen eine viertägige Feuerpause gelten.",
    "Die Parteien haben sich unter Vermittlung der Afrikanischen Union auf eine Waffenruhe verständigt.",
])
def test_a_german_verb_after_the_truce_is_its_development(text: str) -> None:
    """German puts the finite verb after the noun: no naming participle, the truce is announced."""
    assert statuses(text, "de", "ceasefire") == {"announced"}, text


def test_laying_down_arms_is_no_truce_in_english() -> None:
    """en-plover-reject-0023 (gold []): a call to lay down arms is disarmament, not a ceasefire."""
    text = "Rebels dismissed an appeal from the president to lay down their arms."
    assert statuses(text, "en", "ceasefire") == set()


def test_an_agreement_before_the_named_truce_keeps_it_announced() -> None:
    """en-wcep-0041's kind: an announcing cue before the trigger is the development; a call cue elsewhere no call."""
    text = "Mediators and Hamas reach an agreement to implement the second phase of the ceasefire signed in October."
    assert statuses(text, "en", "ceasefire") == {"announced"}


def test_a_threatened_resumption_reads_nothing_else() -> None:
    text = "The tribes demand that the hostages held there be released under the threat of a resumption of hostilities."
    assert statuses(text, "en", "ceasefire") == set()


def test_the_learned_stage_is_gated_on_a_threatened_resumption() -> None:
    """en-wcep-0112's kind: the learned stage read violated where the rules read nothing; the gate drops it."""
    from detectors.engine import build_engine
    from detectors.learned.features import gate_flags
    from tests.unit.detectors.rule_candidates import sentences

    det = next(d for d in build_engine("en").detectors if d.type == "ceasefire")
    for text, gated in (("They issued an ultimatum under the threat of a resumption of hostilities.", True),
                        ("The UN voiced concern over the resumption of hostilities.", False)):
        sent = sentences(text, "en")[0]
        trig = det.triggers.in_sentence(sent)[0]
        assert ("anniversary" in gate_flags(det, sent, (trig.start, trig.end))) is gated, text
