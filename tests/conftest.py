"""Shared fixtures: the real local Kafka broker (once per session), a real HTTP sink, paths to shared data."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared"))
SEED = REPO / "seeds" / "libya-haftar-rome-ceasefire.de.txt"
KAFKA_SH = REPO / "deploy" / "kafka" / "kafka.sh"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data not found at {SHARED} (set WIREWATCH_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def news_articles(shared_dir: Path) -> list[dict]:
    """Real German news (10kGNAD; CC BY-NC-SA — read from shared/, never copied into the repo)."""
    with (shared_dir / "data" / "news-de-10kgnad.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A single-node KRaft broker on 127.0.0.1, started once for the test session."""
    data_dir = tmp_path_factory.mktemp("kafka")
    proc = subprocess.run(["bash", str(KAFKA_SH), "start", "--dir", str(data_dir)],
                          capture_output=True, text=True, timeout=240)
    if proc.returncode != 0:
        pytest.fail(f"local Kafka did not start:\n{proc.stderr[-4000:]}")
    bootstrap = proc.stdout.strip().splitlines()[-1]
    try:
        yield bootstrap
    finally:
        subprocess.run(["bash", str(KAFKA_SH), "stop", "--dir", str(data_dir)],
                       capture_output=True, text=True, timeout=120)


class HttpSink:
    """A real HTTP server on 127.0.0.1 that records every request (apprise json:// and friends post here)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.event = threading.Condition(self.lock)
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with sink.event:
                    sink.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                    sink.event.notify_all()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def json_bodies(self) -> list[dict]:
        with self.lock:
            return [json.loads(r["body"]) for r in self.requests]

    def wait_for(self, count: int, timeout: float) -> bool:
        with self.event:
            return self.event.wait_for(lambda: len(self.requests) >= count, timeout=timeout)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def http_sink() -> Iterator[HttpSink]:
    sink = HttpSink()
    try:
        yield sink
    finally:
        sink.close()
