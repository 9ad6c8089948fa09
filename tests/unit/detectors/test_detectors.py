"""The detectors as a specification: the seed article, statuses per language, hard negatives, the API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from detectors.contracts import Article, Detection, detection_from_dict

REPO = Path(__file__).resolve().parents[3]
SEED = REPO.parent / "shared" / "seeds" / "libya-haftar-rome-ceasefire.de.txt"
if not SEED.exists():
    SEED = REPO / "seeds" / "libya-haftar-rome-ceasefire.de.txt"


@pytest.fixture(scope="module", params=["rules", "learned"])
def pipeline(request):
    """Both decision stages meet this specification (``detectors.stage: rules | learned``)."""
    from detectors import Pipeline

    return Pipeline.load(stage=request.param)


def pairs(dets: list[Detection]) -> set[tuple[str, str]]:
    return {(d.type, d.status) for d in dets}


# ---------------------------------------------------------------------------------------------------- seed


@pytest.fixture(scope="module")
def seed(pipeline) -> tuple[str, list[Detection]]:
    if not SEED.exists():
        pytest.skip("seed article not found")
    text = SEED.read_text("utf-8")
    return text, pipeline.detect(Article.create(text))


def test_seed_ceasefire_announced_by_general_haftar(seed):
    text, dets = seed
    sentence = 'Am Abend kündigte General Haftar den "Waffenstillstand" an.'
    hits = [d for d in dets if d.type == "ceasefire" and d.status == "announced" and d.evidence.text == sentence]
    assert hits, [(d.type, d.status, d.evidence.text[:60]) for d in dets]
    det = hits[0]
    assert any(a.text == "Haftar" and a.role == "General" for a in det.actors), det.actors
    assert det.countries[:1] == ("LY",) and det.story_key == "ceasefire"  # the conflict's country first
    assert text[det.evidence.start : det.evidence.end] == sentence
    assert text[det.evidence.trigger[0] : det.evidence.trigger[1]] == "Waffenstillstand"
    assert det.detector.startswith("ceasefire.")
    assert 0 <= det.confidence <= 1


def test_seed_meeting_held_high_in_rome(seed):
    text, dets = seed
    hits = [d for d in dets if d.type == "meeting" and d.evidence.text.startswith("Der General, der die Cyrenaica")]
    assert hits
    det = hits[0]
    assert (det.status, det.level) == ("held", "high")
    assert det.location is not None and (det.location.text, det.location.country) == ("Rom", "IT")
    names = {a.text for a in det.actors}
    assert {"Khalifa Haftar", "Victoria Coates", "Richard Norland"} <= names
    assert "IT" in det.countries
    assert text[det.evidence.trigger[0] : det.evidence.trigger[1]] == "treffen"


def test_seed_detections_follow_the_wire_contract(seed):
    _, dets = seed
    assert dets
    for det in dets:
        assert detection_from_dict(det.to_dict()) == det  # JSON Schema validation included
        assert det.story_key == det.type  # the partition key: the event type (DESIGN "Scale-out and stories")


def test_seed_one_detection_per_event_in_event_time(seed):
    """Issue 14: the Rome meeting (headline, lead, body) is one new detection dated 8 January; the phone call
    of 15 April and the meeting of 24 November in Bengasi are background; Putin–Merkel and Conte–Macron stay
    separate events."""
    _, dets = seed
    ids = [d.id for d in dets]
    assert len(ids) == len(set(ids))
    held = [d for d in dets if (d.type, d.status) == ("meeting", "held")]
    rome = [d for d in held if d.location is not None and d.location.text == "Rom"]
    assert len(rome) == 1, [(d.evidence.text[:50], d.event_date) for d in rome]
    assert rome[0].evidence.text.startswith("Der General, der die Cyrenaica")
    assert rome[0].recency == "new" and (rome[0].event_date or "").endswith("-01-08")
    assert {"person:khalifa-haftar", "person:coates", "person:norland"} <= {a.id for a in rome[0].actors}
    earlier = [d for d in held if "15. April" in d.evidence.text or "24. November" in d.evidence.text
               or d.evidence.text.startswith(("Trumps Anruf", "Haftar traf sich mit einer Delegation"))]
    assert earlier and all(d.recency == "background" for d in earlier), [(d.evidence.text[:40], d.recency)
                                                                         for d in earlier]
    assert {d.event_date[5:] for d in earlier if d.event_date} == {"04-15", "11-24"}
    new_people = [{a.id for a in d.actors} for d in held if d.recency == "new"]
    assert any({"person:vladimir-putin", "person:angela-merkel"} <= p for p in new_people)
    assert any({"person:giuseppe-conte", "person:emmanuel-macron"} <= p for p in new_people)
    announced = [d for d in dets if (d.type, d.status) == ("ceasefire", "announced")]
    assert len(announced) == 1 and announced[0].recency == "new"


def test_seed_learned_detections_carry_the_stage_embedding(seed, pipeline):
    """The learned stage's own USE embedding of each accepted candidate rides on its detection (compact on the
    wire); the rules stage embeds nothing."""
    _, dets = seed
    if pipeline.stage == "learned":
        assert dets and all(d.embedding is not None and d.embedding.model == "usem3" and len(d.embedding) == 512
                            for d in dets)
        assert all(len(d.to_dict()["embedding"]["data"]) <= 700 for d in dets)
    else:
        assert all(d.embedding is None for d in dets)


# ------------------------------------------------------------------------------------ statuses, per language

STATUS_CASES = [
    # German
    ("de", "Die Rebellen verkündeten am Montag eine einseitige Waffenruhe im Osten des Landes.",
     {("ceasefire", "announced")}),
    ("de", "Der UN-Generalsekretär forderte eine sofortige Feuerpause in der Region.", {("ceasefire", "called_for")}),
    ("de", "Die Armee warf den Milizen vor, die Waffenruhe mehrfach gebrochen zu haben.", {("ceasefire", "violated")}),
    ("de", "Die Regierung lehnte den Vorschlag für einen Waffenstillstand ab.",
     {("ceasefire", "rejected"), ("ceasefire", "called_for")}),
    ("de", "Die Konfliktparteien halten die vereinbarte Feuerpause nicht ein.", {("ceasefire", "violated")}),
    ("de", "Die Außenminister Frankreichs und Polens trafen sich am Dienstag in Warschau.", {("meeting", "held")}),
    ("de", "Der Kanzler wird nächste Woche zu einem Staatsbesuch nach Japan aufbrechen.", {("meeting", "planned")}),
    ("de", "Die Opposition forderte ein Treffen mit dem Präsidenten.", {("meeting", "called_for")}),
    ("de", "Das für Freitag geplante Gipfeltreffen der Regierungschefs wurde abgesagt.", {("meeting", "rejected")}),
    ("de", "Die Präsidentin telefonierte am Abend mit ihrem ukrainischen Amtskollegen.", {("meeting", "held")}),
    ("de", "Putin trifft Erdogan in Moskau", {("meeting", "held")}),
    ("de", "Die Außenminister wollen sich kommende Woche in Genf treffen.", {("meeting", "planned")}),
    ("de", "Die Verhandlungen über eine Waffenruhe im Gazastreifen gehen weiter.",
     {("ceasefire", "called_for"), ("meeting", "held")}),
    # English
    ("en", "The army announced a 48-hour ceasefire on Sunday.", {("ceasefire", "announced")}),
    ("en", "The truce between Israel and Hamas collapsed on Friday as fighting resumed.", {("ceasefire", "violated")}),
    ("en", "Hamas said it would not accept a truce.", {("ceasefire", "rejected")}),
    ("en", "Biden and Xi will meet on the sidelines of the G20 summit in Bali.", {("meeting", "planned")}),
    ("en", "Macron spoke by phone with Zelensky on Monday.", {("meeting", "held")}),
    ("en", "The Secretary-General urged both sides to declare an immediate truce.", {("ceasefire", "called_for")}),
    ("en", "Rebels accused government troops of violating the ceasefire.", {("ceasefire", "violated")}),
    ("en", "Hamas rejected the truce proposal on Tuesday.", {("ceasefire", "rejected"), ("ceasefire", "called_for")}),
    ("en", "Mediators proposed a truce to end the fighting in Gaza.", {("ceasefire", "called_for")}),
    ("en", "The three-day truce in Gaza ended on Friday.", {("ceasefire", "violated")}),
    ("en", "The two foreign ministers met in Geneva on Monday.", {("meeting", "held")}),
    ("en", "The president will visit Tokyo next month.", {("meeting", "planned")}),
    ("en", "The opposition leader called for talks with the government.", {("meeting", "called_for")}),
    ("en", "Moscow cancelled a planned summit with Washington.", {("meeting", "rejected")}),
    ("en", "Secretary of State Rubio arrived in Cairo on Sunday for talks with President Sisi.", {("meeting", "held")}),
    # Italian
    ("it", "Il governo ha annunciato una tregua di tre giorni.", {("ceasefire", "announced")}),
    ("it", "Il Papa ha chiesto un cessate il fuoco immediato.", {("ceasefire", "called_for")}),
    ("it", "Il presidente francese ha incontrato il premier italiano a Roma.", {("meeting", "held")}),
    ("it", "Il vertice tra i due presidenti è stato annullato.", {("meeting", "rejected")}),
    # French
    ("fr", "Les deux camps ont annoncé un cessez-le-feu.", {("ceasefire", "announced")}),
    ("fr", "L'ONU appelle à un cessez-le-feu immédiat.", {("ceasefire", "called_for")}),
    ("fr", "Le président a reçu son homologue allemand à Paris.", {("meeting", "held")}),
    ("fr", "Le ministre se rendra à Berlin la semaine prochaine.", {("meeting", "planned")}),
    # Spanish
    ("es", "Las FARC anunciaron un alto el fuego unilateral.", {("ceasefire", "announced")}),
    ("es", "El gobierno pidió una tregua a los rebeldes.", {("ceasefire", "called_for")}),
    ("es", "Los presidentes de Chile y Perú se reunieron en Lima.", {("meeting", "held")}),
    ("es", "La cumbre de los presidentes fue aplazada.", {("meeting", "rejected")}),
    # Russian (ceasefire only)
    ("ru", "Стороны объявили о перемирии в Донбассе.", {("ceasefire", "announced")}),
    ("ru", "ООН призвала к прекращению огня.", {("ceasefire", "called_for")}),
]


@pytest.fixture(scope="module")
def rules():
    from detectors import Pipeline

    return Pipeline.load(stage="rules")


@pytest.mark.parametrize(("lang", "text", "expected"), STATUS_CASES, ids=[c[1][:40] for c in STATUS_CASES])
def test_rule_status_with_given_language(rules, lang, text, expected):
    """The rules' reading of a status (a feature of the learned stage; tests/unit/detectors/test_learned.py
    holds what the learned stage must get right)."""
    assert pairs(rules.detect(Article.create(text, language=lang))) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Außenminister Frankreichs und Polens trafen sich am Dienstag in Warschau zu Gesprächen.", "de"),
        ("The two foreign ministers met in Geneva on Monday to discuss the crisis.", "en"),
        ("Il presidente francese ha incontrato il premier italiano a Roma per discutere della crisi.", "it"),
        ("Le président a reçu son homologue allemand à Paris pour parler de la guerre.", "fr"),
        ("Los presidentes de Chile y Perú se reunieron en Lima para hablar de la frontera.", "es"),
    ],
)
def test_language_is_detected_when_absent(pipeline, text, lang):
    dets = pipeline.detect(Article.create(text))
    assert dets and {d.language for d in dets} == {lang}


# ----------------------------------------------------------------------------------------- hard negatives

NEGATIVES = [
    "Bayern trifft am Samstag im Viertelfinale auf Dortmund.",
    "Der Stürmer traf in der 80. Minute zum 2:1 ins Tor.",
    "Die Feuerwehr löschte den Brand in der Nacht, zwei Feuerwehrleute wurden verletzt.",
    "Ein Passant wurde von einer Kugel am Arm getroffen.",
    "Die Regierung hat noch keine Entscheidung getroffen.",
    "Er sagte am Dienstag bei einer Pressekonferenz in Wien, die Lage sei ernst.",
    "Das sei ein Fehler gewesen, sagt der Bürgermeister im STANDARD-Gespräch.",
    "Die Verhandlung gegen den Angeklagten wurde vor dem Landesgericht vertagt.",
    "Bei den Kollektivvertragsverhandlungen der Metaller gab es eine Einigung.",
    "Seit Februar gilt eine Feuerpause zwischen den Regierungstruppen und den Rebellen.",
    "Keine Waffenruhe in Sicht.",
    "Police opened fire on the protesters outside the parliament.",
    "UN peacekeepers patrol the ceasefire line between the two countries.",
    "The company's board met on Tuesday to discuss the merger.",
    "Will the truce hold?",
    "Nur Messi traf.",
    "Tottenham will host Arsenal on Sunday.",
    "The Fed will meet next week to decide on interest rates.",
    "Il Milan incontra la Juventus domenica sera.",
    "Le PSG recevra Marseille dimanche soir.",
    "La tregua tra sindacati e governo sullo sciopero dei trasporti è finita.",
    "Le président a donné une conférence de presse à l'Élysée.",
    "El equipo visitó el museo antes del partido de la liga.",
    # troops, aid and refugees arriving are deployments, not visits (with an official named in the sentence)
    "The first NATO peacekeeping troops have arrived in Kosovo, Defence Secretary John Reid said.",
    "A convoy of aid trucks arrived in Aleppo on Monday, the UN envoy said.",
    "Die ersten Soldaten der Friedenstruppe sind in Mali eingetroffen, sagte Verteidigungsministerin Lambrecht.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_hard_negatives_yield_nothing(pipeline, text):
    assert pipeline.detect(Article.create(text)) == []


FOOTBALL = (
    "Bayern München hat am Samstag Borussia Dortmund mit 3:1 besiegt. Kane traf zweimal, Müller erzielte den "
    "dritten Treffer. Trainer Tuchel lobte nach dem Spiel die Mannschaft, die nun auf Leverkusen trifft."
)
RECIPE = (
    "Die Zwiebeln fein hacken und in Butter glasig anschwitzen. Dann die Tomaten dazugeben, salzen und 20 Minuten "
    "bei kleiner Hitze köcheln lassen. Mit frischem Basilikum servieren."
)


@pytest.mark.parametrize("text", [FOOTBALL, RECIPE])
def test_non_political_text_yields_nothing(pipeline, text):
    assert pipeline.detect(Article.create(text)) == []


# --------------------------------------------------------------------------------------------------- API


def test_detect_many_keeps_order_and_mixes_languages(pipeline):
    articles = [
        Article.create("The army announced a 48-hour ceasefire on Sunday."),
        Article.create(RECIPE),
        Article.create("Die Rebellen verkündeten am Montag eine einseitige Waffenruhe."),
        Article.create("Les deux camps ont annoncé un cessez-le-feu.", language="fr"),
    ]
    out = pipeline.detect_many(articles)
    assert [len(d) > 0 for d in out] == [True, False, True, True]
    assert [d[0].language for d in out if d] == ["en", "de", "fr"]
    assert all(det.article_id == art.id for art, dets in zip(articles, out, strict=True) for det in dets)


def test_unsupported_language_yields_nothing(pipeline):
    assert pipeline.detect(Article.create("De twee ministers spraken over een wapenstilstand.", language="nl")) == []
    assert pipeline.detect(Article.create("两国外长在北京举行会谈，讨论停火问题。")) == []


def test_detection_ids_are_deterministic(pipeline):
    text = "The army announced a 48-hour ceasefire on Sunday."
    a = pipeline.detect(Article.create(text, id="x1"))
    b = pipeline.detect(Article.create(text, id="x1"))
    assert [d.id for d in a] == [d.id for d in b]


def test_unknown_language_list_is_refused():
    from detectors import Pipeline

    with pytest.raises(ValueError, match="no lexicons"):
        Pipeline.load(["xx"])


def test_importing_detectors_does_not_load_spacy():
    code = "import sys, detectors, detectors.contracts; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"


def test_every_language_has_lexicons_for_its_detectors():
    from detectors import registry

    langs = registry.languages()
    assert {"de", "en", "it", "fr", "es", "ru"} <= set(langs)
    assert {"ceasefire", "meeting"} <= set(registry.detectors())
    for lang in langs:
        assert registry.lexicon(lang, "ceasefire") is not None
    for lang in ("de", "en", "it", "fr", "es"):
        assert registry.lexicon(lang, "meeting") is not None
