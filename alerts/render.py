"""Notifications → the title and body one channel receives.

A template (``alerts/templates/<channel>.<ext>``, or the receiver's own ``template`` file) is jinja2 in a
sandbox. Every value it prints passes through the channel's escaper (``alerts.escape``) via ``finalize``;
only what ``link()`` and ``mark()`` build is trusted markup. Article text is untrusted everywhere.

Length: the channel's ``limit`` is met by rendering again with less (a shorter evidence window kept around the
trigger, fewer sources and actors); the lead article's link stays, so a reader can always get the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from alerts.channels import Channel, channel_for, channel_named
from alerts.escape import ESCAPERS, clip, html_text, neutralise, one_line
from alerts.notes import REPEAT_REASON, Notification
from alerts.vocabulary import TYPE_STATUSES, Kind
from detectors.contracts import Detection

__all__ = ["STATUS_WORDS", "Rendered", "headline", "neutralise", "render", "render_text"]

REPEAT_MARK = "Possible repeat (re-sent after a restart) — "

# "Ceasefire announced", "Meeting called for", … — one phrase per (type, status) of the detector registry
STATUS_WORDS = {(t, st): f"{t.capitalize()} {st.replace('_', ' ')}" for t, st in TYPE_STATUSES}
TITLE_LIMIT = 200  # apprise's title_maxlen is 250 for most services
# (evidence characters, sources, actors) tried in order until the body fits the channel's limit
LEVELS = ((600, 10, 6), (300, 5, 4), (140, 3, 3), (60, 1, 2), (0, 1, 1))
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


@dataclass(frozen=True)
class Rendered:
    channel: str
    title: str
    body: str
    body_format: str  # declared to apprise
    shortened: bool = False  # the evidence or lists were cut to meet the limit


def headline(note: Notification) -> str:
    """The raw (unescaped) one-line headline: event, who, where (a digest: how many stories); a re-send after a
    crash interrupted the first sending starts with ``REPEAT_MARK`` (every channel shows the headline)."""
    items = getattr(note, "stories", ())
    if note.kind == Kind.DIGEST and items:
        held = " held back by the rate limit" if all(getattr(i, "held", False) for i in items) else ""
        text = f"Digest: {len(items)} stor{'y' if len(items) == 1 else 'ies'}{held}"
    else:
        text = _headline_of(note.detection, note.kind)
    return REPEAT_MARK + text if getattr(note, "reason", "").startswith(REPEAT_REASON) else text


def _headline_of(d: Detection, kind: str = Kind.NEW) -> str:
    what = STATUS_WORDS.get((d.type, d.status), f"{d.type} {d.status}".replace("_", " "))
    who = ", ".join(a.text for a in d.actors[:3])
    where = f" in {d.location.text}" if d.location else ""
    prefix = "Update: " if kind == Kind.FOLLOWUP else ""
    return clip(one_line(f"{prefix}{what}" + (f": {who}" if who else "") + where), TITLE_LIMIT)


def _safe_url(url: str | None) -> str | None:
    if not url or not _SAFE_URL.match(url) or not urlsplit(url).hostname:
        return None
    return url


def _markup(fmt: str) -> tuple[Callable[[str, str], Markup], Callable[[str], Markup]]:
    """``link(url, label)`` and ``mark(trigger)`` for one escaping flavour; their output is trusted."""
    esc = ESCAPERS[fmt]

    def link(url: str, label: str) -> Markup:
        safe = _safe_url(url)
        if safe is None:
            return Markup(esc(label))
        if fmt == "html":
            return Markup(f'<a href="{html_text(safe)}">{esc(label)}</a>')
        if fmt in ("markdown", "slack"):
            return Markup(f"[{esc(label)}](<{quote(safe, safe=':/?#[]@!$&*+,;=%~.-_')}>)")
        return Markup(f"{esc(label)} <{safe}>" if label != url else safe)

    def mark(text: str) -> Markup:
        if not text:
            return Markup("")
        if fmt == "html":
            return Markup(f"<b>{esc(text)}</b>")
        if fmt in ("markdown", "slack"):
            return Markup(f"**{esc(text)}**")
        return Markup(f"»{esc(text)}«")

    return link, mark


@lru_cache(maxsize=16)
def _environment(fmt: str) -> SandboxedEnvironment:
    esc = ESCAPERS[fmt]

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup) or value is None:
            return "" if value is None else value
        return esc(str(value))

    env = SandboxedEnvironment(autoescape=False, finalize=finalize, undefined=StrictUndefined,
                               keep_trailing_newline=False, trim_blocks=False)
    env.globals["link"], env.globals["mark"] = _markup(fmt)
    env.filters["join"] = _join(esc)
    return env


def _join(esc: Callable[[str], str]) -> Callable[..., Markup]:
    """``join`` that escapes each item (jinja's would hand finalize one string, which is equivalent, but a
    list of Markup links must survive)."""

    def join(items: Any, sep: str = ", ") -> Markup:
        return Markup(sep).join(x if isinstance(x, Markup) else Markup(esc(str(x))) for x in items if x)

    return join


@lru_cache(maxsize=64)
def _template(fmt: str, name: str, source: str | None):
    env = _environment(fmt)
    text = source if source is not None else resources.files("alerts.templates").joinpath(name).read_text("utf-8")
    return env.from_string(text)


def compile_template(source: str) -> None:
    """Compile an operator's template as delivery would (raises jinja2.TemplateError): for config checks."""
    _environment("text").from_string(source)


