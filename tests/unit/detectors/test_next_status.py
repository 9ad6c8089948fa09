"""A meeting's status told in the next sentence (``detectors.next_status``): a reference back to the event and a
predicate of its fate, in every lexicon language; the rules and the learned stage's decision both read it.
Sentences written for these tests in the style of news."""

from __future__ import annotations

import numpy as np
import pytest

from detectors.contracts import Article
from detectors.learned.model import LinearModel
from detectors.learned.stage import decide_one
from detectors.next_status import retell, told_status
from tests.unit.detectors.rule_candidates import candidates
from tests.unit.detectors.rule_stage import rules_pipeline


def first_statuses(text: str, lang: str) -> set[str]:
    """The rule statuses of the meetings of the text's first sentence."""
    return {c.status for s, c in candidates(text, lang) if s.first == 0}


AHEAD = [
    ("de", "Im Mittelpunkt steht die Berliner Konferenz mit Präsident Erdogan und Kanzlerin Merkel. "
           "Ein Regierungssprecher sagte, dass sie im Januar stattfinden soll."),
    ("de", "Die Gespräche zwischen Außenministerin Baerbock und Außenminister Lawrow gelten als heikel. "
           "Am Montag sollen sie in Genf stattfinden."),
    ("en", "Talks between President Biden and President Xi top the agenda. "
           "They will take place in Bali, officials said."),
    ("en", "A summit of President Putin and President Erdogan draws attention in Ankara. The meeting is due in May."),
    ("fr", "La rencontre entre le président Macron et le chancelier Scholz suscite des attentes. "
           "Elle aura lieu à Berlin, selon l'Élysée."),
    ("es", "La cumbre entre el presidente Sánchez y el primer ministro de Marruecos despierta expectación. "
           "Se celebrará en Rabat el próximo mes."),
    ("it", "L'incontro tra il presidente Mattarella e il presidente Macron è al centro dell'attenzione. "
           "Si terrà al Quirinale, ha fatto sapere il Colle."),
    ("ru", "Переговоры президента Путина и президента Эрдогана вызывают большой интерес. Они состоятся в Сочи."),
]


@pytest.mark.parametrize(("lang", "text"), AHEAD)
def test_a_meeting_the_next_sentence_says_will_take_place_is_planned(lang: str, text: str) -> None:
    assert first_statuses(text, lang) == {"planned"}, text


CALLED_OFF = [
    ("de", "Präsident Macron wollte am Montag Kanzler Scholz in Berlin treffen. "
           "Das Treffen wurde kurzfristig abgesagt."),
    ("de", "Der Gipfel von Kanzler Scholz und Präsident Macron stand lange fest. Er fiel wegen eines Unwetters aus."),
    ("en", "Secretary of State Blinken was due to visit Beijing on Sunday. The trip was postponed after the incident."),
    ("en", "President Trump was to host President Putin in Washington. The White House called it off on Friday."),
    ("fr", "Le président Macron devait recevoir le président algérien à l'Élysée jeudi. "
           "La visite a été reportée sine die."),
    ("fr", "Le sommet devait réunir le président Macron et le président Tebboune à Alger. L'Élysée l'a annulé mardi."),
    ("es", "El presidente Petro tenía previsto reunirse con el presidente Maduro en Caracas. "
           "La reunión fue aplazada sin fecha."),
    ("it", "La premier Meloni doveva incontrare il presidente Erdogan ad Ankara. "
           "Il vertice è stato rinviato per motivi di sicurezza."),
    ("ru", "Президент Путин должен был встретиться с президентом Байденом в Женеве. Встреча была отменена."),
]


@pytest.mark.parametrize(("lang", "text"), CALLED_OFF)
def test_a_meeting_the_next_sentence_calls_off_is_rejected(lang: str, text: str) -> None:
    assert first_statuses(text, lang) == {"rejected"}, text


