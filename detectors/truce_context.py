"""What a sentence says around a truce beyond its own status cues (detectors.ceasefire, session 22).

- Casualties counted since a truce: "over 1,000 killed since the ceasefire was announced", "Seit Beginn der
  Waffenruhe wurden mehr als 300 Menschen getötet". The corpus README reads them as a breach (violated), not as a
  background mention of the truce: a ``since`` cue shortly before the trigger in its clause and a ``casualty`` cue
  in the sentence, not negated ("no one has been killed since the truce").
- A denial: of the truce itself ("denies the truce announced by Trump": a ``deny`` cue with the trigger as its
  object, right after it) is a rejection; of a report that it came about ("denied that it had agreed to a
  ceasefire", "negó haber pactado una tregua", "bestritt, einer Waffenruhe zugestimmt zu haben") is no event:
  the announcement it denies did not happen (a ``denied_report`` cue, or a ``deny`` cue farther before the trigger).
"""

from __future__ import annotations

from detectors.appeal import ANNOUNCING
from detectors.patterns import Match
from detectors.text import Sentence

SINCE_REACH = 5  # at most this many tokens between a ``since`` cue and the trigger ("since the start of the truce")
_NEGATED_REACH = 4  # a negation at most this many tokens before a casualty cue negates it ("no one has been killed")
DENY_REACH = 2  # at most this many words between a ``deny`` cue and the trigger it has as its object ("denies the")


def killed_since(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """Casualties counted since the truce (a breach, corpus README): a ``since`` cue before the trigger in its
    clause, at most ``SINCE_REACH`` tokens away, and a ``casualty`` cue in the sentence that no negation governs."""
    a = sent.clause(*span)[0]
    if not any(m.label == "since" and a <= m.start and 0 <= span[0] - m.end <= SINCE_REACH for m in cues):
        return False
    negations = [m.end for m in cues if m.label == "negation"]
    return any(m.label == "casualty" and not any(0 <= m.start - e <= _NEGATED_REACH for e in negations)
               for m in cues)


def resumed_fighting(sent: Sentence, cues: list[Match], resumed: list[Match], span: tuple[int, int]) -> bool | None:
    """None unless the trigger holds a ``resumed`` word ("resumption of hostilities", "возобновление боевых
    действий"); then True: fighting resumed, a truce ended (violated); False when a ``hypothetical``, ``threat`` or
    ``condition`` cue before it in its clause makes the resumption a threat or a fear ("under the threat of a
    resumption of hostilities"): no event, whatever else the sentence holds ("hostages held")."""
    if not any(span[0] <= m.start and m.end <= span[1] for m in resumed):
        return None
    a = sent.clause(*span)[0]
    return not any(m.label in _UNREAL and a <= m.start and m.end <= span[0] for m in cues)


_UNREAL = frozenset({"hypothetical", "threat", "condition"})


def call_on_named(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> bool:
    """A call cue before the trigger in its clause, no announcing cue there, and a ``naming`` participle right
    after the trigger ("to discuss implementing the first phase of the ceasefire signed in October", "rispettare il
    cessate il fuoco firmato a Ginevra"): the participle names the truce, the call is the development. Not when an
    announcing cue stands before it too ("reach an agreement to implement … the ceasefire signed in …"); German has
    no ``naming`` cues: its finite verb follows the noun ("haben einer Waffenruhe zugestimmt")."""
    a = sent.clause(*span)[0]
    before = [m for m in cues if a <= m.start and m.end <= span[0]]
    return any(m.label == "called_for" for m in before) and not any(m.label in ANNOUNCING for m in before) \
        and any(m.label == "naming" and m.start == span[1] for m in cues)


def alpha_words(sent: Sentence, a: int, b: int) -> int:
    """Words (alphabetic tokens) among tokens ``a``..``b``: a glued dash, a number or a date are none."""
    return sum(w.isalpha() for w in sent.texts[a:b])


def words_to(sent: Sentence, cues: list[Match], label: str, span: tuple[int, int]) -> int:
    """Words (``alpha_words``) between the trigger and the nearest ``label`` cue outside it ("ending the 48–hour
    ceasefire": 2, not 4 tokens)."""
    return min((alpha_words(sent, m.end, span[0]) if m.end <= span[0] else alpha_words(sent, span[1], m.start)
                for m in cues if m.label == label and (m.end <= span[0] or m.start >= span[1])), default=1 << 30)


def casualty_negations_dropped(cues: list[Match]) -> list[Match]:
    """``cues`` without the negations that govern a casualty cue: "no one has been killed since the truce took
    effect" negates the killing, not the truce (it was read as a refusal)."""
    ends = [m.start for m in cues if m.label == "casualty"]
    if not ends:
        return cues
    return [m for m in cues if m.label != "negation" or not any(0 <= c - m.end <= _NEGATED_REACH for c in ends)]


def denial(sent: Sentence, cues: list[Match], span: tuple[int, int]) -> str | None:
    """"object" when a ``deny`` cue has the trigger as its object (at most ``DENY_REACH`` words after it, no
    punctuation between: "denies the truce", "dementierte die Waffenruhe"); "report" when a ``denied_report``
    cue, or a ``deny`` cue farther away, stands before the trigger in the sentence ("denied that it had agreed to
    a truce", "denied reports of a ceasefire"); else None."""
    reports = [m for m in cues if m.label == "denied_report" and m.end <= span[0]]
    if reports:
        return "report"
    denies = [m for m in cues if m.label == "deny" and m.end <= span[0]]
    if not denies:
        return None
    last = max(denies, key=lambda m: m.end)
    between = sent.texts[last.end:span[0]]
    if len(between) <= DENY_REACH and all(w[:1].isalpha() for w in between):
        return "object"
    return "report"
