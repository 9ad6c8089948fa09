"""The training corpus' make-up: units, positives and (type, status) counts per language and origin (issue 12).

Origins: ``referenced`` (10kGNAD spans read from ../shared/data), ``real`` (real news with the text in the repo),
``team`` (team-written), ``dev`` (../shared/eval/dev.jsonl). Prints a Markdown table.

    WIREWATCH_SHARED=../shared .venv/bin/python corpus/tools/makeup.py
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from detectors.learned.corpus import Unit, load_units

PAIRS = (("ceasefire", "announced"), ("ceasefire", "called_for"), ("ceasefire", "violated"),
         ("ceasefire", "rejected"), ("meeting", "held"), ("meeting", "planned"), ("meeting", "called_for"),
         ("meeting", "rejected"))


def origin(unit: Unit) -> str:
    if unit.origin == "dev":
        return "dev"
    if "-team-" in unit.id:
        return "team"
    return "referenced" if unit.id.startswith("de-10kgnad") else "real"


def table(units: Iterable[Unit]) -> list[str]:
    rows: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for u in units:
        for key in ((u.lang, origin(u)), ("all", origin(u)), ("all", "all")):
            c = rows[key]
            c["units"] += 1
            c["positive"] += bool(u.events)
            c["high"] += any(e.get("type") == "meeting" and e.get("level") == "high" for e in u.events)
            for pair in u.pairs():
                c[pair] += 1
    head = ["lang", "origin", "units", "positive", *(f"{t[0][:4]} {s}" for t, s in ((p, p[1]) for p in PAIRS)),
            "meet high"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (lang, org), c in sorted(rows.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        cells = [lang, org, f"{c['units']:,}", f"{c['positive']:,} ({c['positive'] / c['units']:.0%})",
                 *(str(c[p]) for p in PAIRS), str(c["high"])]
        out.append("| " + " | ".join(cells) + " |")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    loaded = load_units()
    print("\n".join(table(loaded.units)))
    if loaded.skipped:
        print("skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(loaded.skipped.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
