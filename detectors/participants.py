"""Who takes part in a meeting: the actors of the trigger's own clause, not those named in a relative or
reporting clause; and whether an article names office-holders an anaphoric "the talks" can refer to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from detectors.arguments import ABOUT_TRIGGER, PUNCT, Arguments, extract, reporting_spans, sentence_parts
from detectors.language import LanguageResources
from detectors.modifiers import in_aside
from detectors.patterns import PatternSet
from detectors.places import is_cap
from detectors.text import Sentence


def keep_participants(
    sent: Sentence, res: LanguageResources, args: Arguments, trigger: tuple[int, int],
    triggers: Sequence[tuple[int, int]] = (),
) -> None:
    """Keep the actors who take part in the event at ``trigger``: drop those named only in a subordinate or
    relative clause ("Putin, der Haftar unterstützt, traf Merkel") or in a clause that reports a source
    ("…, sagte Regierungssprecher Seibert") — unless no person or organisation would be left. A clause holding
    another of the sentence's ``triggers`` speaks of the same meeting ("…, où il a eu des entretiens avec …")."""
    if len(args.actors) < 2 or len(args.spans) != len(args.actors):
        return
    home = sent.clause(*trigger)
    reports = reporting_spans(sent, res)
    # a relative clause right after a trigger that ends its clause is about the meeting itself:
    # "Bei dem Staatsbesuch in China, den Erdogan am Mittwoch begann, …"
    about_trigger = home[1] - trigger[1] <= ABOUT_TRIGGER
    asides = [*quoted(sent), *_dashed_relatives(sent, res)]
    keep: list[int] = []
    for k, (i, j) in enumerate(args.spans):
        if in_aside(asides, (i, j), trigger) or (args.actors[k].kind == "org" and _after_locative(sent, res, i)):
            continue  # "…, wie wir Erdogan drängten" in a quote; "Putin - der Haftar unterstützt -"; "im Ministerium"
        a, b = sent.clause(i, j)
        if (a, b) == home or any(a <= t0 < b for t0, _t1 in (trigger, *triggers)):
            keep.append(k)
            continue
        if any(a <= s < b for s, _e in reports):
            continue
        if _opens_subordinate(sent, res, a) and not (about_trigger and a == home[1] + 1):
            continue
        keep.append(k)
    if not any(args.actors[k].kind != "country" for k in keep):
        return
    args.actors = [args.actors[k] for k in keep]
    args.spans = [args.spans[k] for k in keep]


def reported_only_high(
    sent: Sentence, res: LanguageResources, args: Arguments, trigger: tuple[int, int], reporting: PatternSet
) -> bool:
    """Every high office of the sentence (a high title, a listed leader) stands before a reporting word that comes
    before the trigger, and none after it: "U.S. president Donald Trump says that ceasefire talks are ongoing",
    "the military advisor to the Supreme Leader says that negotiations are in a deadlock". The speaker reports the
    meeting and takes no part in it (the corpus labels such a held meeting ``other``). A named summit or a high
    organisation keeps the level. ``reporting``: the meeting lexicon's ``speaker_reports`` (English only: German
    "Merkel sagte, die Gespräche seien konstruktiv" tells of her own talks, and cross-validated worse)."""
    if not args.high or args.named_summit or not reporting:
        return False
    reports = [m.start for m in reporting.in_sentence(sent) if m.start < trigger[0]]
    if not reports:
        return False
    r = max(reports)
    parts = sentence_parts(sent, res, set())
    if any(m.label == "high_org" for m in parts.orgs):
        return False
    highs = [m.end for m in parts.titles if m.label.startswith("high")]
    highs += [j for _i, j in args.leaders]  # the leaders extract counts for the level
    return bool(highs) and all(end <= r for end in highs)


_QUOTES = frozenset("\"«»„“”")
_DASHES = frozenset({"-", "–", "—"})
SPEECH = 4  # tokens: a quote this long is speech, a shorter one a quoted term ('den "Waffenstillstand"')


