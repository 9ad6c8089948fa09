"""Whether a receiver's targets can work: apprise instantiates each URL, each ``template:`` file compiles.

Used by ``alerts.config.load_config`` (lazily: apprise takes a while to import). Messages never repeat a URL
(URLs carry tokens): they name its scheme.
"""

from __future__ import annotations

import difflib
import logging
import os
from functools import lru_cache
from pathlib import Path

import apprise
from jinja2 import TemplateError

from alerts.render import compile_template


@lru_cache(maxsize=1)
def known_schemes() -> frozenset[str]:
    """Every URL scheme the installed apprise has a plugin for."""
    from apprise.manager_plugins import NotificationManager

    return frozenset(s.lower() for s in NotificationManager().schemas())


def url_problem(url: str) -> str | None:
    """None when apprise can use ``url``; else why not, naming only its scheme."""
    quiet = logging.getLogger("apprise")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # apprise logs its own complaint (with the URL): ours is clearer
    try:
        plugin = apprise.Apprise.instantiate(url)
    finally:
        quiet.setLevel(level)
    if plugin is not None:
        return None
    if "://" not in url:
        return "not a notification URL (apprise URLs look like mmost://host/token, slack://…, mailto://user@host)"
    scheme = url.split("://", 1)[0].lower()
    if scheme not in known_schemes():
        close = difflib.get_close_matches(scheme, sorted(known_schemes()), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}://?)" if close else ""
        return f"apprise has no notification service {scheme}://{hint}"
    return f"apprise cannot use this {scheme}:// URL: a host, token or other required part is missing or invalid"


def template_problem(template: str, config_file: str) -> str | None:
    """None when the ``template:`` file (relative to the config file) reads and compiles; else why not."""
    p = Path(os.path.expanduser(template))
    if not p.is_absolute() and config_file != "<defaults>":
        p = Path(config_file).parent / p
    try:
        compile_template(p.read_text("utf-8"))
    except OSError as exc:
        return f"template {str(p)!r} cannot be read: {exc.strerror}"
    except UnicodeDecodeError as exc:
        return f"template {str(p)!r} is not UTF-8 text: {exc.reason}"
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        return f"template {str(p)!r}{f' line {line}' if line else ''} does not compile: {exc.message or exc}"
    return None
