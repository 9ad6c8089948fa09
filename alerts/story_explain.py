"""Why a report joined a story or opened one: the stories it was compared with and each part's score
(``wirewatch alerts explain``, text and JSON)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alerts.stories import Attachment
from alerts.story_match import THRESHOLD, Match


def verdict(a: Attachment, background: bool) -> str:
    """One word: joined | opened | background (a background mention that matched no open story)."""
    if a.story is None:
        return "background"
    return "opened" if a.opened else ("joined" if not background else "joined as a source")


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parts(m: Match) -> str:
    return " · ".join(f"{name} {'–' if p.score is None else f'{p.score:.2f}'} ({p.note})"
                      for name, p in m.parts.items())


def _why_not(m: Match) -> str:
    if m.conflict:
        return m.conflict
    if m.identity is None:
        part = m.parts.get("corroboration")
        weak = f"; corroboration: {part.note}" if part is not None else ""
        return f"nothing says it is the same event (no shared participant, place or meaning{weak})"
    return f"score below {THRESHOLD:.2f}"


def explain_lines(a: Attachment, background: bool = False) -> list[str]:
    """The story half of ``alerts explain`` for one detection."""
    when = f" (event time {_iso(a.report.at)})" if a.report is not None else ""
    word = verdict(a, background)
    if word == "background":
        head = "story: none — a background mention opens no story and matched no open one"
    elif word == "opened":
        head = f"story: opened {a.story_id} — no open story matched"
    else:
        chosen = a.chosen
        why = f", {chosen.identity}" if chosen is not None and chosen.identity else ""
        head = f"story: {word} {a.story_id} (score {chosen.score:.2f}{why})" if chosen else f"story: {word}"
    lines = [head + when]
    far = (f"; {a.apart} more of other people (no name shared)" if a.apart else "") \
        + (f"; {a.out_of_time} more out of time" if a.out_of_time else "")
    lines.append(f"compared with {len(a.matches)} open stor{'y' if len(a.matches) == 1 else 'ies'}{far}"
                 + (":" if a.matches else ""))
    for m in a.matches:
        lines.append(f"  {m.story_id} score {m.score:.2f} {'joins' if m.joins else 'no: ' + _why_not(m)}")
        lines.append(f"    {_parts(m)}")
    return lines


def explain_dict(a: Attachment, background: bool = False) -> dict[str, Any]:
    return {"story": a.story_id, "verdict": verdict(a, background), "threshold": THRESHOLD,
            "event_time": _iso(a.report.at) if a.report is not None else None,
            "candidates": [m.to_dict() | ({"why_not": _why_not(m)} if not m.joins else {}) for m in a.matches],
            "out_of_time": a.out_of_time, "apart": a.apart}
