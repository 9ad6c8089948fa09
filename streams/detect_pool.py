"""Where the worker runs its detectors: a thread (the default) or a pool of processes.

The detectors are pure Python and spaCy's tokenizer holds the GIL, so in a thread they share one core with
the event loop, the Kafka client and delivery. ``worker.detect_processes: N`` runs them in N processes of
their own (each loads the pipeline once, at start-up), which pays where the worker has a core to spare: the
event loop keeps its core and detection gets the others (measured in BENCHMARKS.md). Articles and detections
cross the process boundary pickled; a detector process dies with the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

WARM_UP_TEXT = ("Waffenruhe in Libyen\nGeneral Chalifa Haftar traf sich am Montag in Rom mit Vermittlern; beide "
                "Seiten kündigten eine Waffenruhe an.")  # no language given: language id loads as well

log = logging.getLogger("wirewatch.worker")

_loaded: dict[str, Any] = {}  # in each detector process (or the worker, for the thread): the pipeline
_lock = threading.Lock()
# The other languages' engines are built in the background once the process has been idle this long (no batch
# in flight): the first article in another language then finds it ready, and no batch shares its CPU with it.
WARM_IDLE_S = 1.0
WARM_ENV = "WIREWATCH_WARM_LANGUAGES"  # detectors.warm as the worker hands it to its detector processes: "de,en"
_activity = threading.Condition()
# A detector call longer than this is taken for a hung detector process (a batch of 32 takes well under a second,
# a new process's start-up seconds): its processes are killed and the batch is detected again by new ones.
CALL_TIMEOUT_S = 120.0
_batches = {"in_flight": 0, "last": 0.0}


def default_factory() -> Any:
    from detectors.pipeline import Pipeline

    return Pipeline.load()


def pipeline(factory: Callable[[], Any] = default_factory) -> Any:
    """The detectors, loaded and warmed once per process. One detection loads the lazy parts (language id,
    gazetteer: seconds) in the same step, so the first real batch never queues behind them."""
    with _lock:
        if "pipeline" not in _loaded:
            from detectors.contracts import Article

            loaded = factory()
            loaded.detect(Article.create(WARM_UP_TEXT, id="warm-up"))
            _loaded["pipeline"] = loaded
            _batches["last"] = time.monotonic()
            wanted = warm_wanted(os.environ)
            if wanted and callable(getattr(loaded, "engine", None)):
                threading.Thread(target=warm_languages, args=(loaded, WARM_IDLE_S, wanted), name="warm-languages",
                                 daemon=True).start()
    return _loaded["pipeline"]


def wait_idle(idle_s: float = WARM_IDLE_S) -> None:
    """Return once no batch is in flight and none has ended for ``idle_s`` seconds."""
    with _activity:
        while True:
            quiet = time.monotonic() - _batches["last"]
            if _batches["in_flight"] == 0 and quiet >= idle_s:
                return
            _activity.wait(timeout=max(idle_s - quiet, 0.05) if _batches["in_flight"] == 0 else None)


def warm_wanted(env: Mapping[str, str]) -> tuple[str, ...]:
    """The languages ``detectors.warm`` asks to build in the background (``WIREWATCH_WARM_LANGUAGES``)."""
    return tuple(lang for lang in (env.get(WARM_ENV) or "").split(",") if lang.strip())


def warm_languages(loaded: Any, idle_s: float = WARM_IDLE_S, languages: Sequence[str] | None = None) -> None:
    """Build the engine of each of ``languages`` (default: every language of ``loaded``, a Pipeline), one at a time,
    each once the process is idle (a language costs ~0.3–0.8 s; a batch arriving meanwhile runs beside that one
    build)."""
    for lang in getattr(loaded, "languages", ()):
        if languages is not None and lang not in languages:
            continue
        wait_idle(idle_s)
        loaded.engine(lang)


def detector_ready() -> bool:
    pipeline()
    return True


def detect_many(articles: Sequence[Any]) -> list[list[Any]]:
    loaded = pipeline()
    with _activity:
        _batches["in_flight"] += 1
    try:
        return loaded.detect_many(list(articles))
    finally:
        with _activity:
            _batches["in_flight"] -= 1
            _batches["last"] = time.monotonic()
            _activity.notify_all()


def one_blas_thread() -> None:
    """BLAS with one thread in this whole process, set once. The sentence encoder asks for one thread around every
    call (threadpoolctl), but OpenBLAS's thread count is process-wide: switching it per call while another thread
    runs BLAS (the event loop's story matching beside a detect thread, or two detect threads) is a documented race
    (joblib/threadpoolctl#205). Pinned to one, those switches set the value it already has."""
    with contextlib.suppress(ImportError):
        import numpy  # noqa: F401 - loads the BLAS library, so that there is one to pin (a fresh process has none)
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")  # not a context: stays for the process's life


def die_with_parent() -> None:
    """In a child process: SIGTERM when its parent dies (even by SIGKILL), so none outlives it (Linux)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _start_process() -> None:
    gc.disable()  # while loading: the imports and the cached tables set off collections for nothing (~5-10 %)
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker decides when its pool stops
    one_blas_thread()
    from detectors.spacy_import import import_spacy

    import_spacy()  # without spaCy's command line (~360 modules, 0.15-0.2 s of every detector process's start)
    pipeline()
    gc.freeze()  # the pipeline lives as long as the process: out of every later collection
    gc.enable()


def make_pool(processes: int, threads: int = 1) -> Executor:
    """``processes`` > 0: that many detector processes (started fresh — the worker has threads, so no fork);
    0: ``threads`` detector threads in the worker."""
    if processes > 0:
        return ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_process)
    one_blas_thread()  # the detectors share the worker's process
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="detect")


class Detectors:
    """The worker's detectors, off the event loop's thread. A pool whose process died (killed, out of memory) or
    stopped answering (a call running longer than ``timeout_s``: its processes are killed) is replaced and the
    batch tried once more; a second failure propagates (the batch stays uncommitted)."""

    def __init__(self, processes: int = 0, threads: int = 1, timeout_s: float = CALL_TIMEOUT_S,
                 call: Callable[[Sequence[Any]], list[list[Any]]] = detect_many) -> None:
        self.processes, self.threads, self.timeout_s, self._call = processes, threads, timeout_s, call
        self._pool = make_pool(processes, threads)
        # Detector processes start loading at once (spawn, import spaCy, load and warm the pipeline: the longest
        # part of a restart), beside the topic checks and faust's start-up, not after them.
        self._warming = [self._pool.submit(detector_ready) for _ in range(processes)]

    def close(self) -> None:
        """Stop the detectors now, loading or not (a worker that fails before it starts exits at once)."""
        processes = list((getattr(self._pool, "_processes", None) or {}).values())  # the stdlib pool's children
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()

    def describe(self) -> str:
        return f"{self.processes} process(es)" if self.processes else f"{self.threads} thread(s)"

    async def ready(self) -> None:
        """Load the pipeline in every detector process (or the thread) before the first batch."""
        warming = self._warming or [self._pool.submit(detector_ready)]
        await asyncio.gather(*(asyncio.wrap_future(f) for f in warming))

    async def _run(self, articles: list[Any]) -> list[list[Any]]:
        call = asyncio.get_running_loop().run_in_executor(self._pool, self._call, articles)
        if not self.processes:  # a thread cannot be stopped: wait for it
            return await call
        return await asyncio.wait_for(call, self.timeout_s)

    async def detect_many(self, articles: Sequence[Any]) -> list[list[Any]]:
        batch = list(articles)
        try:
            return await self._run(batch)
        except (BrokenProcessPool, TimeoutError) as exc:
            first = getattr(batch[0], "id", None) if batch else None
            if isinstance(exc, TimeoutError):
                log.error("a detector call did not return within %.0f s (%d articles, the first %r): stopping "
                          "the detector processes, starting new ones and detecting the batch again",
                          self.timeout_s, len(batch), first)
            else:
                log.error("a detector process died: starting new ones and detecting the batch again")
            self.close()
            self._pool = make_pool(self.processes, self.threads)
            self._warming = [self._pool.submit(detector_ready) for _ in range(self.processes)]
            await self.ready()  # the new processes' start-up is not part of the call's time
            return await self._run(batch)
