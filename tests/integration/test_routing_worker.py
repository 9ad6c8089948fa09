"""Routing in the real worker on the real broker: one alert per story, a timer-driven follow-up that survives a
restart (SIGTERM, new process, same group), and silences written by the CLI to the compacted topic."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detectors.contracts import Actor, Article, Detection, Evidence
from tests.sinks import HttpEndpoint
from tests.workers import REPO, Worker

pytestmark = pytest.mark.kafka
CLI = [sys.executable, "-m", "streams.cli"]


def detection(article_id: str, source: str, *, actor: str = "Khalifa Haftar", country: str = "LY",
              countries: tuple[str, ...] | None = None) -> Detection:
    text = f"{actor} kündigte eine Waffenruhe an."
    article = Article.create(text, id=article_id, source=source)
    return Detection.create(article, language="de", type="ceasefire", status="announced", confidence=0.9,
                            evidence=Evidence(text, 0, len(text), (0, 5)), detector="test/1",
                            actors=(Actor(actor, "person"),), countries=(country,) if countries is None else countries)


def routing_worker(tmp: Path, bootstrap: str, sink: HttpEndpoint) -> Worker:
    """Two partitions, a 1 s tick, an instant receiver with a follow-up, a rate-capped and a digest receiver."""
    url = f"json://127.0.0.1:{sink.port}"
    receivers = (
        f"receivers:\n  - name: sink\n    urls: ['{url}/alerts']\n"
        f"  - name: desk\n    urls: ['{url}/digest']\n    digest: 10s\n"
        # partition homes (crc32 % 2): desk and capped-a → 0; detections keyed by type: ceasefire → 1 (murmur2)
        f"  - name: capped-a\n    urls: ['{url}/capped']\n    rate_limit: {{count: 1, per: 1h}}\n"
    )
    routes = (
        "routes:\n  - receiver: sink\n    group_interval: 15s\n    repeat_interval: 1h\n    continue: true\n"
        "  - receiver: capped-a\n    continue: true\n"
        "  - receiver: desk\n"
    )
    return Worker(tmp, bootstrap, sink.port, extra_worker="tick_interval: 1s", partitions=2, start=False,
                  receivers=receivers, routes=routes)


def posts(sink: HttpEndpoint, path: str = "/alerts") -> list[dict]:
    with sink.lock:
        return [json.loads(r["body"]) for r in sink.requests if r["path"] == path]


def digest_counts(sink: HttpEndpoint) -> list[int]:
    """Stories per digest post, from the title ("Digest: 2 stories")."""
    return [int(b["title"].split()[1]) for b in posts(sink, "/digest")]


def wait_posts(sink: HttpEndpoint, count: int, timeout: float, path: str = "/alerts") -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(posts(sink, path)) >= count:
            return True
        time.sleep(0.3)
    return False


def test_followup_survives_a_restart_and_silences_come_from_the_topic(
    tmp_path: Path, kafka: str, http_sink: HttpEndpoint
) -> None:
    w = routing_worker(tmp_path, kafka, http_sink)
    w.start()
    try:
        assert w.wait_log("silences loaded", 60), w.log()[-4000:]
        first = detection("a-0", "outlet-0.example")
        w.publish_detections(first)
        assert wait_posts(http_sink, 1, timeout=30), f"no first alert:\n{w.log()[-4000:]}"
        more = [detection(f"a-{i}", f"outlet-{i}.example") for i in range(1, 5)]
        w.publish_detections(*more)
        assert w.wait_log(f"decision detection={more[-1].id}", 20), w.log()[-4000:]
        assert w.stop() == 0, w.log()[-4000:]
        assert len(posts(http_sink)) == 1, "the follow-up came before the restart: group_interval too short"

        w.start()  # same group id, topics and changelogs: the alert log is recovered, the timer still fires
        assert wait_posts(http_sink, 2, timeout=60), f"no follow-up after the restart:\n{w.log()[-4000:]}"
        bodies = posts(http_sink)
        assert "Update" in bodies[1]["title"], bodies
        assert "5 outlets" in bodies[1]["message"], bodies[1]

        # a replay of the first detection sends nothing again
        w.publish_detections(first)
        assert w.wait_log(f"decision detection={first.id}", 20, occurrence=2), w.log()[-4000:]

        # silences written by the CLI reach the running worker through the compacted topic
        add = subprocess.run([*CLI, "silence", "add", "--config", str(w.config), "--kafka", "--match",
                              "countries=SY", "--duration", "1h", "--author", "test", "--comment", "quiet"],
                             cwd=REPO, capture_output=True, text=True, timeout=60)
        assert add.returncode == 0, add.stderr
        silenced = detection("s-0", "outlet-s.example", actor="Bashar Assad", country="SY")
        loud = detection("u-0", "outlet-u.example", actor="Wolodymyr Selenskyj", country="UA")
        time.sleep(2)  # the follower polls the topic every second
        w.publish_detections(silenced, loud)
        assert w.wait_log(f"decision detection={loud.id}", 20), w.log()[-4000:]
        assert w.wait_log(f"decision detection={silenced.id}", 20), w.log()[-4000:]
        line = next(x for x in w.log().splitlines() if f"decision detection={silenced.id}" in x)
        assert "sink:silenced" in line, line
        assert wait_posts(http_sink, 3, timeout=20)
        # the digest receiver: every story once (LY, UA; SY is silenced), over the 10 s digests, across the restart
        deadline = time.monotonic() + 25
        while time.monotonic() < deadline and sum(digest_counts(http_sink)) < 2:
            time.sleep(0.5)
        time.sleep(3)  # nothing else arrives: no duplicate, no silenced story
        titles = [b["title"] for b in posts(http_sink)]
        assert len(titles) == 3, titles
        assert "Selenskyj" in titles[2] and not any("Assad" in t for t in titles)
        assert sum(digest_counts(http_sink)) == 2, posts(http_sink, "/digest")
        assert not any("Assad" in b["message"] for b in posts(http_sink, "/digest"))
        # one cap for the receiver in its home scope: LY (partition 1, handed to 0) is sent, UA (1 → 0) held back
        capped = [b["title"] for b in posts(http_sink, "/capped")]
        assert len(capped) == 1 and "Haftar" in capped[0], capped
    finally:
        if w.proc and w.proc.poll() is None:
            assert w.stop() == 0, w.log()[-4000:]


def test_reports_listing_countries_differently_meet_in_one_story_and_one_alert(
    tmp_path: Path, kafka: str, http_sink: HttpEndpoint
) -> None:
    """Keyed by type + first country, these three would land on partitions 1, 3 and 0 of four and open three
    stories; keyed by type they reach the one state that holds the story."""
    routes = "routes:\n  - receiver: sink\n    group_wait: 4s\n"
    w = Worker(tmp_path, kafka, http_sink.port, extra_worker="tick_interval: 1s", partitions=4, routes=routes,
               receivers=f"receivers:\n  - name: sink\n    urls: ['json://127.0.0.1:{http_sink.port}/one-story']\n")
    try:
        assert w.wait_log("silences loaded", 60), w.tail()
        reports = [detection("c-0", "outlet-0.example", countries=("LY", "IT")),
                   detection("c-1", "outlet-1.example", countries=("TR", "LY")),
                   detection("c-2", "outlet-2.example", countries=())]
        assert len({r.story_key for r in reports}) == 1
        w.publish_detections(*reports)
        for r in reports:
            assert w.wait_log(f"decision detection={r.id}", 30), w.tail()
        lines = [x for x in w.log().splitlines() if "decision detection=" in x]
        stories = {x.split(" story=")[1].split()[0] for x in lines}
        assert len(stories) == 1, lines
        assert wait_posts(http_sink, 1, timeout=30, path="/one-story"), w.tail()
        time.sleep(3)  # nothing else arrives
        bodies = posts(http_sink, "/one-story")
        assert len(bodies) == 1 and "3 outlets" in bodies[0]["message"], bodies
    finally:
        if w.proc and w.proc.poll() is None:
            assert w.stop() == 0, w.tail()
