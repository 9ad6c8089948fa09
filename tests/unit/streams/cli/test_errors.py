"""Every command turns a bad file or line into one line naming its location — never a traceback (subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = '{"url": "https://example.org/1", "title": "Talks", "text": "The ministers met in Rome.", "language": "en"}'


def wirewatch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WIREWATCH_CONFIG": "", "WIREWATCH_STATE_DIR": str(cwd / "state")}
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], capture_output=True, text=True, timeout=180,
                          cwd=cwd, env=env)


def assert_one_line(run: subprocess.CompletedProcess[str], where: str, code: int = 1) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert where in run.stderr, run.stderr
    assert run.returncode == code, run.stderr


@pytest.fixture
def bad_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text(GOOD + "\n{not json\n")
    return path


def test_eval_missing_file_and_bad_line(tmp_path: Path, bad_jsonl: Path) -> None:
    assert_one_line(wirewatch("eval", "nope.jsonl", cwd=tmp_path), "wirewatch: eval: nope.jsonl: No such file")
    assert_one_line(wirewatch("eval", str(bad_jsonl), cwd=tmp_path), f"{bad_jsonl}:2: not JSON")


def test_scan_bad_line(tmp_path: Path, bad_jsonl: Path) -> None:
    assert_one_line(wirewatch("scan", str(bad_jsonl), "--no-alerts", cwd=tmp_path), f"{bad_jsonl}:2: invalid article")


def test_check_config_bad_yaml_line(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("receivers:\n  - name: a\n  urls: [\n")
    assert_one_line(wirewatch("check-config", str(cfg), cwd=tmp_path), f"{cfg}:", code=2)
    assert_one_line(wirewatch("check-config", "nope.yaml", cwd=tmp_path), "nope.yaml", code=2)


def test_silence_unreadable_file(tmp_path: Path) -> None:
    store = tmp_path / "silences.json"
    store.write_text("{not json")
    assert_one_line(wirewatch("silence", "list", "--file", str(store), cwd=tmp_path), f"{store}: unreadable")


def test_alerts_explain_and_preview(tmp_path: Path, bad_jsonl: Path) -> None:
    assert_one_line(wirewatch("alerts", "explain", "nope.json", cwd=tmp_path), "wirewatch: nope.json: No such file")
    run = wirewatch("alerts", "explain", str(bad_jsonl), cwd=tmp_path)
    assert "Traceback" not in run.stderr and f"{bad_jsonl}:2: invalid article" in run.stderr
    assert_one_line(wirewatch("alerts", "preview", "nope.txt", cwd=tmp_path), "nope.txt: invalid article")


def test_alerts_history_bad_line(tmp_path: Path) -> None:
    history = tmp_path / "history.jsonl"
    history.write_text('{"at": 1, "receiver": "a", "outcome": "delivered"}\n{torn')
    run = wirewatch("alerts", "history", "--history-file", str(history), cwd=tmp_path)
    assert_one_line(run, f"{history}:2: not a JSON record", code=0)
