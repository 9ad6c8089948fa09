"""Session 11 real-news kinds of issue 12: a conference or an assembly named only in an office ("die Vorsitzende
der Rektorenkonferenz", "President of the UN General Assembly"), an interview with a newspaper ("in einem
Gespräch mit der Tageszeitung …") and general meetings of societies are no meeting. The sentences are written
for these tests in the style of news."""

from __future__ import annotations

from functools import cache

import pytest

from detectors.contracts import Article
from detectors.pipeline import Pipeline


@cache
def _rules(lang: str) -> Pipeline:
    return Pipeline.load(languages=[lang], stage="rules")


def _meetings(text: str, lang: str) -> list[str]:
    dets = _rules(lang).detect(Article.create(text, language=lang))
    return [d.status for d in dets if d.type == "meeting"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Die neue Vorsitzende der Rektorenkonferenz, Anna Berger, verlangt mehr Geld für die Universitäten.", "de"),
    ("Laut dem Präsidenten der Innenministerkonferenz, Karl Huber (CDU), fehlen tausend Polizisten.", "de"),
    ("Der frühere Außenminister und Präsident der Uno-Vollversammlung bewirbt sich um das Amt.", "de"),
    ("Die Sprecherin der Bischofskonferenz wies die Vorwürfe am Montag zurück.", "de"),
    ("Das sei nicht seine Aufgabe, sagte Minister Peter Lang in einem Gespräch mit der Wiener Tageszeitung Kurier.",
     "de"),
    ("Die Regierung habe versagt, sagte der Außenminister in einem Gespräch mit dem Nachrichtenmagazin Profil.", "de"),
    ("The former foreign minister, a past President of the UN General Assembly, is running for the post.", "en"),
    ("President Putin sent greetings to the general meeting of the Russian Geographical Society.", "en"),
])
def test_an_office_or_an_interview_is_no_meeting(text: str, lang: str) -> None:
    assert _meetings(text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    # the conference itself, with its participants, stays a meeting
    ("Die Innenminister der Länder berieten am Freitag auf der Innenministerkonferenz in Bremen über Abschiebungen.",
     "de"),
    ("Der Präsident traf am Rande der Konferenz den chinesischen Außenminister Wang Yi.", "de"),
    ("Merkel sprach in einem Gespräch mit Macron über die Lage in Libyen.", "de"),
    ("Putin met the President of the UN General Assembly in Moscow on Tuesday.", "en"),
    ("Foreign ministers met at a conference in Geneva on Monday to discuss the war in Syria.", "en"),
])
def test_the_meeting_itself_is_still_found(text: str, lang: str) -> None:
    assert _meetings(text, lang)
