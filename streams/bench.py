"""``wirewatch bench``: detector throughput, end-to-end latency through a real broker, scale-out, memory.

One run, side by side on the same real text (10kGNAD German news, read at run time, never copied):

1. detectors vs. spaCy's bare tokenizer (the ceiling of this stack) and en_core_web_sm when installed;
2. publish → alert latency: a worker subprocess on a real broker, apprise ``json://`` to an HTTP sink started
   here; each benchmark article is real news plus one planted ceasefire/meeting sentence with a unique
   invented actor and no country, so it opens its own story and yields its own alert; the alert is matched to
   its article by the actor's name in the evidence sentence;
3. scale-out: the rate at which 1 and 2 workers in one consumer group drain a backlog on a 4-partition topic,
   read from committed offsets once the backlog is published — with a CPU per worker, then unpinned — and where
   the CPU goes (workers, their main processes, the broker);
4. peak RSS (VmHWM) of every worker.

Benchmarks, not tests: nothing here asserts a speed. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson

from alerts.config import WorkerSettings
from streams.detect_pool import die_with_parent

REPO = Path(__file__).resolve().parent.parent
KAFKA_SH = REPO / "deploy" / "kafka" / "kafka.sh"
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


# --- data ------------------------------------------------------------------------------------------------------


def load_news(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]


_FIRST = ("Quorvan", "Mirelda", "Ostrid", "Jelko", "Tavik", "Branimo", "Seluna", "Dorvik")
_SYL = ("ka", "lo", "mir", "ten", "vo", "ra", "zel", "dun", "bri", "tor", "wen", "gor", "lin", "pe", "du", "sha")
_END = ("bek", "rov", "lan", "dor", "vic", "mar", "tek", "zan")
_TEMPLATES = (
    "Der Milizenführer {name} kündigte am Montag eine Waffenruhe an.",
    "Der Rebellenchef {name} traf sich am Dienstag mit Vermittlern zu Gesprächen.",
)


def invented_name(i: int) -> tuple[str, str]:
    """A unique invented person (first name, surname) for every i: no country, no lexicon word."""
    digits, k = [], i
    while k or len(digits) < 3:
        digits.append(_SYL[k % len(_SYL)])
        k //= len(_SYL)
    return _FIRST[i % len(_FIRST)], ("".join(digits) + _END[len(digits) % len(_END)]).capitalize()


def planted_article(base: dict[str, Any], i: int, run: str) -> tuple[dict[str, Any], str]:
    """Real news text with one planted event sentence naming a unique invented actor; returns (article, surname)."""
    first, surname = invented_name(i)
    sentence = _TEMPLATES[i % len(_TEMPLATES)].format(name=f"{first} {surname}")
    article = {"id": f"bench-{run}-{i}", "source": base.get("source") or "bench", "language": "de",
               "text": f"{sentence}\n{base['text']}"}
    return article, surname


def usable_bases(news: Sequence[dict[str, Any]], pipeline: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """Real articles which, with a planted sentence, yield exactly the planted detection, actor named, no country."""
    from detectors.contracts import Article

    pool = list(news[:limit] if limit else news)
    good = [True] * len(pool)
    for t in range(len(_TEMPLATES)):
        planted = [planted_article(b, 1000 + k * len(_TEMPLATES) + t, "probe") for k, b in enumerate(pool)]
        arts = [Article.create(a["text"], id=a["id"], language="de") for a, _ in planted]
        for k, (found, (_, surname)) in enumerate(zip(pipeline.detect_many(arts), planted, strict=True)):
            good[k] = good[k] and (len(found) == 1 and not found[0].countries
                                   and surname in found[0].evidence.text
                                   and any(surname in a.text for a in found[0].actors))
    return [b for b, ok in zip(pool, good, strict=True) if ok]


# --- 1. detectors ----------------------------------------------------------------------------------------------


def _best_of(repeat: int, fn: Callable[[], object]) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_detectors(news: Sequence[dict[str, Any]], plan: Plan) -> dict[str, Any]:
    """Articles/s and words/s of the detectors, the bare tokenizer and (if installed) en_core_web_sm; one thread."""
    import spacy

    from detectors.contracts import Article
    from detectors.pipeline import BATCH_SIZE, Pipeline

    sample = list(news[: plan.detector_articles] if plan.detector_articles else news)
    texts = [a["text"] for a in sample]
    articles = [Article.create(a["text"], id=str(a.get("id") or ""), language=a.get("language") or "de")
                for a in sample]
    tokenizer = spacy.blank("de").tokenizer
    words = sum(len(doc) for doc in tokenizer.pipe(texts))

    def tokenize() -> None:
        for _doc in tokenizer.pipe(texts):
            pass

    tokenize()  # warm, like the detectors below
    tok_s = _best_of(plan.detector_repeat, tokenize)
    t0 = time.perf_counter()
    pipeline = Pipeline.load()
    pipeline.detect_many(articles[:5])
    load_s = time.perf_counter() - t0
    found = [0]

    def detect() -> None:
        found[0] = 0
        for i in range(0, len(articles), BATCH_SIZE):
            found[0] += sum(len(d) for d in pipeline.detect_many(articles[i : i + BATCH_SIZE]))

    cold_s = _best_of(1, detect)  # the first pass creates the vocabulary's lexemes: a worker's first minutes
    det_s = _best_of(plan.detector_repeat, detect)
    t0 = time.perf_counter()
    for a in articles:  # what the worker did per message before micro-batching
        pipeline.detect(a)
    single_s = time.perf_counter() - t0
    out: dict[str, Any] = {
        "articles": len(articles), "words": words, "detections": found[0], "pipeline_load_s": round(load_s, 2),
        "detector_articles_per_s": round(len(articles) / det_s, 1),
        "detector_words_per_s": round(words / det_s),
        "detector_cold_articles_per_s": round(len(articles) / cold_s, 1),
        "detector_one_by_one_articles_per_s": round(len(articles) / single_s, 1),
        "tokenizer_words_per_s": round(words / tok_s),
        "detector_to_tokenizer": round(tok_s / det_s, 3),
    }
    if spacy.util.is_package("en_core_web_sm"):
        nlp = spacy.load("en_core_web_sm")
        sm_s = _best_of(1, lambda: list(nlp.pipe(texts[:100])))
        sm_wps = sum(len(d) for d in tokenizer.pipe(texts[:100])) / sm_s
        out["en_core_web_sm"] = {"installed": True, "words_per_s": round(sm_wps),
                                 "detector_to_en_core_web_sm": round(out["detector_words_per_s"] / sm_wps, 2)}
    else:
        out["en_core_web_sm"] = {"installed": False, "note": "not installed; not downloaded by the bench"}
    return out


# --- infrastructure: broker, sink, workers ---------------------------------------------------------------------


BROKER_PIDS: dict[str, int] = {}  # bootstrap → pid of a broker this process started (its CPU is measured)


@contextlib.contextmanager
def local_broker(bootstrap: str | None) -> Iterator[str]:
    """The given broker, or a fresh single-node one (deploy/kafka/kafka.sh) in a temp dir, stopped afterwards."""
    if bootstrap:
        yield bootstrap
        return
    data_dir = tempfile.mkdtemp(prefix="wirewatch-bench-kafka-")
    try:
        proc = subprocess.run(["bash", str(KAFKA_SH), "start", "--dir", data_dir],
                              capture_output=True, text=True, timeout=240)
        if proc.returncode != 0:
            raise RuntimeError(f"local Kafka did not start:\n{proc.stderr[-3000:]}")
        bootstrap = proc.stdout.strip().splitlines()[-1]
        with contextlib.suppress(OSError, ValueError):
            BROKER_PIDS[bootstrap] = int(Path(data_dir, "kafka.pid").read_text())
        yield bootstrap
    finally:
        subprocess.run(["bash", str(KAFKA_SH), "stop", "--dir", data_dir], capture_output=True, text=True,
                       timeout=120)
        shutil.rmtree(data_dir, ignore_errors=True)


_STAGE_METRIC = re.compile(r'^wirewatch_stage_duration_seconds_(?P<kind>sum|count)\{stage="(?P<stage>[a-z_]+)"\} '
                           r"(?P<value>[0-9.e+-]+)$", re.MULTILINE)


def stage_ms(before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Mean milliseconds per message of every stage between two ``stage_totals`` snapshots."""
    out = {}
    for stage, (secs, count) in after.items():
        s0, c0 = before.get(stage, (0.0, 0.0))
        if count > c0:
            out[stage] = round((secs - s0) / (count - c0) * 1000, 2)
    return out


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