def _evidence(d: Detection, limit: int) -> dict[str, str] | None:
    ev = d.evidence
    text = ev.text
    if limit <= 0 or not text:
        return None
    s, e = ev.trigger[0] - ev.start, ev.trigger[1] - ev.start
    if not 0 <= s <= e <= len(text):
        return {"before": clip(one_line(text), limit), "trigger": "", "after": ""}
    if len(text) > limit:
        room = max(0, limit - (e - s))
        left = max(0, s - room // 2)
        right = min(len(text), e + (room - (s - left)))
        left = max(0, min(left, right - limit))
        before = ("…" if left > 0 else "") + text[left:s]
        after = text[e:right] + ("…" if right < len(text) else "")
        trigger = clip(text[s:e], limit)
    else:
        before, trigger, after = text[:s], text[s:e], text[e:]
    return {"before": one_line(before) + (" " if before[-1:].isspace() else ""),
            "trigger": one_line(trigger),
            "after": (" " if after[:1].isspace() else "") + one_line(after)}


def view(note: Notification, evidence: int = 600, sources: int = 10, actors: int = 6,
         title_in_body: bool = False) -> dict[str, Any]:
    """The values a template may print (raw; the environment escapes them)."""
    d = note.detection
    confidence = f"{d.confidence:.2f}"
    items = tuple(getattr(note, "stories", ())) if note.kind == Kind.DIGEST else ()
    return {
        "headline": headline(note), "title_in_body": title_in_body, "kind": note.kind,
        "event": STATUS_WORDS.get((d.type, d.status), f"{d.type} {d.status}"),
        "type": d.type, "status": d.status, "level": d.level, "form": d.form,
        "actors": [{"text": clip(one_line(a.text), 80), "role": a.role} for a in d.actors[:actors]],
        "place": clip(one_line(d.location.text), 80) if d.location else None,
        "country": d.location.country if d.location else None,
        "countries": list(d.countries),
        "time": d.published_at or d.detected_at,
        "evidence": _evidence(d, evidence),
        "sources": [clip(one_line(s), 60) for s in note.sources[:sources]],
        "more_sources": max(0, len(note.sources) - sources),
        "outlets": note.outlets, "languages": list(note.languages),
        "url": _safe_url(d.url), "source": d.source,
        "detector": d.detector, "confidence": confidence, "story_id": note.story_id,
        "reason": getattr(note, "reason", ""),
        "stories": [_item(i, min(evidence, 160)) for i in items[:sources]],
        "more_stories": max(0, len(items) - sources),
    }


def _item(item: Any, evidence: int) -> dict[str, Any]:
    """One story of a digest (``alerts.dispatch.StoryItem``)."""
    d = item.detection
    return {"headline": _headline_of(d), "event": STATUS_WORDS.get((d.type, d.status), f"{d.type} {d.status}"),
            "place": clip(one_line(d.location.text), 80) if d.location else None,
            "time": d.published_at or d.detected_at, "outlets": item.outlets, "url": _safe_url(d.url),
            "evidence": _evidence(d, evidence), "detector": d.detector, "confidence": f"{d.confidence:.2f}",
            "held": bool(getattr(item, "held", False)), "story_id": item.story_id}


def render(note: Notification, channel: Channel | str, template: str | None = None) -> Rendered:
    """Title and body for ``channel`` (a Channel, its name or an apprise URL); ``template`` overrides the file."""
    if isinstance(channel, str):
        channel = channel_for(channel) if "://" in channel else channel_named(channel)
    tpl = _template(channel.escape, channel.template, template)
    title = "" if channel.title_in_body else ESCAPERS["text" if channel.format == "html" else channel.escape](
        headline(note))
    body = ""
    for i, (ev, src, act) in enumerate(LEVELS):
        values = view(note, ev, src, act, channel.title_in_body)
        body = tpl.render(values).strip() + "\n"
        if len(body) <= channel.limit:
            cut = (len(note.detection.evidence.text) > ev or len(note.detection.actors) > act
                   or values["more_sources"] > 0 or values["more_stories"] > 0)
            return Rendered(channel.name, title, body, channel.format, shortened=i > 0 or cut)
    # even the shortest rendering is too long (an operator's template): cut, keeping the end marker
    return Rendered(channel.name, title, body[: channel.limit - 2].rstrip() + "…\n", channel.format, True)


def render_text(note: Notification) -> str:
    """Plain text with the headline on top (console, logs, previews)."""
    channel = channel_named("text")
    return _template(channel.escape, channel.template, None).render(view(note, title_in_body=True)).strip()
