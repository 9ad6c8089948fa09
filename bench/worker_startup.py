"""How fast a SIGKILLed worker resumes: kill → first new alert, several times in one run, with its timeline.

    .venv/bin/python -m bench.worker_startup [--runs 5] [--bootstrap HOST:PORT] [--keep DIR]
                                             [--compare DIR ...] [--without-this]

One worker (static membership, as ``tests/reliability/test_crash_recovery.py`` runs it) on its own topics, an
HTTP sink, and a started broker (a temporary one unless ``--bootstrap``). After a first start (which also fills the
detector cache) each run waits until the worker is idle, SIGKILLs it, starts it again at once and publishes a few
planted articles (a ceasefire named by an invented general, no language given: the reliability test's sentence, in
a text long enough for a confident language id), then times kill → the first alert naming one of them. The worker
runs through this module's ``--traced`` launcher, which prints a timestamp at each step of the start (faust
redirects them into its log once it runs); the timeline is read from the worker's log, in seconds after the kill:

    exec          the launcher's first line (the interpreter is up)
    (each traced step also gives ``cpu_<step>``: the main process's CPU seconds by then; ``cpu_worker`` and
    ``cpu_detectors`` are the worker's and its detector process's CPU seconds just after the alert)
    cli           ``streams.cli`` imported
    config        the config loaded and validated
    spawned       the detector process(es) started
    app_imported  ``streams.app`` imported (faust, the alert pipeline)
    topics        the plain topics checked (or created): ``run_worker`` before ``create_app``
    app_built     the faust app built and its changelog topics checked, just before faust starts
    faust_start   faust's ``Worker: Starting``
    faust_ready   faust's ``Worker: Ready`` (partitions assigned, tables recovered)
    silences      ``silences loaded``: the silences topic read (routing waits for it)
    detectors     ``detectors loaded``: the detector process answered its warm-up
    batch         the detect agent's first batch of messages (fetched, before the offset guard)
    admitted      the offset guard's first admitted message
    detected      the first detector call returned (before its detections are produced)
    detection     the first detection logged after the kill
    alert         the first alert sent after the kill (logged)

Prints one JSON line per run and a summary line (median, min, max) with the load average. Figures are for this
machine at its load; compare runs made in the same session.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.abc
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

TRACE = "wirewatch-trace"
FAUST_MARKS = {"faust_start": "[^Worker]: Starting...", "faust_ready": "[^Worker]: Ready",
               "silences": "silences loaded", "detectors": "detectors loaded", "detection": ": detection ",
               "alert": " alert new "}
PER_RUN = 3  # planted articles published after each restart
RECOVER_TIMEOUT_S = 90.0


# --- the traced worker (runs in the worker's process) -------------------------------------------------------------


def _mark(point: str) -> None:
    print(f"{TRACE} {point} {time.time():.3f} {time.process_time():.3f}", file=sys.stderr, flush=True)


def _wrap(fn: Callable[..., Any], after: str) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        _mark(after)
        return result

    return wrapped


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``hooks[name](module)`` once module ``name`` has been executed (without importing it earlier)."""

    def __init__(self, hooks: dict[str, Callable[[Any], None]]) -> None:
        self.hooks = hooks

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in self.hooks:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader, hook = spec.loader, self.hooks.pop(name)
        execute = loader.exec_module

        def exec_module(module: Any) -> None:
            execute(module)
            hook(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _wrap_init(init: Callable[..., None], then: Callable[[Any], None]) -> Callable[..., None]:
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        then(self)

    return wrapped


def _before(fn: Callable[..., Any], point: str) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        _mark(point)
        return fn(*args, **kwargs)

    return wrapped


def _once_async(fn: Callable[..., Any], point: str, when: Callable[[tuple, Any], bool] | None = None,
                before: bool = False) -> Callable[..., Any]:
    """``fn`` (a coroutine function) marking ``point`` once: before its first call, or after the first call for
    whose arguments and result ``when(args, result)`` holds."""
    done: list[bool] = []

    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        if before and not done:
            done.append(True)
            _mark(point)
        result = await fn(*args, **kwargs)
        if not done and (when is None or when(args, result)):
            done.append(True)
            _mark(point)
        return result

    return wrapped


def _hook_app(app: Any) -> None:
    import faust

    _mark("app_imported")
    app.create_app = _before(app.create_app, "topics")  # run_worker checked the plain topics
    faust.Worker = _before(faust.Worker, "app_built")  # the app built, the changelog topics checked
    app.DetectAgent.batch = _once_async(app.DetectAgent.batch, "batch", before=True)
    articles: set[str] = set()  # the detect agent's topic (the guard admits detections and ticks too)
    app.DetectAgent.__init__ = _wrap_init(app.DetectAgent.__init__, lambda agent: articles.add(agent.articles_topic))
    app.FaustOffsetGuard.admit = _once_async(
        app.FaustOffsetGuard.admit, "admitted", when=lambda args, ok: ok and args[1].message.topic in articles)
    app.Detectors.detect_many = _once_async(app.Detectors.detect_many, "detected")


def traced_main(argv: list[str]) -> int:
    """``wirewatch <argv>`` with timestamps (``wirewatch-trace <point> <epoch s>`` on stderr)."""
    _mark("exec")
    sys.meta_path.insert(0, _AfterImport({"streams.app": _hook_app}))
    import streams.cli
    from streams.cli import worker
    from streams.detect_pool import Detectors

    _mark("cli")
    worker.load_config = _wrap(worker.load_config, "config")  # type: ignore[attr-defined]
    Detectors.__init__ = _wrap(Detectors.__init__, "spawned")  # type: ignore[method-assign]
    return streams.cli.main(argv)


# --- the bench (runs in its own process) --------------------------------------------------------------------------


def _log_time(line: str) -> float | None:
    try:
        return datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
    except ValueError:
        return None


def timeline(log_text: str, since: float) -> dict[str, float]:
    """Seconds after ``since`` (epoch) of each step of the start logged in ``log_text`` (the part after a kill),
    and ``cpu_<step>``: the CPU seconds the worker's main process had used by then (the load does not change it)."""
    points: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for line in log_text.splitlines():
        if TRACE in line:  # its own line, or a log record once faust redirects stderr ("mode.redirect: …")
            _, point, at, used = line[line.index(TRACE):].split()[:4]
            points.setdefault(point, float(at))
            cpu.setdefault(f"cpu_{point}", float(used))
            continue
        for point, needle in FAUST_MARKS.items():
            if needle in line and point not in points and (at := _log_time(line)) is not None:
                points[point] = at
    wall = {point: round(at - since, 2) for point, at in sorted(points.items(), key=lambda kv: kv[1])}
    return {**wall, **cpu}


def _traced_worker_class() -> type:
    import subprocess

    from tests.workers import REPO, Worker

    class TracedWorker(Worker):
        """``tests.workers.Worker`` through the ``--traced`` launcher, from the source tree ``tree`` (another
        checkout: the comparison), with a detector cache of its own per compared tree (``own_cache``: some entries
        are keyed by file paths, and checkouts sharing one cache rebuild each other's — seconds per start)."""

        tree: Path = REPO
        own_cache = False

        def start(self) -> None:
            log = self.log_path.open("ab")
            env = dict(os.environ, PYTHONUNBUFFERED="1")
            if self.own_cache:
                env["WIREWATCH_STATE_DIR"] = str(self.tmp / "state")
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bench.worker_startup", "--traced", "worker", "--config", str(self.config),
                 "--web-port", str(self.web_port), "--loglevel", self.loglevel],
                cwd=self.tree, stdout=log, stderr=subprocess.STDOUT, env=env)
            log.close()

    return TracedWorker


