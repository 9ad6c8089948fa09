"""A meeting's status told in the sentence after it (issue 12).

"… der Berliner Konferenz zurück. Merkel versicherte, dass es in Kürze stattfinden wird." is a conference ahead;
"Le sommet devait réunir … Il n'aura finalement pas lieu." and "… was due to visit Rabat. The trip was called off."
are meetings called off. The next sentence refers back to the event and tells its fate:

- the reference: a pronoun ("es", "it", "il", "она"), or a definite or demonstrative event noun ("das Treffen",
  "the talks", "ce déplacement", "la cumbre"; a bare one opening its clause where the language has no articles,
  ``bare_nouns``: "Встреча состоится …"), or nothing at all before a predicate that opens its clause where the
  language drops its subjects (``null_subject``: "Se celebrará el lunes", "que si terrà a Roma");
- the predicate in the reference's clause: ``planned`` ("stattfinden wird", "will take place", "aura lieu",
  "se celebrará", "si terrà", "состоится") after the reference, or around it ("soll es im März stattfinden");
  ``planned_after_noun`` (a future auxiliary: "will", "doit", "será") right after a noun reference only;
  ``rejected`` ("abgesagt", "was called off", "n'aura pas lieu", "fue cancelada", "отменена") before or after it
  ("Pékin a annulé la visite"); ``rejected_it`` carries its own reference ("called it off", "la cancelaron").

No reading when the next sentence is a question, names a meeting of its own (a trigger outside the reference), or
when another kind of event (``other_events``: an election, a match, a trial) stands between the trigger and a
pronoun or a dropped subject. Lexicon: ``next_sentence`` of ``lexicons/<lang>/meeting.json``. The reading is
cheap: a sentence without a predicate costs one pattern look-up, and only sentences after a candidate are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from detectors.base import overlapping
from detectors.patterns import Match, PatternSet
from detectors.text import Sentence

REACH = 4  # tokens between a reference and its predicate
NOUN_REACH = 1  # … and between a noun reference and a future auxiliary after it ("The meeting will …")
# markers in the trigger's own clause that the meeting took place: a next sentence's future is another's then
PAST = frozenset({"held", "held_prep"})
_NOUN, _PRONOUN, _NULL = "noun", "pronoun", "null"
Gate = Callable[[Sentence, tuple[int, int]], bool]  # a trigger match that names no meeting
_PREDICATES = ("planned", "planned_after_noun", "rejected", "rejected_active", "rejected_it")
TOLD = "next:"  # the learned stage's feature ("next:planned") and the status it imposes (``told_status``)


class NextSentence:
    """The ``next_sentence`` section of a meeting lexicon (empty: the language reads nothing)."""

    def __init__(self, lexicon: dict | None) -> None:
        lex = lexicon or {}
        dets, mods, nouns = lex.get("determiners", ()), lex.get("modifiers", ()), lex.get("nouns", ())
        self.pronouns = PatternSet((_PRONOUN, p) for p in lex.get("pronouns", ()))
        self.bare = bool(lex.get("bare_nouns"))
        self.nouns = PatternSet((_NOUN, n) for n in nouns)  # ``definite``: the noun first, then its determiner
        self.dets = frozenset(d.lstrip("=").lower() for d in dets)
        self.mods = frozenset(m.lstrip("=").lower() for m in mods)
        passive = [f"{aux} ... {part}" for aux in lex.get("passive", ()) for part in lex.get("participles", ())]
        passive += [f"{part} {aux}" for aux in lex.get("passive", ()) for part in lex.get("participles", ())]
        self.predicates = PatternSet(
            [(label, p) for label in _PREDICATES for p in lex.get(label, ())] + [("rejected", p) for p in passive])
        self.others = PatternSet(("other", p) for p in lex.get("other_events", ()))
        self.openers = frozenset(w.lower() for w in lex.get("openers", ()))
        self.null_subject = bool(lex.get("null_subject"))

    def __bool__(self) -> bool:
        return bool(self.predicates)

    def status(self, sent: Sentence, span: tuple[int, int], nxt: Sentence | None, triggers: PatternSet,
               exclude: PatternSet, clause_labels: Sequence[str] = (), gated: Gate | None = None) -> str | None:
        """``planned`` or ``rejected`` when ``nxt`` (the sentence after ``sent``) tells the fate of the meeting at
        ``span``, else None. ``clause_labels``: the status cue labels of the trigger's clause (a meeting that took
        place, ``PAST``, is not ahead); ``gated``: the detector's check that a trigger match names no meeting (a
        bare "called" that calls nobody: "The White House called it off")."""
        if nxt is None or not self.predicates:
            return None
        told = nxt.memo("next_status", (self, triggers, exclude, gated), self._read, nxt, triggers, exclude, gated)
        if told is None:
            return None
        status, kind, other = told
        if status == "planned" and PAST.intersection(clause_labels):
            return None
        if kind != _NOUN and (other or any(m.start >= span[1] for m in self.others.in_sentence(sent))):
            return None  # "… vor der Wahl. Sie soll im Mai stattfinden": the election's
        return status

    def _read(self, nxt: Sentence, triggers: PatternSet, exclude: PatternSet,
              gated: Gate | None) -> tuple[str, str, bool] | None:
        """(status, kind of reference, another kind of event named) of the next sentence alone (memoised)."""
        preds = self.predicates.in_sentence(nxt)
        if not preds or nxt.is_question():
            return None
        excluded = exclude.in_sentence(nxt)
        refs = [m for m in self._references(nxt) if not overlapping(excluded, (m.start, m.end))]
        own = [t for t in triggers.in_sentence(nxt) if gated is None or not gated(nxt, (t.start, t.end))]
        if any(not overlapping(refs, (t.start, t.end)) for t in own):
            return None  # a meeting of its own ("Ein weiteres Treffen soll …"): not the one before
        others = bool(self.others.in_sentence(nxt))
        found: dict[str, tuple[str, bool]] = {}
        for p in preds:
            kind = "noun" if p.label == "rejected_it" else self._referred(nxt, p, refs)
            if kind is None:
                continue
            status = "planned" if p.label.startswith("planned") else "rejected"
            found.setdefault(status, (kind, others))
        for status in ("rejected", "planned"):
            if status in found:
                return (status, *found[status])
        return None

    def definite(self, sent: Sentence) -> list[Match]:
        """The definite or demonstrative event nouns of a sentence ("der Besuch", "the planned summit"): the
        references above, found from the noun (a few dict look-ups; the composed patterns would be tried at every
        article of the sentence). The meeting detector's ``anaphoric`` gate takes them too."""
        out = []
        for m in self.nouns.in_sentence(sent):
            k = m.start - 1
            if k >= 1 and sent.lowers[k] in self.mods:
                k -= 1
            if k >= 0 and sent.lowers[k] in self.dets:
                out.append(Match(_NOUN, k, m.end, m.pattern))
        return out

    def _references(self, nxt: Sentence) -> list[Match]:
        refs = self.pronouns.in_sentence(nxt) + self.definite(nxt)
        if self.bare:  # "Встреча состоится …": a bare noun opening its clause
            refs += [m for m in self.nouns.in_sentence(nxt) if self._opens(nxt, m.start)]
        return refs

    def _opens(self, nxt: Sentence, k: int) -> bool:
        a = nxt.clause(k, k + 1)[0]
        return k == a or (k == a + 1 and nxt.lowers[a] in self.openers)

    def _referred(self, nxt: Sentence, p: Match, refs: list[Match]) -> str | None:
        """The kind of reference the predicate ``p`` has in its clause, if any."""
        a, b = nxt.clause(p.start, p.end)
        for r in refs:
            if not (a <= r.start and r.end <= b):
                continue
            if p.label == "planned_after_noun":
                if r.label == _NOUN and 0 <= p.start - r.end <= NOUN_REACH:
                    return _NOUN
                continue
            inside = p.start < r.start and r.end <= p.end  # "soll es … stattfinden", "sagte das Treffen ab"
            if p.label == "rejected_active":  # the reference is the object: "Pékin a annulé la visite"
                if inside or 0 <= r.start - p.end <= REACH:
                    return r.label
            elif inside or 0 <= p.start - r.end <= REACH:  # the subject: "Das Treffen wurde abgesagt"
                return r.label
        if self.null_subject and p.label in ("planned", "rejected") and self._opens(nxt, p.start):
            return _NULL  # "Se celebrará el lunes", "… que tendrá lugar pronto"
        return None


