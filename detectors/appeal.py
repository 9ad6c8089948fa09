"""An announcement that is only the content of an appeal: "urged the parties to accept a truce", "rief die
Parteien auf, eine Waffenruhe zu vereinbaren", "instó a las partes a aceptar la tregua".

The agreement verb there is an infinitive governed by the appeal, and the sentence reports a call, not a
ceasefire that came about. A verb is read as an infinitive from the language's data (``infinitive`` in
``lexicons/<lang>/ceasefire.json``): a marker word right before it ("to", "zu", "de", "di") or a form
("auszurufen", "accettare", "заключить"). Only the first announcing cue of the sentence decides: a finite one
("agreed", "vereinbarten") or one before the appeal keeps the sentence an announcement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from detectors.patterns import Match
from detectors.text import Sentence

ANNOUNCING = frozenset({"announced", "hold", "agree"})
APPEALING = frozenset({"called_for", "proposal"})


@dataclass(frozen=True)
class Infinitive:
    """How a language marks an infinitive: words before it, and a regular expression over its lowercase form.
    ``not_after``: words before a marker that make it a plan, not an infinitive of content ("is to take effect")."""

    markers: frozenset[str] = frozenset()
    form: re.Pattern[str] | None = None
    not_after: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, data: Mapping[str, Any] | None) -> Infinitive:
        data = data or {}
        form = data.get("form")
        return cls(frozenset(w.lower() for w in data.get("markers", ())), re.compile(form) if form else None,
                   frozenset(w.lower() for w in data.get("not_after", ())))

    def marks(self, sent: Sentence, at: int) -> bool:
        """Whether token ``at`` of ``sent`` is an infinitive."""
        if at > 0 and sent.lowers[at - 1] in self.markers:
            return not (at > 1 and sent.lowers[at - 2] in self.not_after)
        return self.form is not None and self.form.fullmatch(sent.lowers[at]) is not None


def governed(sent: Sentence, cues: Iterable[Match], infinitive: Infinitive) -> list[Match]:
    """The announcing cues that are the content of an earlier appeal: the infinitives among them when the first
    one is an infinitive after an appeal, else ``[]``. A finite one stays ("urged them to accept the truce that
    took effect on Monday": the truce did take effect)."""
    cues = sorted(cues, key=lambda m: m.start)
    first_announcing = next((m for m in cues if m.label in ANNOUNCING), None)
    if first_announcing is None:
        return []
    appeal_before = any(m.label in APPEALING and m.end <= first_announcing.start for m in cues)
    if not appeal_before or not infinitive.marks(sent, first_announcing.start):
        return []
    return [m for m in cues if m.label in ANNOUNCING
            and infinitive.marks(sent, m.start)]
