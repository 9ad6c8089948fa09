"""``wirewatch eval``: k-fold cross-validated figures of the learned stage and the rules on corpus/ + dev, or
precision/recall/F1 of the shipped detectors on a labelled JSONL dataset."""

from __future__ import annotations

import argparse
import sys

from streams.cli.common import EXIT_INPUT, EXIT_OK, Subparsers


def run(args: argparse.Namespace) -> int:
    import orjson

    if args.dataset is None:  # k-fold cross-validation on corpus/ + dev, the rules-only path beside it
        from detectors.learned.train import main

        return main(["--cv", "--folds", str(args.folds), "--format", args.format]) or EXIT_OK

    from detectors.evaluation import DatasetError, evaluate, format_text, load_records
    from detectors.pipeline import Pipeline
    from streams.progress import counter

    try:
        records = load_records(args.dataset)
    except OSError as exc:
        print(f"wirewatch: eval: {args.dataset}: {exc.strerror}", file=sys.stderr)
        return EXIT_INPUT
    except DatasetError as exc:
        print(f"wirewatch: eval: {exc}", file=sys.stderr)
        return EXIT_INPUT
    pipeline = Pipeline.load(stage=args.stage)
    with counter("eval", len(records), unit="record") as advance:
        report = evaluate(records, pipeline, on_batch=advance)
    if args.format == "json":
        print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    else:
        print(format_text(report))
    return EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("eval", help="cross-validated figures on corpus/ + dev, or P/R/F1 on a labelled JSONL file")
    p.add_argument("dataset", nargs="?", default=None,
                   help="a labelled JSONL file, scored with the shipped models (default: k-fold cross-validation "
                        "on corpus/ + dev, the rules-only path beside it)")
    p.add_argument("--stage", choices=["rules", "learned"], default="learned", help="with a dataset: which path")
    p.add_argument("--folds", type=int, default=5, help="without a dataset: the number of folds")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="a readable report, or JSON with every error listed")
    p.set_defaults(func=run)
