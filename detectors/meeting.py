"""Meeting detector: held · planned · called_for · rejected; level high|other; form (GUIDE.md).

Triggers (grouped by form) and cues come from ``lexicons/<lang>/meeting.json``. A trigger counts only with
a political actor in its sentence (title, organisation, two countries, a name or country next to it) unless
it is political by itself ("Friedensgespräche", "summit") or the sentence is about a ceasefire or peace.
Verbs with many other senses need a person ("besuchte") or a title / full name ("traf", "empfängt").
Sports, hits, press conferences, interviews, courts, party bodies and business meetings are excluded by
trigger exclusions and negative contexts.
"""

from __future__ import annotations

from detectors import registry
from detectors.appeal import Infinitive
from detectors.arguments import extract
from detectors.base import ArticleContext, Candidate, Cues, clamp, dedupe, overlapping
from detectors.entities import listed_word
from detectors.fronted import fronted_ahead
from detectors.governing import governing, subject_past, without_others_ahead
from detectors.language import LanguageResources, labelled
from detectors.next_status import NextSentence, retell
from detectors.participants import keep_participants, names_office_holders, reported_only_high
from detectors.patterns import Match, OutsideOf, PatternSet, covers, gap_of, lexicon_patterns
from detectors.reported import reported_plans
from detectors.text import Sentence

NAME = "meeting.lexicon/1"
_STATUS = ("rejected", "called_for", "planned", "planned_modal", "future", "held", "held_prep", "at_prep", "want")
_NEAR_ONLY = frozenset({"called_for"})
_NEAR = 4
_FORMS = frozenset({"visit", "host", "third_location", "talks", "summit", "phone"})
_NEGATION_NEAR = 2
_HEADLINE_TOKENS = 16
_LATER_ONLY = frozenset({"planned", "planned_modal", "future"})  # cues a later clause does not lend the trigger
PREP_REACH = 4  # tokens from an "at/after the" cue (PREPS) to the trigger it governs ("after lengthy talks")
PREPS = frozenset({"held_prep", "at_prep"})  # "after the talks": they took place; "at/during the talks": maybe ahead
PAST_MARKS = frozenset({"held", *PREPS})
_TIME_CUES = frozenset({"headline_time", "scheduled", "future", "held"})  # a weekday, "próximo", "ayer"
OBJECT_REACH = 2  # tokens after a receiving verb's article (and determiners) where the one received is named
HEADLINE_ONLY_TOKENS = 10  # "Merkel bei Putin", "Kanzlerin Merkel bei Putin in Sotschi"
REL_REACH = 4  # tokens from the trigger to the comma of a relative clause on it ("the summit in Rome, which …")
_AHEAD_LABELS = frozenset({"future", "planned_modal", "planned"})
_NOT_AHEAD = frozenset({"held", "held_prep", "perfect", "called_for"})  # the trigger's clause: took place, a call


def _headline(sent: Sentence, span: tuple[int, int], unpunctuated: int = _HEADLINE_TOKENS) -> bool:
    """The article's first line, short, either without a final full stop or naming the meeting with a
    capitalised noun ("Krisentreffen der Arabischen Liga am Dienstag in Kairo."): a headline or a teaser. A line
    without a final full stop may run to ``unpunctuated`` tokens (the lexicon's ``headline_tokens``: "Israel-Gaza
    live updates: Hamas to send a delegation to Cairo for hostage and cease-fire negotiations")."""
    if sent.first != 0:
        return False
    if not sent.text.rstrip().endswith("."):
        return len(sent) <= max(unpunctuated, _HEADLINE_TOKENS)
    return len(sent) <= _HEADLINE_TOKENS and sent.texts[span[0]][:1].isupper()


def _framed_intent(cues: list[Match], span: tuple[int, int]) -> bool:
    """An "at the meeting" cue (``at_prep``) before the trigger comes after an intention or an announced plan
    (``intent``, ``intent_frame``) in an earlier clause: the meeting is the one the intention is about ("Obama hatte
    angekündigt, bei seinem Treffen mit Xi … anzusprechen", "Die Ministerin hofft, bei ihrem Treffen …")."""
    preps = [m.start for m in cues if m.label == "at_prep" and m.start < span[1]]
    return bool(preps) and any(m.label in ("intent", "intent_frame") and m.end <= min(preps) for m in cues)


