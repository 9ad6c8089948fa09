"""A reported future: a speaker's verb, then a modal that is the past of a future ("The Kremlin said Putin would
meet Erdogan in Sochi", "Officials told Reuters that Blinken would travel to Israel"). English "would" is a
call or a wish elsewhere ("would welcome talks", "a meeting would be useful"); after a speaker's report and
before the meeting it tells what the speaker announced: a plan (GUIDE.md: "announced, scheduled"), not a call.

The lexicon's ``reported_future`` cues match from the report to the modal ("said ... =would"). A call that
stays one is the lexicon's own longer cue ("would like", "would be ready to", "=if"): only the bare modal's call
(a one-word ``called_for`` match on the modal) is dropped. When the report holds the meeting and the modal comes
after it, the meeting is the modal's subject ("said the talks would resume": a plan) unless a ``reported_break``
word stands between them ("told Macron in a phone call that Russia would …", "said he met Xi and would …"): then
the modal is the content's, and no call either; so is a call modal there (``reported_call``: "told Netanyahu in a
call that Israel must …"), which is never a plan. Languages whose reported future is a verb form of its own
(fr "rencontrerait", es "se reuniría", de "werde") need no such cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.patterns import Match

LABEL = "reported_future"
CALL = "reported_call"  # "told Netanyahu in a call that Israel must …": a content's call, never a plan
BREAK = "reported_break"
REACH = 6  # tokens from the modal to the trigger: "would travel to Riyadh on Monday for talks"


def reported_plans(cues: Sequence[Match], span: tuple[int, int]) -> list[Match]:
    """``cues`` with each reported future that is this meeting's (it ends before the trigger, within ``REACH``, or
    holds it as the modal's subject) read as a plan (``planned``), the modal's one-word call dropped with it and
    with one that is the content's; other reported futures (another meeting's) are dropped, and so are the
    break words."""
    t0, t1 = span
    breaks = [m.start for m in cues if m.label == BREAK]
    plans: set[int] = set()  # the modals that make this meeting a plan
    content: set[int] = set()  # the modals of what is said in or after the meeting
    for m in cues:
        if m.label not in (LABEL, CALL):
            continue
        modal = m.end - 1
        after_break = m.start < t0 and t1 <= modal and any(t1 <= k < modal for k in breaks)
        if after_break:
            content.add(modal)
        elif m.label == CALL:
            continue
        elif (modal < t0 and t0 - m.end <= REACH) or (m.start < t0 and t1 <= modal):
            plans.add(modal)
    out: list[Match] = []
    for m in cues:
        if m.label == LABEL:
            if m.end - 1 in plans:
                out.append(Match("planned", m.start, m.end, m.pattern))
        elif m.label not in (BREAK, CALL) and not (
                m.label == "called_for" and m.end - m.start == 1 and m.start in plans | content):
            out.append(m)
    return out
