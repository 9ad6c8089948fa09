"""A meeting named in a fronted "after/at/during the meeting" phrase whose main clause tells of the future
("Following the talks, the parties will sign …"): the meeting is ahead as well (``detectors.meeting``)."""

from __future__ import annotations

from detectors.patterns import Match
from detectors.text import Sentence

FRONTED_TOKENS = 10  # "Following the talks", "During his visit to Beijing next week": a phrase, not a clause
_AHEAD = frozenset({"planned_modal", "intent"})  # not a future time, which may date its content ("next year's vote")


def fronted_ahead(sent: Sentence, cues: list[Match], span: tuple[int, int], preps: frozenset[str]) -> bool:
    """The trigger's clause is an "after/at/during the meeting" phrase opening the sentence, set off by a comma,
    and the main clause after it tells of the future ("Following the talks, the parties will sign …", "Lors de
    sa visite, le président rencontrera …", "During the visit, the leaders are expected to …"): the meeting is
    ahead as well. Not when that clause reports the past ("After the talks, he said they will …", "À l'issue de
    l'entretien, le ministre a déclaré qu'un accord sera trouvé": a past form before the future one)."""
    a, b = sent.clause(*span)
    if a != 0 or b > FRONTED_TOKENS or b >= len(sent) or sent.texts[b] != ",":
        return False  # a longer opening clause holds its own verb ("Nach einer Tagung … sagte X in Erfurt, …")
    if not any(m.label in preps and m.start == 0 for m in cues):
        return False
    c, d = sent.clause(b + 1, b + 1)
    main = [m for m in cues if c <= m.start < d]
    ahead = [m.start for m in main if m.label in _AHEAD]
    if not ahead or any(m.label == "held" for m in main):
        return False
    return not any(m.label == "perfect" and m.end <= min(ahead) and sent.texts[m.start].islower() for m in main)
