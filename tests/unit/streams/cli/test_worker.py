"""``wirewatch worker`` starts its detector process before it reads its config (the longest part of a restart runs
beside the rest): with the defaults, replaced when the config asks otherwise, and gone with a config that fails."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from alerts.config import load_config
from streams.cli import main
from streams.cli.worker import configured_plan, early_plan
from tests.workers import REPO

BAD = "worker: {id: x, detect_procesess: 2}\nreceivers:\n  - name: a\n    urls: ['slak://x/y/z']\nroutes:\n" \
      "  - receiver: a\n"


def test_the_early_detectors_are_the_defaults_with_the_stage_of_the_environment() -> None:
    assert early_plan({}) == (1, 1, "learned", ())
    assert early_plan({"WIREWATCH_DETECTORS__STAGE": "rules"}) == (1, 1, "rules", ())


def test_a_config_with_other_detector_settings_asks_for_other_detectors(tmp_path: Path) -> None:
    default = tmp_path / "default.yaml"
    default.write_text("worker: {id: w}\n")
    other = tmp_path / "other.yaml"
    other.write_text("worker: {id: w, detect_processes: 2}\ndetectors: {stage: rules, warm: [en, fr]}\n")
    assert configured_plan(load_config(default, env={})) == early_plan({})
    assert configured_plan(load_config(other, env={})) == (2, 1, "rules", ("en", "fr"))
    threads = tmp_path / "threads.yaml"
    threads.write_text("worker: {id: w, detect_processes: 0, detect_threads: 2}\n")
    assert configured_plan(load_config(threads, env={})) == (0, 2, "learned", ())


def _marked(mark: str) -> list[int]:
    """Live processes whose environment holds ``mark`` (the worker's detector processes inherit it)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if mark.encode() in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:  # gone meanwhile, or not ours
            continue
    return found


def test_a_bad_config_exits_2_with_its_problems_and_takes_the_detector_process_along(tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(BAD)
    mark = f"DETECTOR_TEST_MARK={uuid.uuid4().hex}"
    env = {**os.environ, mark.split("=")[0]: mark.split("=")[1]}
    out = subprocess.run([sys.executable, "-m", "streams.cli", "worker", "--config", str(config)], cwd=REPO,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert lines and all(line.startswith("wirewatch: config error: ") for line in lines), out.stderr
    assert any("detect_processes" in line for line in lines) and any("slack://" in line for line in lines)
    deadline = time.monotonic() + 10
    while _marked(mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _marked(mark) == []


def test_the_worker_command_turns_the_collector_back_on_however_it_ends(tmp_path: Path) -> None:
    """``wirewatch worker`` starts without cyclic garbage collection; a start that fails (here: a bad config,
    in-process) leaves the collector on again, as run_worker does before faust runs."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD)
    assert gc.isenabled()
    with pytest.raises(SystemExit) as exit_:
        main(["worker", "--config", str(bad)])
    assert exit_.value.code == 2
    assert gc.isenabled()
