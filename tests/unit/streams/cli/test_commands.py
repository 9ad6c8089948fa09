"""The command line as a package: every command registered once, each in its own module, none reaching another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from streams import cli
from streams.cli import bench as bench_command

COMMANDS = ["scan", "publish", "worker", "eval", "train", "check-config", "bench", "alerts", "silence"]


def _subcommands(parser) -> list[str]:
    """The command choices as the usage line lists them (the last ``{…}`` group)."""
    return parser.format_usage().rsplit("{", 1)[1].split("}", 1)[0].split(",")


def test_every_command_is_there_in_help_order() -> None:
    assert _subcommands(cli.build_parser()) == COMMANDS


@pytest.mark.parametrize("argv", [
    ["scan", "-", "--no-alerts"], ["publish", "a.txt", "--topic", "t"], ["worker", "--web-port", "1"],
    ["eval", "d.jsonl"], ["eval", "--folds", "3"], ["train", "--no-embed"],
    ["check-config", "c.yaml"], ["bench", "--quick", "--only", "detectors"],
    ["alerts", "preview"], ["alerts", "replay", "--kafka"], ["alerts", "history", "--limit", "3"],
    ["alerts", "explain", "-"], ["silence", "add", "-c", "x"], ["silence", "list", "--all"],
    ["silence", "expire", "id1"],
])
def test_each_command_parses_to_its_function(argv: list[str]) -> None:
    args = cli.build_parser().parse_args(argv)
    assert callable(args.func)


def test_command_modules_import_only_the_shared_module_of_the_cli() -> None:
    root = Path(cli.__file__).parent
    for path in root.glob("*.py"):
        if path.name in ("__init__.py", "__main__.py", "common.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streams.cli"):
                assert node.module == "streams.cli.common", (path.name, node.module)


def test_bench_outside_a_source_checkout_says_so_and_exits_2(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(bench_command, "source_checkout", lambda: None)
    assert cli.main(["bench", "--quick"]) == 2
    assert "source checkout" in capsys.readouterr().err


def test_this_checkout_is_found() -> None:
    assert bench_command.source_checkout() == Path(cli.__file__).resolve().parents[2]
