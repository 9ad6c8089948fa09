"""``wirewatch train``: rebuild the learned stage's model files from corpus/ + dev (seeded, a minute or two)."""

from __future__ import annotations

import argparse

from streams.cli.common import EXIT_OK, Subparsers


def run(args: argparse.Namespace) -> int:
    from detectors.learned.train import main

    argv = (["--C", str(args.C)] if args.C is not None else []) + (["--no-embed"] if args.no_embed else [])
    argv += ["--out", args.out] if args.out else []
    argv += ["--partial"] if args.partial else []
    return main(argv) or EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("train", help="rebuild the learned detector models from corpus/ and the dev set")
    p.add_argument("--no-embed", action="store_true", help="rule and lexical features only (no sentence embeddings)")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation strength (default: the trainer's)")
    p.add_argument("--out", default=None, help="write the model files here instead of detectors/data/models/")
    p.add_argument("--partial", action="store_true",
                   help="train even when ../shared (the dev set, the referenced German units) is missing")
    p.set_defaults(func=run)
