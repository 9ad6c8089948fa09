"""One starter for the local single-node Kafka broker (deploy/kafka/kafka.sh, KRaft, in a directory of its own).

Used by the test fixtures (``tests/conftest.py`` ``kafka``, ``tests/reliability/conftest.py`` ``own_broker``) and
by the bench (``bench/``), so all of them start, restart and stop a broker the same way.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KAFKA_SH = REPO / "deploy" / "kafka" / "kafka.sh"
START_TIMEOUT_S = 240
STOP_TIMEOUT_S = 120


class BrokerError(RuntimeError):
    """kafka.sh could not start (or restart) the broker; the message ends with its stderr."""


class Broker:
    """A broker in ``data_dir``, started on construction. ``attempts``: tries of each start/restart (a JVM can die
    while starting on a loaded machine)."""

    def __init__(self, data_dir: Path, attempts: int = 1) -> None:
        self.dir = Path(data_dir)
        self.attempts = attempts
        self.bootstrap = self._run("start").strip().splitlines()[-1]

    def _run(self, action: str) -> str:
        for attempt in range(1, self.attempts + 1):
            proc = subprocess.run(["bash", str(KAFKA_SH), action, "--dir", str(self.dir)],
                                  capture_output=True, text=True, timeout=START_TIMEOUT_S)
            if proc.returncode == 0:
                return proc.stdout
            if attempt == self.attempts:
                raise BrokerError(f"kafka.sh {action} failed:\n{proc.stderr[-4000:]}")
        raise AssertionError("unreachable")

    @property
    def pid(self) -> int | None:
        """The broker's JVM (its CPU time is measured by the bench)."""
        try:
            return int((self.dir / "kafka.pid").read_text())
        except (OSError, ValueError):
            return None

    def restart(self) -> None:
        self._run("restart")

    def stop(self) -> None:
        subprocess.run(["bash", str(KAFKA_SH), "stop", "--dir", str(self.dir)],
                       capture_output=True, text=True, timeout=STOP_TIMEOUT_S)


@contextlib.contextmanager
def temporary_broker(prefix: str = "wirewatch-kafka-") -> Iterator[Broker]:
    """A fresh broker in a temporary directory, stopped and removed afterwards."""
    data_dir = tempfile.mkdtemp(prefix=prefix)
    broker = None
    try:
        broker = Broker(Path(data_dir))
        yield broker
    finally:
        if broker is not None:
            broker.stop()
        else:  # kafka.sh may have left a half-started JVM behind
            subprocess.run(["bash", str(KAFKA_SH), "stop", "--dir", data_dir], capture_output=True, text=True,
                           timeout=STOP_TIMEOUT_S)
        shutil.rmtree(data_dir, ignore_errors=True)
