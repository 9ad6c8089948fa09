"""Untrusted article text → text that is inert on one target format.

Two layers, applied to every value a template prints (see ``alerts.render``):

1. ``neutralise`` (every format): control characters become spaces; a word joiner (U+2060, invisible) is put
   after every ``<`` and ``@`` that could start something active, and between ``](`` of a markdown link. That
   breaks Slack's ``<!channel>``/``<!here>``/``<@U123>``/``<http://x|label>``, Mattermost's and Discord's
   ``@channel``/``@here``/``@all``/``@everyone``/``<@123>``, HTML tags (``<`` + U+2060 is text to an HTML parser,
   tag names must start with a letter) and ``[label](url)`` links, while a reader still sees the same words.
2. the format's own escaping: HTML entities, CommonMark backslashes (Slack via apprise's converter, Discord,
   Mattermost, Teams), nothing more for plain text.

Escapers never shorten text; ``clip`` does, before escaping, so an escape sequence is never cut in half.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

WJ = "\u2060"  # word joiner: zero width, no line break, breaks mention/tag/link syntax
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MENTION = re.compile(r"@(?=[\w!#$%&*+=?^`{|}~-])")  # @channel, @here, @all, @everyone, @user
_ANGLE = re.compile(r"<(?=[^\s\u2060])")  # <!channel>, <@U1>, <#C1>, <http://…|x>, <script>, <!-- -->
_MD_LINK = re.compile(r"\](?=\s*\()")  # [label](url), [label] (url)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~>])")  # inline formatting; block syntax cannot start mid-line
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")


def neutralise(text: str) -> str:
    """Inert in every format we send: mentions, tags and markdown links broken, control characters gone."""
    text = _CONTROL.sub(" ", text)
    text = _ANGLE.sub("<" + WJ, text)
    text = _MENTION.sub("@" + WJ, text)
    return _MD_LINK.sub("]" + WJ, text)


def one_line(text: str) -> str:
    """Collapse whitespace: untrusted text must not start a new block (a heading, a quote) in markdown."""
    return _SPACES.sub(" ", text).strip()


def plain(text: str) -> str:
    return neutralise(text)


def html_text(text: str) -> str:
    """HTML body text and attribute values (email, Telegram's HTML mode: only ``<>&"`` are reserved)."""
    return html.escape(neutralise(text), quote=True)


def markdown(text: str) -> str:
    """CommonMark and its dialects (Discord, Mattermost, Teams): every punctuation that formats is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", neutralise(_SPACES.sub(" ", text)))


def slack(text: str) -> str:
    """Slack through apprise: we declare CommonMark, apprise turns ``\\<`` into ``&lt;`` and ``&`` into ``&amp;``."""
    return markdown(text).replace("<", "\\<")


ESCAPERS: dict[str, Callable[[str], str]] = {
    "text": plain,
    "html": html_text,
    "markdown": markdown,
    "slack": slack,
}


def clip(text: str, limit: int, keep: tuple[int, int] | None = None) -> str:
    """At most ``limit`` characters of ``text``; with ``keep=(start, end)`` the window stays around that span."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    if keep is None:
        return text[: limit - 1].rstrip() + "…"
    start, end = keep
    room = limit - 2 - (end - start)
    if room < 0:  # the span alone is too long
        return text[start : start + limit - 1] + "…"
    left = max(0, start - room // 2)
    right = min(len(text), left + (limit - 2))
    left = max(0, right - (limit - 2))
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")
