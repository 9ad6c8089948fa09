"""``wirewatch check-config``: validate a config file; exit 2 on errors."""

from __future__ import annotations

import argparse

from streams.cli.common import EXIT_OK, Subparsers, load_config


def run(args: argparse.Namespace) -> int:
    config = load_config(args.file)
    print(f"{args.file}: OK — {len(config.receivers)} receiver(s), {len(config.routes)} route(s)")
    return EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("check-config", help="validate a config file; exit 2 on errors")
    p.add_argument("file")
    p.set_defaults(func=run)
