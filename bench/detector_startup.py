"""How long a fresh detector process takes to be ready: spawn → the first detection returned, the worker's way.

    .venv/bin/python -m bench.detector_startup [--runs 3] [--state-dir DIR]

Each run starts a detector pool of one spawned process exactly as the worker does (``streams.detect_pool``:
spawn, import, ``Pipeline.load()``, the warm-up detection), then detects one German and one English article and
times spawn → ready → first German detections → first English detections. The ``cold`` run starts with an empty
cache directory (``detectors.cache``); then ``off`` (the cache turned off: the behaviour before it) and ``warm``
(the cache the cold run filled) runs alternate. Prints one JSON line per run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import tempfile
import time

GERMAN = "Merkel traf Macron am Montag in Berlin. Beide kündigten eine Waffenruhe in Libyen an."
ENGLISH = "Putin met Erdogan in Ankara on Monday; both sides announced a ceasefire in Idlib."


async def _one(mode: str) -> dict[str, float | str]:
    from detectors.contracts import Article
    from streams.detect_pool import Detectors

    t0 = time.perf_counter()
    pool = Detectors(processes=1)
    try:
        await pool.ready()
        t1 = time.perf_counter()
        de = await pool.detect_many([Article.create(GERMAN, language="de", id="de")])
        t2 = time.perf_counter()
        en = await pool.detect_many([Article.create(ENGLISH, language="en", id="en")])
        t3 = time.perf_counter()
    finally:
        pool.close()
    return {"mode": mode, "ready_s": round(t1 - t0, 2), "first_de_s": round(t2 - t0, 2),
            "first_en_s": round(t3 - t0, 2), "de_detections": len(de[0]), "en_detections": len(en[0]),
            "load1": round(os.getloadavg()[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="pairs of runs: cache off, warm")
    parser.add_argument("--state-dir", help="cache under this WIREWATCH_STATE_DIR (default: a temporary one)")
    args = parser.parse_args()
    state = args.state_dir or tempfile.mkdtemp(prefix="wirewatch-startup-")
    os.environ["WIREWATCH_STATE_DIR"] = state
    shutil.rmtree(os.path.join(state, "cache", "detectors"), ignore_errors=True)
    try:
        print(json.dumps(asyncio.run(_one("cold"))), flush=True)
        for _ in range(args.runs):  # interleaved: the machine's load drifts
            os.environ["WIREWATCH_DETECTOR_CACHE"] = "off"
            print(json.dumps(asyncio.run(_one("off"))), flush=True)
            os.environ["WIREWATCH_DETECTOR_CACHE"] = "on"
            print(json.dumps(asyncio.run(_one("warm"))), flush=True)
    finally:
        if not args.state_dir:
            shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
