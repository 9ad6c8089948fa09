"""``wirewatch scan -`` streams: an article's output line comes out while stdin is still open."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys

ARTICLE = {"url": "https://example.org/a", "title": "Ceasefire in Libya",
           "text": "The warring parties in Libya agreed to a ceasefire on Sunday, the UN said.", "language": "en"}


def test_the_first_line_is_printed_before_stdin_closes() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "streams.cli", "scan", "-", "--no-alerts", "--format", "jsonl"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "WIREWATCH_CONFIG": ""})
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps(ARTICLE).encode() + b"\n")
        proc.stdin.flush()  # and stdin stays open
        ready, _, _ = select.select([proc.stdout], [], [], 120)  # the pipeline loads spaCy first
        assert ready, "no output while stdin is open"
        first = json.loads(proc.stdout.readline())
        assert proc.poll() is None  # still running: it has not seen the end of stdin
        assert "detections" in first and first["article_id"]
        proc.stdin.close()
        assert proc.wait(60) == 0
    finally:
        proc.kill()
        proc.wait(10)
