"""``wirewatch scan --metrics-port``: the embedded runner serves /metrics on 127.0.0.1 while it scans."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

from tests.workers import REPO, SEED, free_port


def test_scan_serves_metrics_while_reading_stdin() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "scan", "-", "--input-format", "text", "--format", "jsonl",
         "--no-alerts", "--metrics-port", str(port)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        body = b""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as resp:
                    body = resp.read()
            except OSError:
                time.sleep(0.2)
        assert b"wirewatch_build_info{" in body
        assert b"wirewatch_articles_consumed_total 0.0" in body  # nothing read yet: stdin is still open
        out, err = proc.communicate(SEED.read_bytes(), timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err.decode()[-2000:]
    assert b'"ceasefire"' in out
