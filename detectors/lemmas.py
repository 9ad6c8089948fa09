"""spacy-lookups-data lemma tables (form → lemma) and what the engine derives from them, cached on disk
(``detectors.cache``): reading and cleaning a table's gzipped JSON took ~0.5–0.9 s per language."""

from __future__ import annotations

from collections.abc import Iterable

from detectors import cache


def _read_table(lang: str) -> dict[str, str] | None:
    try:
        import spacy_lookups_data
    except ImportError:
        return None
    files = getattr(spacy_lookups_data, lang, None)
    if not isinstance(files, dict) or "lemma_lookup" not in files:
        return None
    import spacy

    data = spacy.util.load_language_data(files["lemma_lookup"])
    table: dict[str, str] = {}
    for form, lemma in data.items():
        if isinstance(lemma, list):  # some tables (fr) list candidate lemmas: take the first
            lemma = lemma[0] if lemma else None
        if isinstance(form, str) and isinstance(lemma, str):
            table[form] = lemma
    return table


def _table_key(lang: str) -> str:
    return cache.key("lemma-table", lang, cache.version("spacy-lookups-data"), cache.version("spacy"))


def lemma_table(lang: str) -> dict[str, str] | None:
    """The spacy-lookups-data lemma lookup table (form → lemma), or None when the language has none."""
    return cache.cached(f"lemma-table-{lang}", _table_key(lang), lambda: _read_table(lang))


def lemma_words(lang: str, table: dict[str, str] | None) -> frozenset[str]:
    """Every lemma of ``table``, lowercased (words that are not names)."""
    if table is None:
        return frozenset()
    return cache.cached(f"lemma-words-{lang}", _table_key(lang), lambda: frozenset(v.lower() for v in table.values()))


def _proper_nouns(table: dict[str, str]) -> frozenset[str]:
    forms: dict[str, set[str]] = {}
    for form, lemma in table.items():
        forms.setdefault(lemma, set()).add(form)
    lower = frozenset(lemma for lemma in forms if lemma[:1].islower())
    if len(lower) > 0.8 * len(forms):  # common nouns are not capitalised (en: "American", "April" are words)
        return frozenset()
    return frozenset(
        lemma.lower() for lemma, fs in forms.items()
        if lemma[:1].isupper() and fs <= {lemma, lemma + "s", lemma + "'"} and lemma.lower() not in lower
    )


def proper_nouns(lang: str, table: dict[str, str] | None) -> frozenset[str]:
    """Lemmas (lowercased) the table reads only as proper nouns: capitalised, inflected at most by a genitive
    "-s" ("Merkel", "Merkels"; "München"), with no lowercase reading. They are names, not common words: a
    capitalised one in a sentence is a person or a place (the gazetteer tells places apart), never a noun.
    Only in a language whose table capitalises common nouns (German): elsewhere capitals tell nothing."""
    if table is None:
        return frozenset()
    return cache.cached(f"proper-nouns-{lang}", cache.key(_table_key(lang), "v2"), lambda: _proper_nouns(table))


def inflections(lang: str, table: dict[str, str] | None, words: Iterable[str]) -> frozenset[str]:
    """Every form (lowercased) whose lemma is one of ``words`` (lowercase): "traf" for "treffen"."""
    wanted = frozenset(words)
    if table is None:
        return frozenset()
    entry = cache.key(_table_key(lang), cache.words_key(wanted))
    return cache.cached(
        f"inflections-{lang}", entry,
        lambda: frozenset(form.lower() for form, lemma in table.items() if lemma.lower() in wanted),
    )
