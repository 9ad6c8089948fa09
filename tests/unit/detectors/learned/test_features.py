"""The neighbouring sentences' features are read once per sentence (a memo in ``Sentence.cache``) and are the
same as read afresh. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.arguments import extract
from detectors.engine import build_engine
from detectors.governing import governing
from detectors.learned import features
from detectors.learned.features import neighbour_context
from tests.unit.detectors.rule_candidates import sentences

TEXT = ("Bundespräsident Steinmeier hat den italienischen Präsidenten Sergio Mattarella empfangen.\n"
        "Die Unterredung dauerte zwei Stunden.\n"
        "Danach trafen sich die beiden Delegationen zu Gesprächen im Schloss Bellevue.")


def test_a_sentence_beside_two_candidates_is_read_once_and_as_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = build_engine("de")
    det = next(d for d in engine.detectors if d.type == "meeting")
    first, middle, last = sentences(TEXT, "de")
    known = {"steinmeier", "sergio", "mattarella"}
    calls: list[str] = []

    def counting(sent, res, trigger, names):  # the real extract, counted
        calls.append(sent.text)
        return extract(sent, res, trigger, names)

    monkeypatch.setattr(features, "extract", counting)
    own_first = extract(first, engine.res, (0, 1), known)
    own_last = extract(last, engine.res, (1, 2), known)
    # the middle sentence is the neighbour of the candidates before and after it
    a = neighbour_context(det, [("n", middle)], engine.res, known, own_first)
    b = neighbour_context(det, [("p", middle)], engine.res, known, own_last)
    assert calls.count(middle.text) == 1
    assert [x[3:] for x in a] == [x[3:] for x in b if x != "nb:fill"]  # the same labels, each on its side
    # as read afresh, on sentences with empty caches
    fresh = sentences(TEXT, "de")
    assert a == neighbour_context(det, [("n", fresh[1])], engine.res, known, own_first)
    assert b == neighbour_context(det, [("p", fresh[1])], engine.res, known, own_last)
    # the middle's candidates see the first sentence, which names two presidents
    own_middle = extract(middle, engine.res, (1, 2), known)
    around = neighbour_context(det, [("p", first), ("n", last)], engine.res, known, own_middle)
    assert {"nbp:person", "nbp:high", "nbp:trig", "nb:fill"} <= set(around), around


def test_another_set_of_known_names_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = build_engine("de")
    det = next(d for d in engine.detectors if d.type == "meeting")
    _first, middle, _last = sentences(TEXT, "de")
    calls: list[str] = []

    def counting(sent, res, trigger, names):
        calls.append(sent.text)
        return extract(sent, res, trigger, names)

    monkeypatch.setattr(features, "extract", counting)
    own = extract(middle, engine.res, (1, 2), set())
    neighbour_context(det, [("n", middle)], engine.res, {"steinmeier"}, own)
    neighbour_context(det, [("n", middle)], engine.res, {"steinmeier"}, own)  # equal, but not this article's set
    assert calls.count(middle.text) == 2


def _governing(text: str, lang: str, trigger: str) -> str | None:
    engine = build_engine(lang)
    det = next(d for d in engine.detectors if d.type == "meeting")
    (sent,) = sentences(text, lang)
    trig = next(m for m in det.triggers.in_sentence(sent) if sent.lowers[m.start].startswith(trigger))
    labels = features.cue_labels(det, sent, (trig.start, trig.end))[1]
    gov = [x for x in labels if x.startswith("gov:")]
    assert gov == ([f"gov:{governing(det, sent, det.cues.find(sent), (trig.start, trig.end))}"]
                   if gov else [])
    return gov[0].split(":", 1)[1] if gov else None


@pytest.mark.parametrize(("lang", "text", "trigger", "label"), [
    # an appeal, a refusal or a plan whose infinitive is the meeting, across a comma or several words
    ("en", "Palestinian groups urged Fatah and Hamas to hold reconciliation talks in Algiers.", "talks", "called_for"),
    ("de", "Der Bundespräsident appelliert an die Parteien, Gespräche über eine Regierungsbildung aufzunehmen.",
     "gespräche", "called_for"),
    ("de", "Der Premier weigerte sich, die Vertreter der streikenden Ärzte zu empfangen.", "empfangen", "rejected"),
    ("fr", "Le président a refusé de rencontrer le chef de l'opposition.", "rencontr", "rejected"),
    ("ru", "Лидеры суданских партий призвали армию вернуться к переговорам в Джидде.", "переговор", "called_for"),
    # a finite meeting verb, or a cue after the trigger, governs nothing
    ("en", "Merkel met Putin in Sochi and urged him to end the war.", "met", None),
    ("de", "Scholz traf Macron in Paris.", "traf", None),
])
def test_a_cue_governing_the_meeting_through_an_infinitive_is_a_feature(lang: str, text: str, trigger: str,
                                                                        label: str | None) -> None:
    assert _governing(text, lang, trigger) == label


def test_the_exclude_gate_is_off_for_a_meeting_word_inside_the_exclusion_gap() -> None:
    engine = build_engine("de")
    det = next(d for d in engine.detectors if d.type == "meeting")
    sent = sentences("Die Entscheidung wurde beim Gipfel in Brüssel getroffen.", "de")[0]
    found = {sent.lowers[m.start]: (m.start, m.end) for m in det.triggers.in_sentence(sent)}
    assert features.gate_flags(det, sent, found["gipfel"])["exclude"] == (True, False)
    assert features.gate_flags(det, sent, found["getroffen"])["exclude"] == (True, True)