class AlertSink:
    """A real HTTP server on 127.0.0.1 (apprise json:// posts here) that timestamps every alert on arrival and
    matches it to a published article by the planted actor's surname."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.expected: dict[str, float] = {}  # surname -> publish time (perf_counter)
        self.latency: dict[str, float] = {}  # surname -> seconds
        self.other = 0
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                now = time.perf_counter()
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")
                sink._record(body, now)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _record(self, body: bytes, now: float) -> None:
        try:
            obj = orjson.loads(body)
        except orjson.JSONDecodeError:
            obj = {}
        text = f"{obj.get('title', '')}\n{obj.get('message', '')}"
        with self.cond:
            for word in _WORD.findall(text):
                sent = self.expected.get(word)
                if sent is not None and word not in self.latency:
                    self.latency[word] = now - sent
                    break
            else:
                self.other += 1
            self.cond.notify_all()

    def expect(self, surname: str, sent_at: float) -> None:
        with self.lock:
            self.expected[surname] = sent_at

    def wait_all(self, surnames: Sequence[str], timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: all(s in self.latency for s in surnames), timeout=timeout)

    def latencies(self, surnames: Sequence[str]) -> list[float | None]:
        with self.lock:
            return [self.latency.get(s) for s in surnames]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


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


@dataclass
class Deployment:
    """Topics and a consumer group of one measurement, and the worker subprocesses running it."""

    bootstrap: str
    sink_port: int
    workdir: Path
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    procs: list[subprocess.Popen] = field(default_factory=list)
    web_ports: list[int] = field(default_factory=list)
    detect_processes: int = WorkerSettings.detect_processes

    @property
    def group(self) -> str:
        return f"wirewatch-bench-{self.run}"

    @property
    def articles(self) -> str:
        return f"bench-articles-{self.run}"

    @property
    def detections(self) -> str:
        return f"bench-detections-{self.run}"

    def write_config(self) -> Path:
        path = self.workdir / f"bench-{self.run}.yaml"
        path.write_text(
            f"kafka: {{bootstrap: '{self.bootstrap}', articles_topic: {self.articles}, "
            f"detections_topic: {self.detections}, partitions: {PARTITIONS}}}\n"
            f"worker: {{id: {self.group}, max_message_bytes: 1000000, detect_processes: {self.detect_processes}}}\n"
            "receivers:\n"
            f"  - name: sink\n    urls: ['json://127.0.0.1:{self.sink_port}/alerts']\n"
            "routes:\n  - receiver: sink\n"
        )
        return path

    def start_workers(self, n: int, cpus: Sequence[set[int]] | None = None) -> None:
        """``n`` more worker subprocesses; with ``cpus``, the k-th of them (and its detector processes, which
        inherit the affinity) runs only on ``cpus[k]``."""
        from streams.topics import dlq_topic, ensure_topics

        config = self.write_config()
        ensure_topics(self.bootstrap, [self.articles, self.detections, dlq_topic(self.articles)], PARTITIONS)
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        for i, k in enumerate(range(len(self.procs), len(self.procs) + n)):
            log = (self.workdir / f"worker-{self.run}-{k}.log").open("wb")
            self.web_ports.append(_free_port())
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "streams.cli", "worker", "--config", str(config),
                 "--web-port", str(self.web_ports[-1]), "--loglevel", "warning"],
                cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env,
                preexec_fn=functools.partial(_start_child, cpus[i] if cpus else None)))
            log.close()

    def tail(self) -> str:
        return "\n".join((self.workdir / f"worker-{self.run}-{k}.log").read_text(errors="replace")[-2000:]
                         for k in range(len(self.procs)))

    def check_alive(self) -> None:
        for p in self.procs:
            if p.poll() is not None:
                raise RuntimeError(f"a worker exited with {p.returncode}:\n{self.tail()}")

    def stage_totals(self) -> dict[str, tuple[float, float]]:
        """(seconds, messages) per stage from the workers' /metrics (wirewatch_stage_duration_seconds)."""
        import urllib.request

        totals: dict[str, list[float]] = {}
        for port in self.web_ports:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
                    text = resp.read().decode()
            except OSError:
                continue
            for m in _STAGE_METRIC.finditer(text):
                slot = totals.setdefault(m["stage"], [0.0, 0.0])
                slot[0 if m["kind"] == "sum" else 1] += float(m["value"])
        return {k: (v[0], v[1]) for k, v in totals.items()}

    def cpu(self, tree: bool = True) -> float:
        """CPU seconds of the workers, with their detector processes (``tree``) or without."""
        return sum(cpu_seconds(p.pid, tree) for p in self.procs)

    def peak_rss(self) -> list[float | None]:
        return [peak_rss_mb(p.pid) for p in self.procs]

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)


