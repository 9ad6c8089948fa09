"""Ceasefire detector: announced · called_for · violated · rejected (GUIDE.md, taxonomy v1).

Triggers and cues come from ``lexicons/<lang>/ceasefire.json``; the status is read from modality cues in
the trigger's clause (else its sentence): violation, rejection, appeal/proposal, announcement/holding,
negation and background markers.
"""

from __future__ import annotations

import re

from detectors import registry
from detectors import truce_context as truce
from detectors.appeal import Infinitive, governed
from detectors.arguments import extract
from detectors.base import ArticleContext, Candidate, Cues, clamp, dedupe, overlapping
from detectors.language import LanguageResources
from detectors.patterns import Match, lexicon_patterns
from detectors.text import Sentence

NAME = "ceasefire.lexicon/1"
_STATUS = ("violated", "violated_near", "rejected", "called_for", "proposal", "announced", "hold", "agree")
# A headline (short, no final full stop) with a bare ceasefire mention reports one.
_HEADLINE_TOKENS = 12
_FAR = 1 << 30
_NEAR = 3  # "violated_near" cues ("ends", "over") count only this close to the trigger
# A negative context ("huelga", "commerciale", "coalizione") says what a truce is about only next to it, in its
# clause: "tregua sindacale", "la trêve au sein de la majorité", "la huelga, en tregua". Anywhere in the sentence
# it dropped real ones: "la coalition accuse les Houthis d'avoir violé la trêve", "Los mercados celebraron el
# alto el fuego", "aranceles … si no acepta un alto el fuego".
_NEG_BEFORE = 1  # at most this many tokens between a negative context and the trigger after it
_NEG_AFTER = 4   # … or the trigger before it


def near_negative(sent: Sentence, negatives: list[Match], span: tuple[int, int]) -> bool:
    """A negative context in the trigger's clause, close to it (``_NEG_BEFORE`` / ``_NEG_AFTER``)."""
    a, b = sent.clause(*span)
    return any(a <= m.start and m.end <= b and (span[0] - m.end <= _NEG_BEFORE if m.end <= span[0]
                                                 else m.start - span[1] <= _NEG_AFTER)
               for m in negatives)


# cue labels that mask the status cues overlapping them, and those cues' labels
_MASKS = {"not_end": ("violated_near",), "failed_talks": ("violated", "violated_near"),
          "threat": ("violated", "violated_near"),
          "not_condition": ("condition",), "refused_call": ("called_for",),
          "not_refusal": ("rejected",), "brokered": ("called_for", "background"),
          "implementation_talks": ("announced",)}
# mask labels that are status cues too; talks on implementing a truce are an effort towards it, not its
# implementation ("negotiations on the implementation of the next phase of the ceasefire": corpus README)
_READS_AS = {"refused_call": "rejected", "brokered": "announced", "implementation_talks": "called_for"}
# agreeing to a proposed truce is announced + called_for when the proposal or call cue is this close to the trigger
# ("agreed to the ceasefire proposal"); a farther one is about something else ("agreed to a ceasefire and the first
# phase of his peace plan")
_AGREE_CALL_REACH = 4
_OFFER_REACH = 8  # a condition at most this many tokens after the trigger makes its acceptance an offer
_HOLD_REACH = 6  # a hold cue at most this far from the trigger dates the truce in force (holds_since)
_YEAR = re.compile(r"1[89]\d\d|2\d\d\d")
_DAY = re.compile(r"\d{1,2}\.?")  # a day number in a date ("26", German "26.")
_PROPOSED_REACH = 2  # a proposal cue this close after the trigger says who proposed the truce (proposed_next)
_ANNIVERSARY_REACH = 10  # an anniversary cue at most this many words before the trigger names it (anniversary_of)
# cues that, between an anniversary and the trigger, are the truce's own development, not the anniversary's noun
# phrase ("the anniversary of the signing of the ceasefire": a nominal announced cue stays inside it)
_ANNIVERSARY_BLOCKS = tuple(s for s in _STATUS if s != "announced")
_WITHOUT_REACH = 1  # "Kein Waffenstillstand ohne …": a ``without`` cue at most this far after a negated trigger


