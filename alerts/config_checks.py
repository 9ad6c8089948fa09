"""Checks beyond the schema: receivers and watchlists a route names exist, a matcher's statuses belong to its
types, apprise accepts every URL and every ``template:`` compiles (``alerts.target_checks``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alerts.config_problems import ConfigProblem, dotted, nearest_line, problem_at
from alerts.vocabulary import STATUSES, Status

STATUSES_ALL = frozenset(Status)


def check_references(data: dict[str, Any], filename: str, lines: Mapping) -> list[ConfigProblem]:
    receivers = data.get("receivers") if isinstance(data.get("receivers"), list) else []
    routes = data.get("routes") if isinstance(data.get("routes"), list) else []
    names = [r.get("name") for r in receivers if isinstance(r, dict)]
    problems = []
    seen = set()
    for i, name in enumerate(names):
        if name in seen:
            path = ("receivers", i, "name")
            problems.append(ConfigProblem(filename, nearest_line(lines, path), dotted(path),
                                          f"duplicate receiver name {name!r}"))
        seen.add(name)
    watchlists = data.get("watchlists") if isinstance(data.get("watchlists"), dict) else {}
    for i, route in enumerate(routes):
        match = route.get("match") if isinstance(route, dict) else None
        for j, name in enumerate(match.get("watchlists", []) if isinstance(match, dict) else []):
            if isinstance(name, str) and name not in watchlists:
                path = ("routes", i, "match", "watchlists", j)
                known = ", ".join(sorted(watchlists)) or "none defined"
                problems.append(ConfigProblem(filename, nearest_line(lines, path), dotted(path),
                                              f"unknown watchlist {name!r} (watchlists: {known})"))
        if not isinstance(route, dict) or not isinstance(route.get("receiver"), str):
            continue
        if route["receiver"] not in seen:
            path = ("routes", i, "receiver")
            known = ", ".join(sorted(seen)) or "none defined"
            problems.append(ConfigProblem(filename, nearest_line(lines, path), dotted(path),
                                          f"unknown receiver {route['receiver']!r} (receivers: {known})"))
    return problems


def type_statuses(data: dict[str, Any], filename: str, lines: Mapping, origins: Mapping) -> list[ConfigProblem]:
    """A matcher's statuses must belong to one of its types (``type: [meeting], status: [violated]`` matches
    nothing)."""
    matchers: list[tuple[tuple[Any, ...], Any]] = []
    for section, key in (("routes", "match"), ("silences", "matchers"), ("inhibit_rules", "source_match"),
                         ("inhibit_rules", "target_match")):
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get(key), dict):
                matchers.append(((section, i, key), item[key]))
    problems = []
    for path, m in matchers:
        types = [t for t in m.get("type", ()) if t in STATUSES]
        if not types:
            continue
        allowed = {s for t in types for s in STATUSES[t]}
        for j, status in enumerate(m.get("status", ())):
            if status in STATUSES_ALL and status not in allowed:
                problems.append(problem_at(filename, lines, origins, (*path, "status", j),
                                           f"{status!r} is not a status of {', '.join(types)} (statuses: "
                                           f"{', '.join(sorted(allowed))}): this matcher can never match"))
    return problems


def targets(data: dict[str, Any], filename: str, lines: Mapping, origins: Mapping,
            missing: set[tuple[Any, ...]]) -> list[ConfigProblem]:
    """Every apprise URL instantiated (apprise must accept it) and every ``template:`` file read and compiled."""
    receivers = data.get("receivers")
    receivers = [r for r in receivers if isinstance(r, dict)] if isinstance(receivers, list) else []
    if not any(r.get("urls") or r.get("template") for r in receivers):
        return []
    from alerts.target_checks import template_problem, url_problem  # apprise: imported only when needed

    problems = []
    for i, r in enumerate(receivers):
        urls = r.get("urls") if isinstance(r.get("urls"), list) else []
        for j, url in enumerate(urls):
            path = ("receivers", i, "urls", j)
            if isinstance(url, str) and path not in missing and (error := url_problem(url)):
                problems.append(problem_at(filename, lines, origins, path, error))
        template = r.get("template")
        if isinstance(template, str) and template and (error := template_problem(template, filename)):
            problems.append(problem_at(filename, lines, origins, ("receivers", i, "template"), error))
    return problems
