"""Per-language resources built once from ``lexicons/<lang>/common.json``: titles, organisations,
demonyms, place prepositions, negation, the gazetteer and the set of known common words."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from detectors import registry
from detectors.gazetteer import Gazetteer
from detectors.patterns import PatternSet


def labelled(groups: dict[str, list[str]] | None) -> list[tuple[str, str]]:
    """``{"label": [pattern, …]}`` → ``[(label, pattern), …]``."""
    return [(label, p) for label, pats in (groups or {}).items() for p in pats]


@dataclass
class LanguageResources:
    lang: str
    titles: PatternSet  # label: high | other
    orgs: PatternSet  # label: org | group | high_org
    demonyms: PatternSet  # label: alpha-2 code
    place_preps: frozenset[str]
    locatives: frozenset[str]  # after these a lone capitalised word is a place ("im Kanzleramt")
    genitive_suffixes: tuple[str, ...]  # "Russlands" → Russland when the lemma table lacks the form
    place_articles: frozenset[str]
    name_particles: frozenset[str]
    not_names: frozenset[str]
    noun_suffixes: tuple[str, ...]
    determiners: frozenset[str]
    demonym_nouns: frozenset[str]
    gazetteer: Gazetteer
    known_words: frozenset[str]
    proper_nouns: frozenset[str]  # lemmas the lemma table reads only as names ("merkel"): not known words
    reporting: PatternSet  # "sagte", "said", "according to": a clause naming a source, not a participant
    subordinators: frozenset[str]  # first words of relative and subordinate clauses ("der", "who", "que")
    conjunctions: frozenset[str]  # "und", "and": two coordinated names are two people who meet
    first_person: frozenset[str]  # "wir", "we": a sentence naming nobody quotes the speaker named before it
    venues: frozenset[str] = frozenset()  # "villa", "schloss": a name they head is a place, not a person
    modifier_preps: frozenset[str] = frozenset()  # "Botschafter für Libyen": a named title's remit (modifiers)
    unnamed_orgs: frozenset[str] = frozenset()  # "Delegation": a body that names no one on its own (modifiers)
    capacity_words: frozenset[str] = frozenset()  # "als EU halte ich …": the capacity a speaker talks in (modifiers)
    place_adjectives: dict[str, str] = field(default_factory=dict)  # "berliner" → Berlin ("Berliner Konferenz")
    proxy_nouns: frozenset[str] = frozenset()  # "Haftars Delegation": the leader who owns one is not there in person
    named_summits: PatternSet = field(default_factory=lambda: PatternSet(()))  # "Berliner Konferenz": high level

    @classmethod
    def build(
        cls, lang: str, known_words: frozenset[str], stop_words: frozenset[str] = frozenset(),
        proper_nouns: frozenset[str] = frozenset(),
    ) -> LanguageResources:
        common = registry.lexicon(lang, "common") or {}
        demonyms = [(code, p) for code, pats in (common.get("demonyms") or {}).items() for p in pats]
        return cls(
            lang=lang,
            titles=PatternSet(labelled(common.get("titles"))),
            orgs=PatternSet(labelled(common.get("orgs"))),
            demonyms=PatternSet(demonyms),
            place_preps=frozenset(common.get("place_prepositions", ())),
            locatives=frozenset(common.get("locatives", ())),
            genitive_suffixes=tuple(common.get("genitive_suffixes", ())),
            place_articles=frozenset(common.get("place_articles", ())),
            name_particles=frozenset(common.get("name_particles", ())),
            not_names=frozenset(w.lower() for w in common.get("not_names", ())) | stop_words,
            noun_suffixes=tuple(common.get("noun_suffixes", ())),
            determiners=frozenset(common.get("determiners", ())),
            demonym_nouns=frozenset(common.get("demonym_nouns", ())),
            gazetteer=Gazetteer(
                lang, common.get("country_aliases", {}), common.get("not_places", []), common.get("regions", [])
            ),
            reporting=PatternSet(("report", p) for p in common.get("reporting", ())),
            subordinators=frozenset(w.lower() for w in common.get("subordinators", ())),
            conjunctions=frozenset(w.lower() for w in common.get("conjunctions", ())),
            first_person=frozenset(w.lower() for w in common.get("first_person", ())),
            venues=frozenset(w.lower() for w in common.get("venues", ())),
            modifier_preps=frozenset(w.lower() for w in common.get("modifier_prepositions", ())),
            unnamed_orgs=frozenset(w.lower() for w in common.get("unnamed_orgs", ())),
            capacity_words=frozenset(w.lower() for w in common.get("capacity_words", ())),
            place_adjectives={k.lower(): v for k, v in (common.get("place_adjectives") or {}).items()},
            proxy_nouns=frozenset(w.lower() for w in common.get("proxy_nouns", ())),
            named_summits=PatternSet(("summit", p) for p in common.get("named_summits", ())),
            known_words=known_words,
            proper_nouns=proper_nouns,
        )


@cache
def resources(
    lang: str, known_words: frozenset[str] = frozenset(), stop_words: frozenset[str] = frozenset(),
    proper_nouns: frozenset[str] = frozenset(),
) -> LanguageResources:
    return LanguageResources.build(lang, known_words, stop_words, proper_nouns)
