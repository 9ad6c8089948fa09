"""Which way of rendering each apprise URL gets: the table in ``alerts/templates/channels.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from alerts.escape import ESCAPERS


@dataclass(frozen=True)
class Channel:
    name: str
    schemes: tuple[str, ...]
    template: str
    format: str  # the body_format declared to apprise: text | markdown | html
    escape: str  # key of alerts.escape.ESCAPERS
    limit: int  # characters of body (and title when title_in_body)
    title_in_body: bool = False


@lru_cache(maxsize=1)
def channels() -> tuple[Channel, ...]:
    raw = yaml.safe_load(resources.files("alerts.templates").joinpath("channels.yaml").read_text("utf-8"))
    out = []
    for name, spec in raw["channels"].items():
        channel = Channel(name=name, schemes=tuple(spec["schemes"]), template=spec["template"],
                          format=spec["format"], escape=spec["escape"], limit=int(spec["limit"]),
                          title_in_body=bool(spec.get("title_in_body", False)))
        if channel.escape not in ESCAPERS or channel.format not in ("text", "markdown", "html"):
            raise ValueError(f"channels.yaml: {name}: unknown escape {channel.escape!r} or format {channel.format!r}")
        out.append(channel)
    return tuple(out)


def scheme_of(url: str) -> str:
    return url.split("://", 1)[0].lower() if "://" in url else ""


def channel_for(url: str) -> Channel:
    """The channel for an apprise URL (``console`` for the console receiver, the ``*`` fallback otherwise)."""
    scheme = "console" if url == "console" else scheme_of(url)
    table = channels()
    return next((c for c in table if scheme in c.schemes), next(c for c in table if "*" in c.schemes))


def channel_named(name: str) -> Channel:
    return next(c for c in channels() if c.name == name)
