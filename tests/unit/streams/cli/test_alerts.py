"""``wirewatch alerts explain`` and ``wirewatch silence``: every decision explained, silences on a local file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.cli import main
from tests.unit.alerts.helpers import detection
from tests.workers import REPO

CONFIG = """\
receivers:
  - {name: ops, console: true}
  - {name: desk, console: true, digest: 1h}
routes:
  - receiver: ops
    match: {type: [meeting]}
  - receiver: desk
    match: {countries: [LY]}
state: {silences_file: silences.json}
"""


def test_explain_names_routes_and_reasons(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(CONFIG)
    det = tmp_path / "detections.jsonl"
    det.write_text("\n".join(json.dumps(detection(a).to_dict()) for a in ("a1", "a2")) + "\n")
    assert main(["alerts", "explain", str(det), "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert "route 1 → ops: no match: type 'ceasefire' not in ['meeting']" in out
    assert "route 2 → desk: matched" in out
    assert "desk: DIGEST — queued for the 1h digest" in out
    assert "desk: GROUPED — already queued for the next digest" in out
    assert "later: digest to desk" in out

    assert main(["silence", "add", "--config", str(cfg), "-m", "countries=LY", "-d", "2h", "--author", "ana",
                 "-c", "known story"]) == 0
    silence_id = capsys.readouterr().out.split()[1]
    assert json.loads((tmp_path / "silences.json").read_text())[silence_id]["author"] == "ana"
    main(["alerts", "explain", str(det), "--config", str(cfg)])
    out = capsys.readouterr().out
    assert f"desk: SILENCED — muted by silence {silence_id} by ana" in out

    main(["silence", "list", "--config", str(cfg)])
    assert silence_id in capsys.readouterr().out
    assert main(["silence", "expire", silence_id, "--config", str(cfg)]) == 0
    assert "expired" in capsys.readouterr().out
    main(["silence", "list", "--config", str(cfg)])
    assert silence_id not in capsys.readouterr().out
    main(["silence", "list", "--all", "--config", str(cfg)])
    assert "expired" in capsys.readouterr().out


def test_bad_silences_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(CONFIG)
    assert main(["silence", "add", "--config", str(cfg), "-m", "country=LY", "-d", "2h", "-c", "x"]) == 2
    assert "unknown field 'country'" in capsys.readouterr().err
    assert main(["silence", "add", "--config", str(cfg), "-m", "countries=LY", "-d", "soon", "-c", "x"]) == 2
    assert "not a duration" in capsys.readouterr().err
    assert not (tmp_path / "silences.json").exists()


def test_the_routing_example_config_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_TOKEN", "a/b/c")
    assert main(["check-config", str(REPO / "seeds" / "routing.example.yaml")]) == 0


def test_silence_add_checks_words_and_defaults_its_author_to_user(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(CONFIG)
    assert main(["silence", "add", "--config", str(cfg), "-m", "type=cesefire", "-d", "2h", "-c", "x"]) == 2
    assert "did you mean 'ceasefire'" in capsys.readouterr().err
    monkeypatch.setenv("USER", "zoe")
    assert main(["silence", "add", "--config", str(cfg), "-m", "type=ceasefire", "-d", "2h", "-c", "x"]) == 0
    silence_id = capsys.readouterr().out.split()[1]
    assert json.loads((tmp_path / "silences.json").read_text())[silence_id]["author"] == "zoe"


def test_explain_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text(CONFIG)
    det = tmp_path / "detections.jsonl"
    det.write_text("\n".join(json.dumps(detection(a).to_dict()) for a in ("a1", "a2")) + "\n")
    assert main(["alerts", "explain", str(det), "--config", str(cfg), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    first, second = report["detections"]
    assert first["detection"]["type"] == "ceasefire" and first["story_id"] == second["story_id"]
    assert [(o["receiver"], o["outcome"]) for o in first["outcomes"]] == [("desk", "digest")]
    assert [(o["receiver"], o["outcome"]) for o in second["outcomes"]] == [("desk", "grouped")]
    assert report["later"][0]["kind"] == "digest" and report["later"][0]["receiver"] == "desk"


def test_preview_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = tmp_path / "wirewatch.yaml"
    cfg.write_text("receivers:\n  - {name: ops, console: true, urls: ['json://127.0.0.1:1/hook']}\n"
                   "routes:\n  - receiver: ops\n")
    assert main(["alerts", "preview", "--config", str(cfg), "--format", "json"]) == 0  # the seed article
    shown = json.loads(capsys.readouterr().out)
    assert {s["target"].split(":")[0] for s in shown} == {"console", "json"}
    assert all(s["receiver"] == "ops" and s["body"] and "sent" not in s for s in shown)