def _without_false_ends(cues: list[Match]) -> list[Match]:
    """Drop "ends"/"over" cues that end something else: a purpose ("a truce to end the fighting"), talks or a
    dispute about the truce ("talks over the ceasefire", "ceasefire talks end") — the ``not_end`` cues; and the
    breakdown cues of talks that failed ("talks on a truce failed", "Gespräche … gescheitert"): no truce was
    there to breach, the talks were an effort towards one — the ``failed_talks`` cues. A ``refused_call`` cue
    ("not seeking", "no busca", "не хочет") masks the call cue in it and reads as a rejection; a ``brokered`` one
    ("mediated by", "négocié par") masks the mediation word and reads as announced (a truce reached through it)."""
    masks = {label: [m for m in cues if m.label == label] for label in _MASKS}
    if not any(masks.values()):
        return cues
    kept = [m for m in cues if (m.label not in _MASKS or m.label == "threat")  # a threat also stops an offer
            and not any(m.label in _MASKS[k] and overlapping(ms, (m.start, m.end)) for k, ms in masks.items())]
    return kept + [Match(status, m.start, m.end, m.pattern) for k, status in _READS_AS.items() for m in masks[k]]


def refused_calls(sent: Sentence, cues: list[Match]) -> list[Match]:
    """``cues`` without the call cues a refused call governs after it in its clause: the things not sought are
    refused together ("Iran is not seeking a ceasefire or negotiations": no call for talks either), up to a
    ``contrast`` cue ("… but also called for the war to end")."""
    refused = [m for m in cues if m.label == "refused_call"]
    if not refused:
        return cues
    turns = [m.start for m in cues if m.label == "contrast"]  # "not seeking a ceasefire but calls for …"
    spans = [(m.end, min([sent.clause(m.start, m.end)[1], *(t for t in turns if t >= m.end)])) for m in refused]
    return [m for m in cues if m.label != "called_for" or not any(a <= m.start < b for a, b in spans)]