def _start_child(cpus: set[int] | None) -> None:
    die_with_parent()
    if cpus:
        os.sched_setaffinity(0, cpus)


def wait_group(dep: Deployment, members: int, timeout: float) -> None:
    """Until the workers' consumer group is Stable with ``members`` members (a rebalance is over)."""
    from kafka.admin import KafkaAdminClient
    from kafka.errors import KafkaError

    admin = KafkaAdminClient(bootstrap_servers=dep.bootstrap, client_id="wirewatch-bench")
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            dep.check_alive()
            with contextlib.suppress(KafkaError):  # e.g. the coordinator is still loading
                desc = admin.describe_groups([dep.group]).get(dep.group) or {}
                if desc.get("group_state") == "Stable" and len(desc.get("members") or []) == members:
                    return
            time.sleep(0.5)
    finally:
        admin.close()
    raise TimeoutError(f"consumer group {dep.group} not stable with {members} member(s) after {timeout:.0f} s:\n"
                       f"{dep.tail()}")


def _producer(bootstrap: str, **settings: Any) -> Any:
    from kafka import KafkaProducer

    return KafkaProducer(**{"bootstrap_servers": bootstrap, "acks": "all", "linger_ms": 0,
                            "max_request_size": 2_000_000, **settings})


def warm_up(dep: Deployment, sink: AlertSink, bases: Sequence[dict[str, Any]], counter: Iterator[int],
            timeout: float = 180.0) -> None:
    """One planted article to every partition; returns once every alert arrived (pipelines loaded everywhere)."""
    producer = _producer(dep.bootstrap)
    names = []
    try:
        for p in range(PARTITIONS):
            i = next(counter)
            article, surname = planted_article(bases[i % len(bases)], i, dep.run)
            sink.expect(surname, time.perf_counter())
            producer.send(dep.articles, key=article["id"].encode(), value=orjson.dumps(article), partition=p)
            names.append(surname)
        producer.flush(30)
    finally:
        producer.close(10)
    deadline = time.monotonic() + timeout
    while not sink.wait_all(names, timeout=2.0):
        dep.check_alive()
        if time.monotonic() > deadline:
            raise TimeoutError(f"warm-up alerts did not arrive within {timeout:.0f} s:\n{dep.tail()}")


