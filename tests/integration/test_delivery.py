"""Delivery end to end through apprise to real servers on 127.0.0.1 (no broker): email, chat, retries, 429,
dead letters and replay, preview and history from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from alerts.config import Config, Receiver, Route
from alerts.delivery import Deliverer, redact
from alerts.dispatch import Dispatcher, Notification
from alerts.history import LocalRecords
from detectors.contracts import Actor, Article, Detection, Evidence, Location
from tests.integration.delivery_servers import Mailbox, free_port
from tests.sinks import HttpEndpoint
from tests.workers import REPO

INJECTIONS = ("<!channel>", "<!here>", "<!everyone>", "<@U024BE7LH>", "@channel", "@here", "@all", "@everyone",
              "<script>alert(1)</script>", "<b>bold</b>", "[click me](https://evil.example/x)")
EVIL = " ".join(INJECTIONS)


def detection(evidence: str, trigger: str = "Waffenruhe", actors: tuple[str, ...] = ("Khalifa Haftar",),
              article_id: str = "a1") -> Detection:
    text = evidence
    start = text.index(trigger)
    article = Article.create(text, id=article_id, source="lastampa.it", url=f"https://example.org/{article_id}",
                             published_at="2020-01-08T20:00:00Z")
    return Detection.create(
        article, language="de", type="ceasefire", status="announced", confidence=0.87,
        evidence=Evidence(text, 0, len(text), (start, start + len(trigger))), detector="ceasefire.lexicon/1",
        actors=tuple(Actor(a, "person", "announcer") for a in actors), countries=("LY",),
        location=Location("Rom", "IT"),
    )


def notification(config: Config, d: Detection) -> Notification:
    return Dispatcher(config, stories={}, log={}).process(d, time.time()).notifications[0]


def config_for(*urls: str, **receiver: object) -> Config:
    return Config(receivers=(Receiver("desk", urls=urls, **receiver),), routes=(Route(receiver="desk"),))


@pytest.fixture
def endpoint() -> Iterator[HttpEndpoint]:
    e = HttpEndpoint()
    yield e
    e.close()


@pytest.fixture
def smtp() -> Iterator[Mailbox]:
    box = Mailbox()
    yield box
    box.close()


def fast(config: Config, **kw: object) -> Deliverer:
    return Deliverer(config, backoff_s=0.05, **kw)


def test_email_has_subject_html_and_text_parts(smtp: Mailbox) -> None:
    box = smtp
    cfg = config_for(f"mailto://127.0.0.1:{box.port}?to=desk@example.org&from=wirewatch@example.org")
    note = notification(cfg, detection(f"Haftar kündigte eine Waffenruhe an. {EVIL}",
                                       actors=("Khalifa Haftar", "<!channel> @here")))
    [result] = fast(cfg).deliver(note)
    assert result.ok, result
    [msg] = box.messages
    assert msg["Subject"].startswith("Ceasefire announced: Khalifa Haftar")
    html = msg.get_body(("html",)).get_content()
    text = msg.get_body(("plain",)).get_content()
    assert "<b>Waffenruhe</b>" in html and 'href="https://example.org/a1"' in html
    assert "Rom (IT)" in html and "announcer" in html and "0.87" in html and "ceasefire.lexicon/1" in html
    for bad in INJECTIONS:
        assert bad not in html, bad
    assert "<script>" not in html and "Waffenruhe" in text and "Khalifa Haftar" in text


@pytest.mark.parametrize("scheme", ["mmost", "json"])
def test_chat_payload_is_escaped_and_within_limits(endpoint: HttpEndpoint, scheme: str) -> None:
    url = f"{scheme}://127.0.0.1:{endpoint.port}/{'tok' if scheme == 'mmost' else 'hook'}"
    cfg = config_for(url)
    long_evidence = ("x" * 5000) + f" Haftar kündigte eine Waffenruhe an {EVIL} " + ("y" * 5000)
    for evidence in (f"Haftar kündigte eine Waffenruhe an. {EVIL}", long_evidence):
        note = notification(cfg, detection(evidence, actors=("Khalifa Haftar", "@everyone <!here>")))
        [result] = fast(cfg).deliver(note)
        assert result.ok, result
    short, long_ = endpoint.delivered()
    for payload in (short, long_):
        text = payload["text"] if scheme == "mmost" else payload["title"] + "\n" + payload["message"]
        for bad in INJECTIONS:
            assert bad not in text, (bad, text)
        assert "Waffenruhe" in text and "Khalifa Haftar" in text and "lastampa.it" in text
    body = long_["text"] if scheme == "mmost" else long_["message"]
    assert len(body) <= 4000
    assert "…" in body and "https://example.org/a1" in body  # cut around the trigger, link to the rest
    if scheme == "mmost":
        assert "**Waffenruhe**" in short["text"]
    else:
        assert "»Waffenruhe«" in short["message"]


def test_500_three_times_then_200_is_delivered_exactly_once(endpoint: HttpEndpoint) -> None:
    endpoint.script = [(500, {})] * 3
    cfg = config_for(f"json://127.0.0.1:{endpoint.port}/hook")
    [result] = fast(cfg).deliver(notification(cfg, detection("Haftar kündigte eine Waffenruhe an.")))
    assert result.ok and result.attempts == 4
    assert [r["status"] for r in endpoint.requests] == [500, 500, 500, 200]
    assert len(endpoint.delivered()) == 1
    assert [h["outcome"] for h in result.history] == ["retrying"] * 3 + ["delivered"]
    assert all(h["target"] == redact(cfg.receivers[0].urls[0]) for h in result.history)


def test_a_webhook_gets_one_idempotency_key_per_alert_on_every_try_and_resend(endpoint: HttpEndpoint) -> None:
    endpoint.script = [(500, {})]
    cfg = config_for(f"json://127.0.0.1:{endpoint.port}/hook?+X-Team=desk")
    d = fast(cfg)
    first = notification(cfg, detection("Haftar kündigte eine Waffenruhe an."))
    other = notification(cfg, detection("Saleh kündigte eine Waffenruhe an.", actors=("Aguila Saleh",),
                                        article_id="a2"))
    d.deliver(first)   # 500, then 200
    d.deliver(first)   # a re-send after a crash: the same key
    d.deliver(other)
    keys = [r["headers"].get("Idempotency-Key") for r in endpoint.requests]
    assert keys[0] == keys[1] == keys[2] != keys[3] and keys[3]
    assert all(r["headers"].get("X-Team") == "desk" for r in endpoint.requests)  # the URL's own header stays


def test_429_retry_after_is_honoured(endpoint: HttpEndpoint) -> None:
    endpoint.script = [(429, {"Retry-After": "2"})]
    cfg = config_for(f"mmost://127.0.0.1:{endpoint.port}/tok")
    [result] = fast(cfg).deliver(notification(cfg, detection("Haftar kündigte eine Waffenruhe an.")))
    assert result.ok and result.attempts == 2
    assert endpoint.times[1] - endpoint.times[0] >= 1.9  # not the 0.05 s backoff
    assert result.history[0]["status"] == 429 and result.history[0]["retry_after"] == 2.0


def test_a_slow_target_times_out_per_attempt(endpoint: HttpEndpoint) -> None:
    endpoint.script = [(200, {}, 4.0)]  # the first answer would come after 4 s
    cfg = config_for(f"json://127.0.0.1:{endpoint.port}/hook", timeout=1.0)
    started = time.monotonic()
    [result] = fast(cfg).deliver(notification(cfg, detection("Haftar kündigte eine Waffenruhe an.")))
    assert result.ok and result.attempts == 2
    assert result.history[0]["outcome"] == "retrying" and result.history[0]["elapsed_ms"] < 2500
    assert time.monotonic() - started < 3.5


def test_a_client_error_is_not_retried(endpoint: HttpEndpoint) -> None:
    endpoint.script = [(404, {})]
    cfg = config_for(f"json://127.0.0.1:{endpoint.port}/hook")
    [result] = fast(cfg).deliver(notification(cfg, detection("Haftar kündigte eine Waffenruhe an.")))
    assert not result.ok and result.attempts == 1 and result.error == "HTTP 404"


def test_per_receiver_template_override(endpoint: HttpEndpoint, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("ALERT {{ headline }} :: {{ evidence.trigger }} :: {{ link(url, 'read') }}")
    cfg = config_for(f"json://127.0.0.1:{endpoint.port}/hook", template="mine.txt")
    cfg = Config(receivers=cfg.receivers, routes=cfg.routes, source=str(tmp_path / "wirewatch.yaml"))
    [result] = fast(cfg).deliver(notification(cfg, detection("Haftar <!channel> kündigte eine Waffenruhe an.",
                                                               actors=("<!channel>",))))
    assert result.ok
    [payload] = endpoint.delivered()
    assert payload["message"] == ("ALERT Ceasefire announced: <\u2060!channel> in Rom :: Waffenruhe :: "
                                  "read <https://example.org/a1>")


def wirewatch(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=REPO, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=timeout)


def test_down_for_good_goes_to_the_dlq_and_replay_delivers_it_once(tmp_path: Path) -> None:
    port = free_port()  # nothing listens here yet
    config = tmp_path / "wirewatch.yaml"
    config.write_text(f"receivers:\n  - name: desk\n    urls: ['json://127.0.0.1:{port}/hook']\n"
                      "routes:\n  - receiver: desk\n")
    env = {"WIREWATCH_STATE_DIR": str(tmp_path / "state")}
    records = LocalRecords(tmp_path / "state" / "alert-history.jsonl", tmp_path / "state" / "alerts.dlq.jsonl")
    cfg = config_for(f"json://127.0.0.1:{port}/hook")
    note = notification(cfg, detection("Haftar kündigte eine Waffenruhe an."))
    results = fast(cfg, attempts=2).deliver(note)
    dead = records.record(note, results, time.time())
    assert len(dead) == 1 and "Connection" in dead[0]["error"]
    assert f"127.0.0.1:{port}" not in json.dumps(list(records.dlq.read()))  # redacted

    # still down: replay fails and keeps the letter
    proc = wirewatch("alerts", "replay", "--config", str(config), env=env)
    assert proc.returncode == 1, proc.stderr
    assert len(list(records.dlq.read())) == 1

    up = HttpEndpoint(port)  # the endpoint comes up on the very port that was down
    try:
        proc = wirewatch("alerts", "replay", "--config", str(config), env=env)
        assert proc.returncode == 0, proc.stderr
        assert len(up.delivered()) == 1 and list(records.dlq.read()) == []
        proc = wirewatch("alerts", "replay", "--config", str(config), env=env)  # nothing left: once
        assert proc.returncode == 0 and len(up.delivered()) == 1
    finally:
        up.close()

    proc = wirewatch("alerts", "history", "--receiver", "desk", "--format", "jsonl", env=env)
    outcomes = [json.loads(line)["outcome"] for line in proc.stdout.splitlines()]
    assert outcomes.count("delivered") == 1 and outcomes.count("failed") == 2
    proc = wirewatch("alerts", "history", "--outcome", "delivered", env=env)
    assert proc.stdout.count("delivered") == 1 and "replay" in proc.stdout
    assert wirewatch("alerts", "history", "--story", "nope", env=env).stdout == ""


def test_preview_renders_each_receiver_and_send_delivers(endpoint: HttpEndpoint, tmp_path: Path) -> None:
    config = tmp_path / "wirewatch.yaml"
    config.write_text(f"receivers:\n  - name: desk\n    urls: ['mmost://127.0.0.1:{endpoint.port}/tok']\n"
                      "routes:\n  - receiver: desk\n    match: {type: [ceasefire]}\n")
    env = {"WIREWATCH_STATE_DIR": str(tmp_path / "state")}
    proc = wirewatch("alerts", "preview", "--config", str(config), env=env)
    assert proc.returncode == 0, proc.stderr
    assert "receiver=desk target=mmost://…#" in proc.stdout and "channel=mattermost" in proc.stdout
    assert "Ceasefire announced" in proc.stdout and "Haftar" in proc.stdout
    assert f"127.0.0.1:{endpoint.port}" not in proc.stdout + proc.stderr
    assert endpoint.requests == []
    proc = wirewatch("alerts", "preview", "--config", str(config), "--send", env=env)
    assert proc.returncode == 0, proc.stderr
    sent = endpoint.delivered()
    assert sent and all("Ceasefire" in p["text"] for p in sent)
    previewed = proc.stdout.split("──── ")[1].split("\n", 1)[1].rstrip("\n").split("\nsent to")[0]
    assert previewed.rstrip() == sent[0]["text"].rstrip()  # exactly what the receiver got
