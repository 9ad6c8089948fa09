"""Rendering: every channel escapes untrusted text, meets its length limit and marks the trigger."""

from __future__ import annotations

import re
import time

import pytest
from apprise.plugins.slack import NotifySlack

from alerts.channels import channel_for, channel_named, channels
from alerts.config import Config, Receiver, Route
from alerts.dispatch import Dispatcher, Notification
from alerts.escape import ESCAPERS, WJ, neutralise
from alerts.render import render, render_text
from detectors.contracts import Actor, Article, Detection, Evidence, Location

INJECTIONS = ["<!channel>", "<!here>", "<!everyone>", "<@U024BE7LH>", "<#C123>", "@channel", "@here", "@all",
              "@everyone", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](https://evil.x)",
              "<https://evil.x|click>", "<b>", "</a>", "||spoiler||", "`code`"]
MARKDOWN_ONLY = {"||spoiler||", "`code`"}
CHANNELS = [c.name for c in channels()]


def note(evidence: str, trigger: str = "Waffenruhe", actors: tuple[str, ...] = ("Khalifa Haftar",),
         url: str | None = "https://example.org/a1", sources: int = 1, location: str = "Rom") -> Notification:
    start = evidence.index(trigger)
    article = Article.create(evidence, id="a1", source="lastampa.it", url=url, published_at="2020-01-08T20:00:00Z")
    d = Detection.create(article, language="de", type="ceasefire", status="announced", confidence=0.87,
                         evidence=Evidence(evidence, 0, len(evidence), (start, start + len(trigger))),
                         detector="ceasefire.lexicon/1", actors=tuple(Actor(a, "person", "announcer") for a in actors),
                         countries=("LY",), location=Location(location, "IT"))
    cfg = Config(receivers=(Receiver("desk", console=True),), routes=(Route(receiver="desk"),))
    n = Dispatcher(cfg, stories={}, log={}).process(d, time.time()).notifications[0]
    if sources > 1:
        n = Notification(**{**n.__dict__, "sources": tuple(f"outlet-{i}.example" for i in range(sources)),
                            "outlets": sources})
    return n


def delivered_text(channel: str, n: Notification) -> str:
    """What the service shows: for Slack, after apprise's CommonMark → mrkdwn conversion."""
    r = render(n, channel)
    text = r.title + "\n" + r.body
    return NotifySlack._commonmark_to_slack(text) if channel == "slack" else text


# markdown-only sequences (backticks, bars) are shown as they are by plain-text and HTML channels: not asked there
INJECTION_CASES = [(c, b) for c in CHANNELS for b in INJECTIONS
                   if b not in MARKDOWN_ONLY or channel_named(c).escape in ("markdown", "slack")]


@pytest.mark.parametrize(("channel", "bad"), INJECTION_CASES)
def test_no_injection_reaches_a_channel(channel: str, bad: str) -> None:
    evil = note(f"Haftar {bad} kündigte eine Waffenruhe an {bad}.", actors=(f"Haftar {bad}",), location=bad)
    clean = note("Haftar X kündigte eine Waffenruhe an X.", actors=("Haftar X",), location="X")
    # our own markup (an HTML channel's <b>) may hold the sequence; the article adds no occurrence of it
    assert delivered_text(channel, evil).count(bad) == delivered_text(channel, clean).count(bad)


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_alert_holds_every_field(channel: str) -> None:
    text = delivered_text(channel, note("Haftar kündigte eine Waffenruhe an.", sources=3))
    for expected in ("Ceasefire announced", "Khalifa Haftar", "Rom", "0.87", "Waffenruhe"):
        assert expected in text, (channel, expected)
    if channel != "teams":  # 1,000 characters: the short card leaves out role, detector and outlets wording
        for expected in ("announcer", "ceasefire.lexicon/1", "outlet-0.example", "3 outlet"):
            assert expected in text, (channel, expected)
    assert "https://example.org/a1" in text


@pytest.mark.parametrize(("channel", "marked"), [
    ("text", "»Waffenruhe«"), ("mattermost", "**Waffenruhe**"), ("discord", "**Waffenruhe**"),
    ("slack", "*Waffenruhe*"), ("teams", "**Waffenruhe**"), ("telegram", "<b>Waffenruhe</b>"),
    ("email", "<b>Waffenruhe</b>"),
])
def test_the_trigger_is_marked(channel: str, marked: str) -> None:
    assert marked in delivered_text(channel, note("Haftar kündigte eine Waffenruhe an."))


