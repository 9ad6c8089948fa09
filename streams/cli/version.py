"""``wirewatch --version``: the package's version and those of the engines it runs on (faust, spaCy, apprise,
kafka-python), read from installed metadata — nothing heavy is imported."""

from __future__ import annotations

import argparse
from importlib.metadata import PackageNotFoundError, version
from typing import Any

ENGINES = ("faust-streaming", "spacy", "apprise", "kafka-python")


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def version_text() -> str:
    engines = ", ".join(f"{dist} {_version(dist)}" for dist in ENGINES)
    return f"wirewatch {_version('wirewatch')} ({engines})"


class VersionAction(argparse.Action):
    """Like argparse's ``version`` action, without re-wrapping the line at the terminal's width."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        print(version_text())
        parser.exit()
