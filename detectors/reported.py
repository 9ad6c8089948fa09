"""A reported future: a speaker's verb, then a modal that is the past of a future ("The Kremlin said Putin would
meet Erdogan in Sochi", "Officials told Reuters that Blinken would travel to Israel"). English "would" is a
call or a wish elsewhere ("would welcome talks", "a meeting would be useful"); after a speaker's report and
before the meeting it tells what the speaker announced: a plan (GUIDE.md: "announced, scheduled"), not a call.

The lexicon's ``reported_future`` cues match from the report to the modal ("said ... =would"). A call that
stays one is the lexicon's own longer cue ("would like", "would be ready to", "=if"): only the bare modal's call
(a one-word ``called_for`` match on the modal) is dropped. Languages whose reported future is a verb form of its
own (fr "rencontrerait", es "se reuniría", de "werde") need no such cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.patterns import Match

LABEL = "reported_future"
REACH = 6  # tokens from the modal to the trigger: "would travel to Riyadh on Monday for talks"


def reported_plans(cues: Sequence[Match], span: tuple[int, int]) -> list[Match]:
    """``cues`` with each reported future that ends before the trigger (within ``REACH``) read as a plan
    (``planned``) and its modal's one-word call dropped; a reported future elsewhere (after the trigger, or
    around it: "Putin said he met Xi and would …") is dropped: it is not this meeting's."""
    modals = {m.end - 1 for m in cues if m.label == LABEL and m.end <= span[0] and span[0] - m.end <= REACH}
    out: list[Match] = []
    for m in cues:
        if m.label == LABEL:
            if m.end - 1 in modals:
                out.append(Match("planned", m.start, m.end, m.pattern))
        elif not (m.label == "called_for" and m.end - m.start == 1 and m.start in modals):
            out.append(m)
    return out
