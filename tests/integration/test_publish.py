"""``wirewatch publish`` is loud: every send's result is awaited, a record the broker refuses is reported with
its origin and exit 1, an unreachable broker is one line within 10 s (real broker, subprocess CLI)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from kafka.admin import KafkaAdminClient, NewTopic

pytestmark = pytest.mark.kafka

SMALL = {"url": "https://example.org/small", "title": "Talks", "text": "The ministers met in Rome.", "language": "en"}
LARGE = {"url": "https://example.org/large", "title": "Long", "text": "word " * 2000, "language": "en"}


def publish(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "streams.cli", "publish", *args], capture_output=True, text=True,
                          timeout=90, env={**os.environ, "WIREWATCH_CONFIG": ""})


def test_a_record_the_broker_refuses_is_reported_and_exits_1(kafka: str, tmp_path: Path) -> None:
    topic = f"publish-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=kafka)
    try:  # the broker takes records of at most 1000 bytes on this topic
        admin.create_topics([NewTopic(topic, 1, 1, topic_configs={"max.message.bytes": "1000"})])
    finally:
        admin.close()
    large = tmp_path / "large.jsonl"
    large.write_text(json.dumps(SMALL | {"url": "https://example.org/x"}) + "\n" + json.dumps(LARGE) + "\n{bad\n")
    run = publish(str(large), "--bootstrap", kafka, "--topic", topic, "--format", "json")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert [f["origin"] for f in report["failed"]] == [f"{large}:2"]  # kafka-python splits the refused batch
    assert "MessageSizeTooLarge" in report["failed"][0]["error"]
    assert f"{large}:2: not published: MessageSizeTooLargeError" in run.stderr
    assert report["published"] == 1
    assert report["invalid"][0]["origin"] == f"{large}:3" and f"{large}:3: not published: not JSON" in run.stderr
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps(SMALL) + "\n")
    run = publish(str(small), "--bootstrap", kafka, "--topic", topic, "--format", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["published"] == 1 and "published 1 article(s)" in run.stderr


def test_an_unreachable_broker_is_one_line_within_10_s(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps(SMALL) + "\n")
    started = time.monotonic()
    run = publish(str(article), "--bootstrap", f"127.0.0.1:{port}")
    assert time.monotonic() - started < 10
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"wirewatch: publish: cannot reach Kafka at 127.0.0.1:{port}: Unable to bootstrap from 127.0.0.1:{port} "
        "(is the broker running, and kafka.bootstrap or --bootstrap right?)"]
