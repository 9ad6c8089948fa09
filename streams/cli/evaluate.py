"""``wirewatch eval``: precision/recall/F1 of the detectors on a labelled JSONL dataset."""

from __future__ import annotations

import argparse

from streams.cli.common import EXIT_OK, Subparsers


def run(args: argparse.Namespace) -> int:
    import orjson

    from detectors.evaluation import evaluate_file, format_text
    from detectors.pipeline import Pipeline

    report = evaluate_file(args.dataset, Pipeline.load())
    if args.format == "json":
        print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    else:
        print(format_text(report))
    return EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("eval", help="precision/recall/F1 on a labelled JSONL dataset")
    p.add_argument("dataset")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=run)
