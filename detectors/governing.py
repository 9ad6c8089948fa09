"""The status cue that governs a meeting trigger through an infinitive ("urged them to hold talks", "refused to
meet"): read by the meeting rules and, as a feature, by the learned stage (a pure function)."""

from __future__ import annotations

from collections.abc import Sequence

from detectors.patterns import Match, token_gap
from detectors.text import Sentence

GOVERNING = ("rejected", "called_for", "proposal", "planned", "want")  # cues whose infinitive may be the meeting
GOV_REACH = 8  # tokens from the end of the cue to the trigger
GOV_AFTER = 4  # tokens after the trigger where a verb-final infinitive may stand ("Gespräche … aufzunehmen")


def governing(detector: object, sent: Sentence, matches: Sequence[Match], span: tuple[int, int]) -> str | None:
    """The status cue whose infinitive the trigger is, or is the object of: "urged Fatah and Hamas to hold
    talks", "appelliert an die Parteien, Gespräche … aufzunehmen", "se negó a reunirse", "refused to meet",
    "plans to visit". The nearest such cue before the trigger (``GOV_REACH``) with an infinitive (the detector's
    ``infinitive``: a marker word or a form) from its end up to shortly after the trigger. The cue may stand
    beyond a comma, where the clause-bound cue features do not look; the meeting is then that cue's content, not
    a meeting that took place. A call cue that is also an intention (``intent``: "devrait", "dovrebbe", "veut")
    is the participant's own expectation or wish, no call."""
    inf = getattr(detector, "infinitive", None)
    if getattr(detector, "type", None) != "meeting" or inf is None or not (inf.markers or inf.form):
        return None
    t0, t1 = span
    best: Match | None = None
    expecting = {m.start for m in matches if m.label == "intent"}
    for m in matches:
        if m.label not in GOVERNING or not (0 <= t0 - m.end <= GOV_REACH) or (best is not None and m.end <= best.end):
            continue
        if m.label == "called_for" and m.start in expecting:
            continue  # "dovrebbe incontrare", "veut rencontrer": an expectation or a wish of the participant
        if any(inf.marks(sent, k) for k in range(m.end, min(len(sent), t1 + GOV_AFTER))):
            best = m
    return best.label if best is not None else None


OWNED_AHEAD = ("future", "planned_modal", "planned")  # "la prochaine conférence", "le sommet prévu en juin"
OWN_PAST = ("perfect", "held")  # the trigger's own past verb: "les deux dirigeants ont abordé", "discussed"
OWN_PAST_REACH = 2


def without_others_ahead(sent: Sentence, matches: Sequence[Match], span: tuple[int, int],
                         spans: Sequence[tuple[int, int]]) -> list[Match]:
    """``matches`` without the future cues (``OWNED_AHEAD``) of this trigger's clause that stand nearer to another
    meeting trigger of that clause than to this one: they date that meeting, not this. "Les deux chefs d'État ont
    abordé la préparation du sommet", "the two leaders discussed next month's summit": the leaders' talks took
    place, the summit is ahead. A cue that is another trigger's own word stays: a verb whose tense the whole event
    shares ("rencontrera … lors du sommet"); so do cues of other clauses ("After the talks, the two leaders will
    sign …" dates the talks as well). Only for a trigger with a past form of its own beside it (``OWN_PAST``), and
    cues after that form: "the APEC Summit will be held via videoconference" is one meeting ahead."""
    a, b = sent.clause(*span)
    others = [s for s in spans if s != span and a <= s[0] < b]
    pasts = [m.end for m in matches if m.label in OWN_PAST and token_gap(m, span) <= OWN_PAST_REACH]
    if not others or not pasts:
        return list(matches)
    return [m for m in matches if m.label not in OWNED_AHEAD or not min(pasts) <= m.start < b
            or (d := token_gap(m, span)) == 0
            or not any(token_gap(m, o) < d and not o[0] <= m.start < o[1] for o in others)]


SUBJECT_DROPS = frozenset({*OWNED_AHEAD, "called_for", "want", "intent", "headline_time", "scheduled"})


def subject_past(matches: Sequence[Match], span: tuple[int, int]) -> list[Match]:
    """``matches`` for a trigger that names the participants as the subject (the lexicon's ``subject_triggers``:
    "the two leaders", "both presidents") with a past form right after it (``OWN_PAST``): "The two leaders agreed
    to hold a full-format meeting in the near future", "the two presidents discussed next month's summit". The
    talks where they agreed took place; the plans, calls and times after the verb are its content (another
    trigger's, "meeting", when one names it), so they are dropped here. "The two leaders will meet next week" has
    no past form and keeps its future; a negation stays ("both leaders did not attend")."""
    if not any(m.label in OWN_PAST and m.start == span[1] for m in matches):
        return list(matches)
    return [m for m in matches if not (m.label in SUBJECT_DROPS and m.start >= span[1])]
