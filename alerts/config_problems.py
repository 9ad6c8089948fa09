"""Where a config problem is: the file, line and key of every value (and the environment variable a value came
from), duplicate keys, and the problem and error types ``load_config`` raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class ConfigProblem:
    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key or '(top level)'}: {self.message}"


class ConfigError(ValueError):
    def __init__(self, problems: list[ConfigProblem], warnings: tuple[str, ...] = ()) -> None:
        self.problems = problems
        self.warnings = warnings  # what a valid config would have carried as Config.warnings
        super().__init__("\n".join(str(p) for p in problems))


def line_index(node: yaml.Node, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """Map every key path of a composed YAML document to its 1-based line."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*path, key_node.value)
            lines.update(line_index(value_node, sub))
            lines[sub] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(line_index(item, (*path, i)))
    return lines


def dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def nearest_line(lines: Mapping[tuple[Any, ...], int], path: tuple[Any, ...]) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


def duplicate_keys(node: yaml.Node, filename: str, path: tuple[Any, ...] = ()) -> list[ConfigProblem]:
    """Keys given twice in one mapping: YAML keeps the last silently, so each repeat is an error at its line."""
    problems = []
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key != "<<" and key in first:
                problems.append(ConfigProblem(filename, line, dotted((*path, key)),
                                              f"duplicate key (first at line {first[key]}; YAML would silently "
                                              "keep only the last)"))
            first.setdefault(key, line)
            problems.extend(duplicate_keys(value_node, filename, (*path, key)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems.extend(duplicate_keys(item, filename, (*path, i)))
    return problems


def origin_of(origins: Mapping[tuple[Any, ...], str], path: tuple[Any, ...]) -> str | None:
    for n in range(len(path), 0, -1):
        if path[:n] in origins:
            return origins[path[:n]]
    return None


def problem_at(filename: str, lines: Mapping[tuple[Any, ...], int], origins: Mapping[tuple[Any, ...], str],
               path: tuple[Any, ...], message: str) -> ConfigProblem:
    """A problem at ``path``: at its line in the file, or at the environment variable its value came from."""
    origin = origin_of(origins, path)
    if origin is not None and not origin.startswith("$"):  # a WIREWATCH_* override: not in the file at all
        return ConfigProblem(f"environment variable {origin}", None, dotted(path), message)
    if origin is not None:
        message += f" (the value of {origin})"
    return ConfigProblem(filename, nearest_line(lines, path), dotted(path), message)
