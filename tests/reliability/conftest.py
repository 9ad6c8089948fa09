"""Reliability fixtures: a broker of this module's own (it gets restarted), a sink that can fail."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import KAFKA_SH


class Broker:
    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir
        self.bootstrap = self._run("start").strip().splitlines()[-1]

    def _run(self, action: str, attempts: int = 2) -> str:
        """kafka.sh start|restart; once more if the JVM died while starting (seen on a loaded machine)."""
        for attempt in range(1, attempts + 1):
            proc = subprocess.run(["bash", str(KAFKA_SH), action, "--dir", str(self.dir)],
                                  capture_output=True, text=True, timeout=240)
            if proc.returncode == 0:
                return proc.stdout
            if attempt == attempts:
                pytest.fail(f"kafka.sh {action} failed:\n{proc.stderr[-4000:]}")
        raise AssertionError("unreachable")

    def restart(self) -> None:
        self._run("restart")

    def stop(self) -> None:
        subprocess.run(["bash", str(KAFKA_SH), "stop", "--dir", str(self.dir)],
                       capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def own_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """A broker for tests that restart it (the session ``kafka`` fixture stays undisturbed)."""
    broker = Broker(tmp_path_factory.mktemp("kafka-own"))
    try:
        yield broker
    finally:
        broker.stop()
