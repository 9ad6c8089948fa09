"""The blind second pass: draw a sample of corpus units, and score a second labeller against the first.

    python corpus/tools/agreement.py sample --n 300 --out /tmp/blind.jsonl   # id, lang, text only (no labels)
    python corpus/tools/agreement.py score corpus/agreement/second-pass.jsonl

The sample is half first-pass positives, half negatives, each stratified by language and file, and seeded,
so it is the same every run. Referenced units read their text from ../shared (the blind file goes to /tmp,
never into the repository). ``score`` compares, per unit, the set of event types, the set of (type, status)
pairs and meeting levels, and reports raw agreement, Cohen's kappa per type (presence), and pair-level F1 of
pass 2 against pass 1.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from detectors.learned.corpus import load_units  # noqa: E402

TYPES = ("ceasefire", "meeting")


def _corpus_units() -> list:
    loaded = load_units(include_dev=False)
    return [u for u in loaded.units if u.origin == "corpus"]


def sample(n: int, seed: int, out: Path) -> None:
    if not str(out.resolve()).startswith("/tmp/"):
        raise SystemExit("the blind file holds article text: write it under /tmp, not into the repository")
    units = _corpus_units()
    # half from units the first pass labelled positive, half from negatives, each stratified by language and
    # file: a random draw would be ~60 % easy negatives (the referenced German units are 95 % negative)
    by_stratum: dict[tuple[bool, str, str], list] = defaultdict(list)
    for u in units:
        by_stratum[(bool(u.events), u.lang, u.id.split("-")[1])].append(u)
    rng = random.Random(seed)
    picked = []
    for positive in (True, False):
        strata = {k: v for k, v in by_stratum.items() if k[0] == positive}
        total = sum(len(v) for v in strata.values())
        share = []
        for key in sorted(strata):
            group = sorted(strata[key], key=lambda u: u.id)
            k = max(1, math.ceil((n // 2) * len(group) / total))
            share += rng.sample(group, min(k, len(group)))
        rng.shuffle(share)
        picked += share[: n // 2]
    rng.shuffle(picked)
    with out.open("wb") as fh:
        for u in picked:
            fh.write(orjson.dumps({"id": u.id, "lang": u.lang, "text": u.text}) + b"\n")
    print(f"{len(picked)} units → {out}")


def _kappa(a: list[bool], b: list[bool]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def score(second: Path) -> dict:
    first = {u.id: u for u in _corpus_units()}
    rows = [orjson.loads(line) for line in second.read_bytes().splitlines() if line.strip()]
    rows = [r for r in rows if r["id"] in first]
    out: dict = {"units": len(rows)}
    pairs1 = [first[r["id"]].pairs() for r in rows]
    pairs2 = [{(e["type"], e["status"]) for e in r["events"]} for r in rows]
    out["exact_pairs_agreement"] = round(sum(a == b for a, b in zip(pairs1, pairs2, strict=True)) / len(rows), 3)
    for t in TYPES:
        a = [any(p[0] == t for p in x) for x in pairs1]
        b = [any(p[0] == t for p in x) for x in pairs2]
        out[f"{t}_presence_agreement"] = round(sum(x == y for x, y in zip(a, b, strict=True)) / len(rows), 3)
        out[f"{t}_kappa"] = round(_kappa(a, b), 3)
    tp = sum(len(a & b) for a, b in zip(pairs1, pairs2, strict=True))
    fp = sum(len(b - a) for a, b in zip(pairs1, pairs2, strict=True))
    fn = sum(len(a - b) for a, b in zip(pairs1, pairs2, strict=True))
    out["pair_f1_second_vs_first"] = round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0
    lv1, lv2 = [], []
    for r in rows:
        l1 = {e.get("level") for e in first[r["id"]].events if e["type"] == "meeting"}
        l2 = {e.get("level") for e in r["events"] if e["type"] == "meeting"}
        if l1 and l2:
            lv1.append("high" in l1)
            lv2.append("high" in l2)
    if lv1:
        out["meeting_level_agreement"] = round(sum(x == y for x, y in zip(lv1, lv2, strict=True)) / len(lv1), 3)
        out["meeting_level_units"] = len(lv1)
    per_lang: dict[str, list[bool]] = defaultdict(list)
    for r, a, b in zip(rows, pairs1, pairs2, strict=True):
        per_lang[first[r["id"]].lang].append(a == b)
    out["exact_pairs_agreement_by_lang"] = {k: round(sum(v) / len(v), 3) for k, v in sorted(per_lang.items())}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="write a blind sample (id, lang, text) under /tmp")
    s.add_argument("--n", type=int, default=300, help="units to draw (default 300)")
    s.add_argument("--seed", type=int, default=12, help="random seed (default 12)")
    s.add_argument("--out", type=Path, required=True, help="output file under /tmp")
    c = sub.add_parser("score", help="agreement of a second pass with the corpus labels")
    c.add_argument("second", type=Path, help="JSONL of {id, events} from the blind pass")
    args = parser.parse_args()
    if args.cmd == "sample":
        sample(args.n, args.seed, args.out)
    else:
        print(orjson.dumps(score(args.second), option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()