# --- 2. latency ------------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile; an empty input gives nan."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def latency_phase(dep: Deployment, sink: AlertSink, bases: Sequence[dict[str, Any]], counter: Iterator[int],
                  rate: float, duration: float, drain_wait: float) -> dict[str, Any]:
    """Publish planted articles at ``rate``/s for ``duration`` s; publish → alert latency percentiles in ms.

    An alert that never arrives counts as an infinite latency: a lost alert fails the p99, it is not skipped."""
    from streams.publisher import Publisher

    n = max(1, round(rate * duration))
    names = []
    unmatched_before = sink.other
    stages_before = dep.stage_totals()
    cpu_before, ticks_before = dep.cpu(), machine_ticks()
    with Publisher(dep.bootstrap, topic=dep.articles, linger_ms=0) as pub:
        t0 = time.perf_counter()
        for k in range(n):
            due = t0 + k / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            i = next(counter)
            article, surname = planted_article(bases[i % len(bases)], i, dep.run)
            sink.expect(surname, time.perf_counter())
            pub.publish(article)
            names.append(surname)
        sent_s = time.perf_counter() - t0
    sink.wait_all(names, timeout=drain_wait)
    dep.check_alive()
    got = sink.latencies(names)
    caught_up = wait_caught_up(dep, timeout=drain_wait)  # the next phase starts without a backlog
    arrived = sorted(x for x in got if x is not None)
    full = arrived + [math.inf] * (len(got) - len(arrived))

    def ms(q: float) -> float | None:
        v = percentile(full, q)
        return None if math.isinf(v) else round(v * 1000, 1)

    return {
        "rate": rate, "duration_s": duration, "published": n,
        "achieved_rate": round(n / sent_s, 1) if sent_s > 0 else None,
        "alerts": len(arrived), "missing": len(got) - len(arrived),
        "p50_ms": ms(50), "p95_ms": ms(95), "p99_ms": ms(99),
        "max_ms": round(arrived[-1] * 1000, 1) if arrived else None, "caught_up": caught_up,
        "unmatched_alerts": sink.other - unmatched_before,
        "stage_ms_per_message": stage_ms(stages_before, dep.stage_totals()),
        # CPU the worker spent per article (detect + route + deliver + Kafka): load-independent, unlike latency
        "worker_cpu_ms_per_article": round((dep.cpu() - cpu_before) / n * 1000, 2),
        "machine_cpu_busy": busy_share(ticks_before, machine_ticks()),  # every process, other sessions included
    }


