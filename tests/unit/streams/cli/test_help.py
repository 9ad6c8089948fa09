"""Every flag and argument of every command has help text; ``--version`` names the engines."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator

from streams import cli


def _parsers(parser: argparse.ArgumentParser, name: str = "wirewatch") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:  # argparse keeps sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


def test_every_action_has_help() -> None:
    missing = [f"{name}: {'/'.join(action.option_strings) or action.dest}"
               for name, parser in _parsers(cli.build_parser())
               for action in parser._actions
               if not isinstance(action, argparse._SubParsersAction) and not action.help]
    assert missing == []


def test_the_walk_reaches_every_subcommand() -> None:
    names = {name for name, _ in _parsers(cli.build_parser())}
    assert {"wirewatch scan", "wirewatch alerts explain", "wirewatch silence add"} <= names


def test_version() -> None:
    run = subprocess.run([sys.executable, "-m", "streams.cli", "--version"], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0
    assert run.stdout.startswith("wirewatch 0.") and "faust-streaming" in run.stdout and "spacy" in run.stdout