def quoted(sent: Sentence) -> list[tuple[int, int]]:
    """Token ranges of quoted speech (quotation marks taken in pairs; an unclosed one runs to the end)."""
    marks = [k for k, t in enumerate(sent.texts) if t in _QUOTES]
    pairs = [(marks[n] + 1, marks[n + 1] if n + 1 < len(marks) else len(sent)) for n in range(0, len(marks), 2)]
    return [(a, b) for a, b in pairs if b - a >= SPEECH]


def _dashed_relatives(sent: Sentence, res: LanguageResources) -> list[tuple[int, int]]:
    """Token ranges between two free-standing dashes that open with a relative pronoun or subordinator
    ("Wladimir Putin - der Haftar unterstützt - sandte …")."""
    texts, starts = sent.texts, sent.starts
    dashes = [k for k, t in enumerate(texts) if t in _DASHES and 0 < k < len(texts) - 1
              and starts[k] > starts[k - 1] + len(texts[k - 1]) and starts[k + 1] > starts[k] + len(t)]
    return [(a + 1, b) for a, b in pairwise(dashes)
            if sent.lowers[a + 1] in res.subordinators]


def _after_locative(sent: Sentence, res: LanguageResources, i: int) -> bool:
    """Token ``i`` follows a locative preposition, maybe with an article: "im Außenministerium" is a place."""
    k = i - 1
    if k > 0 and sent.lowers[k] in res.place_articles:
        k -= 1
    return k >= 0 and sent.lowers[k] in res.locatives


def _opens_subordinate(sent: Sentence, res: LanguageResources, a: int) -> bool:
    """The clause starting at token ``a`` (after a comma) opens with a relative pronoun or a subordinator,
    directly or after a preposition ("…, mit dem er sprach")."""
    if a == 0:
        return False
    words = sent.lowers[a : a + 2]
    if not words:
        return False
    if words[0] in res.subordinators:
        # "der", "die" also open an apposition: "…, der EU-Außenbeauftragten Federica Mogherini"
        # ending in a name or noun, not in a verb: "…, der EU-Außenbeauftragten Federica Mogherini und …"
        end = sent.clause(a, a + 1)[1]
        while end > a + 1 and sent.texts[end - 1] in PUNCT:
            end -= 1
        apposition = (words[0] in res.determiners and is_cap(sent.texts[end - 1])
                      and any(a < m.start <= a + 3 for m in sentence_parts(sent, res, set()).titles))
        return not apposition
    return len(words) > 1 and words[1] in res.subordinators


def names_office_holders(sentences: list[Sentence], res: LanguageResources, known: set[str]) -> bool:
    """Some sentence names a person with an office ("Präsident Santos", "Secretary of State Rubio"): what an
    anaphoric "the talks" in another sentence can refer to."""
    for sent in sentences:
        parts = sentence_parts(sent, res, known)
        if any(m.end <= a <= m.end + 1 or m.start - 1 <= b <= m.start for m in parts.titles for a, b in parts.names):
            return True
    return False


def from_previous(
    sent: Sentence, prev: Callable[[], Sentence], res: LanguageResources, known: set[str], args: Arguments
) -> bool:
    """A meeting sentence that names nobody and speaks in the first person ("Dann möchten wir weitere
    Konsultationen mit ihnen führen.") quotes a speaker the sentence before names (``prev`` builds it): its
    first named person joins ``args``. Returns whether one did. (Borrowing for any sentence naming nobody was
    tried and dropped: "Am 24. November das erste Treffen in Bengasi." names its participants after it.)"""
    if args.actors or res.first_person.isdisjoint(sent.lowers):
        return False
    before_sent = prev()  # built only when needed
    before = extract(before_sent, res, (len(before_sent), len(before_sent)), known)
    people = [(span, a) for span, a in zip(before.spans, before.actors, strict=False) if a.kind == "person"]
    if not people:
        return False
    _span, actor = min(people, key=lambda p: p[0][0])
    args.actors.append(actor)
    args.political = args.people = True
    args.titled = args.titled or actor.role is not None or " " in actor.text
    return True