def _passes(phase: dict[str, Any]) -> bool:
    return phase["p99_ms"] is not None and phase["p99_ms"] < P99_LIMIT_S * 1000 and phase["missing"] == 0


def bench_latency(bootstrap: str, sink: AlertSink, bases: Sequence[dict[str, Any]], counter: Iterator[int],
                  plan: Plan, workdir: Path, log: Callable[[str], None]) -> dict[str, Any]:
    dep = Deployment(bootstrap, sink.port, workdir, detect_processes=plan.detect_processes)
    phases: list[dict[str, Any]] = []
    try:
        dep.start_workers(1)
        wait_group(dep, 1, timeout=180)
        warm_up(dep, sink, bases, counter)
        def run_phase(rate: float, duration: float) -> None:
            phases.append(latency_phase(dep, sink, bases, counter, rate, duration, plan.drain_wait_s))
            log(f"latency at {rate}/s: {phases[-1]}")

        # Rising order, the top rate last: a rate the worker cannot hold leaves a backlog, and the top rate's
        # backlog would not drain in any reasonable wait. Between the fixed rates, at most two shorter phases
        # bisect the highest sustained rate; after a top rate that held, one phase above it.
        *lower, top = plan.rates
        for rate in lower:
            run_phase(rate, plan.phase_s)
        if lower:
            for _ in range(2):
                held = max((p["rate"] for p in phases if _passes(p)), default=0)
                failed = min((p["rate"] for p in phases if not _passes(p)), default=top)
                between = [r for r in BRACKET_RATES if held < r < min(failed, top)]
                if not between:
                    break
                mid = math.sqrt(max(held, 1) * min(failed, top))
                run_phase(min(between, key=lambda r: abs(r - mid)), plan.extra_phase_s)
        run_phase(top, plan.phase_s)
        if lower and _passes(phases[-1]):
            run_phase(next((r for r in BRACKET_RATES if r > top), top * 2), plan.extra_phase_s)
        rss = dep.peak_rss()
    finally:
        dep.stop()
    passing = [p["rate"] for p in phases if _passes(p)]
    return {"phases": phases, "e2e_articles_per_s": max(passing) if passing else 0,
            "peak_rss_mb": rss}


# --- 3. scale-out ----------------------------------------------------------------------------------------------


def committed_total(admin: Any, group: str, topic: str) -> int:
    offsets = admin.list_group_offsets(group).get(group, {})
    return sum(max(0, o.offset) for tp, o in offsets.items() if tp.topic == topic)


def end_total(bootstrap: str, topic: str) -> int:
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    try:
        return sum(consumer.end_offsets([TopicPartition(topic, p) for p in range(PARTITIONS)]).values())
    finally:
        consumer.close()


def wait_caught_up(dep: Deployment, timeout: float) -> bool:
    """Until the group has committed every offset of the articles and detections topics (bounded)."""
    from kafka.admin import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=dep.bootstrap, client_id="wirewatch-bench")
    deadline = time.monotonic() + timeout
    try:
        while True:
            ends = end_total(dep.bootstrap, dep.articles) + end_total(dep.bootstrap, dep.detections)
            done = (committed_total(admin, dep.group, dep.articles)
                    + committed_total(admin, dep.group, dep.detections))
            if done >= ends:
                return True
            if time.monotonic() > deadline:
                return False
            dep.check_alive()
            time.sleep(0.5)
    finally:
        admin.close()


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


