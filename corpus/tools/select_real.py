"""Choose real-news sentences worth labelling (issue 12, active learning over text that may live in the repo).

Input: a JSONL pool under /tmp, one candidate unit a line: ``{"lang", "text", "group", ...}`` (extra fields are
kept, e.g. the source's repo/path/commit). Every unit is run through the shipped models (``detectors.stage:
learned``) and through the rules, and ranked:

- tier 0: the models' confidence in the uncertain band (0.35-0.7), or the models and the rules disagree;
- tier 1: a meeting/ceasefire cue word (``real_cues.json``) and no detection by either path;
- tier 2: confident detections;
- random controls (``--random`` share of the total) from the rest.

At most ``--per-group`` units per group (article); units equal to, holding or held in a dev.jsonl text, and
near duplicates (word-set Jaccard >= 0.6) of dev or of each other, are dropped. Writes under /tmp only:

    .venv/bin/python corpus/tools/select_real.py /tmp/pool.jsonl --out /tmp/chosen.jsonl --total 250

With ``--prior`` corpus files (a source labelled in an earlier session), units whose text a prior file holds are
dropped, near duplicates of them too, and a chosen unit is kept only while its group holds fewer than ``--cap``
units counting the prior ones (and fewer than ``--per-group`` new ones), so a document already labelled gets at
most a few more (session 9's rounds ran this with ``--seed 9 --cap 5``):

    .venv/bin/python corpus/tools/select_real.py /tmp/pool.jsonl --prior corpus/it/*.jsonl \
        --out /tmp/chosen.jsonl --total 300 --cap 5
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from detectors.contracts import Article
from detectors.learned.corpus import shared_dir
from detectors.pipeline import Pipeline

CUES = Path(__file__).with_name("real_cues.json")
BAND = (0.35, 0.7)
WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def pairs(dets: list[Any]) -> list[dict[str, Any]]:
    return [{"type": d.type, "status": d.status, "confidence": round(d.confidence, 3)} for d in dets]


def tier(learned: list[dict[str, Any]], rules: list[dict[str, Any]], cue: bool) -> tuple[int, float]:
    """(tier, score): lower is asked first."""
    if learned:
        u = min(0.0 if BAND[0] <= d["confidence"] <= BAND[1] else min(abs(d["confidence"] - b) for b in BAND)
                for d in learned)
        if u == 0.0:
            return 0, 0.0
    if {d["type"] for d in learned} != {d["type"] for d in rules}:
        return 0, 0.5
    if learned:
        return 2, 0.0
    return (1, 0.0) if cue else (3, 0.0)


def score(pool: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cues = {k: re.compile(v, re.IGNORECASE) for k, v in json.loads(CUES.read_text()).items() if len(k) == 2}
    langs = sorted({u["lang"] for u in pool})
    learned, rules = Pipeline.load(langs, stage="learned"), Pipeline.load(langs, stage="rules")
    for i, u in enumerate(pool):
        art = Article.create(u["text"], id=f"pool-{i}", language=u["lang"])
        u["learned"], u["rules"] = pairs(learned.detect(art)), pairs(rules.detect(art))
        u["tier"], u["score"] = tier(u["learned"], u["rules"], bool(cues[u["lang"]].search(u["text"])))
    return pool


def select(pool: list[dict[str, Any]], total: int, per_group: int, share_random: float, seed: int,
           dev_texts: list[str]) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    dev_words = [words(t) for t in dev_texts]
    taken: list[dict[str, Any]] = []
    taken_words: list[frozenset[str]] = []
    per: dict[str, int] = defaultdict(int)

    def ok(u: dict[str, Any]) -> bool:
        w = words(u["text"])
        if per[u["group"]] >= per_group or any(u["text"] in d or d in u["text"] for d in dev_texts if len(d) > 20):
            return False
        return not any(jaccard(w, d) >= 0.6 for d in dev_words) and not any(jaccard(w, t) >= 0.6 for t in taken_words)

    def take(u: dict[str, Any], kind: str) -> None:
        u["pick"] = kind
        per[u["group"]] += 1
        taken.append(u)
        taken_words.append(words(u["text"]))

    n_active = total - int(total * share_random)
    for u in sorted((u for u in pool if u["tier"] < 3), key=lambda u: (u["tier"], u["score"], rng.random())):
        if len(taken) < n_active and ok(u):
            take(u, f"tier{u['tier']}")
    rest = [u for u in pool if "pick" not in u]
    rng.shuffle(rest)
    for u in rest:
        if len(taken) < total and ok(u):
            take(u, "random")
    return taken


def cap_groups(chosen: list[dict[str, Any]], had: Counter[str], total: int, random_share: float,
               cap: int) -> list[dict[str, Any]]:
    """The ranked ``chosen`` units (active picks first, then the random controls), each kept while its group holds
    fewer than ``cap`` units counting ``had`` (units labelled before), up to ``total``."""
    new: Counter[str] = Counter()
    kept: list[dict[str, Any]] = []
    n_active = total - int(total * random_share)
    for want_random, limit in ((False, n_active), (True, total)):
        for u in chosen:
            g = u["group"]
            if (u["pick"] == "random") == want_random and len(kept) < limit and had[g] + new[g] < cap:
                new[g] += 1
                kept.append(u)
    return kept


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pool")
    ap.add_argument("--out", required=True)
    ap.add_argument("--total", type=int, default=250)
    ap.add_argument("--per-group", type=int, default=3)
    ap.add_argument("--random", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--prior", nargs="*", default=[], type=Path, help="corpus files already labelled from this pool")
    ap.add_argument("--cap", type=int, default=5, help="with --prior: units per group, prior ones counted")
    args = ap.parse_args(argv)
    if not args.out.startswith("/tmp/"):
        print("refusing to write outside /tmp", file=sys.stderr)
        return 2
    pool = [json.loads(line) for line in Path(args.pool).read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = shared_dir() / "eval" / "dev.jsonl"
    dev_texts = [json.loads(line).get("text", "") for line in dev.open(encoding="utf-8")] if dev.exists() else []
    if args.prior:
        prior = [json.loads(line) for f in args.prior for line in f.read_text(encoding="utf-8").splitlines() if line]
        known = {u.get("text") for u in prior}
        pool = [u for u in pool if u["text"] not in known]
        chosen = select(score(pool), len(pool), args.per_group, args.random, args.seed,
                        dev_texts + [t for t in known if t])
        chosen = cap_groups(chosen, Counter(u.get("group") for u in prior), args.total, args.random, args.cap)
    else:
        chosen = select(score(pool), args.total, args.per_group, args.random, args.seed, dev_texts)
    with open(args.out, "w", encoding="utf-8") as fh:
        for u in chosen:
            fh.write(json.dumps(u, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = defaultdict(int)
    for u in chosen:
        kinds[u["pick"]] += 1
    print(f"{len(pool)} units scored; wrote {len(chosen)} to {args.out}: {dict(sorted(kinds.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
