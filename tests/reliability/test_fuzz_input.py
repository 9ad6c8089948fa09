"""5,000 fuzzed messages (random bytes, truncated JSON, wrong types, huge fields, deep nesting, bad UTF-8) mixed
with valid articles: each invalid one lands in the DLQ once with a reason, each valid one is processed, and the
worker's peak RSS stays bounded."""

from __future__ import annotations

import json
import random
import time

import pytest

from bench.measure import peak_rss_mb
from tests.reliability.harness import metric, report, send_all, wait_until
from tests.workers import Worker, consume

pytestmark = [pytest.mark.kafka, pytest.mark.timeout(900)]

INVALID, VALID = 5000, 500
MAX_HWM_MB = 1500  # the worker with its NLP pipeline idles at a few hundred MB; a leak or an unbounded buffer shows


def fuzzed(rnd: random.Random, i: int) -> bytes:
    kind = i % 8
    article = json.dumps({"id": f"a{i}", "title": "Titel", "text": "Ein Text über nichts. " * rnd.randint(1, 20)})
    if kind == 0:  # random bytes (a leading 0xff: never UTF-8)
        return b"\xff" + rnd.randbytes(rnd.randint(0, 2000))
    if kind == 1:  # truncated JSON
        raw = article.encode()
        return raw[: rnd.randint(1, len(raw) - 2)]
    if kind == 2:  # wrong types
        return json.dumps(rnd.choice([
            {"text": 5}, {"text": None}, {"text": ["a"]}, {"id": {}, "text": "x"}, [], "text", 3.5, None,
            {"text": "ok", "published_at": 12}, {"text": "ok", "language": ["de"]}, {"title": "no text"},
        ])).encode()
    if kind == 3:  # a huge field: over worker.max_message_bytes
        return json.dumps({"id": f"h{i}", "text": "x" * 1_100_000}).encode() if i % 400 == 3 else \
            json.dumps({"id": f"h{i}", "text": "", "title": "y" * rnd.randint(10_000, 60_000)}).encode()
    if kind == 4:  # deep nesting
        depth = rnd.randint(1100, 20_000)
        return b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    if kind == 5:  # bad UTF-8 inside a JSON string
        return b'{"id": "u%d", "text": "Waffenruhe \xc3\x28 \xed\xa0\x80 ende"}' % i
    if kind == 6:  # empty
        return b""
    return b"<html><body>502 Bad Gateway %d</body></html>" % i  # a broken scraper's error page


def test_fuzzed_messages_go_to_the_dlq_with_a_reason(tmp_path, kafka: str, http_sink,
                                                     news_articles: list[dict]) -> None:
    rnd = random.Random(5)
    worker = Worker(tmp_path, kafka, http_sink.port,
                    extra_worker="dlq_max_invalid_ratio: 1.0, dlq_window: 1000, dlq_max_consecutive: 1000000")
    started = time.monotonic()
    messages: list[tuple[bytes, bytes]] = [(f"bad-{i}".encode(), fuzzed(rnd, i)) for i in range(INVALID)]
    messages += [(f"good-{i}".encode(), json.dumps({"id": f"good-{i}", "text": news_articles[i]["text"][:600]},
                                                    ensure_ascii=False).encode()) for i in range(VALID)]
    rnd.shuffle(messages)
    try:
        assert worker.wait_log("Worker ready", timeout=120), worker.tail()  # its topics exist now
        send_all(kafka, worker.articles, messages)
        dlq = consume(kafka, f"{worker.articles}.dlq", lambda r: len(r) >= INVALID, timeout=240)
        keys = [r.key.decode() for r in dlq]
        assert sorted(keys) == sorted(f"bad-{i}" for i in range(INVALID)), (
            f"{len(keys)} dead letters, {len(set(keys))} distinct, "
            f"valid ones among them: {[k for k in keys if k.startswith('good')][:5]}\n{worker.tail()}")
        reasons = {dict(r.headers)["wirewatch-error-code"].decode() for r in dlq}
        assert all(dict(r.headers).get("wirewatch-error-reason") for r in dlq)
        # consumed counts valid and invalid; the invalid ones are counted by reason
        def valid_seen() -> float:
            return (metric(worker.web_port, "wirewatch_articles_consumed_total")
                    - metric(worker.web_port, "wirewatch_articles_invalid_total"))

        assert wait_until(lambda: valid_seen() >= VALID, 120), worker.tail()
        time.sleep(1)
        consumed = valid_seen()
        assert worker.proc is not None
        hwm = peak_rss_mb(worker.proc.pid) or 0.0  # the worker and its detector process, each at its peak
        report("fuzz 5000", invalid=INVALID, dead_letters=len(dlq), distinct=len(set(keys)), valid=VALID,
               valid_processed=consumed, reasons=sorted(reasons), vm_hwm_mb=round(hwm),
               wall_s=round(time.monotonic() - started, 1))
        assert consumed == VALID
        assert hwm < MAX_HWM_MB
        assert "HALTED" not in worker.tail(200_000)
    finally:
        assert worker.stop() == 0, worker.tail()
