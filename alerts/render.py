"""Notifications → text people read. Article text is untrusted: it is neutralised for every target.

Mentions (``@channel``, ``<!here>``, ``<@U123>``…), HTML and markdown links from an article must never act
on the target. ``neutralise`` breaks them with a zero-width joiner and escapes markup characters.
"""

from __future__ import annotations

import re

from alerts.dispatch import Notification

_ZWJ = "\u2060"  # word joiner: invisible, breaks mention and link syntax
_MENTION = re.compile(r"@(?=[A-Za-z0-9_])")
_SLACK_SPECIAL = re.compile(r"<\s*[!@#]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

STATUS_WORDS = {
    ("ceasefire", "announced"): "Ceasefire announced",
    ("ceasefire", "called_for"): "Ceasefire called for",
    ("ceasefire", "violated"): "Ceasefire violated",
    ("ceasefire", "rejected"): "Ceasefire rejected",
    ("meeting", "held"): "Meeting held",
    ("meeting", "planned"): "Meeting planned",
    ("meeting", "called_for"): "Meeting called for",
    ("meeting", "rejected"): "Meeting rejected",
}


def neutralise(text: str, limit: int = 1000) -> str:
    """Make untrusted text inert in plain text, Slack/Mattermost markdown and HTML-ish targets."""
    text = _CONTROL.sub(" ", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MENTION.sub("@" + _ZWJ, text)
    text = text.replace("](", "]" + _ZWJ + "(").replace("[", "［").replace("`", "'")
    return text


def headline(note: Notification) -> str:
    d = note.detection
    what = STATUS_WORDS.get((d.type, d.status), f"{d.type} {d.status}")
    who = ", ".join(a.text for a in d.actors[:3])
    where = f" in {d.location.text}" if d.location else ""
    prefix = "Update: " if note.kind == "followup" else ""
    return neutralise(f"{prefix}{what}" + (f": {who}" if who else "") + where, limit=200)


def render_text(note: Notification) -> str:
    """Plain text (console, email text part, generic targets)."""
    d = note.detection
    start, end = d.evidence.trigger
    rel_s, rel_e = start - d.evidence.start, end - d.evidence.start
    ev = d.evidence.text
    marked = ev[:rel_s] + "»" + ev[rel_s:rel_e] + "«" + ev[rel_e:] if 0 <= rel_s <= rel_e <= len(ev) else ev
    lines = [
        f"[{d.type}/{d.status}] {headline(note)}",
    ]
    if d.level or d.form:
        lines.append("  level: " + " · ".join(x for x in (d.level, d.form) if x))
    if d.actors:
        lines.append("  actors: " + neutralise("; ".join(
            f"{a.text} ({a.role})" if a.role else a.text for a in d.actors), limit=400))
    if d.location:
        loc = d.location.text + (f" ({d.location.country})" if d.location.country else "")
        lines.append("  place: " + neutralise(loc, limit=200))
    if d.countries:
        lines.append("  countries: " + ", ".join(d.countries))
    if d.published_at:
        lines.append(f"  published: {d.published_at}")
    lines.append("  evidence: " + neutralise(marked, limit=600))
    sources = ", ".join(note.sources[:5]) + (f" (+{len(note.sources) - 5} more)" if len(note.sources) > 5 else "")
    lines.append(f"  sources ({note.outlets} outlet{'s' if note.outlets != 1 else ''}, "
                 f"{'/'.join(note.languages)}): " + neutralise(sources, limit=400))
    lines.append(f"  story: {note.story_id} · detector: {d.detector} · confidence: {d.confidence:.2f}")
    return "\n".join(lines)