def _articles(names: list[str], tag: str) -> list[tuple[bytes, bytes]]:
    from tests.reliability.harness import PLANTED

    out = []
    for i, name in enumerate(names):
        article = {"id": f"startup-{tag}-{i}", "source": "planted.example", "title": f"Waffenruhe {tag} {i}",
                   "text": f"Berlin. {PLANTED.format(name=name)} Details blieben offen, hieß es am Abend aus "
                           "Regierungskreisen."}
        out.append((article["id"].encode(), json.dumps(article, ensure_ascii=False).encode()))
    return out


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> dict[str, float]:
    """CPU seconds of the worker (``cpu_worker``) and of its detector process(es) (``cpu_detectors``: the
    multiprocessing children but its resource tracker) so far — figures the machine's load does not change."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        detectors = [int(c) for c in children
                     if "resource_tracker" not in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")]
        return {"cpu_worker": round(_cpu_s(pid), 2), "cpu_detectors": round(sum(map(_cpu_s, detectors)), 2)}
    except (OSError, ValueError, IndexError):  # not Linux, or the process is gone
        return {}


def _wait(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def measure(bootstrap: str, runs: int, workdir: Path, trees: dict[str, Path],
            settle_s: float = 3.0) -> Iterator[dict[str, Any]]:
    """One worker per source tree (label → tree), each on its own topics; the kills alternate between them."""
    from kafka import KafkaProducer

    from tests.reliability.harness import planted_names
    from tests.sinks import HttpEndpoint

    sink = HttpEndpoint()
    names = planted_names(PER_RUN * (runs + 1) * len(trees))
    batches = iter([names[i:i + PER_RUN] for i in range(0, len(names), PER_RUN)])
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0)
    workers = {}
    for label, tree in trees.items():
        (workdir / label).mkdir(parents=True, exist_ok=True)
        worker = _traced_worker_class()(workdir / label, bootstrap, sink.port, start=False,
                                        extra_worker=f"instance_id: bench-startup-{label}")
        worker.tree = tree
        worker.own_cache = label != "this"  # a --compare tree, even the one this bench runs from
        workers[label] = worker

    def alerted(batch: list[str]) -> bool:
        surnames = [n.split()[-1] for n in batch]
        return any(s in text for text in sink.texts() for s in surnames)

    def publish(worker: Any, batch: list[str], tag: str) -> None:
        for key, value in _articles(batch, tag):
            producer.send(worker.articles, key=key, value=value)
        producer.flush(30)

    # Untagged texts shorter than langid.SHORT_CHARS are checked against the lexicons of the likeliest languages,
    # whose words a fresh detector cache does not hold yet (building French's imports spacy.lang.fr: seconds):
    # the planted texts are longer than that, and tagged by the tree's index, not its name (which changed the
    # length), so every tree and run takes the same path.
    tags = {label: f"t{k}" for k, label in enumerate(workers)}
    try:
        for label, worker in workers.items():
            t0 = time.time()
            worker.start()
            if not worker.wait_log("Worker ready", timeout=180):
                raise RuntimeError(f"the {label} worker did not start:\n{worker.tail()}")
            batch = next(batches)
            publish(worker, batch, f"{tags[label]}-0")
            if not _wait(lambda b=batch: alerted(b), RECOVER_TIMEOUT_S):
                raise RuntimeError(f"no alert from the {label} worker's first start:\n{worker.tail()}")
            yield {"tree": label, "run": "first start", "alert_s": round(time.time() - t0, 2),
                   **timeline(worker.log(), t0)}
        for r in range(1, runs + 1):
            for label, worker in workers.items():
                batch = next(batches)
                time.sleep(settle_s)  # idle, offsets committed
                offset = len(worker.log())
                load = os.getloadavg()[0]
                killed = time.time()
                worker.kill()
                worker.start()
                publish(worker, batch, f"{tags[label]}-{r}")
                ok = _wait(lambda b=batch: alerted(b), RECOVER_TIMEOUT_S)
                recovered = round(time.time() - killed, 2) if ok else None
                cpu = process_cpu(worker.proc.pid)  # just after the alert: the start-up's CPU and three articles'
                yield {"tree": label, "run": r, "recover_s": recovered, "load1": round(load, 2), **cpu,
                       **timeline(worker.log()[offset:], killed)}
    finally:
        producer.close(5)
        for worker in workers.values():
            if worker.proc is not None:
                with contextlib.suppress(Exception):
                    worker.stop()
        sink.close()


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Median, min and max of recover_s and of each timeline point over the kills of each tree."""
    out: dict[str, Any] = {}
    for tree in dict.fromkeys(r["tree"] for r in rows):
        kills = [r for r in rows if r["tree"] == tree and isinstance(r.get("run"), int)]
        points = {k for r in kills for k in r if k not in ("tree", "run", "recover_s", "load1")}
        keys = ["recover_s", *sorted(points, key=lambda k: statistics.median(r[k] for r in kills if k in r))]
        figures: dict[str, Any] = {"runs": len(kills), "failed": sum(r.get("recover_s") is None for r in kills)}
        for key in keys:
            values = [r[key] for r in kills if r.get(key) is not None]
            if values:
                figures[key] = {"median": round(statistics.median(values), 2), "min": min(values), "max": max(values)}
        figures["load1"] = [r["load1"] for r in kills]
        out[tree] = figures
    return out


