"""``select_real.py`` with the units already labelled counted per group (issue 12, session 9).

Scores and ranks a pool exactly as ``select_real.py`` does, then keeps a chosen unit only while its group holds
fewer than ``--cap`` units counting the corpus files given with ``--prior`` (so a document already labelled in an
earlier session gets at most a few more) and fewer than ``--per-group`` new ones. Units whose text is already in
a ``--prior`` file are dropped. Writes under /tmp only:

    .venv/bin/python corpus/tools/select_real_prior.py /tmp/pool.jsonl --prior corpus/it/*.jsonl \
        --out /tmp/chosen.jsonl --total 300 --cap 5
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from select_real import score, select

from detectors.learned.corpus import shared_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pool")
    ap.add_argument("--out", required=True)
    ap.add_argument("--prior", nargs="*", default=[], type=Path)
    ap.add_argument("--total", type=int, default=250)
    ap.add_argument("--per-group", type=int, default=3)
    ap.add_argument("--cap", type=int, default=5)
    ap.add_argument("--random", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args(argv)
    if not args.out.startswith("/tmp/"):
        print("refusing to write outside /tmp", file=sys.stderr)
        return 2
    prior = [json.loads(line) for f in args.prior for line in f.read_text(encoding="utf-8").splitlines() if line]
    known = {u.get("text") for u in prior}
    had = Counter(u.get("group") for u in prior)
    pool = [json.loads(line) for line in Path(args.pool).read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = [u for u in pool if u["text"] not in known]
    dev = shared_dir() / "eval" / "dev.jsonl"
    dev_texts = [json.loads(line).get("text", "") for line in dev.open(encoding="utf-8")] if dev.exists() else []
    prior_texts = [t for t in known if t]
    chosen = select(score(pool), len(pool), args.per_group, args.random, args.seed, dev_texts + prior_texts)
    new: Counter[str] = Counter()
    kept: list[dict] = []
    n_active = args.total - int(args.total * args.random)
    for want_random, limit in ((False, n_active), (True, args.total)):
        for u in chosen:
            g = u["group"]
            if (u["pick"] == "random") == want_random and len(kept) < limit and had[g] + new[g] < args.cap:
                new[g] += 1
                kept.append(u)
    with open(args.out, "w", encoding="utf-8") as fh:
        for u in kept:
            fh.write(json.dumps(u, ensure_ascii=False) + "\n")
    print(f"{len(pool)} units scored; wrote {len(kept)} to {args.out}: {dict(Counter(u['pick'] for u in kept))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
