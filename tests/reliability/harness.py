"""Fault-test helpers: a corpus with planted events, a sink that can fail, counting planted alerts."""

from __future__ import annotations

import json
import os
import random
import re
import time
import urllib.request
from collections import Counter
from typing import Any

from tests.sinks import HttpEndpoint

# Invented surnames: two syllable halves that no gazetteer or news text contains (checked with `wirewatch scan`).
_HEADS = ["Zor", "Quil", "Trel", "Vask", "Brun", "Kelt", "Mord", "Yst", "Grav", "Ulm", "Drev", "Fann", "Hosk", "Ivr"]
_TAILS = ["vanek", "brandt", "luschin", "oberg", "mirow", "tessik", "andor", "wyler", "ozzek", "ardin", "umpfel",
          "iskow", "enbach", "aldrich", "orvitz"]
_FIRST = ["Amadeo", "Bertok", "Casimir", "Dorian", "Evander", "Florin", "Gideon", "Hadrian", "Ilias", "Jaromir"]
PLANTED = "General {name} kündigte am Abend eine Waffenruhe an."


def planted_names(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    surnames = [h + t for h in _HEADS for t in _TAILS]  # unique: one story per general
    assert n <= len(surnames)
    return [f"{rnd.choice(_FIRST)} {s}" for s in sorted(rnd.sample(surnames, n))]


def corpus(news: list[dict], total: int, planted: int, seed: int = 11, filler_chars: int = 700
           ) -> tuple[list[dict], list[str]]:
    """``total`` articles: ``planted`` of them one planted ceasefire each (a distinct invented general, no country),
    the rest real news (truncated), shuffled. Returns (articles, planted surnames)."""
    rnd = random.Random(seed)
    names = planted_names(planted)
    run = f"{rnd.getrandbits(32):08x}"
    articles = [{"id": f"planted-{run}-{i}", "source": "planted.example",
                 "title": f"Waffenruhe {i}", "text": f"Berlin. {PLANTED.format(name=name)} Details blieben offen."}
                for i, name in enumerate(names)]
    for i in range(total - planted):
        item = news[i % len(news)]
        articles.append({"id": f"news-{run}-{i}", "source": item.get("source", "news"),
                         "text": item["text"][:filler_chars]})
    rnd.shuffle(articles)
    return articles, [n.split()[-1] for n in names]


def planted_counts(sink: HttpEndpoint, surnames: list[str], idempotent: bool = False) -> Counter:
    """How many delivered alerts name each planted general (an alert naming none is real news: not counted);
    ``idempotent``: as a receiver honouring ``Idempotency-Key`` counts them (``HttpEndpoint.texts``)."""
    pattern = re.compile("|".join(re.escape(s) for s in surnames))
    counts: Counter = Counter()
    for text in sink.texts(idempotent):
        for name in set(pattern.findall(text)):
            counts[name] += 1
    return counts


def double_window_ms(sink: HttpEndpoint, articles: list[dict], log_text: str) -> dict[str, float]:
    """How long an alert stays exposed to a crash-double: from its arrival at the sink to the worker's "alert new"
    log line, written after the 'sent' record was flushed to the changelog (an upper bound of the window)."""
    import datetime as dt

    surname_of = {a["id"]: a["text"].split("General ", 1)[1].split(" kündigte")[0].split()[-1]
                  for a in articles if a["id"].startswith("planted")}
    arrived: dict[str, float] = {}
    pairs = [(r["at"], r["body"]) for r in sink.accepted()]
    pattern = re.compile("|".join(re.escape(s) for s in surname_of.values()))
    for at, body in pairs:
        for name in set(pattern.findall(body.decode("utf-8", "replace"))):
            arrived.setdefault(name, at)
    windows = []
    for m in re.finditer(r"^(\S+ \S+) INFO wirewatch.worker: alert new story=\S+ .*?article_id=(planted-\S+)",
                         log_text, re.M):
        name = surname_of.get(m.group(2))
        if name in arrived:
            logged = dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
            windows.append(max(0.0, logged - arrived[name]) * 1000)
    windows.sort()
    if not windows:
        return {}
    return {"n": len(windows), "median_ms": round(windows[len(windows) // 2]),
            "p95_ms": round(windows[int(len(windows) * 0.95)]), "max_ms": round(windows[-1])}


def wait_until(predicate: Any, timeout: float, step: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def metric(port: int, name: str) -> float:
    """Sum of a Prometheus metric's samples from the worker's /metrics (0 when absent)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
        text = resp.read().decode()
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and (line[len(name)] in " {"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def report(name: str, **figures: object) -> None:
    """Figures for the closing note: printed (pytest -s / -rA) and appended to $WIREWATCH_RELIABILITY_REPORT."""
    line = json.dumps({"test": name, **figures})
    print(line)
    path = os.environ.get("WIREWATCH_RELIABILITY_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def send_all(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes]], rounds: int = 5) -> None:
    """Produce every (key, value) and check each acknowledgement; re-send what failed (a loaded broker times out).
    A re-send may reorder or double a message, never drop one: the tests count by key."""
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, retries=5,
                             max_request_size=4_000_000, request_timeout_ms=60_000)
    try:
        pending = list(messages)
        for _ in range(rounds):
            futures = [(m, producer.send(topic, key=m[0], value=m[1])) for m in pending]
            producer.flush(120)
            pending = [m for m, f in futures if not f.succeeded()]
            if not pending:
                return
        raise AssertionError(f"{len(pending)} messages could not be produced to {topic}")
    finally:
        producer.close(10)


def publish(bootstrap: str, topic: str, articles: list[dict]) -> None:
    send_all(bootstrap, topic, [(a["id"].encode(), json.dumps(a, ensure_ascii=False).encode()) for a in articles])
