"""The ``wirewatch`` command line: one module per command group, each with ``add_parser(sub)``.

Heavy imports (spaCy, faust) happen inside the commands that need them, so ``wirewatch --help`` is fast.

Adding a command is a one-module change: write ``streams/cli/<name>.py`` with

    def add_parser(sub: Subparsers) -> None:
        p = sub.add_parser("<name>", help="…")
        p.add_argument(…)
        p.set_defaults(func=run)         # run(args) -> exit code (streams.cli.common.EXIT_*)

then name the module in ``COMMANDS`` below (the order is the order of ``wirewatch --help``). A command group with
subcommands (``alerts``, ``silence``) creates its own sub-parsers in its module; commands share only
``streams.cli.common`` (exit codes, ``load_config``), never each other's modules or argparse internals.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from streams import logs
from streams.cli import alerts, bench, check_config, evaluate, publish, scan, silence, train, worker
from streams.cli.common import EXIT_INPUT, EXIT_OK
from streams.cli.version import VersionAction

COMMANDS = (scan, publish, worker, evaluate, train, check_config, bench, alerts, silence)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirewatch", description="News event detection and alerting.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("--version", action=VersionAction,
                        help="print the version of wirewatch and of faust, spaCy, apprise and kafka-python")
    logs.add_arguments(parser)
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logs.configure(args.log_format, logging.DEBUG if args.verbose else logging.WARNING)
    try:
        return args.func(args)
    except BrokenPipeError:  # `wirewatch scan … | head`
        return EXIT_OK
    except OSError as exc:  # a file named on the command line or in the config: one line naming it, no traceback
        if exc.filename is None:
            raise
        print(f"wirewatch: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