def drain(bootstrap: str, sink: AlertSink, bases: Sequence[dict[str, Any]], news: Sequence[dict[str, Any]],
          counter: Iterator[int], workers: int, backlog: int, workdir: Path, timeout: float,
          detect_processes: int = WorkerSettings.detect_processes,
          cpus: Sequence[set[int]] | None = None) -> dict[str, Any]:
    """Start ``workers`` workers (worker k on ``cpus[k]`` when given), wait until they are ready, publish
    ``backlog`` real articles at once and time until every offset is committed."""
    from kafka.admin import KafkaAdminClient

    dep = Deployment(bootstrap, sink.port, workdir, detect_processes=detect_processes)
    try:
        dep.start_workers(workers, cpus)
        wait_group(dep, workers, timeout=180)
        warm_up(dep, sink, bases, counter)
        target = end_total(bootstrap, dep.articles) + backlog
        producer = _producer(bootstrap, linger_ms=20, batch_size=1_000_000)  # the backlog at once, batched
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="wirewatch-bench")
        try:
            t0 = time.perf_counter()
            for k in range(backlog):
                base = news[k % len(news)]
                article = {**base, "id": f"backlog-{dep.run}-{k}", "language": "de"}
                producer.send(dep.articles, key=article["id"].encode(), value=orjson.dumps(article))
            producer.flush(60)
            published = time.perf_counter()
            cpu_before, main_before, ticks_before = dep.cpu(), dep.cpu(tree=False), machine_ticks()
            bench_before = time.process_time()
            broker_before = cpu_seconds(BROKER_PIDS[bootstrap], tree=False) if bootstrap in BROKER_PIDS else None
            deadline = time.monotonic() + timeout
            samples = [(published, committed_total(admin, dep.group, dep.articles))]
            while samples[-1][1] < target and time.monotonic() < deadline:
                dep.check_alive()
                time.sleep(0.1)
                samples.append((time.perf_counter(), committed_total(admin, dep.group, dep.articles)))
            elapsed = time.perf_counter() - t0
        finally:
            admin.close()
            producer.close(10)
        rss = dep.peak_rss()
        ticks_after, bench_s = machine_ticks(), time.process_time() - bench_before
        broker_s = (cpu_seconds(BROKER_PIDS[bootstrap], tree=False) - broker_before
                    if broker_before is not None else None)
        cpu_s, main_s = dep.cpu() - cpu_before, dep.cpu(tree=False) - main_before
    finally:
        dep.stop()
    done = samples[-1][1]
    drained = done >= target
    steady = steady_rate(samples, published) if drained else None
    after_publish = max(1, done - samples[0][1])  # the CPU figures cover the time after the last publish
    return {"workers": workers, "cpus": [sorted(c) for c in cpus] if cpus else None, "backlog": backlog,
            "drained": drained, "publish_s": round(published - t0, 2), "drain_s": round(elapsed, 2),
            "articles_per_s": round(steady, 1) if steady else None,
            "whole_drain_articles_per_s": round(backlog / elapsed, 1) if drained else None,
            "steady_articles": after_publish, "peak_rss_mb": rss,
            "worker_cpu_ms_per_article": round(cpu_s / after_publish * 1000, 2),
            "worker_main_cpu_ms_per_article": round(main_s / after_publish * 1000, 2),
            "bench_cpu_ms_per_article": round(bench_s / after_publish * 1000, 2),
            "broker_cpu_ms_per_article": round(broker_s / after_publish * 1000, 2) if broker_s is not None else None,
            # the broker, this bench and anything else on the machine
            "other_cpu_ms_per_article": round(
                ((ticks_after[0] - ticks_before[0]) / os.sysconf("SC_CLK_TCK") - cpu_s) / after_publish * 1000, 2),
            "machine_cpu_busy": busy_share(ticks_before, ticks_after)}


