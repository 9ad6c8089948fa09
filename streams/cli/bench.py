"""``wirewatch bench``: throughput, end-to-end latency, scale-out and memory figures.

The bench and its harness (a local broker, a sink, worker processes) are tooling, not part of the shipped
packages: they live in ``bench/`` and ``tests/`` of a source checkout. This command finds that checkout next to
the installed ``streams`` package (an editable install, or ``python -m streams.cli`` from the checkout) and says
so when there is none (a wheel, the Docker image).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from streams.cli.common import EXIT_CONFIG, Subparsers

CHECKOUT_MARKERS = ("pyproject.toml", "bench/__init__.py", "tests/workers.py")


def source_checkout() -> Path | None:
    """The source checkout this ``streams`` package runs from, or None (installed from a wheel)."""
    root = Path(__file__).resolve().parents[2]
    return root if all((root / marker).is_file() for marker in CHECKOUT_MARKERS) else None


def run(args: argparse.Namespace) -> int:
    root = source_checkout()
    if root is None:
        print("wirewatch: bench: not available in this installation — the bench ships with the source "
              "checkout only (git clone the repository, `make` a venv, then run `wirewatch bench` there)",
              file=sys.stderr)
        return EXIT_CONFIG
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from bench.suite import main

    return main(args)


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("bench", help="throughput, end-to-end latency, scale-out and memory figures "
                                     "(source checkout only)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="a readable summary, or JSON")
    p.add_argument("--quick", action="store_true", help="short phases (development), not the published figures")
    p.add_argument("--data", default=None, help="JSONL news (default: ../shared/data/news-de-10kgnad.jsonl)")
    p.add_argument("--bootstrap", help="use this broker instead of starting a local one")
    p.add_argument("--only", help="comma-separated subset of detectors,latency,scaleout")
    p.add_argument("--detect-processes", type=int, default=None,
                   help="the workers' worker.detect_processes (default: its default; 0: detectors in a thread)")
    p.set_defaults(func=run)
