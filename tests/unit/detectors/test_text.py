"""Sentence.from_tokens, from the doc's IDX and LENGTH arrays as the pipeline slices them, builds the same sentence
as Sentence.from_span on spaCy's tokens — on texts with odd spacing, non-BMP characters, combining marks, scripts
of every lexicon language. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.attrs import IDX, LENGTH

from detectors.engine import build_engine
from detectors.text import Sentence, sentence_ranges

TEXTS = [
    ("de", "Außenministerin  Baerbock traf\tam Montag Wang Yi.\n\nDas Gespräch 🤝 dauerte zwei Stunden … sagte sie."),
    ("en", "U.S. President Biden met Erdoğan in Ankara. \u00a0They discussed the cease-fire (again)!"),
    ("fr", "Le chef de l'État s'est entretenu avec l'ambassadeur d'Iran.\r\nAucun accord n'a été annoncé."),
    ("ru", "Президент России Владимир Путин встретился с Эрдоганом.  Переговоры прошли в Анкаре."),
    ("es", "El presidente se entrevistó con el enviado de la ONU.\u2028Luego viajó a Caracas."),
    ("it", "Il premier e\u0301 partito per Doha, dove riprenderanno i negoziati."),
]


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_sentences_from_the_token_arrays_are_those_from_the_span(lang: str, text: str) -> None:
    engine = build_engine(lang)
    doc = engine.nlp.tokenizer(text)
    starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
    ranges = sentence_ranges(sorted({0} | {t.i + 1 for t in doc if t.is_punct and t.i + 1 < len(doc)}), len(doc),
                             {t.i for t in doc if t.is_space})
    assert ranges
    for a, b in ranges:
        words = [text[i:i + n] for i, n in zip(starts[a:b], lengths[a:b], strict=True)]
        new = Sentence.from_tokens(a, b, words, starts[a:b], text, engine.lemma_table)
        old = Sentence.from_span(doc[a:b], text, engine.lemma_table)
        assert new == old
        assert new.texts == [t.text for t in doc[a:b]]


def _sentence(words: list[str]) -> Sentence:
    text = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:k]) for k in range(len(words))]
    return Sentence.from_tokens(0, len(words), words, starts, text, None)


class _Owner:
    """Stands for a pattern set or a detector: compared by identity only."""


def test_memo_computes_once_per_sentence_name_and_owners() -> None:
    calls: list[str] = []

    def count(sent: Sentence) -> int:
        calls.append(sent.text)
        return len(sent)

    one, two = _sentence(["Merkel", "traf", "Macron"]), _sentence(["Die", "Gespräche", "dauerten", "lange"])
    owner, other = _Owner(), _Owner()
    assert one.memo("n", (owner,), count, one) == 3
    assert one.memo("n", (owner,), count, one) == 3  # remembered
    assert calls == ["Merkel traf Macron"]
    # another sentence with the same name and owner computes its own value: nothing leaks across sentences
    assert two.memo("n", (owner,), count, two) == 4
    assert one.memo("n", (owner,), count, one) == 3
    # another owner, or another name, is another entry
    assert one.memo("n", (other,), lambda: -1) == -1
    assert one.memo("m", (owner,), lambda: -2) == -2
    assert one.memo("n", (owner,), count, one) == 3
    assert calls == ["Merkel traf Macron", "Die Gespräche dauerten lange"]


def test_memo_checks_its_owners_by_identity_not_by_id() -> None:
    sent = _sentence(["Waffenruhe", "verkündet"])
    known = {"Haftar"}
    assert sent.memo("nb", (known,), lambda: "first") == "first"
    # an equal but distinct owner is another owner
    assert sent.memo("nb", ({"Haftar"},), lambda: "equal") == "equal"
    # an entry whose id was taken over by another object (as after the old owner died) is not reused
    (key,) = [k for k in sent.cache if k == ("nb", id(known))]
    sent.cache[key] = ((object(),), "stale")
    assert sent.memo("nb", (known,), lambda: "fresh") == "fresh"
    assert sent.memo("nb", (known,), lambda: "again") == "fresh"


def _spaced(texts: list[str], text: str) -> Sentence:
    """A sentence of ``texts`` at their offsets in ``text`` (a dash glued to its neighbours or not)."""
    starts, at = [], 0
    for t in texts:
        at = text.index(t, at)
        starts.append(at)
        at += len(t)
    return Sentence.from_tokens(0, len(texts), texts, starts, text, None)


def test_a_dash_glued_to_the_words_either_side_is_no_clause_break() -> None:
    """"the Iran–U.S. ceasefire", "a 48–hour truce": one clause; a spaced dash ("strikes – a breach –") breaks."""
    glued = _spaced(["violations", "of", "the", "Iran", "–", "U.S.", "ceasefire"],
                    "violations of the Iran–U.S. ceasefire")
    assert glued.clause(6, 7) == (0, 7)
    spaced = _spaced(["strikes", "–", "a", "breach", "–", "hit"], "strikes – a breach – hit")
    assert spaced.clause(2, 4) == (2, 4)