def bench_scaleout(bootstrap: str, sink: AlertSink, bases: Sequence[dict[str, Any]],
                   news: Sequence[dict[str, Any]], counter: Iterator[int], plan: Plan, workdir: Path,
                   log: Callable[[str], None]) -> dict[str, Any]:
    """1 then 2 workers, each on a CPU of its own (the unit a deployment adds), then both unpinned (what this
    machine does as a whole). On a machine with fewer than two CPUs only the unpinned pair runs."""
    timeout = max(120.0, plan.backlog / 10)
    runs: dict[str, dict[str, Any]] = {}
    pinned = (os.cpu_count() or 1) >= 2 and hasattr(os, "sched_setaffinity")
    layouts = ([("one_worker", 1, [{0}]), ("two_workers", 2, [{0}, {1}])] if pinned else []) + [
        ("one_worker_unpinned", 1, None), ("two_workers_unpinned", 2, None)]
    for key, workers, cpus in layouts:
        runs[key] = drain(bootstrap, sink, bases, news, counter, workers, plan.backlog, workdir, timeout,
                          plan.detect_processes, cpus)
        log(f"scale-out, {key}: {runs[key]}")

    def ratio(one: str, two: str) -> float | None:
        a, b = runs.get(one, {}).get("articles_per_s"), runs.get(two, {}).get("articles_per_s")
        return round(b / a, 2) if a and b else None

    return {**runs, "scaleout_ratio": ratio("one_worker", "two_workers") if pinned else
            ratio("one_worker_unpinned", "two_workers_unpinned"),
            "scaleout_ratio_unpinned": ratio("one_worker_unpinned", "two_workers_unpinned"),
            "pinned": pinned}


# --- the run ---------------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), 0)
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem / 1024 / 1024, 1),
            "loadavg": [round(x, 2) for x in os.getloadavg()]}


