"""Out-of-fold predictions per unit, and the units two dumps disagree on (issue 12).

``dump`` writes one JSON line per unit: its gold (type, status) pairs, the learned stage's out-of-fold pairs,
the rules' pairs and the learned stage's high-level flags, on the folds of ``wirewatch eval`` (seed, 5 folds by
group), optionally training on the real-news units as ``cv_real.py``'s ``with`` does. ``diff`` compares two
dumps of the same units (before and after a change) and prints the units whose learned pairs moved, better or
worse against gold, with the text on the terminal only (some texts are 10kGNAD spans, never to be committed).

    WIREWATCH_SHARED=../shared .venv/bin/python corpus/tools/oof.py dump --only dev > /tmp/before.jsonl
    WIREWATCH_SHARED=../shared .venv/bin/python corpus/tools/oof.py diff /tmp/before.jsonl /tmp/after.jsonl
    WIREWATCH_SHARED=../shared .venv/bin/python corpus/tools/oof.py errors /tmp/before.jsonl --lang de --type meeting
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cv_real import cross_validate as cross_validate_real

from detectors.learned.corpus import load_units
from detectors.learned.train import Config, build, cross_validate, rules_prediction


def _pairs(pairs) -> list[list[str]]:
    return sorted(map(list, pairs))


def dump(only: Sequence[str], real: Sequence[str], out=sys.stdout) -> int:
    cfg = Config()
    ds = build(load_units(), with_embeddings=cfg.embed, window=cfg.window)
    if real:
        held = {k for k, u in enumerate(ds.units) if u.id.startswith(tuple(real))}
        pred = cross_validate_real(ds, cfg, held, True)
    else:
        pred = cross_validate(ds, cfg)
    rules = rules_prediction(ds)
    for k, u in enumerate(ds.units):
        if only and not (u.origin in only or u.id.startswith(tuple(only))):
            continue
        row = {"id": u.id, "lang": u.lang, "gold": _pairs(u.pairs()), "learned": _pairs(pred.pairs[k]),
               "rules": _pairs(rules.pairs[k]), "high": pred.high[k]}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def _read(path: str) -> dict[str, dict]:
    with Path(path).open(encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


def _texts() -> dict[str, str]:
    """Every unit's text by id (for the terminal only)."""
    return {u.id: u.text for u in load_units().units}


def errors(gold: list[list[str]], pred: list[list[str]]) -> int:
    """Pairs wrong either way: missed plus spurious."""
    return len({tuple(p) for p in gold} ^ {tuple(p) for p in pred})


def diff(before: str, after: str, show_text: bool, out=sys.stdout) -> int:
    a, b = _read(before), _read(after)
    texts = _texts() if show_text else {}
    counts = {"better": 0, "worse": 0, "moved": 0}
    for uid in sorted(a.keys() & b.keys()):
        pa, pb = a[uid]["learned"], b[uid]["learned"]
        if pa == pb:
            continue
        ea, eb = errors(b[uid]["gold"], pa), errors(b[uid]["gold"], pb)
        tag = "better" if eb < ea else "worse" if eb > ea else "moved"
        counts[tag] += 1
        out.write(f"{tag.upper():6} {uid} gold {b[uid]['gold']} before {pa} after {pb} rules {b[uid]['rules']}\n")
        if uid in texts:
            out.write(f"       {texts[uid][:300]}\n")
    out.write(" ".join(f"{k} {v}" for k, v in counts.items()) + f" (of {len(a.keys() & b.keys())} units)\n")
    return 0


def listing(path: str, lang: str | None, type_: str | None, show_text: bool, out=sys.stdout) -> int:
    """The units of one dump whose learned pairs are wrong (missed or spurious), optionally of one language and
    one event type: "MISS" when a gold event of that type was not found, "FALSE" when one was found that gold
    lacks, "STATUS" when the type is right and a status is not."""
    rows = _read(path)
    texts = _texts() if show_text else {}
    counts = {"miss": 0, "false": 0, "status": 0}
    for uid, row in sorted(rows.items()):
        if lang and row["lang"] != lang:
            continue
        gold = [p for p in row["gold"] if not type_ or p[0] == type_]
        pred = [p for p in row["learned"] if not type_ or p[0] == type_]
        if not errors(gold, pred):
            continue
        g, p = {t for t, _ in gold}, {t for t, _ in pred}
        tag = "miss" if g - p else "false" if p - g else "status"
        counts[tag] += 1
        out.write(f"{tag.upper():6} {uid} gold {gold} learned {pred} rules {row['rules']} high {row['high']}\n")
        if uid in texts:
            out.write(f"       {texts[uid][:400]}\n")
    out.write(" ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="out-of-fold pairs per unit, JSON lines to stdout")
    d.add_argument("--only", nargs="*", default=[], help="origins (dev, corpus) or id prefixes to write")
    d.add_argument("--real", nargs="*", default=[], help="train on these real-news id prefixes (cv_real's with)")
    f = sub.add_parser("diff", help="units whose learned pairs differ between two dumps")
    f.add_argument("before")
    f.add_argument("after")
    f.add_argument("--no-text", action="store_true", help="ids and pairs only")
    e = sub.add_parser("errors", help="the units of one dump whose learned pairs are wrong")
    e.add_argument("dump")
    e.add_argument("--lang")
    e.add_argument("--type", choices=("meeting", "ceasefire"))
    e.add_argument("--no-text", action="store_true", help="ids and pairs only")
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.only, args.real)
    if args.cmd == "errors":
        return listing(args.dump, args.lang, args.type, not args.no_text)
    return diff(args.before, args.after, not args.no_text)


if __name__ == "__main__":
    raise SystemExit(main())