def retell(found: list[tuple[str, float]], status: str | None) -> list[tuple[str, float]]:
    """The statuses of a candidate with the next sentence's reading: ``planned`` replaces held; ``rejected``
    replaces held and planned (a call stays, refused: "proposed talks. They were called off")."""
    if status is None or not found:
        return found
    replaced = ("held",) if status == "planned" else ("held", "planned")
    out: dict[str, float] = {}
    for s, conf in found:
        s = status if s in replaced else s
        out[s] = max(conf, out.get(s, 0.0))
    if status not in out:
        out[status] = min(c for _, c in found)
    return list(out.items())


def told_next(detector: Any, obs: Any, sides: Sequence[tuple[str, Sentence]]) -> tuple[str, ...]:
    """The learned stage's ``next:<status>`` feature of a candidate (``learned.features.Observed``) whose next
    sentence (``sides``: ``("n", sentence)``) tells its status; the pipeline puts it in the candidate's context."""
    reader = getattr(detector, "next_sentence", None)
    nxt = next((nb for side, nb in sides if side == "n"), None)
    if not reader or nxt is None:
        return ()
    span = (obs.trigger.start, obs.trigger.end)
    status = reader.status(obs.sent, span, nxt, detector.triggers, detector.exclude, tuple(obs.cues_near),
                           getattr(detector, "guestless", None))
    return (f"{TOLD}{status}",) if status else ()


def told_status(feats: Iterable[str]) -> str | None:
    """The status a candidate's ``next:`` feature tells, if any."""
    return next((f[len(TOLD):] for f in feats if f.startswith(TOLD)), None)
