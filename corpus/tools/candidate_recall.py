"""Candidate recall per language: of the labelled units with an event of a type, how many give the learned
stage a candidate of that type at all (a trigger match), and how many a candidate it is allowed to decide
(not dropped by the rules' hard gates, ``detectors.learned.features.is_gated``). A unit without a candidate is a
miss no model can recover, so this bounds the learned stage's recall.

    .venv/bin/python corpus/tools/candidate_recall.py                 # the table (corpus + dev)
    .venv/bin/python corpus/tools/candidate_recall.py --missed de     # also list de meeting units missed

``--missed`` prints unit texts to the terminal (some are 10kGNAD spans, CC BY-NC-SA): never paste them into the
repository.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Sequence

from detectors.contracts import Article
from detectors.learned.corpus import Unit, load_units
from detectors.learned.features import is_gated
from detectors.pipeline import Pipeline


def recall_table(units: Sequence[Unit], observed: Sequence[Sequence[object]]) -> dict[str, dict[str, dict[str, int]]]:
    """type → language → counts: ``gold`` units with the type, ``any`` with a candidate of it, ``open`` with an
    ungated one, ``neg`` units without the type and ``neg_open`` of those with an ungated candidate."""
    out: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for unit, obs in zip(units, observed, strict=True):
        for type_ in ("meeting", "ceasefire"):
            mine = [o.obs for o in obs if o.obs.type == type_]  # type: ignore[attr-defined]
            is_open = any(not is_gated(o) for o in mine)
            for lang in (unit.lang, "all"):
                row = out[type_][lang]
                if type_ in unit.types():
                    row["gold"] += 1
                    row["any"] += bool(mine)
                    row["open"] += is_open
                else:
                    row["neg"] += 1
                    row["neg_open"] += is_open
    return out


def format_table(table: dict[str, dict[str, dict[str, int]]]) -> str:
    lines = [f"{'type':<10}{'lang':<6}{'gold':>6}{'any':>8}{'open':>8}{'negatives with a candidate':>30}"]
    for type_, langs in table.items():
        for lang in sorted(langs, key=lambda x: (x == "all", x)):
            r = langs[lang]
            g = max(r["gold"], 1)
            n = max(r["neg"], 1)
            lines.append(f"{type_:<10}{lang:<6}{r['gold']:>6}{r['any'] / g:>8.3f}{r['open'] / g:>8.3f}"
                         f"{r['neg_open'] / n:>22.3f} of {r['neg']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--missed", metavar="LANG", help="list the meeting units of LANG without an open candidate")
    parser.add_argument("--type", default="meeting", help="with --missed: the event type")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    units = load_units().units
    pipeline = Pipeline.load(stage="rules")
    units = [u for u in units if u.lang in pipeline.languages]
    observed = pipeline.observe_many([Article.create(u.text, id=u.id, language=u.lang) for u in units])
    table = recall_table(units, observed)
    print(json.dumps(table, indent=1) if args.format == "json" else format_table(table))
    if args.missed:
        for unit, obs in zip(units, observed, strict=True):
            if unit.lang != args.missed or args.type not in unit.types():
                continue
            mine = [o.obs for o in obs if o.obs.type == args.type]
            if not any(not is_gated(o) for o in mine):
                why = "gated" if mine else "none"
                print(f"--- {unit.id} [{why}] {' '.join(sorted(map('/'.join, unit.pairs())))}\n{unit.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
