"""What the command modules share: exit codes, loading the config, the sub-parsers type."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alerts.config import Config

EXIT_OK, EXIT_INPUT, EXIT_CONFIG = 0, 1, 2
EXIT_FAILED = 1  # a delivery (preview --send, replay) failed

Subparsers = Any  # argparse's sub-parsers action (its class is private): what ``add_subparsers()`` returns


def load_config(path: str | None) -> Config:
    """The config at ``path`` (else $WIREWATCH_CONFIG, else the defaults); on errors print them, exit 2."""
    from alerts.config import ConfigError
    from alerts.config import load_config as load

    path = path or os.environ.get("WIREWATCH_CONFIG") or None  # an empty variable means no file
    try:
        config = load(path)
    except ConfigError as exc:
        for warning in exc.warnings:
            print(f"wirewatch: config warning: {warning}", file=sys.stderr)
        for problem in exc.problems:
            print(f"wirewatch: config error: {problem}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from None
    for warning in config.warnings:
        print(f"wirewatch: config warning: {warning}", file=sys.stderr)
    from streams.settings import apply_detector_settings

    apply_detector_settings(config)  # detectors.stage for every pipeline this command (and its children) loads
    return config

