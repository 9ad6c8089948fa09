"""Durations and sizes of a bench run, and the names of its figures."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from streams.settings import WorkerSettings

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared")) / "data" / "news-de-10kgnad.jsonl"
P99_LIMIT_S = 1.0
SUMMARY_KEYS = ("detector_articles_per_s", "detector_words_per_s", "tokenizer_words_per_s", "e2e_articles_per_s",
                "e2e_p99_ms_at_50", "scaleout_ratio", "peak_rss_mb")
BRACKET_RATES = (20, 30, 75, 100, 150, 300, 400)  # candidates for the highest sustained rate
PARTITIONS = 4
SCALEOUT_RUNS = ("one_worker", "two_workers", "one_worker_unpinned", "two_workers_unpinned")


@dataclass(frozen=True)
class Plan:
    """Durations and sizes of one bench run (``quick`` for development, full for the published figures)."""

    detector_articles: int | None  # None: every article
    detector_repeat: int
    rates: tuple[int, ...]
    phase_s: float
    extra_phase_s: float
    drain_wait_s: float
    backlog: int
    detect_processes: int = WorkerSettings.detect_processes  # the workers' (0: detectors in a thread)

    @classmethod
    def full(cls) -> Plan:
        return cls(None, 3, (10, 50, 200), 60.0, 20.0, 30.0, 5000)

    @classmethod
    def quick(cls) -> Plan:
        return cls(300, 1, (10, 50, 200), 6.0, 6.0, 20.0, 1500)  # a drain must span a few commits

    @classmethod
    def tiny(cls) -> Plan:  # the smoke test: plumbing only
        return cls(20, 1, (10,), 1.5, 1.0, 20.0, 20)
