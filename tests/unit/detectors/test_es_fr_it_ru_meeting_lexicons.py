"""Spanish, French, Italian and Russian meeting lexicons (issue 12, real news): patterns that can match the
tokens the tokenizer makes, and the kinds of sense, modality and form they were changed for. Sentences
written for these tests in the style of news."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detectors.engine import build_engine
from tests.unit.detectors.rule_candidates import candidates, lexicon_patterns, statuses

LEXICONS = Path(__file__).resolve().parents[3] / "detectors" / "lexicons"
LANGS = ("es", "fr", "it", "ru")
_APOSTROPHES = ("'", "’")


def _as_text(pattern: str) -> tuple[str, int]:
    """The words a pattern matches, written as running text (an elided word glued to the next, as in
    "s'est"), and how many tokens it must make."""
    words = [e.lstrip("=").strip("*") for e in pattern.split() if e not in ("...", "<p>")]
    text, n = "", len(words)
    for k, w in enumerate(words):
        text += w if k == 0 or text.endswith(_APOSTROPHES) else " " + w
    if text.endswith(_APOSTROPHES):  # "lors d'": the elision needs a word after it
        text += "accord"
        n += 1
    return text, n


@pytest.mark.parametrize("lang", LANGS)
def test_every_event_pattern_matches_whole_tokens(lang: str) -> None:
    """An element must be one token: "s'est entretenu" as one element never matched (the tokenizer makes
    "s'" "est"), nor "=l'incontro"; each apostrophe form is its own pattern."""
    tokenizer = build_engine(lang).nlp.tokenizer
    dead = []
    for name in ("meeting.json", "ceasefire.json"):
        for pattern in lexicon_patterns(json.loads((LEXICONS / lang / name).read_text(encoding="utf-8"))):
            text, n = _as_text(pattern)
            if text and len(tokenizer(text)) != n:
                dead.append((name, pattern, [t.text for t in tokenizer(text)]))
    assert not dead


FOUND = [
    # "the two leaders discussed …": a talks report that names its participants only by rank
    ("fr", "Les deux présidents ont abordé la situation en Libye et la coopération énergétique."),
    ("es", "Ambos mandatarios repasaron la agenda bilateral y la cooperación en seguridad."),
    ("it", "I due leader hanno discusso della crisi energetica e della guerra in Ucraina."),
    # trips: "se rendre à", Russian "поездка"
    ("fr", "Le ministre des Affaires étrangères doit se rendre à Alger la semaine prochaine."),
    ("ru", "Поездка министра иностранных дел Китая в Вашингтон отложена."),
    # the Italian head of government's title is no cabinet session
    ("it", "Il presidente del Consiglio dei ministri ha avuto un colloquio telefonico con il cancelliere tedesco."),
    ("es", "El canciller se entrevistó el martes con su par brasileño en Brasilia."),
    # the accented present of "reunir" ("se reúnen") is no "reuni*"
    ("es", "Los cancilleres de Perú y Chile se reúnen hoy en Lima."),
    ("fr", "Le ministre a évoqué avec son homologue marocain la question migratoire."),
    # a press conference, an interview, a team or a congress elsewhere in the sentence is no reason to drop talks
    ("it", "In conferenza stampa dopo i colloqui con il suo omologo ugandese, il ministro ha parlato di sicurezza."),
    ("es", "El equipo negociador del Gobierno se reunió con los delegados del ELN en Caracas."),
    ("fr", "Le président a reçu les chefs de file du Congrès américain à la Maison-Blanche."),
    ("fr", "Le président gabonais a été reçu en audience par le pape François au Vatican."),
    ("fr", "Le Conseil européen a procédé à un échange de vues avec le secrétaire général de l'OTAN."),
    ("es", "Antes de su entrevista con el presidente Lula, el canciller visitó el Congreso."),
]


@pytest.mark.parametrize(("lang", "text"), FOUND)
def test_a_meeting_is_a_candidate(lang: str, text: str) -> None:
    assert candidates(text, lang), text


NOT_FOUND = [
    ("fr", "La sénatrice entretient de bonnes relations avec le président de la région."),
    ("fr", "Le club espère monter aux sommets de la compétition européenne, a dit son président."),
    ("it", "Si sono tenute ieri le consultazioni elettorali in Sardegna, con il presidente della Regione uscente."),
    ("it", "Il sindaco ha ricevuto il premio dal presidente della Regione."),
    ("it", "La Grecia ratifica l'accordo bilaterale con la Macedonia del Nord firmato dal premier Tsipras."),
    ("it", "Nell'ultimo incontro amichevole la nazionale ha battuto l'Austria, ha detto il ministro dello Sport."),
    ("es", "Telefónica anunció su plan de inversiones, dijo el presidente de la empresa."),
    ("es", "El alpinista chileno alcanzó la cumbre más alta de América, dijo el presidente."),
    ("es", "El encuentro amistoso entre Uruguay y Francia se jugará en Sudáfrica, anunció el presidente."),
    # a recalled ambassador is no meeting
    ("es", "Marruecos llamó a consultas a su embajador en Madrid."),
    ("es", "En una entrevista con el diario El País, el presidente defendió su reforma."),
    ("fr", "Alger a rappelé son ambassadeur à Paris pour consultations."),
    ("es", "El presidente de Bolivia visitó la planta de litio de Uyuni junto al ministro de Minería."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_another_sense_is_no_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), text


STATUS = [
    ("ru", "5 мая Владимир Путин встретится с президентом Китая Си Цзиньпином.", "planned"),
    ("ru", "Президент проведёт переговоры с канцлером Германии в Кремле.", "planned"),
    ("fr", "Le président s’est entretenu mardi avec son homologue allemand Olaf Scholz.", "held"),
    ("it", "La Lega ha disertato l'incontro con il presidente Mattarella al Quirinale.", "rejected"),
    ("es", "El presidente sostuvo una reunión con su homólogo chileno en La Moneda.", "held"),
    ("es", "El presidente canceló la reunión con su homólogo chileno.", "rejected"),
    ("es", "La cumbre de los presidentes de la región se postergó sin fecha.", "rejected"),
    ("es", "El líder opositor anunció que no dialogará con el gobierno de facto.", "rejected"),
]


@pytest.mark.parametrize(("lang", "text", "status"), STATUS)
def test_the_cues_give_the_status(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang) == {status}, text


@pytest.mark.parametrize("text", [
    "Le chef de l'État a reçu mardi les représentants de la délégation sénégalaise.",
    "Les deux chefs d’État se sont rencontrés à Dakar.",
])
def test_an_elided_title_is_read(text: str) -> None:
    """"chef de l'État" was one dead pattern in fr/common.json: the meeting's level stayed "other"."""
    assert {c.level for _s, c in candidates(text, "fr")} == {"high"}, text
