"""A scraper that is not Python: kcat (librdkafka) publishes the Article JSON contract and reads `detections`.

Exactly the commands the README shows, against the real broker and a real worker.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from detectors.contracts import schema
from tests.sinks import HttpEndpoint
from tests.workers import Worker

pytestmark = pytest.mark.kafka
ARTICLE = {
    "url": "https://news.example.org/2026/ankara",
    "title": "Putin in Ankara",
    "text": "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Ankara on Monday. "
            "The two leaders agreed to a ceasefire in Idlib.",
    "language": "en-US",            # as scrapers send it: normalised, not dead-lettered
    "published_at": "2026-12-01",   # a bare date, as trafilatura and most feeds give it
}


@pytest.fixture(scope="module")
def kcat() -> str:
    path = shutil.which("kcat")
    if path is None:
        pytest.fail("kcat is not installed: `make test` installs Debian's kcat package (deploy/install-tools.sh)")
    return path


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory, kafka: str) -> Iterator[Worker]:
    sink = HttpEndpoint()
    w = Worker(tmp_path_factory.mktemp("kcat"), kafka, sink.port)
    yield w
    w.stop()
    sink.close()


def test_kcat_publishes_articles_and_reads_detections(kcat: str, worker: Worker, tmp_path: Path) -> None:
    article_id = f"kcat-{uuid.uuid4().hex[:8]}"
    line = f"{article_id}\t{json.dumps({**ARTICLE, 'id': article_id})}\n"
    # kcat -P: produce; -K '\t' splits each line into key and value; -c 1 stops after one message
    subprocess.run([kcat, "-b", worker.bootstrap, "-t", worker.articles, "-P", "-K", "\t"],
                   input=line.encode(), check=True, timeout=60)
    # kcat -C: consume from the beginning as JSON envelopes (-J), stop at the end of the topic (-e)
    found: list[dict] = []
    for _ in range(60):
        done = subprocess.run([kcat, "-b", worker.bootstrap, "-t", worker.detections, "-C", "-o", "beginning",
                               "-e", "-J", "-q"], capture_output=True, timeout=60)
        out = done.stdout if done.returncode == 0 else b""  # the topic appears once the worker has started
        envelopes = [json.loads(x) for x in out.decode().splitlines() if x.strip()]
        found = [json.loads(e["payload"]) for e in envelopes
                 if e.get("payload") and json.loads(e["payload"])["article_id"] == article_id]
        if {d["type"] for d in found} >= {"meeting", "ceasefire"}:
            break
        time.sleep(1)
    assert found, f"no detection for {article_id}; worker log:\n{worker.tail()}"
    for d in found:
        jsonschema.validate(d, schema("detection"))
        assert d["language"] == "en"
        assert d["published_at"] == "2026-12-01T00:00:00Z"
    meeting = next(d for d in found if d["type"] == "meeting")
    assert meeting["status"] == "held" and meeting["level"] == "high"
    names = " ".join(a["text"] for a in meeting["actors"])
    assert "Putin" in names and "Erdogan" in names
