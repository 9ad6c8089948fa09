"""``wirewatch check-config``: validate a config file (schema, references, apprise URLs, templates); exit 2 on
errors. ``--format json`` prints one object: ``{"file", "ok", "errors": [{file, line, key, message}], "warnings",
"receivers", "routes"}``."""

from __future__ import annotations

import argparse
import json
import sys

from streams.cli.common import EXIT_CONFIG, EXIT_OK, Subparsers, load_config


def run(args: argparse.Namespace) -> int:
    if args.format == "text":
        config = load_config(args.file)
        print(f"{args.file}: OK — {len(config.receivers)} receiver(s), {len(config.routes)} route(s)")
        return EXIT_OK
    from dataclasses import asdict

    from alerts.config import ConfigError
    from alerts.config import load_config as load

    try:
        config = load(args.file)
    except ConfigError as exc:
        report = {"file": args.file, "ok": False, "errors": [asdict(p) for p in exc.problems],
                  "warnings": list(exc.warnings)}
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return EXIT_CONFIG
    report = {"file": args.file, "ok": True, "errors": [], "warnings": list(config.warnings),
              "receivers": [r.name for r in config.receivers], "routes": [r.name for r in config.routes]}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    for warning in config.warnings:
        print(f"wirewatch: config warning: {warning}", file=sys.stderr)
    return EXIT_OK


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("check-config", help="validate a config file; exit 2 on errors")
    p.add_argument("file", help="the YAML config file to check")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (errors on stderr) or one JSON report on stdout")
    p.set_defaults(func=run)