@pytest.mark.parametrize(("channel", "limit"), [(c.name, c.limit) for c in channels()])
def test_long_alerts_meet_each_channel_limit(channel: str, limit: int) -> None:
    evidence = "x" * 5000 + " Haftar kündigte eine Waffenruhe an " + "y" * 5000
    r = render(note(evidence, actors=tuple(f"Actor {i} " + "z" * 100 for i in range(40)), sources=300), channel)
    assert len(r.body) <= limit
    assert r.shortened and "Waffenruhe" in r.body and "…" in r.body
    assert "example.org/a1" in r.body  # the way to the rest
    assert len(r.title) <= 250


@pytest.mark.parametrize(("scheme", "channel"), [
    ("slack://T/B/C", "slack"), ("mmost://h/tok", "mattermost"), ("mmosts://h/tok", "mattermost"),
    ("discord://1/abc", "discord"), ("tgram://bot/chat", "telegram"), ("workflow://h/x/y", "teams"),
    ("mailto://u:p@h", "email"), ("mailtos://u:p@h", "email"), ("json://h/x", "text"), ("ntfy://topic", "text"),
])
def test_the_channel_follows_the_url_scheme(scheme: str, channel: str) -> None:
    assert channel_for(scheme).name == channel


def test_telegram_body_uses_only_its_html_subset() -> None:
    r = render(note("A < B & C > D \"q\" kündigte eine Waffenruhe an <i>x</i> & co.", actors=("<b>A&B</b>",)),
               "telegram")
    assert r.body_format == "html" and len(r.body) <= 4096
    stripped = re.sub(r"</?(b|i|code)>|<a href=\"[^\"<>]*\">|</a>", "", r.body)
    assert "<" not in stripped and ">" not in stripped
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", r.body)


def test_markdown_formatting_from_an_article_is_inert() -> None:
    body = render(note("*fett* _kursiv_ ~weg~ kündigte eine Waffenruhe an", actors=("**Boss**",)), "discord").body
    assert r"\*fett\*" in body and r"\_kursiv\_" in body and r"\*\*Boss\*\*" in body


def test_an_unsafe_article_url_is_not_a_link() -> None:
    for url in ("javascript:alert(1)", "https://x.example/a b", 'https://x.example/"><script>'):
        body = render(note("Haftar kündigte eine Waffenruhe an.", url=url), "email").body
        assert "href" not in body and "<script>" not in body


def test_the_evidence_window_stays_around_the_trigger() -> None:
    evidence = "a" * 3000 + " Waffenruhe " + "b" * 3000
    body = render(note(evidence), "discord").body
    quote = next(line for line in body.splitlines() if "Waffenruhe" in line)
    assert quote.count("a") > 50 and quote.count("b") > 50  # context on both sides


def test_neutralise_breaks_mentions_tags_and_links_but_reads_the_same() -> None:
    text = "<!channel> @here <@U1> [x](https://e.x) <script>"
    assert neutralise(text).replace(WJ, "") == text
    for escape in ESCAPERS.values():
        out = escape(text)
        assert "<!channel>" not in out and "@here" not in out and "](" not in out and "<script>" not in out


def test_console_text_has_the_headline() -> None:
    text = render_text(note("Haftar kündigte eine Waffenruhe an."))
    assert text.splitlines()[0] == "Ceasefire announced: Khalifa Haftar in Rom"


def digest(count: int, bad: str = "<!channel> @here") -> Notification:
    from alerts.dispatch import StoryItem

    items = []
    for i in range(count):
        n = note(f"Haftar {bad} kündigte eine Waffenruhe an, Bericht {i}.", actors=(f"Akteur {i} {bad}",))
        items.append(StoryItem(f"s-{i}", "announced", n.detection, n.sources, n.languages, i + 1, held=i % 2 == 1))
    first = items[0]
    return Notification(key="digest|desk|1", kind="digest", receiver="desk", story_id="digest",
                        status=first.status, detection=first.detection, sources=first.sources,
                        languages=first.languages, outlets=first.outlets, stories=tuple(items),
                        reason="the 1h digest")


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_digest_lists_its_stories_safely_within_the_limit(channel: str) -> None:
    small = delivered_text(channel, digest(3))
    assert "Digest: 3 stories" in small
    for i in range(3):
        assert f"Akteur {i}" in small
    assert "<!channel>" not in small and "@here" not in small
    big = render(digest(60), channel)
    assert len(big.body) <= channel_named(channel).limit and big.shortened
    assert "more stories" in big.body