def run(data: Path, plan: Plan, bootstrap: str | None = None, log: Callable[[str], None] | None = None,
        parts: Sequence[str] = ("detectors", "latency", "scaleout")) -> dict[str, Any]:
    from detectors.pipeline import Pipeline

    log = log or (lambda _msg: None)
    news = load_news(data)
    result: dict[str, Any] = {"run_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine(),
                              "data": str(data), "plan": dataclasses.asdict(plan)}
    result.update(dict.fromkeys(SUMMARY_KEYS))  # present (null) even when a part is skipped or fails
    if "detectors" in parts:
        det = bench_detectors(news, plan)
        log(f"detectors: {det}")
        result.update(detectors=det, detector_articles_per_s=det["detector_articles_per_s"],
                      detector_words_per_s=det["detector_words_per_s"],
                      tokenizer_words_per_s=det["tokenizer_words_per_s"])
    if "latency" in parts or "scaleout" in parts:
        bases = usable_bases(news, Pipeline.load(), limit=plan.detector_articles)
        if not bases:
            raise RuntimeError("no article yields exactly its planted detection: the detectors changed?")
        result["planted_bases"] = len(bases)
        counter = iter(range(10**6))
        sink = AlertSink()
        workdir = Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
        rss: list[float | None] = []
        try:
            with local_broker(bootstrap) as broker:
                # a part that fails (a worker died, a wait timed out) is reported, and the other parts still run
                if "latency" in parts:
                    try:
                        lat = bench_latency(broker, sink, bases, counter, plan, workdir, log)
                        at50 = next((p for p in lat["phases"] if p["rate"] == 50), None)
                        result.update(latency=lat, e2e_articles_per_s=lat["e2e_articles_per_s"],
                                      e2e_p99_ms_at_50=at50["p99_ms"] if at50 else None)
                        rss += lat["peak_rss_mb"]
                    except (RuntimeError, TimeoutError, OSError) as exc:
                        log(f"latency failed: {exc}")
                        result["latency_error"] = str(exc)[-3000:]
                if "scaleout" in parts:
                    try:
                        sc = bench_scaleout(broker, sink, bases, news, counter, plan, workdir, log)
                        result.update(scaleout=sc, scaleout_ratio=sc["scaleout_ratio"])
                        rss += [m for key in SCALEOUT_RUNS if key in sc for m in sc[key]["peak_rss_mb"]]
                    except (RuntimeError, TimeoutError, OSError) as exc:
                        log(f"scale-out failed: {exc}")
                        result["scaleout_error"] = str(exc)[-3000:]
        finally:
            sink.close()
            shutil.rmtree(workdir, ignore_errors=True)
        known = [r for r in rss if r is not None]
        result["peak_rss_mb"] = max(known) if known else None
        result["peak_rss_mb_per_worker"] = rss
    result["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def to_json(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False)


def format_text(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [f"machine: {m['nproc']} cpu ({m['cpu']}), {m['ram_gb']} GB RAM, load {m['loadavg']} → "
             f"{m.get('loadavg_end')}"]
    if "detectors" in r:
        d = r["detectors"]
        lines += [
            f"detectors: {d['detector_articles_per_s']} articles/s, {d['detector_words_per_s']:,} words/s "
            f"({d['articles']} articles, {d['words']:,} words, one thread, warm; first pass "
            f"{d['detector_cold_articles_per_s']}/s; one-by-one {d['detector_one_by_one_articles_per_s']}/s)",
            f"tokenizer: {d['tokenizer_words_per_s']:,} words/s — detectors = {d['detector_to_tokenizer']:.0%} of it",
        ]
        sm = d["en_core_web_sm"]
        lines.append(f"en_core_web_sm: {sm['words_per_s']:,} words/s — detectors = "
                     f"{sm['detector_to_en_core_web_sm']}×" if sm["installed"] else "en_core_web_sm: not installed")
    if "latency" in r:
        lines.append("publish → alert latency (one worker):")
        for p in r["latency"]["phases"]:
            lines.append(f"  {p['rate']:>4}/s × {p['duration_s']:.0f} s (achieved {p['achieved_rate']}/s): "
                         f"p50 {p['p50_ms']} ms  p95 {p['p95_ms']} ms  p99 {p['p99_ms']} ms  "
                         f"max {p['max_ms']} ms  missing {p['missing']}/{p['published']}  "
                         f"worker CPU {p.get('worker_cpu_ms_per_article')} ms/article")
            if p.get("stage_ms_per_message"):
                lines.append("      ms per message: " + ", ".join(f"{k} {v}" for k, v in
                                                                  p["stage_ms_per_message"].items()))
        lines.append(f"highest rate tested with p99 < 1 s: {r['e2e_articles_per_s']} articles/s")
    if "scaleout" in r:
        s = r["scaleout"]
        for key in SCALEOUT_RUNS:
            if key not in s:
                continue
            x = s[key]
            lines.append(f"drain {x['backlog']} articles with {x['workers']} worker(s) on CPUs "
                         f"{x['cpus'] or 'any'}: {x['articles_per_s']} articles/s after publishing "
                         f"({x['drain_s']} s in all), CPU ms/article: worker {x['worker_cpu_ms_per_article']} "
                         f"(main process {x['worker_main_cpu_ms_per_article']}), broker "
                         f"{x['broker_cpu_ms_per_article']}; machine CPU busy {x['machine_cpu_busy']}")
        lines.append(f"scale-out ratio (2 vs 1 workers): {s['scaleout_ratio']} (a CPU each), "
                     f"{s['scaleout_ratio_unpinned']} (unpinned)")
    if r.get("peak_rss_mb") is not None:
        lines.append(f"peak RSS per worker: {r['peak_rss_mb_per_worker']} MiB (max {r['peak_rss_mb']})")
    return "\n".join(lines)


def main(args: Any) -> int:
    import logging

    logging.getLogger("kafka").setLevel(logging.ERROR)  # kafka-python's admin warns on faust's group metadata
    # SIGTERM unwinds like Ctrl-C: the finally blocks stop the workers and the broker this run started
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    plan = Plan.quick() if args.quick else Plan.full()
    if getattr(args, "detect_processes", None) is not None:
        plan = dataclasses.replace(plan, detect_processes=args.detect_processes)
    parts = tuple(args.only.split(",")) if getattr(args, "only", None) else ("detectors", "latency", "scaleout")

    def log(msg: str) -> None:
        print(f"bench: {msg}", file=sys.stderr, flush=True)

    data = Path(args.data) if args.data else DEFAULT_DATA
    result = run(data, plan, bootstrap=args.bootstrap, log=log, parts=parts)
    print(to_json(result) if args.format == "json" else format_text(result))
    return 0
