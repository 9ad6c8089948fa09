"""Delivery policy and records: retry decisions, Retry-After, redaction, history files, replay."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from alerts.config import Config, Receiver, Route
from alerts.delivery import Deliverer, DeliveryResult, redact, scrub
from alerts.dispatch import Dispatcher, Notification
from alerts.history import JsonlLog, LocalRecords, dead_letter, format_record, matches, notification_from_dict, replay
from alerts.observe import parse_retry_after
from detectors.contracts import Actor, Article, Detection, Evidence


def make_note(receiver: str = "desk", urls: tuple[str, ...] = (), console: bool = False) -> tuple[Config, Notification]:
    text = "Haftar kündigte eine Waffenruhe an."
    article = Article.create(text, id="a1", source="lastampa.it", url="https://example.org/a1")
    d = Detection.create(article, language="de", type="ceasefire", status="announced", confidence=0.9,
                         evidence=Evidence(text, 0, len(text), (21, 31)), detector="t/1",
                         actors=(Actor("Haftar", "person"),), countries=("LY",))
    cfg = Config(receivers=(Receiver(receiver, urls=urls, console=console),), routes=(Route(receiver=receiver),))
    return cfg, Dispatcher(cfg, stories={}, log={}).process(d, time.time()).notifications[0]


@pytest.mark.parametrize(("attempt", "status", "retry_after", "expected"), [
    (1, None, None, (0.5, False)),      # connection error: backoff
    (2, 500, None, (1.0, False)),       # server error: exponential backoff
    (3, 503, None, (2.0, False)),
    (4, 500, None, (None, True)),       # attempts used up
    (1, 429, 7.0, (7.0, False)),        # Retry-After honoured
    (1, 429, None, (0.5, False)),       # 429 without the header: backoff
    (1, 429, 3600.0, (3600.0, True)),   # asks for more than max_retry_after_s: give up now, dead-letter
    (1, 404, None, (None, True)),       # client errors do not heal
    (1, 401, None, (None, True)),
    (1, 408, None, (0.5, False)),       # request timeout: retry
])
def test_retry_policy(attempt: int, status: int | None, retry_after: float | None, expected: tuple) -> None:
    cfg, _ = make_note()
    assert Deliverer(cfg, attempts=4, backoff_s=0.5, max_retry_after_s=120)._next_wait(
        attempt, status, retry_after) == expected


def test_backoff_is_capped() -> None:
    cfg, _ = make_note()
    assert Deliverer(cfg, attempts=20, backoff_s=1, max_backoff_s=30)._next_wait(10, 500, None) == (30, False)


@pytest.mark.parametrize(("value", "seconds"), [
    ("5", 5.0), (" 120 ", 120.0), ("", None), (None, None), ("soon", None), ("-3", None),
])
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value) == seconds


def test_parse_retry_after_http_date() -> None:
    now = time.time()
    when = format_datetime(datetime.fromtimestamp(now, UTC) + timedelta(seconds=30), usegmt=True)
    assert 28 <= parse_retry_after(when, now=now) <= 31


def test_redaction_never_shows_the_url() -> None:
    url = "slack://T0000/B0000/XXXXSECRET/#libya"
    assert "SECRET" not in redact(url) and redact(url).startswith("slack://…#")
    assert redact(url) == redact(url) != redact(url + "x")
    message = "failed posting to https://hooks.slack.com/services/T0000/B0000/XXXXSECRET: XXXXSECRET rejected"
    assert "SECRET" not in scrub(message, url)
    assert "db.internal" not in scrub("no route to db.internal", "json://db.internal:8080/hook")


def test_apprise_own_retries_are_disabled_and_timeouts_set() -> None:
    cfg, _ = make_note(urls=("json://127.0.0.1:9/x?retry=5",))
    d = Deliverer(cfg, timeout_s=3)
    plugin = d._plugin("json://127.0.0.1:9/x?retry=5")
    assert plugin.retry == 0 and plugin.socket_connect_timeout == 3 and plugin.socket_read_timeout == 3


def test_an_unparseable_url_fails_once_without_retries() -> None:
    cfg, note = make_note(urls=("nosuchscheme://x",))
    slept: list[float] = []
    [r] = Deliverer(cfg, sleep=slept.append).deliver(note)
    assert not r.ok and r.attempts == 1 and slept == [] and "nosuchscheme://x" not in (r.error or "")
    assert r.history[0]["outcome"] == "failed"


def test_the_console_is_a_recorded_target() -> None:
    cfg, note = make_note(console=True)
    out = io.StringIO()
    [r] = Deliverer(cfg, console=out).deliver(note)
    assert r.ok and r.target == "console" and r.history[0]["outcome"] == "delivered"
    assert "Ceasefire announced" in out.getvalue()


def test_history_records_filter_and_format() -> None:
    rec = {"at": 0.0, "key": "k", "story_id": "s1", "receiver": "desk", "target": "json://…#1", "channel": "text",
           "attempt": 2, "outcome": "retrying", "status": 429, "retry_after": 3.0, "error": "HTTP 429",
           "elapsed_ms": 4}
    assert matches(rec) and matches(rec, receiver="desk", story="s1", outcome="retrying")
    assert not matches(rec, receiver="x") and not matches(rec, story="s2") and not matches(rec, outcome="failed")
    line = format_record(rec)
    assert "retrying" in line and "http=429" in line and "retry_after=3s" in line and "story=s1" in line


def test_jsonl_log_appends_reads_and_skips_a_torn_line(tmp_path: Path) -> None:
    log = JsonlLog(tmp_path / "h.jsonl")
    assert list(log.read()) == []
    log.append([{"a": 1}, {"a": 2}])
    with (tmp_path / "h.jsonl").open("ab") as fh:
        fh.write(b'{"a": 3')  # a crash mid-write
    assert [r["a"] for r in log.read()] == [1, 2]
    log.replace([{"a": 9}])
    assert list(log.read()) == [{"a": 9}]


def test_notifications_survive_a_dead_letter_round_trip() -> None:
    _, note = make_note()
    letter = dead_letter(note, "desk", "json://…#1", "HTTP 500", 4, 123.0)
    assert notification_from_dict(letter["notification"]) == note


def test_replay_resends_each_letter_once_and_keeps_what_fails_again(tmp_path: Path) -> None:
    _, note = make_note()
    records = LocalRecords(tmp_path / "h.jsonl", tmp_path / "dlq.jsonl")
    ok_target, bad_target = "json://…#ok", "json://…#bad"
    failed = [DeliveryResult("desk", t, False, 4, "HTTP 500") for t in (ok_target, bad_target)]
    assert len(records.record(note, failed, 1.0)) == 2
    calls: list[set[str]] = []

    def deliver(n: Notification, targets: set[str], replay: bool) -> list[DeliveryResult]:
        calls.append(targets)
        [t] = targets
        h = {"outcome": "delivered" if t == ok_target else "failed", "receiver": "desk", "replay": replay}
        return [DeliveryResult("desk", t, t == ok_target, 1, None if t == ok_target else "HTTP 500", (h,))]

    history, again, delivered = replay(list(records.dlq.read()), deliver, time.time)
    assert calls == [{ok_target}, {bad_target}] and delivered == 1
    assert [a["target"] for a in again] == [bad_target] and again[0]["replays"] == 1
    assert all(h["replay"] for h in history)


def test_replay_keeps_a_letter_whose_target_left_the_config() -> None:
    cfg, note = make_note(urls=("json://127.0.0.1:9/x",))
    letter = dead_letter(note, "desk", "json://…#gone", "HTTP 500", 4, 1.0)
    gone_receiver = dead_letter(Notification(**{**note.__dict__, "receiver": "nobody"}), "nobody", "x", "e", 1, 1.0)
    history, again, delivered = replay([letter, gone_receiver], Deliverer(cfg).deliver, time.time)
    assert delivered == 0 and history == [] and len(again) == 2
    assert all("no longer in the config" in a["error"] for a in again)


@pytest.mark.parametrize("icon_url", [None, "https://wirewatch.example/icon.png"])
def test_the_chat_bot_posts_as_wirewatch(icon_url: str | None) -> None:
    import dataclasses
    import json

    from tests.sinks import HttpEndpoint

    mattermost = HttpEndpoint()  # a real local HTTP endpoint posing as Mattermost's incoming webhook
    try:
        cfg, note = make_note(urls=(f"mmost://127.0.0.1:{mattermost.port}/hooktoken",))
        cfg = dataclasses.replace(cfg, icon_url=icon_url)
        [result] = Deliverer(cfg, attempts=1).deliver(note)
        assert result.ok, result.error
        with mattermost.lock:
            [request] = mattermost.requests
        payload = json.loads(request["body"])
        assert payload["username"] == "Wirewatch"
        assert request["headers"]["User-Agent"] == "Wirewatch"
        assert payload.get("icon_url") == icon_url  # ours when configured, never apprise's
    finally:
        mattermost.close()


def test_the_shipped_icon_is_a_png() -> None:
    from importlib.resources import files

    from alerts.delivery import ICON, bot_asset

    assert files("alerts.assets").joinpath(ICON).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert Path(bot_asset(None).image_path_mask).is_file()