def main() -> None:
    if sys.argv[1:2] == ["--traced"]:
        raise SystemExit(traced_main(sys.argv[2:]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="kills (after a first start)")
    parser.add_argument("--bootstrap", help="a running broker (default: a temporary one, deploy/kafka/kafka.sh)")
    parser.add_argument("--keep", help="keep the workers' configs and logs in this directory")
    parser.add_argument("--compare", metavar="DIR", action="append", default=[],
                        help="another source tree (e.g. `git archive` of an older commit, with this file in its "
                        "bench/), with a detector cache of its own; its worker's kills alternate with the others' "
                        "(repeatable; named by the directory)")
    parser.add_argument("--without-this", action="store_true",
                        help="only the --compare trees (snapshots: a shared checkout changes under a long run)")
    args = parser.parse_args()
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="wirewatch-startup-"))
    workdir.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        bootstrap = args.bootstrap
        if not bootstrap:
            from tests.broker import temporary_broker

            bootstrap = stack.enter_context(temporary_broker()).bootstrap
        from tests.workers import REPO

        trees = {} if args.without_this else {"this": REPO}
        trees.update({Path(tree).resolve().name: Path(tree).resolve() for tree in args.compare})
        rows = []
        for row in measure(bootstrap, args.runs, workdir, trees):
            rows.append(row)
            print(json.dumps(row), flush=True)
        print(json.dumps({"summary": summary(rows), "logs": str(workdir)}), flush=True)


if __name__ == "__main__":
    main()
