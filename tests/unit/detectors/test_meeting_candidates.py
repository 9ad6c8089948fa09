"""Meeting candidates the lexicons propose (recall first: a decision stage filters them), in every lexicon
language, with the status their cues give. Sentences written for these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.arguments import extract
from detectors.engine import build_engine
from detectors.learned.features import neighbour_context
from detectors.patterns import Match, gap_of
from tests.unit.detectors.rule_candidates import candidates, sentences, statuses

FOUND = [
    ("de", "Die Begegnung zwischen Außenministerin Baerbock und ihrem Amtskollegen Wang Yi dauerte zwei Stunden."),
    ("de", "Die Sondierungsgespräche zwischen den beiden Parteien sollen im Jänner beginnen."),
    ("de", "Das Auswärtige Amt hat den russischen Botschafter einbestellt."),
    ("de", "Das Außenministerium bestellte den türkischen Botschafter ein."),
    ("de", "Der iranische Botschafter wurde ins Außenministerium zitiert."),
    ("en", "Britain summoned the Russian ambassador over the poisoning."),
    ("es", "El presidente Maduro se entrevistó con el enviado especial de la ONU en Caracas."),
    ("es", "El gobierno convocó al embajador de Israel para pedir explicaciones."),
    ("fr", "Le Quai d'Orsay a convoqué l'ambassadeur d'Iran."),
    ("it", "La Farnesina ha convocato l'ambasciatore egiziano."),
    ("ru", "Президент России Владимир Путин встретился с президентом Турции Реджепом Тайипом Эрдоганом в Анкаре."),
    ("ru", "Министр иностранных дел Сергей Лавров провел переговоры со своим турецким коллегой."),
    ("ru", "Владимир Путин провел телефонный разговор с канцлером Германии Олафом Шольцем."),
    ("ru", "Премьер-министр Индии посетит Москву в следующем месяце."),
    ("ru", "Посол Германии был вызван в МИД России."),
    # German morphology: compound tails, separable and verb-final forms, the meeting word as a modifier
    ("de", "Die Euro-Finanzminister kamen am Abend zu einer Sondersitzung in Brüssel zusammen."),
    ("de", "Nach den Beratungen in Brüssel zeigte sich der Außenminister zufrieden."),
    ("de", "Die Regierungschefs wollen sich nächste Woche in Wien zusammensetzen."),
    ("de", "Die Außenminister der G7 tagten am Freitag in Genf."),
    ("de", "Der russische Präsident sei gesprächsbereit, sagte sein Sprecher."),
    # Italian: the peace process, a departure and a named summit are no court, match or league table
    ("it", "Il presidente Mattarella ha convocato i leader dei partiti al Quirinale."),
    ("it", "L'inviato speciale ha incontrato il ministro a Doha per rilanciare il processo di pace."),
    ("it", "Al vertice di Glasgow i leader mondiali si impegnano a fermare la deforestazione."),
    ("it", "La delegazione del governo è partita per Doha, dove riprenderanno i negoziati con il ministro."),
]


@pytest.mark.parametrize(("lang", "text"), FOUND)
def test_a_meeting_is_a_candidate(lang: str, text: str) -> None:
    assert candidates(text, lang), text


NOT_FOUND = [
    ("ru", "Футболисты сборной России встретились с болельщиками после матча."),
    ("ru", "Парламент принял закон о бюджете на следующий год."),
    ("ru", "Контактная группа приняла дополнительные меры по обеспечению перемирия."),
    ("de", "Der Innenhof ist ein Ort der Begegnung für die ganze Nachbarschaft."),
    ("de", "Die Verhandlungen beider Vereine über den Transfer des Spielers endeten am Dienstag."),
    ("de", "Das trifft sich gut, sagte der Bürgermeister."),
    ("en", "The firm summoned its shareholders to an extraordinary meeting."),
    ("it", "La squadra è al vertice della classifica dopo la partita."),
    ("de", "Die Steuerberaterin bot eine Beratung zur Steuererklärung an."),
    ("de", "Der Aufsichtsrat kam zu einer Aufsichtsratssitzung zusammen."),
    # a decision or a choice made, a ceasefire brokered: no one meets
    ("de", "Die Kommission trifft ihre Entscheidung über das Verbot erst im Herbst."),
    ("de", "Die Wahl zwischen den beiden Varianten hat der Vorstand bereits getroffen."),
    ("de", "Katar vermittelt eine Waffenruhe zwischen den Konfliktparteien"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_no_meeting_candidate(lang: str, text: str) -> None:
    assert not candidates(text, lang), [(c.status, c.trigger) for _s, c in candidates(text, lang)]


STATUS = [
    ("de", "Es wird keine Gespräche mit den Taliban geben, sagte der Außenminister.", "rejected"),
    ("de", "Der Präsident sagte das geplante Treffen mit Putin ab.", "rejected"),
    ("de", "Krisentreffen der Arabischen Liga am Dienstag in Kairo.", "planned"),
    ("de", "Kanzler trifft Präsidenten am Donnerstag in Paris", "planned"),
    ("de", "Gipfel der EU-Außenminister im Februar in Rom", "planned"),
    ("de", "Die SPD schließt Gespräche mit Kanzler Scholz kategorisch aus.", "rejected"),
    ("de", "Der Premier weigerte sich, die Vertreter der Opposition zu empfangen.", "rejected"),
    ("de", "Der Außenminister mahnte Gespräche zwischen Belgrad und Pristina an.", "called_for"),
    ("en", "The UN envoy called on both sides to open talks in Geneva.", "called_for"),
    ("de", "Der Kanzler traf den Präsidenten am Donnerstag in Paris.", "held"),
    ("en", "Biden to meet Xi on Tuesday", "planned"),
    ("en", "President Biden did not meet Xi Jinping in Bali.", "rejected"),
    ("en", "Iran refused to hold talks with the United States.", "rejected"),
    ("es", "El canciller canceló la reunión con su homólogo ruso.", "rejected"),
    ("ru", "Президент Франции отменил визит в Алжир.", "rejected"),
    ("ru", "Генсек ООН призвал стороны сесть за стол переговоров.", "called_for"),
    ("ru", "Саммит НАТО пройдет в Вильнюсе в следующем месяце.", "planned"),
    ("ru", "Путин и Эрдоган встретились в Сочи.", "held"),
    ("ru", "Встреча Путина и Байдена в Женеве в среду", "planned"),
    # a time cue inside a separable trigger's gap is no part of the trigger
    ("de", "Kanzler Scholz bricht Ende der Woche zu einer Reise nach Indien auf", "planned"),
    ("de", "Kanzler Scholz brach zu einer Reise nach Indien auf", "held"),
    # the participants' own wish is a plan; a plan in a later clause is another event's
    ("de", "Präsident Macron und Kanzler Scholz wollen sich im Sommer in Aachen treffen.", "planned"),
    ("en", "Summit: US, French presidents hold talks at the Elysee, no trade deal announced", "held"),
]


@pytest.mark.parametrize(("lang", "text", "status"), STATUS)
def test_status_from_cues(lang: str, text: str, status: str) -> None:
    assert statuses(text, lang) == {status}


def test_talks_named_in_a_neighbouring_sentence() -> None:
    text = ("Kolumbiens Präsident Juan Manuel Santos lobte die Rebellen.\n"
            "Nach den Gesprächen in Havanna sei man einer Einigung nahe, hieß es.")
    found = candidates(text, "de")
    assert any(s.text.startswith("Nach den Gesprächen") for s, _c in found), found


def test_an_anaphoric_mention_without_any_office_holder_is_no_meeting() -> None:
    text = "Der Verein hat einen neuen Platzwart.\nNach den Gesprächen sei man einer Einigung nahe, hieß es."
    assert not candidates(text, "de")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Russian president Vladimir Putin called his Ukrainian counterpart Volodymyr Zelensky on Friday."),
    ("en", "Secretary Blinken discussed the hostage deal with Bahrain's crown prince."),
    ("es", "El presidente Lula llamó a su homólogo argentino para felicitarlo."),
    ("de", "Kanzler Scholz besprach die Lage mit Präsident Macron."),
])
def test_calls_and_discussions_between_office_holders(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"held"}


def test_a_past_call_stays_held_beside_a_future_in_another_clause() -> None:
    text = ("President Putin called his Ukrainian counterpart Volodymyr Zelensky about Donbas, "
            "where a new ceasefire is to come into force at midnight.")
    assert statuses(text, "en") == {"held"}


def test_an_english_headline_with_to_and_a_verb_is_planned() -> None:
    assert statuses("Hamas to send a delegation to Cairo for truce negotiations", "en") == {"planned"}


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Schallenberg und Cavusoglu trafen sich in Wien."),
    ("de", "Polen bestellt den deutschen Geschäftsträger ein"),
    ("de", "Wien zitiert russischen Botschafter ins Außenministerium"),
    ("de", "Kanzler Scholz reist am Donnerstag nach Warschau"),
    # two coordinated names anywhere in the trigger's clause, mediation, agreeing, summoning without "ins"
    ("de", "Lawrow und Blinken wollen sich nächste Woche in Genf treffen."),
    ("de", "Lukaschenko und Putin verständigen sich in Minsk auf einen Fahrplan"),
    ("de", "Außenminister Kerry und Lawrow ringen in Genf um eine Lösung"),
    ("de", "Das Außenministerium in Prag hat den russischen Geschäftsträger zitiert."),
    ("de", "Präsident Erdogan vermittelt zwischen Moskau und Kiew"),
])
def test_coordinated_names_summons_and_trips(lang: str, text: str) -> None:
    assert candidates(text, lang), text


def test_film_dialogue_is_no_meeting() -> None:
    assert not candidates("Joel und Ethan Coen haben die Dialoge des Drehbuchs pointiert komisch getrimmt.", "de")


def test_the_gap_of_a_gapped_match() -> None:
    assert gap_of(Match("visit", 2, 9, "bricht ... auf")) == (3, 8)
    assert gap_of(Match("talks", 2, 8, "ins ... zitiert <p>")) == (3, 6)
    assert gap_of(Match("talks", 2, 3, "gespräch")) is None


def test_neighbour_context_names_who_the_next_sentence_names() -> None:
    engine = build_engine("de")
    det = next(d for d in engine.detectors if d.type == "meeting")
    text = "Die Unterredung dauerte zwei Stunden.\nBundespräsident Steinmeier hatte Präsident Mattarella empfangen."
    first, second = sentences(text, "de")
    own = extract(first, engine.res, (1, 2), set())
    assert not own.actors
    ctx = neighbour_context(det, [("n", second)], engine.res, set(), own)
    assert {"nbn:person", "nbn:high", "nbn:trig", "nb:fill"} <= set(ctx), ctx
    alone = neighbour_context(det, [("n", sentences("Es regnete den ganzen Tag.", "de")[0])], engine.res, set(), own)
    assert not alone



@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Emergency NATO meeting set for Thursday after drone incident"),
    ("en", "Hamas, Fatah agree to meet in Cairo after Eid, Egyptian source says"),
])
def test_an_after_clause_about_something_else_does_not_make_the_meeting_held(lang: str, text: str) -> None:
    assert statuses(text, lang) == {"planned"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Foreign Minister Ana Gil spoke to reporters after lengthy talks with her Chinese counterpart."),
    ("de", "Nach dem Treffen mit Präsident Macron sprach Kanzler Scholz von Fortschritten."),
    ("it", "Il premier ha parlato a margine del vertice Nato di Madrid."),
])
def test_at_or_after_the_meeting_is_held(lang: str, text: str) -> None:
    assert "held" in statuses(text, lang)


def test_only_an_at_or_after_cue_before_the_trigger_is_scoped_to_it() -> None:
    engine = build_engine("en")
    det = next(d for d in engine.detectors if d.type == "meeting")
    (sent,) = sentences("NATO meeting set for Thursday after the drone incident", "en")
    cues = det.cues.find(sent)
    assert any(m.label == "held_prep" for m in cues)
    assert not any(m.label == "held_prep" for m in det.scoped_cues(sent, cues, (1, 2)))
