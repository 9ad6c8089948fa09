"""Measurements from /proc and the workers' /metrics: CPU time, busy share, peak RSS, stage times, percentiles."""

from __future__ import annotations

import contextlib
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

STAGE_METRIC = re.compile(r'^wirewatch_stage_duration_seconds_(?P<kind>sum|count)\{stage="(?P<stage>[a-z_]+)"\} '
                           r"(?P<value>[0-9.e+-]+)$", re.MULTILINE)


def stage_ms(before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Mean milliseconds per message of every stage between two ``stage_totals`` snapshots."""
    out = {}
    for stage, (secs, count) in after.items():
        s0, c0 = before.get(stage, (0.0, 0.0))
        if count > c0:
            out[stage] = round((secs - s0) / (count - c0) * 1000, 2)
    return out


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


def cpu_stall_us() -> int | None:
    """Microseconds since boot in which at least one runnable task waited for a CPU (PSI, /proc/pressure/cpu
    "some"); None where the kernel has no PSI. Unlike the busy share it sees contention: a machine 77 % busy
    with other sessions' jobs can keep a runnable worker waiting most of the time."""
    try:
        some = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return None
    return int(some.rsplit("total=", 1)[1]) if "total=" in some else None


def stall_share(before: int | None, after: int | None, wall_s: float) -> float | None:
    """Share of ``wall_s`` in which a runnable task waited for a CPU, between two ``cpu_stall_us`` readings."""
    if before is None or after is None or wall_s <= 0:
        return None
    return round(min(1.0, (after - before) / 1e6 / wall_s), 2)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float | None:
    """Share of the whole machine's CPU time that was busy between two ``machine_ticks`` readings."""
    total = after[1] - before[1]
    return round((after[0] - before[0]) / total, 2) if total > 0 else None


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (a worker's detector processes)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in task.read_text().split())
    return out


def cpu_seconds(pid: int, tree: bool = True) -> float:
    """User + system CPU time of a process and (``tree``) its live descendants so far (threads included)."""
    total = 0.0
    for p in process_tree(pid) if tree else [pid]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if p == pid:
                return math.nan
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM (peak resident set) of a live process, in MiB — summed with its descendants' (detector processes)."""
    peaks = []
    for p in process_tree(pid):
        try:
            peaks += [int(line.split()[1]) for line in Path(f"/proc/{p}/status").read_text().splitlines()
                      if line.startswith("VmHWM:")]
        except OSError:
            if p == pid:
                return None
    return round(sum(peaks) / 1024, 1) if peaks else None


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile; an empty input gives nan."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def steady_rate(samples: Sequence[tuple[float, int]], since: float) -> float | None:
    """Articles/s between the first and the last change of the committed offsets seen after ``since``.

    ``samples`` are (time, committed offsets) polled every 0.1 s; commits come every second, so each change marks
    a commit and the rate between two changes is exact to the polling interval. Starting after ``since`` (the
    backlog fully published) leaves out the publisher's share of the CPU and the workers' first fetches.
    """
    changes = [(t, c) for (t, c), (_, prev) in zip(samples[1:], samples, strict=False) if c != prev and t >= since]
    if len(changes) < 2 or changes[-1][0] - changes[0][0] < 1.0:
        return None
    return (changes[-1][1] - changes[0][1]) / (changes[-1][0] - changes[0][0])


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), 0)
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem / 1024 / 1024, 1),
            "loadavg": [round(x, 2) for x in os.getloadavg()], "cpu_pressure": cpu_pressure()}


def cpu_pressure() -> dict[str, float] | None:
    """PSI's "some" averages (% of the last 10 / 60 / 300 s in which a runnable task waited for a CPU)."""
    try:
        some = Path("/proc/pressure/cpu").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return None
    return {k: float(v) for k, v in (f.split("=") for f in some) if k.startswith("avg")}
