"""Story state per report (issue 14 follow-up): bytes written to the changelog and CPU per ``stories.attach`` with
N open stories under one partition key (every report of a type shares one key).

``.venv/bin/python -m bench.story_state [--open 10,50,200] [--trials 200] [--format json]``

For each N it builds N open stories of one type (each with its own invented person, a place and a date, reported
within an hour), then times ``attach`` of reports that *open* a story (a new person) and reports that *join* one
(the person of an existing story, a new article), each on a fresh shallow copy of the N-story state; with
``--embedded`` every report carries a 512-d evidence embedding, as the learned stage's detections do. Every value
written (``__setitem__``, as a faust table writes its changelog) is serialized with the codec faust uses for the
stories table (``json``); bytes are key + value. CPU is process time: ``attach`` alone, and its serialization.
"index bytes": everything under the key but the story records (the index, in whatever format it has).
``--dispatch``: also the route stage's in-process work per report — ``alerts.dispatch.Dispatcher.process`` (the
story attach, the routes, the pipeline to a notification) on one console route, each report on a fresh copy of
the state and an empty alert log. Nothing asserts a speed (not a test).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from faust.serializers import codecs

from alerts import stories as book
from detectors.contracts import Actor, Article, Detection, Embedding, Evidence, Location

T0 = 1_780_000_000.0


class Counting(dict):
    """A dict that keeps every value written (what a faust table sends to its changelog)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.writes: list[tuple[str, Any]] = []

    def __setitem__(self, key: str, value: Any) -> None:
        self.writes.append((key, value))
        super().__setitem__(key, value)


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat().replace("+00:00", "Z")


def _letters(i: int, width: int = 4) -> str:
    """``i`` in four letters: names of one length, none a part of another (a partial name is the same person)."""
    out = ""
    for _ in range(width):
        i, r = divmod(i, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[r]
    return out


DIMENSIONS = 512  # the learned stage's USE embedding


def embedding(i: int) -> Embedding:
    """A fixed pseudo-random vector per person (different stories: nearly orthogonal)."""
    rnd = random.Random(i)
    return Embedding.quantise("bench", [rnd.gauss(0.0, 1.0) for _ in range(DIMENSIONS)])


def report(i: int, article: str, t: float, embedded: bool = False) -> Detection:
    """A ceasefire report naming person ``i`` (an invented surname) in a place of its own, no country (as
    the latency bench's planted sentences: each opens a story of its own)."""
    name, place = f"Karim Zar{_letters(i)}", f"Bel{_letters(i)}"
    text = f"{name} kündigte in {place} eine Waffenruhe an."
    art = Article.create(text, id=article, source=f"outlet-{article}", published_at=_iso(t))
    return Detection.create(art, language="de", type="ceasefire", status="announced", confidence=0.9,
                            evidence=Evidence(text, 0, len(text), (40, 50)), detector="bench/1",
                            actors=(Actor(name, "person"),), location=Location(place, None),
                            event_date=_iso(t)[:10], embedding=embedding(i) if embedded else None)


def state(n: int, embedded: bool = False) -> Counting:
    s = Counting()
    for i in range(n):
        t = T0 + i * 3600.0 / max(n, 1)
        book.attach(s, report(i, f"a{i}", t, embedded), t)
    s.writes.clear()
    return s


def _measure(base: Counting, make: Iterable[tuple[Detection, float]]) -> dict[str, float]:
    cpu: list[float] = []
    ser: list[float] = []
    written: list[int] = []
    writes: list[int] = []
    for det, now in make:
        s = Counting(base)
        start = time.process_time()
        book.attach(s, det, now)
        cpu.append(time.process_time() - start)
        start = time.process_time()
        size = sum(len(k.encode()) + len(codecs.dumps("json", v)) for k, v in s.writes)
        ser.append(time.process_time() - start)
        written.append(size)
        writes.append(len(s.writes))
    return {"bytes_mean": statistics.fmean(written), "bytes_max": max(written),
            "writes_mean": statistics.fmean(writes),
            "attach_ms_mean": 1000 * statistics.fmean(cpu), "serialize_ms_mean": 1000 * statistics.fmean(ser)}


def _dispatch_ms(base: Counting, make: Iterable[tuple[Detection, float]]) -> float:
    """Mean process time of ``Dispatcher.process`` (one console route), each on a copy of ``base``."""
    from alerts.config import Config, Receiver, Route
    from alerts.dispatch import Dispatcher

    config = Config(receivers=(Receiver("ops", console=True),), routes=(Route(receiver="ops"),))
    cpu: list[float] = []
    for det, now in make:
        dispatcher = Dispatcher(config, Counting(base), {})
        start = time.process_time()
        dispatcher.process(det, now)
        cpu.append(time.process_time() - start)
    return 1000 * statistics.fmean(cpu)


def run(sizes: list[int], trials: int, embedded: bool = False, dispatch: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in sizes:
        base = state(n, embedded)
        now = T0 + 3600.0 + 60
        opens = [(report(10_000 + j, f"o{j}", now, embedded), now) for j in range(trials)]
        joins = [(report(j % n, f"j{j}", now, embedded), now) for j in range(trials)]
        out[str(n)] = {"open": _measure(base, opens), "join": _measure(base, joins),
                       "index_bytes": sum(len(codecs.dumps("json", v)) for k, v in base.items()
                                          if not k.startswith("story/"))}
        if dispatch:
            out[str(n)]["open"]["dispatch_ms_mean"] = _dispatch_ms(base, opens)
            out[str(n)]["join"]["dispatch_ms_mean"] = _dispatch_ms(base, joins)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--open", default="10,50,200", help="open stories under the key, comma-separated")
    ap.add_argument("--trials", type=int, default=200)
    ap.add_argument("--embedded", action="store_true", help="reports carry a 512-d evidence embedding (as the "
                    "learned stage's detections do)")
    ap.add_argument("--dispatch", action="store_true", help="also time Dispatcher.process per report (the route "
                    "stage's in-process work: attach, routes, pipeline)")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    args = ap.parse_args(argv)
    result = run([int(x) for x in args.open.split(",")], args.trials, args.embedded, args.dispatch)
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'N':>4} {'kind':<5} {'bytes/attach':>12} {'max':>8} {'writes':>6} {'attach ms':>9} {'ser ms':>7}"
          "  index bytes" + ("  dispatch ms" if args.dispatch else ""))
    for n, row in result.items():
        for kind in ("open", "join"):
            r = row[kind]
            extra = f"  {r['dispatch_ms_mean']:>11.3f}" if args.dispatch else ""
            print(f"{n:>4} {kind:<5} {r['bytes_mean']:>12.0f} {r['bytes_max']:>8} {r['writes_mean']:>6.2f} "
                  f"{r['attach_ms_mean']:>9.3f} {r['serialize_ms_mean']:>7.3f}  {row['index_bytes']:>11}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
