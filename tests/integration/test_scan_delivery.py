"""``wirewatch scan`` delivers with the worker's lifecycle: an alert a real target refuses (closed port, 500s)
after the deliverer's retries lands in the local alerts DLQ file, the scan says where and exits 1."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from alerts.config import Config, Receiver, Route, StateSettings
from alerts.history import LocalRecords
from detectors.contracts import Actor, Article, Detection, Evidence
from streams.embedded import scan
from streams.inputs import Item
from tests.sinks import HttpEndpoint
from tests.workers import REPO


class Haftar:
    """Stands in for the detectors: every article reports Haftar's ceasefire (one story)."""

    def detect_many(self, articles: list[Article]) -> list[list[Detection]]:
        return [[Detection.create(a, language="de", type="ceasefire", status="announced", confidence=0.9,
                                  evidence=Evidence(a.text, 0, len(a.text), (0, 5)), detector="test/1",
                                  actors=(Actor("Khalifa Haftar", "person"),), countries=("LY",))]
                for a in articles]


def articles(n: int) -> list[Item]:
    return [Item(origin=f"a{i}.txt", article=Article.create(f"Waffenruhe {i}", id=f"a{i}", source=f"o{i}.example"))
            for i in range(n)]


def run(sink: HttpEndpoint, tmp_path: Path) -> tuple[int, str, LocalRecords]:
    config = Config(receivers=(Receiver("hook", urls=(f"json://127.0.0.1:{sink.port}/alerts",)),),
                    routes=(Route("hook"),), state=StateSettings(silences_file=str(tmp_path / "silences.json")))
    records = LocalRecords(tmp_path / "history.jsonl", tmp_path / "alerts.dlq.jsonl")
    err = io.StringIO()
    summary = scan(articles(1), Haftar(), config, out=io.StringIO(), err=err, alerts_out=io.StringIO(),
                   delivery_records=records)
    return summary.failed, err.getvalue(), records


def test_a_refused_alert_is_dead_lettered_and_said_where(http_sink: HttpEndpoint, tmp_path: Path) -> None:
    http_sink.set_mode("refuse")
    failed, err, records = run(http_sink, tmp_path)
    assert failed == 1
    (letter,) = records.dlq.read()
    assert letter["receiver"] == "hook" and letter["attempts"] == 4 and letter["target"].startswith("json://")
    assert letter["notification"]["kind"] == "new"
    assert f"1 alert not delivered after retries (dead letters in {tmp_path / 'alerts.dlq.jsonl'})" in err
    assert [h["outcome"] for h in records.history.read()] == ["retrying"] * 3 + ["failed"]


def test_500s_after_every_retry_dead_letter_the_alert(http_sink: HttpEndpoint, tmp_path: Path) -> None:
    http_sink.set_mode("error")
    failed, _, records = run(http_sink, tmp_path)
    assert failed == 1 and http_sink.errors == 4 and len(list(records.dlq.read())) == 1


def test_a_delivered_alert_is_sent_once_and_not_marked_as_a_repeat(http_sink: HttpEndpoint, tmp_path: Path) -> None:
    failed, err, records = run(http_sink, tmp_path)
    assert failed == 0 and err == ""
    (text,) = http_sink.texts()
    assert "Possible repeat" not in text and "Haftar" in text
    assert list(records.dlq.read()) == [] and [h["outcome"] for h in records.history.read()] == ["delivered"]


def test_the_command_exits_1_when_an_alert_could_not_be_delivered(http_sink: HttpEndpoint, tmp_path: Path) -> None:
    http_sink.set_mode("refuse")
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(f"receivers:\n  - name: hook\n    urls: ['json://127.0.0.1:{http_sink.port}/alerts']\n"
                   f"routes:\n  - receiver: hook\nstate:\n  silences_file: {tmp_path / 'silences.json'}\n")
    dlq = tmp_path / "scan.dlq.jsonl"
    proc = subprocess.run([sys.executable, "-m", "streams.cli", "scan", "-", "--input-format", "text", "--config",
                           str(cfg), "--dlq-file", str(dlq)], cwd=REPO, capture_output=True, text=True, timeout=120,
                          input="Der libysche General Khalifa Haftar hat am Sonntag eine Waffenruhe verkündet.",
                          env={"PATH": "/usr/bin:/bin", "WIREWATCH_STATE_DIR": str(tmp_path / "state")})
    assert proc.returncode == 1, proc.stderr[-2000:]
    (letter,) = [json.loads(line) for line in dlq.read_text().splitlines()]
    assert letter["receiver"] == "hook" and "Haftar" in json.dumps(letter["notification"])
    assert f"1 alert not delivered after retries (dead letters in {dlq})" in proc.stderr
    assert "0 alert(s), 1 failed" in proc.stderr