def breach_after(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """A breach the sentence reports after the truce, beyond the clause whose cues read its status: a
    ``violated`` cue in a later clause ("agreed a truce, only for both sides to accuse each other of violating
    it hours later"), or an ``attack`` after a ``contrast`` that follows the trigger ("announced a ceasefire,
    but air strikes continued", "weitgehend respektiert, vereinzelt kam es jedoch zu Schusswechseln")."""
    b = sent.clause(*span)[1]
    if any(m.label == "violated" and m.start >= b for m in cues):
        return True
    turn = min((m.start for m in cues if m.label == "contrast" and m.start >= span[1]), default=None)
    return turn is not None and any(m.label == "attack" and m.start > turn for m in cues)


def attacked_after(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """Attacks reported hours after a truce: an ``after`` cue ("hours after", "au lendemain de", "kurz nach")
    before the trigger in its clause, and an ``attack`` cue outside that stretch ("a drone strikes the building a
    day after the government declared a ceasefire", "Au lendemain du cessez-le-feu, des frappes ont visé …")."""
    a = sent.clause(*span)[0]
    after = [m for m in cues if m.label == "after" and a <= m.start and m.end <= span[0]]
    if not after:
        return False
    lo = min(m.start for m in after)
    return any(m.label == "attack" and (m.end <= lo or m.start >= span[1]) for m in cues)


def proposed_next(cues: list[Match], span: tuple[int, int]) -> bool:
    """A proposal cue right after the trigger, beyond a comma: the truce rejected was proposed ("отказались от
    перемирия, предложенного правительством", "la trêve, proposée par l'ONU")."""
    return any(m.label == "proposal" and 0 <= m.start - span[1] <= _PROPOSED_REACH for m in cues)


def declared_by(cues: list[Match], span: tuple[int, int]) -> bool:
    """A ``declared_by`` cue next to the trigger: the truce refused was declared by a party ("rejected
    the Easter truce announced by Moscow", "la tregua de Navidad anunciada por Putin", "die von Moskau verkündete
    Waffenruhe"): right after it, within ``_PROPOSED_REACH`` tokens, or right before it. A breached truce so named
    is violated only: the participle names the truce the breach is told of ("despite a truce announced by X")."""
    return any(m.label == "declared_by" and (0 <= m.start - span[1] <= _PROPOSED_REACH or m.end == span[0])
               for m in cues)


def refused_without(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """A negated truce with a ``without`` cue right after it: a conditional refusal ("Kein Waffenstillstand ohne
    Ende der Blockade", "No ceasefire without the hostages", "Pas de trêve sans retrait")."""
    return _negated_noun(sent, cues, span) and any(
        m.label == "without" and 0 <= m.start - span[1] <= _WITHOUT_REACH for m in cues)


def breach_next(cues: Cues, triggers, nxt: Sentence | None) -> bool:
    """The next sentence names no truce itself and reports an attack soon after: an ``attack`` and a ``later``
    cue ("Hours later, shells hit the city", "Dès lundi, des obus sont tombés sur les faubourgs")."""
    if nxt is None or nxt.is_question():
        return False
    labels = {m.label for m in cues.find(nxt)}
    return {"attack", "later"} <= labels and not triggers.in_sentence(nxt)


def conditional(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> str | None:
    """Where a ``condition`` cue ("if", "wenn", "si", "se", "если"; not "even if", the ``not_condition`` cues)
    stands: "before" the trigger in its clause (the truce is the condition: "if a ceasefire is in place"), "after" it
    within ``_OFFER_REACH`` tokens (an acceptance of the truce is then an offer on a condition: "sie werde eine
    Waffenruhe nur akzeptieren, wenn …"), else None."""
    conds = [m for m in cues if m.label == "condition"]
    a = sent.clause(*span)[0]
    if any(a <= m.start and m.end <= span[0] for m in conds):
        return "before"
    if any(0 <= m.start - span[1] <= _OFFER_REACH for m in conds):
        return "after"
    return None


def offered_on_condition(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """A truce with no status cue and a ``condition`` after it in its clause is offered on that condition (GUIDE.md:
    called_for; "il cessate il fuoco ci sarà se …", "would consider a truce only if the army withdrew"); not a threat
    ("threatened to break the truce if …") nor a condition in a clause of its own ("Une trêve, si elle avait lieu,
    …": the truce itself is the hypothesis)."""
    b = sent.clause(*span)[1]
    return not any(m.label == "threat" for m in cues) and any(
        m.label == "condition" and span[1] <= m.start < b for m in cues)


def holds_since(sent: Sentence, cues: list[Match], labels: dict[str, tuple[int, int]], span: tuple[int, int]) -> bool:
    """A truce that holds since a recent time ("hält seit drei Tagen", "tient depuis lundi": the background
    cues after the hold cue) is in force: announced, not a background mention; one in place since a year
    ("since 1974") or told as a past state ("Eigentlich gilt seit …") stays background."""
    dist, at = labels.get("hold", (_FAR, _FAR))
    if dist > _HOLD_REACH:
        return False
    a, b = sent.clause(*span)
    if any(m.label == "background" and a <= m.start < at for m in cues):
        return False
    return not any(_YEAR.fullmatch(w) for w in sent.lowers[a:b])


def _dated(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """A past truce named by its year, the year an attribute of the trigger: right before it ("the 2014 truce"),
    past one capitalised word ("the 2014 Gaza truce"), after it past ``dated`` cue words only (of-words, month
    names) and day numbers ("la tregua del 2014", "the truce of 26 August 2014", "перемирие 2014 года"). A year
    the development is dated by ("declared a truce in 2014", "In 2014 a truce took effect") names no past truce:
    the sentence states an event (corpus README: historical events stated as events are labelled). Nor does a year
    after a participle ("the ceasefire signed in October 2025": real news names the truce in force so)."""
    low, a, b = sent.lowers, *sent.clause(*span)
    before = [k for k in (span[0] - 1, span[0] - 2) if k >= a]
    if before and _YEAR.fullmatch(low[before[0]]):
        return True
    if len(before) == 2 and sent.texts[before[0]][:1].isupper() and _YEAR.fullmatch(low[before[1]]):
        return True
    dating = {k for m in cues if m.label == "dated" for k in range(m.start, m.end)}
    k = span[1]
    while k < b and (k in dating or _DAY.fullmatch(low[k])):
        k += 1
    return k < b and _YEAR.fullmatch(low[k]) is not None


def anniversary_of(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """The truce is what an anniversary is of ("timed to coincide with the anniversary of the signing of the
    ceasefire statement", "am Jahrestag der Unterzeichnung des Waffenstillstands"): a background mention (GUIDE.md),
    whatever the cues before the anniversary say of it ("talks timed to coincide with …"). An ``anniversary`` cue
    at most ``_ANNIVERSARY_REACH`` words before the trigger, and around the trigger in its clause, after the
    anniversary, only nominal announced cues ("signing", "ceasefire agreement"); an anniversary in a clause of
    its own dates the development in the trigger's ("On the anniversary of the invasion, Russia rejected a truce")."""
    a, b = sent.clause(*span)
    if any(m.label in _ANNIVERSARY_BLOCKS and span[1] <= m.start < b for m in cues):
        return False
    for m in cues:
        if m.label != "anniversary" or m.end > span[0] \
                or truce.alpha_words(sent, m.end, span[0]) > _ANNIVERSARY_REACH:
            continue  # words only: a date between ("the anniversary of the November 9, 2020, statement")
        own = m.start >= a  # the anniversary stands in the trigger's clause
        blocks = _ANNIVERSARY_BLOCKS if own else _STATUS
        if not any(c.label in blocks and max(a, m.end) <= c.start and c.end <= span[0] for c in cues):
            return True
    return False


def _negated_noun(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """A negation word right before the trigger, as its determiner ("no ceasefire", "keine Waffenruhe"); "not",
    "nicht", "n't" negate a verb ("did not agree to a ceasefire" is a refusal)."""
    return any(m.label == "negation" and span[0] - 1 <= m.end - 1 < span[0] and not sent.lowers[m.start].endswith("t")
               for m in cues)


@registry.register("ceasefire")
class CeasefireDetector:
    type = "ceasefire"
    name = NAME

    def __init__(self, lang: str, lexicon: dict, res: LanguageResources) -> None:
        self.lang = lang
        self.res = res
        self.triggers = lexicon_patterns(lexicon, "triggers", "ceasefire")
        self.exclude = lexicon_patterns(lexicon, "exclude", "x")
        # not ``negative``: that name is a sentence-wide gate (detectors.learned.features.GATES, is_gated)
        self.negative_near = lexicon_patterns(lexicon, "negative_context", "neg")
        # finite forms of the truce verbs ("stellten", "ceased", "прекратили"): a verb trigger holding one tells the
        # truce kept, not only named ("Die Rebellen stellten das Feuer ein", "Армия прекратила стрельбу")
        self.enacted = lexicon_patterns(lexicon, "enacted", "enacted")
        # fighting resumed with no truce word ("resumption of hostilities", "возобновление боевых действий"): a
        # trigger holding one tells a truce that ended (GUIDE.md: violated, "fighting resumes despite it")
        self.resumed = lexicon_patterns(lexicon, "resumed", "resumed")
        self.cues = Cues(lexicon.get("cues"))
        self.infinitive = Infinitive.from_lexicon(lexicon.get("infinitive"))

    def anniversary(self, sent: Sentence, span: tuple[int, int]) -> bool:
        """The learned stage's gate (detectors.learned.features.gate_flags): the truce is what an anniversary is of,
        or the trigger a resumption of fighting only threatened or feared (no development either)."""
        cues = self.cues.find(sent)
        return anniversary_of(sent, cues, span) or truce.resumed_fighting(sent, cues, self.resumed.in_sentence(sent),
                                                                          span) is False

    def appeal_content(self, sent: Sentence, cues: list[Match]) -> list[Match]:
        """``cues`` without the announcing ones an appeal governs ("urged them to accept a truce": a call)."""
        inner = {id(m) for m in governed(sent, cues, self.infinitive)}
        return [m for m in cues if id(m) not in inner] if inner else cues

    def detect(self, sent: Sentence, triggers: list[Match], ctx: ArticleContext) -> list[Candidate]:
        negatives = self.negative_near.in_sentence(sent)
        excluded = self.exclude.in_sentence(sent)
        cue_matches = self.appeal_content(sent, _without_false_ends(refused_calls(sent, self.cues.find(sent))))
        out: list[Candidate] = []
        refused: bool | None = None
        for trig in dedupe(triggers):
            span = (trig.start, trig.end)
            if overlapping(excluded, span) or (negatives and near_negative(sent, negatives, span)):
                continue
            acted = any(span[0] <= m.start and m.end <= span[1] for m in self.enacted.in_sentence(sent)) \
                and not any(m.label == "negation" and span[0] <= m.start < span[1] for m in cue_matches)  # "nicht"
            resumed = truce.resumed_fighting(sent, cue_matches, self.resumed.in_sentence(sent), span)
            if resumed is None:
                found = self._statuses(sent, cue_matches, span, acted)
            else:  # fighting resumed: a truce ended, or a threat of it (no event)
                found = [("violated", 0.7)] if resumed else []
            if any(s == "called_for" for s, _ in found) and all(s != "rejected" for s, _ in found):
                refused = self._offer_refused_next(sent, ctx) if refused is None else refused
                if refused:  # "Moscou a proposé un cessez-le-feu. Kiev a aussitôt écarté l'offre."
                    found.append(("rejected", min(c for _, c in found) - 0.1))
            if any(s == "announced" for s, _ in found) and all(s != "violated" for s, _ in found) \
                    and breach_next(self.cues, self.triggers, ctx.next_to(sent)):
                found.append(("violated", min(c for _, c in found) - 0.1))  # "… agreed a truce. Hours later, shells …"
            for status, conf in found:
                args = extract(sent, self.res, span, ctx.known_names)
                if not args.countries and ctx.countries:
                    args.add_country(ctx.countries[0])
                conf = clamp(conf + (0.05 if args.actors else 0.0))
                out.append(Candidate(self.type, status, span, conf, args))
        return out

    def _offer_refused_next(self, sent: Sentence, ctx: ArticleContext) -> bool:
        """The next sentence of the article names no truce itself but refuses an offer, a proposal or a plan
        (``offer_refused``), the one this sentence makes: "Kiev a aussitôt écarté l'offre"."""
        nxt = ctx.next_to(sent)  # the adjacent sentence, which the article context builds when it holds no candidate
        if nxt is None:
            return False
        labels = {m.label for m in self.cues.find(nxt)}
        return {"rejected", "offer_refused"} <= labels and not self.triggers.in_sentence(nxt)

    def _statuses(self, sent: Sentence, cues: list[Match], span: tuple[int, int],
                  acted: bool = False) -> list[tuple[str, float]]:
        if sent.is_question() or any(m.label == "opinion" for m in cues) or anniversary_of(sent, cues, span):
            return []  # a question, a poll, an anniversary of the truce: no development (README conventions)
        killed = truce.killed_since(sent, cues, span)
        cues = truce.casualty_negations_dropped(cues)  # "no one has been killed since the truce": no refusal
        if killed or attacked_after(sent, cues, span):
            return [("violated", 0.7)]
        denied = truce.denial(sent, cues, span)
        if denied == "object":
            return [("rejected", 0.7)]  # "denies the truce announced by Trump"
        out = self._clause_statuses(sent, cues, span, acted)
        cond = conditional(sent, cues, span)
        if (cond == "before" or denied) and all(s == "announced" for s, _ in out):
            return []  # "if a ceasefire is in place", "denied that it had agreed to a truce": none came about
        if cond == "after" and not out and offered_on_condition(sent, cues, span):
            return [("called_for", 0.6)]  # "a truce will come if the army withdraws": an offer on a condition
        if cond == "after" and any(s == "announced" for s, _ in out) and any(m.label == "agree" for m in cues):
            # "would accept a truce only if the army withdrew": an offer with conditions (GUIDE.md: called_for);
            # a truce declared on a condition is still declared ("will observe a truce unless attacked")
            conf = max(c for s, c in out if s == "announced")
            out = [(s, c) for s, c in out if s not in ("announced", "called_for")] + [("called_for", conf)]
        if any(s == "announced" for s, _ in out) and all(s != "violated" for s, _ in out) \
                and breach_after(sent, cues, span):
            out.append(("violated", min(c for _, c in out) - 0.1))
        return out

    def _clause_statuses(self, sent: Sentence, cues: list[Match], span: tuple[int, int],
                         acted: bool = False) -> list[tuple[str, float]]:
        labels, in_clause = Cues.near(sent, cues, span, _STATUS)
        base = 0.8 if in_clause else 0.65
        if "hedge" in labels:
            base -= 0.15
        if refused_without(sent, cues, span):
            return [("rejected", base)]
        declared = declared_by(cues, span)

        def dist(*names: str) -> int:
            return min(labels.get(n, (_FAR, _FAR))[0] for n in names)

        def first(*names: str) -> int:
            return min(labels.get(n, (_FAR, _FAR))[1] for n in names)

        call = dist("called_for", "proposal")
        announce = dist("announced", "hold", "agree")
        ends = "violated_near" in labels and truce.words_to(sent, cues, "violated_near", span) <= _NEAR
        violated = "violated" in labels or ends
        if violated:
            out = [("violated", base)]
            if "agree" in labels:  # "agreed a truce, but clashes went on"; "the truce announced by X": only named
                out.append(("announced", base - 0.15))
            if call < _FAR and "rejected" not in labels:
                out.append(("called_for", base - 0.15))
            return out
        if "rejected" in labels:
            out = [("rejected", base)]
            if call < _FAR or proposed_next(cues, span):
                out.append(("called_for", base - 0.1))
            elif declared:  # one party declared the truce, another refuses it
                out.append(("announced", base - 0.1))
            return out
        if "negation" in labels and dist("negation") <= _NEAR + 3:
            if _negated_noun(sent, cues, span) and "agree" not in labels and first("announced") > span[0]:
                return []  # "no ceasefire deal announced", "keine Waffenruhe verkündet": none came about
            if "hold" in labels:
                return [("violated", base - 0.1)]
            if "announced" in labels or "agree" in labels:
                return [("rejected", base - 0.1)]
            if call == _FAR:
                return []
        if call < _FAR and announce < _FAR:
            if "agree" in labels and call <= _AGREE_CALL_REACH:
                return [("announced", base), ("called_for", base - 0.1)]
            named = truce.call_on_named(sent, cues, span)  # "to discuss implementing the ceasefire signed in October"
            return [("called_for", base)] if call <= announce or named else [("announced", base)]
        if call < _FAR:
            return [("called_for", base)]
        if announce < _FAR:
            if ("background" in labels or _dated(sent, cues, span)) and "agree" not in labels \
                    and not holds_since(sent, cues, labels, span):
                return []
            return [("announced", base)]
        if "background" in labels:
            return []
        if acted:  # a party stops firing, with no cue to say otherwise: the truce is implemented (GUIDE.md)
            return [("announced", base - 0.1)]
        if len(sent) <= _HEADLINE_TOKENS and not sent.text.rstrip().endswith("."):
            return [("announced", 0.5)]
        return []
