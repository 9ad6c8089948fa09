"""German and English lexicons (issue 12, real news): every pattern can match the tokens the tokenizer makes,
and the kinds of sense, modality and name they were changed for. Sentences written for these tests in the
style of news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detectors.engine import build_engine
from tests.unit.detectors.rule_candidates import actors, candidates, lexicon_patterns, statuses

LEXICONS = Path(__file__).resolve().parents[3] / "detectors" / "lexicons"
LANGS = ("de", "en")
FILES = ("meeting.json", "ceasefire.json", "common.json")


def _words(pattern: str) -> list[str]:
    return [e.lstrip("=").strip("*") for e in pattern.split() if e not in ("...", "<p>")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_pattern_matches_whole_tokens(lang: str) -> None:
    """An element must be one token: "vice-president", "secretary-general", "get-together" and "cease-fire"
    never matched (the tokenizer makes "vice" "-" "president"); a hyphen is its own element. The text is
    followed by a word, as in running text, and tried in the cases news writes ("Mr.", "U.S.")."""
    tokenizer = build_engine(lang).nlp.tokenizer
    dead = []
    for name in FILES:
        for pattern in lexicon_patterns(json.loads((LEXICONS / lang / name).read_text(encoding="utf-8"))):
            words = [w for w in _words(pattern) if w]
            if not words:
                continue
            # as news writes it: lowercase, capitalised ("Mr."), or in capitals ("U.S.")
            made = [[t.text for t in tokenizer(" ".join(case(w) for w in words) + " Wort")]
                    for case in (str.lower, str.capitalize, str.upper)]
            if all(len(m) != len(words) + 1 for m in made):
                dead.append((name, pattern, made[0]))
    assert not dead


FOUND = [
    # hyphenated words of English news, tokenized apart
    ("en", "The vice-president held talks with the Brazilian delegation in Brasilia."),
    ("en", "The UN secretary-general met the foreign minister of Qatar in Doha."),
    ("en", "The president-elect will host a get-together of Gulf leaders next month."),
    # two lone names joined by "und"/"and", one of them also a small town's name in the gazetteer
    ("de", "Trump und Kim wollen sich in Singapur treffen"),
    ("en", "Modi and Abe held talks in Tokyo on Monday."),
    # a trip named by a compound ("auf Asien-Reise", "Afrikareise")
    ("de", "Die Außenministerin ist derzeit mit einer Wirtschaftsdelegation auf Asien-Reise."),
    ("de", "Der Außenminister bricht zu einer Afrikareise auf."),
    # a talks report that names its participants by rank or by name only
    ("en", "The two leaders discussed bilateral cooperation and the situation in the region."),
    ("en", "Vladimir Putin and Nikol Pashinyan discussed the situation on the border."),
]


@pytest.mark.parametrize(("lang", "text"), FOUND)
def test_a_meeting_is_a_candidate(lang: str, text: str) -> None:
    assert candidates(text, lang), text


NOT_FOUND = [
    ("de", "Die Familie plant im Sommer eine Asien-Reise."),
    ("de", "Viele Urlauber haben ihre Mallorca-Reisen wegen der Hitze storniert."),
    ("en", "The cabinet discussed the budget on Tuesday."),
    ("en", "The company discussed its quarterly results with analysts."),
    # "meet" = satisfy, and negotiations as a deal's background
    ("en", "The treaty meets the interests of both nations, the president said in his message to the king."),
    ("en", "The defence minister said the army was close to meeting its objectives in the region."),
    ("en", "The two countries signed a trade agreement after eleven years of negotiations, the minister said."),
    ("en", "The prime minister chaired the annual meeting of the Science Ministry Board."),
    ("en", "The president of the football federation met the coach of the national team on Monday."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_another_sense_is_no_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), text


def test_a_lone_surname_that_is_a_town_is_a_participant() -> None:
    """"Kim" is a town in the gazetteer: joined by "und" to a person's name it is the other person."""
    assert {"Trump", "Kim"} <= actors("Trump und Kim wollen sich in Singapur treffen", "de")


def test_a_town_after_a_place_preposition_stays_a_place() -> None:
    assert "Kim" not in actors("Merkel und Macron treffen sich in Kim", "de")


def test_the_first_part_of_a_hyphenated_place_is_no_person() -> None:
    """The tokenizer splits "Nagorno-Karabakh": "Nagorno" was a person."""
    text = "Vladimir Putin and Nikol Pashinyan discussed the agreements on Nagorno-Karabakh."
    assert "Nagorno" not in actors(text, "en")


def test_a_hyphenated_title_gives_the_level() -> None:
    """"secretary-general" was a dead title: the meeting's level stayed "other"."""
    text = "The secretary-general held talks with the mayor on Monday."
    assert {c.level for _s, c in candidates(text, "en")} == {"high"}, text


def test_a_hyphenated_ceasefire_is_a_candidate() -> None:
    assert candidates("The two sides agreed a cease-fire on Sunday.", "en", "ceasefire")


STATUS = [
    ("de", "Trump und Kim wollen sich in Singapur treffen", "planned"),
    # present tense and a weekday: German news reports past meetings in a past tense ("scheduled" cue)
    ("de", "Die Innenminister der Länder beraten am Donnerstag mit dem Bundesinnenminister über die Grenzen.",
     "planned"),
    ("de", "Der Kanzler trifft am Freitag den polnischen Regierungschef in Warschau.", "planned"),
    ("de", "Der Kanzler hat am Freitag den polnischen Regierungschef in Warschau getroffen.", "held"),
    ("de", "Die Außenminister kamen am Montag in Brüssel zusammen.", "held"),
    # the perfect of "fortsetzen" reports talks held ("sollen fortgesetzt werden" stays planned by its modal)
    ("de", "Union und SPD haben am Sonntag ihre Koalitionsverhandlungen fortgesetzt.", "held"),
    ("de", "Der Ministerpräsident blieb dem Gipfel der Regierungschefs fern.", "rejected"),
    ("en", "The foreign minister skipped the meeting with his Iranian counterpart.", "rejected"),
    ("en", "The opposition leader failed to attend the peace negotiations in Riyadh.", "rejected"),
    ("en", "The two leaders will discuss trade and security.", "planned"),
    ("en", "The president ruled out talks with the rebels, ruling out any meeting before the vote.", "rejected"),
    ("en", "The rebels said they were open to talks with the government.", "called_for"),
    # proposing a meeting: "regte … an", "setzte auf Gespräche"
    ("de", "Der Generalsekretär regte ein Treffen der Außenminister beider Länder in Genf an.", "called_for"),
    ("de", "Der Präsident setzte auf Gespräche mit den Rebellen.", "called_for"),
]


def test_a_refused_invitation_is_rejected() -> None:
    assert "rejected" in statuses("Der Präsident schlug die Einladung zu Gesprächen mit der Opposition aus.", "de")


@pytest.mark.parametrize(("lang", "text", "status"), STATUS)
def test_the_cues_give_the_status(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang) == {status}, text