UNTOLD = [
    # the meeting took place: a later one is ahead
    ("de", "Kanzler Scholz traf Präsident Macron am Montag in Paris. Es soll im Mai wieder stattfinden."),
    # the next sentence names a meeting of its own
    ("de", "Die Gespräche zwischen Präsident Macron und Kanzler Scholz gelten als schwierig. "
           "Ein weiteres Treffen soll im März stattfinden."),
    # another kind of event stands between: the pronoun is the election's
    ("en", "Talks between President Biden and President Xi were overshadowed by the election. "
           "It will take place in November."),
    # the pronoun is the agent of a cancellation, not the event ("they suspended aid")
    ("en", "Talks between President Biden and President Xi focused on trade. They suspended tariffs on steel."),
    # an expletive: "il est prévu de …" tells nothing of the meeting
    ("fr", "La rencontre entre le président Macron et le chancelier Scholz suscite des attentes. "
           "Il est prévu de signer un accord sur l'énergie."),
    # a question
    ("it", "L'incontro tra il presidente Mattarella e il presidente Macron è al centro dell'attenzione. "
           "Si terrà davvero al Quirinale?"),
]


@pytest.mark.parametrize(("lang", "text"), UNTOLD)
def test_a_next_sentence_about_something_else_tells_no_status(lang: str, text: str) -> None:
    assert first_statuses(text, lang) == {"held"}, text


def test_the_rules_only_pipeline_reads_the_sentence_after_a_candidate_in_a_long_article() -> None:
    """The sentence after the candidate's, not the next one with a candidate: the pipeline builds it."""
    text = ("Präsident Macron wollte am Montag Kanzler Scholz in Berlin treffen. Das Treffen wurde abgesagt. "
            "In Paris sprach man von einem Missverständnis. Der Wetterdienst warnte vor Sturm.")
    dets = rules_pipeline().detect(Article.create(text, language="de"))
    assert {d.status for d in dets if d.type == "meeting"} == {"rejected"}


def test_retell_replaces_held_by_planned_and_held_or_planned_by_rejected() -> None:
    assert retell([("held", 0.7)], "planned") == [("planned", 0.7)]
    assert retell([("held", 0.7), ("planned", 0.6)], "rejected") == [("rejected", 0.7)]
    assert retell([("called_for", 0.7)], "rejected") == [("called_for", 0.7), ("rejected", 0.7)]
    assert retell([("held", 0.7)], None) == [("held", 0.7)]
    assert told_status(["rule:held", "next:planned"]) == "planned"
    assert told_status(["rule:held"]) is None


def test_the_learned_decision_takes_the_told_status_with_the_probability_of_the_one_it_replaces() -> None:
    outs = ("event", "status:held", "status:planned", "status:rejected")
    model = LinearModel("meeting", {}, np.zeros((0, 4), np.float32), np.zeros((0, 4), np.float32), np.zeros(4),
                        np.tile([1.0, 0.0], (4, 1)), outs, {"version": 3, "threshold": 0.35, "conditional": True})
    probs = np.array([0.8, 0.9, 0.1, 0.05])
    assert [d.status for d in decide_one(model, probs)] == ["held"]
    (dec,) = decide_one(model, probs, "planned")
    assert (dec.status, dec.confidence) == ("planned", pytest.approx(0.72))
    assert [d.status for d in decide_one(model, np.array([0.2, 0.9, 0.1, 0.05]), "planned")] == []  # no event


BESIDE_OFFICE_HOLDERS = [
    ("de", "Staatschef Gjorge Ivanov wollte mit seinen Amtskollegen an die Grenze reisen. "
           "Der Besuch wurde aus Sicherheitsgründen abgesagt."),
    ("en", "Foreign Minister Sergei Lavrov flew to Ankara on Monday. The trip was cut short by a storm."),
    ("fr", "Le président Emmanuel Macron est arrivé à Alger lundi soir. Ce déplacement était très attendu."),
    ("es", "El presidente Gustavo Petro llegó a Caracas el lunes. El viaje se prolongó hasta el martes."),
    ("it", "Il presidente Sergio Mattarella è arrivato a Parigi. Il viaggio è durato tre giorni."),
    ("ru", "Президент Владимир Путин прибыл в Анкару. Этот визит продлится два дня."),
]


@pytest.mark.parametrize(("lang", "text"), BESIDE_OFFICE_HOLDERS)
def test_a_definite_event_noun_after_an_office_holder_is_a_candidate(lang: str, text: str) -> None:
    """The references a next sentence uses ("der Besuch", "the trip") refer to a meeting whose participants another
    sentence names (the lexicon's ``anaphoric`` gate)."""
    found = candidates(text, lang)
    assert any(s.first > 0 for s, _c in found), text
