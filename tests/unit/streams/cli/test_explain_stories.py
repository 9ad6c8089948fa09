"""``wirewatch alerts explain`` says why a report joined a story or opened one: the stories compared, each part."""

from __future__ import annotations

import json
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
    assert "story: joined" in blocks[1] and "shared haftar" in blocks[1]
    assert "participants 0.75 (share haftar; conte new)" in blocks[1]
    assert "story: opened" in blocks[2] and "no: different people (putin vs haftar, conte)" in blocks[2]
    assert "time 0.98 (1.0 h from its reports)" in blocks[1]
    assert "story: none — a background mention" in blocks[3] and "BACKGROUND" in blocks[3]
    assert "2 more out of time" in blocks[3]  # two days later: open still, but out of time


def test_explain_json_gives_each_part_score(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg, path = _inputs(tmp_path)
    assert main(["alerts", "explain", str(path), "--config", str(cfg), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)["detections"]
    stories = [s["story"] for s in shown]
    assert [s["verdict"] for s in stories] == ["opened", "joined", "opened", "background"]
    joined = stories[1]["candidates"][0]
    assert joined["joins"] and joined["parts"]["participants"]["score"] == 0.75
    assert joined["parts"]["place"]["score"] is None and joined["story"] == stories[0]["story"]
    refused = stories[2]["candidates"][0]
    assert not refused["joins"] and refused["conflict"].startswith("different people") and refused["why_not"]
    assert stories[3]["story"] is None and stories[3]["out_of_time"] == 2
