"""``wirewatch alerts explain`` says why a report joined a story or opened one: the stories compared, each part."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.cli import main
from tests.unit.alerts.helpers import detection

CONFIG = "receivers:\n  - {name: ops, console: true}\nroutes:\n  - receiver: ops\n"


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(CONFIG)
    dets = [detection("a1", published_at="2024-01-08T10:00:00Z", actors=("Khalifa Haftar",)),
            detection("a2", published_at="2024-01-08T11:00:00Z", actors=("Haftar", "Giuseppe Conte")),
            detection("a3", published_at="2024-01-08T12:00:00Z", actors=("Wladimir Putin",)),
            detection("a4", published_at="2024-01-10T13:00:00Z", actors=("Putin",), recency="background")]
    path = tmp_path / "detections.jsonl"
    path.write_text("".join(d.to_json().decode() + "\n" for d in dets))
    return cfg, path


def test_explain_text_names_candidates_and_parts(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg, path = _inputs(tmp_path)
    assert main(["alerts", "explain", str(path), "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    blocks = out.split("detection ")[1:]
    assert "story: opened" in blocks[0] and "compared with 0 open stories" in blocks[0]
    assert "story: joined" in blocks[1] and "shared haftar" in blocks[1] and "participants 1.00" in blocks[1]
    assert "story: opened" in blocks[2] and "no: different people (putin vs haftar, conte)" in blocks[2]
    assert "time 0.98 (1.0 h from its reports)" in blocks[1]
    assert "story: none — a background mention" in blocks[3] and "BACKGROUND" in blocks[3]
    assert "2 more out of time" in blocks[3]  # two days later: open still, but out of time