_OPENERS = frozenset("\"'«„“‘(:—–-")


def _name_as_verb(sent: Sentence, m: Match) -> bool:
    """A future form capitalised inside a sentence is a name ending like one ("Faruk Al Chará", "Juan Vera",
    "Will"): verbs are lower-case there in every language we read. Not at the start, after an opening quote or
    colon, or in an all-caps line."""
    if m.label != "planned_modal" or m.start == 0 or sent.texts[m.start - 1] in _OPENERS:
        return False
    word = sent.texts[m.start]
    return word[:1].isupper() and not word.isupper()


_WHEN = frozenset({"future", "headline_time", "scheduled"})  # a time the meeting is set for


def _expected(cues: list[Match], a: int, b: int) -> bool:
    """A call cue of the clause ``[a, b)`` is an intention too (``intent``: "devrait", "dovrebbe", "veut"): the
    expectation or wish of a participant, which a time for the meeting makes a plan ("Le ministre devrait
    rencontrer Blinken jeudi"), not a call ("La France devrait négocier")."""
    intents = {m.start for m in cues if m.label == "intent" and a <= m.start < b}
    return any(m.label == "called_for" and m.start in intents for m in cues)


@registry.register("meeting")
class MeetingDetector:
    type = "meeting"
    name = NAME

    def __init__(self, lang: str, lexicon: dict, res: LanguageResources) -> None:
        self.lang = lang
        self.res = res
        self.triggers = PatternSet(labelled(lexicon.get("triggers")))
        self.strong = lexicon_patterns(lexicon, "strong")
        self.strong_context = lexicon_patterns(lexicon, "strong_context", "ctx")
        self.needs_person = lexicon_patterns(lexicon, "needs_person", "person")
        self.org_meets = lexicon_patterns(lexicon, "org_meets", "orgmeet")  # needs_person words a body may meet by
        self.needs_title = lexicon_patterns(lexicon, "needs_title", "title")
        self.subjects = lexicon_patterns(lexicon, "subject_triggers", "subject")  # governing.subject_past
        self.receiving = lexicon_patterns(lexicon, "receiving_verbs", "object")  # a thing may be what they receive
        self.object_articles = frozenset(lexicon.get("object_articles") or ())
        self.object_people = frozenset(lexicon.get("object_people") or ())
        self.exclude = OutsideOf(lexicon_patterns(lexicon, "exclude", "x"), lexicon_patterns(lexicon, "exclude_lifted"))
        self.negative = OutsideOf(lexicon_patterns(lexicon, "negative_context", "neg"), res.orgs)  # not "Arab League"
        self.high_events = lexicon_patterns(lexicon, "high_events", "high")
        self.anaphoric = lexicon_patterns(lexicon, "anaphoric", "ref")
        self.needs_object = lexicon_patterns(lexicon, "needs_object", "object")
        self.speaker_reports = lexicon_patterns(lexicon, "speaker_reports", "report")
        self.needs_callee = lexicon_patterns(lexicon, "needs_callee", "callee")
        calls = lexicon.get("call_words") or {}
        self.call_naming = frozenset(calls.get("naming", ()))  # "called Putin a killer", "calls Netanyahu's plan"
        self.call_subjects = frozenset(calls.get("subjects", ()))  # "he called Erdogan"
        self.host_objects = lexicon_patterns(lexicon, "host_objects", "guest")
        self.host_skips = lexicon_patterns(lexicon, "host_skips", "skip")  # "received on Tuesday …", "welcome to"
        self.cues = Cues(lexicon.get("cues"))
        self.headline_tokens = int(lexicon.get("headline_tokens", _HEADLINE_TOKENS))
        self.infinitive = Infinitive.from_lexicon(lexicon.get("infinitive"))  # detectors.governing
        self.next_sentence = NextSentence(lexicon.get("next_sentence"))  # a status the next sentence tells
        self.relatives = frozenset(lexicon.get("relatives") or ())  # words opening a relative clause
        self.negation_after = bool(lexicon.get("negation_after", True))  # de: "Der Gipfel habe kein Ergebnis …"
        # words that name a meeting only in a headline between two names ("Merkel bei Putin"): never a trigger
        # of a sentence, so they are no candidate words of the pipeline's pre-filter either
        self.headline_triggers = PatternSet(labelled(lexicon.get("headline_triggers")))
        self._headline_only = frozenset(p for pats in (lexicon.get("headline_triggers") or {}).values() for p in pats)
        self.headline_words = frozenset(self.headline_triggers.anchor_words()[0])  # what the pipeline looks for

    def headline_matches(self, sent: Sentence) -> list[Match]:
        """Headline-only triggers in a short first line without a final full stop, between capitalised words."""
        if not self.headline_triggers or sent.first != 0 or len(sent) > HEADLINE_ONLY_TOKENS:
            return []
        if sent.text.rstrip().endswith((".", "?", "!")):
            return []
        return [m for m in self.headline_triggers.in_sentence(sent)
                if m.start > 0 and m.end < len(sent) and self._name_like(sent.texts[m.start - 1])
                and self._name_like(sent.texts[m.end])]

    def _thing_received(self, sent: Sentence, span: tuple[int, int], cues: list[Match]) -> bool:
        """A receiving verb followed by an article (``object_articles``), then, past any determiners, no capitalised
        word, title, people's name, body (``object_people``) or time cue ("recibirá el viernes a …") within
        ``OBJECT_REACH`` tokens: its object is a thing ("ha ricevuto il patrocinio", "recibió una invitación", "a reçu
        une plaquette"), not "ha ricevuto il presidente", "a reçu les syndicats", "recibió a Insulza" (no article),
        "ricevuti dal presidente" (an agent)."""
        i = span[1]
        if i >= len(sent) or sent.lowers[i] not in self.object_articles:
            return False
        j = self._past_determiners(sent, i + 1)
        window = range(j, min(len(sent), j + OBJECT_REACH))
        people = [(m.start, m.end) for m in (*self.res.titles.in_sentence(sent), *self.res.demonyms.in_sentence(sent))]
        for k in window:
            low = sent.lowers[k]
            if sent.texts[k][:1].isupper() or low in self.res.unnamed_orgs or low in self.res.demonym_nouns:
                return False
            if low in self.object_people or any(a <= k < b for a, b in people):
                return False
            if any(m.start == k and m.label in _TIME_CUES for m in cues):
                return False
        return bool(window)

    def _past_determiners(self, sent: Sentence, i: int) -> int:
        """The first token from ``i`` on that is no determiner (the object after a host or call verb)."""
        while i < len(sent) and sent.lowers[i] in self.res.determiners:
            i += 1
        return i

    def _name_like(self, word: str) -> bool:
        """Capitalised and no common word of the language, or a listed person's spelling ("Kurz")."""
        return word[:1].isupper() and (word.lower() not in self.res.known_words or listed_word(word))

    def detect(self, sent: Sentence, triggers: list[Match], ctx: ArticleContext) -> list[Candidate]:
        if sent.is_question():
            return []
        excluded = self.exclude.in_sentence(sent)
        if self.negative.in_sentence(sent):
            return []
        strong = self.strong.in_sentence(sent)
        political_topic = bool(self.strong_context.in_sentence(sent))
        personal = self.needs_person.in_sentence(sent)
        org_meets = self.org_meets.in_sentence(sent)
        titled = self.needs_title.in_sentence(sent)
        subjects = self.subjects.in_sentence(sent)
        received = self.receiving.in_sentence(sent)
        high_events = self.high_events.in_sentence(sent)
        cue_matches = [m for m in self.cues.find(sent) if not _name_as_verb(sent, m)]
        out: list[Candidate] = []
        spans = [(t.start, t.end) for t in triggers if not covers(excluded, (t.start, t.end))]
        for trig in dedupe(triggers):
            span = (trig.start, trig.end)
            if covers(excluded, span):
                continue  # a trigger inside an exclusion's gap is not excluded ("Entscheidung beim Gipfel getroffen")
            args = extract(sent, self.res, span, ctx.known_names)
            if trig.pattern in self._headline_only and not (
                any(e == span[0] for _, e in args.spans) and any(b == span[1] for b, _ in args.spans)
            ):
                continue  # "Merkel bei Putin": an actor on each side, next to the word
            is_strong = overlapping(strong, span) or political_topic
            # "bei dem Gespräch", "after the talks": participants named in another sentence of the article
            # and every definite event noun a next sentence may refer back with ("der Besuch", "ce déplacement")
            if not args.political and (overlapping(self.anaphoric.in_sentence(sent), span) or overlapping(
                    self.next_sentence.definite(sent), span)) and names_office_holders(
                [s for s in ctx.sentences if s is not sent], self.res, ctx.known_names
            ):
                args.political = args.people = args.titled = True
            if not (args.political or is_strong):
                continue
            if not is_strong and not args.people and overlapping(personal, span) and not (
                overlapping(org_meets, span) and any(a.kind == "org" for a in args.actors)
            ):
                continue  # "El Consejo de Seguridad de la ONU se reunió": a body meets without a person named
            if not is_strong and not args.titled and overlapping(titled, span):
                continue
            if self.guestless(sent, span):
                continue
            if overlapping(received, span) and self._thing_received(sent, span, cue_matches):
                continue  # "ha ricevuto il patrocinio", "recibió una invitación": no one is received
            keep_participants(sent, self.res, args, span, spans)  # the people who meet, not everyone named
            own = without_others_ahead(sent, cue_matches, span, spans)  # not another meeting's futures
            if overlapping(subjects, span):
                own = subject_past(own, span)  # "The two leaders agreed to meet again": they talked
            nxt = self.told_next(sent, cue_matches, span, ctx)
            statuses = retell(self._statuses(sent, own, span, gap_of(trig)), nxt)
            if all(st in ("held", "planned") for st, _c in statuses) and reported_only_high(
                    sent, self.res, args, span, self.speaker_reports):
                args.high = False  # "Trump says that ceasefire talks are ongoing": a call or refusal is the speaker's
            for status, conf in statuses:
                level = "high" if args.high or overlapping(high_events, span) else "other"
                form = trig.label if trig.label in _FORMS else ("summit" if args.named_summit else None)
                if form is None and args.location is not None and args.location.country:
                    others = [c for c in args.countries if c != args.location.country]
                    if others:
                        form = "third_location"
                conf = clamp(conf + (0.1 if args.actors else 0.0) + (0.05 if is_strong else 0.0))
                out.append(Candidate(self.type, status, span, conf, args, level=level, form=form))
        return out

    def guestless(self, sent: Sentence, span: tuple[int, int]) -> bool:
        """A host verb (``needs_object``) with no guest after it: a hard gate of both stages
        (``learned.features.gate_flags``)."""
        if any((m.start, m.end) == span for m in self.needs_callee.in_sentence(sent)):
            return not self._calls_someone(sent, span)
        return overlapping(self.needs_object.in_sentence(sent), span) and not self._hosts_someone(sent, span[1])

    def _calls_someone(self, sent: Sentence, span: tuple[int, int]) -> bool:
        """A bare "called"/"calls" (``needs_callee``) is a phone call when a person calls a named person: a
        capitalised word, a title or one of ``call_words.subjects`` ("he") before it, and a name (past determiners)
        after it that is not followed by a naming word ("called Putin a killer", "calls Netanyahu's plan": ``call_words
        .naming``). "a group called Hamas", "called for talks", "called it a hostile act" call nobody."""
        a, i = span
        if a == 0:
            return False
        before = sent.texts[a - 1]
        if not (before[:1].isupper() or sent.lowers[a - 1] in self.call_subjects
                or any(m.end == a for m in self.res.titles.find(sent.lowers, sent.lemmas, max(0, a - 4), a))):
            return False
        i = self._past_determiners(sent, i)
        if i >= len(sent) or not sent.texts[i][:1].isupper():
            return False
        while i < len(sent) and sent.texts[i][:1].isupper():
            i += 1
        return i >= len(sent) or sent.lowers[i] not in self.call_naming

    def _hosts_someone(self, sent: Sentence, i: int) -> bool:
        """A host verb ("receives", "welcomed", "hosting": ``needs_object``) has a guest: the word after it, past
        determiners, is capitalised, a title or organisation, or one of ``host_objects`` ("counterpart", "by").
        "receives confirmation", "welcomes assistance", "received 33 %", "hosting a defence-industry event" host
        nobody. A time phrase or a preposition between them (``host_skips``: "received on Tuesday the …", "gave a
        welcome to …") is passed over."""
        for _ in range(2):
            i = max((m.end for m in self.host_skips.find(sent.lowers, sent.lemmas, i, min(len(sent), i + 3))
                     if m.start == i), default=i)
        i = self._past_determiners(sent, i)
        if i >= len(sent):
            return False
        if sent.texts[i][:1].isupper():
            return True
        return any(m.start == i for ps in (self.host_objects, self.res.titles, self.res.orgs)
                   for m in ps.find(sent.lowers, sent.lemmas, i, min(len(sent), i + 4)))

    def told_next(self, sent: Sentence, cues: list[Match], span: tuple[int, int], ctx: ArticleContext) -> str | None:
        """The status the next sentence tells of the meeting at ``span`` (``detectors.next_status``)."""
        nxt = ctx.next_to(sent) if self.next_sentence else None
        if nxt is None:
            return None
        a, b = sent.clause(*span)
        labels = [m.label for m in self.scoped_cues(sent, cues, span) if a <= m.start < b]
        return self.next_sentence.status(sent, span, nxt, self.triggers, self.exclude, labels, self.guestless)

    @staticmethod
    def scoped_cues(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> list[Match]:
        """``cues`` without the "at/after the meeting" ones (``PREPS``) whose object is not this trigger: the
        cue stands right before it ("after the talks", "nach dem Treffen", "a margine del vertice") or holds it.
        "NATO meeting set for Thursday after drone incident", "agree to meet in Cairo after Eid" are no meetings
        that took place. Also the learned stage's cue features (``learned.features.cue_labels``). A cue that begins on
        one of the trigger's own words and runs past it reads that word otherwise: "held a phone call on Tuesday" is
        no "call on" (an appeal). A gapped cue built on the trigger stays: "negociaciones ... congelad*". Dropped:
        a cue inside an ``idiom`` ("as soon as possible"), a rejection after it with an ``own_object``. A reported
        future before the trigger is a plan (``detectors.reported``: "said Putin would meet")."""
        cues = reported_plans(cues, span)
        own = {m.start for m in cues if m.label == "own_object"}
        idioms = [(m.start, m.end) for m in cues if m.label == "idiom"]
        return [m for m in cues if not (span[0] <= m.start < span[1] < m.end and "..." not in m.pattern) and (
            m.label not in PREPS or (m.start < span[1] and span[0] < m.end)
            or (m.end <= span[0] and span[0] - m.end <= PREP_REACH)) and not (
            m.label == "rejected" and m.start >= span[1] and m.start in own) and not any(
            i <= m.start and m.end <= j and j - i > m.end - m.start for i, j in idioms)]

    def _relative_ahead(self, sent: Sentence, cues: list[Match], span: tuple[int, int], b: int) -> bool:
        """The trigger's clause ends shortly after it (``REL_REACH``) with a comma, and the next clause is a
        relative one on it (a ``relatives`` word among its first tokens: "bei dem", "en la que") that tells of the
        future: "the summit, which will be held in June", "des EU-Gipfels mit der Türkei, der kommende Woche
        fortgesetzt werden muss", "Al summit, cui parteciperanno 80 Paesi"."""
        if not self.relatives or b >= len(sent) - 1 or b - span[1] > REL_REACH or sent.texts[b] != ",":
            return False
        if not any(sent.lowers[k] in self.relatives for k in range(b + 1, min(len(sent), b + 4))):
            return False
        c, d = sent.clause(b + 1, b + 1)
        labels = {m.label for m in cues if c <= m.start < d}
        return bool(labels & _AHEAD_LABELS) and not labels & {"held", "rejected", "negation"}

    @staticmethod
    def _intended(clause: set[str]) -> bool:
        """An "at/during the meeting" cue (``at_prep``) tells of a meeting ahead when an intention in the trigger's
        clause governs it ("Scholz will beim Treffen mit Macron … ansprechen", "kündigte an, er wolle bei seinem
        Treffen …", "plans to raise it at his meeting with") and no past verb stands there ("Bei seinem Treffen
        sprach er …"). An agreement or announcement made at the meeting is no intention ("agree to upgrade ties
        during a meeting in Vancouver"), nor is a past wish ("Beim EU-Gipfel wollte Griechenland …")."""
        return "intent" in clause and "held" not in clause

    def _statuses(
        self, sent: Sentence, cues: list[Match], span: tuple[int, int], gap: tuple[int, int] | None = None
    ) -> list[tuple[str, float]]:
        """Status from cues: rejection > future time or modal > "at/after the meeting" > call > plan > wish > held.

        Calls, wishes (a plan of the participants) and rejections count only in the trigger's clause; plans and
        past markers may come from the rest of the sentence ("Obama hatte angekündigt, bei seinem Treffen …").
        """
        cues = self.scoped_cues(sent, cues, span)
        a, b = sent.clause(*span)
        near = Cues.near(sent, [m for m in cues if a <= m.start < b], span, (), gap)[0]
        # an appeal is about this meeting only when it stands next to it ("called for talks")
        clause = {k for k, (dist, _) in near.items() if k not in _NEAR_ONLY or dist <= _NEAR}
        # a plan or future in a later clause is another event's ("…, hold talks at military base, no ceasefire
        # deal announced"); one before the trigger frames it ("Obama hatte angekündigt, bei seinem Treffen …")
        framing = [m for m in cues if m.start < b or m.label not in _LATER_ONLY]
        whole = set(Cues.near(sent, framing, span, (), gap)[0])
        base = 0.75 if clause & set(_STATUS) else 0.6
        if "hedge" in whole:
            base -= 0.15
        if "rejected" in clause or ("rejected" in whole and not clause & {*PAST_MARKS, "future"}):
            out = [("rejected", base)]
            if "proposal" in clause:
                out.append(("called_for", base - 0.1))
            return out
        past = any(m.label == "held" and m.start < span[1] and span[0] < m.end for m in cues)  # "traf", "arrived"
        negation = near.get("negation")  # one after the trigger negates it only where negation_after (not de)
        if negation and negation[0] <= _NEGATION_NEAR and "called_for" not in clause and (
                self.negation_after or negation[1] < span[0]):
            return [("rejected", base - 0.1)]  # "keine Gespräche", "did not meet", "will keine Gespräche"
        if "future" in clause or "planned_modal" in clause or (
                not past and not clause & _NOT_AHEAD and self._relative_ahead(sent, cues, span, b)):
            if not clause & {"planned_modal", "held"} and governing(self, sent, cues, span) == "called_for":
                return [("called_for", base)]  # "invited Tokayev to visit Russia early next year": when, if accepted
            return [("planned", base)]
        if clause & PREPS and fronted_ahead(sent, cues, span, PREPS):
            return [("planned", base - 0.1)]  # "Following the talks, the parties will sign a declaration"
        if "at_prep" in clause and "held" not in clause and not past and _framed_intent(cues, span):
            return [("planned", base - 0.1)]  # "hatte angekündigt, bei seinem Treffen mit Xi … anzusprechen"
        if "held_prep" in clause or ("at_prep" in clause and not self._intended(clause)):
            return [("held", base)]
        if not past and "held" not in clause and governing(self, sent, cues, span) == "called_for":
            return [("called_for", base)]  # "urged Russia and Ukraine to return to the negotiating table"
        headline = _headline(sent, span, self.headline_tokens)
        if "headline_time" in whole and headline and not past and not whole & PAST_MARKS:
            return [("planned", base - 0.1)]  # "Krisentreffen … am Dienstag": a headline announces
        # the trigger word itself may be the past form ("flew to Washington on Sunday")
        own_perfect = any(m.label == "perfect" and span[0] <= m.start and m.end <= span[1] for m in cues)
        if "scheduled" in clause and not past and not own_perfect and not whole & {*PAST_MARKS, "rejected", "perfect"}:
            return [("planned", base - 0.1)]  # "beraten am Montag mit der Kanzlerin": present tense, a weekday
        if "called_for" in clause and clause & _WHEN and _expected(cues, a, b):
            return [("planned", base - 0.1)]  # "devrait rencontrer jeudi …", "dovrebbe incontrare giovedì"
        if "called_for" in clause:
            return [("called_for", base)]
        if "planned" in clause or ("future" in whole and not past) or (
            ("planned" in whole or "planned_modal" in whole) and "held" not in clause and not past
        ):
            return [("planned", base)]
        if "want" in clause:  # "Trump und Kim wollen sich in Singapur treffen": the participants intend it
            return [("planned", base - 0.1)]  # (corpus units with a wish cue: 14 planned, 7 called_for)
        return [("held", base - (0.0 if "held" in clause else 0.1))]
