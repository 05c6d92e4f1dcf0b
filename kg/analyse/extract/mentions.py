"""Helpers extractors share for making and placing mentions."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.core.model import Document, Extraction, Mention, Sentence
from kg.core.normalize import clean_label, match_key
from kg.core.ontology import LexiconEntry
from kg.ingest.text import link_spans

COORDINATED = re.compile(r"^[\s*“”\"]*(?:、|和|与|及|以及|或|跟|/|，)[\s*“”\"]*$")


def lexicon_mention(doc: Document, start: int, end: int, entry: LexiconEntry, rule: str) -> Mention:
    """A mention of a known entity."""
    return Mention(doc.doc_id, start, end, doc.text[start:end], entry.cls, entry.iri, entry.label, rule, 1.0, entry.iri)


def new_mention(doc: Document, start: int, end: int, cls: str, rule: str, confidence: float,
                label: str | None = None) -> Mention:
    """A mention of an entity the lexicon does not know, keyed by class and normalised name."""
    shown = clean_label(label if label is not None else doc.text[start:end])
    return Mention(doc.doc_id, start, end, doc.text[start:end], cls, f"{cls}:{match_key(shown)}", shown, rule,
                   confidence)


def by_sentence(mentions: tuple[Mention, ...], sentences: tuple[Sentence, ...]) -> list[list[Mention]]:
    """For each sentence, the mentions inside it in text order (one bisect per sentence, not a scan)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    return [[m for m in ordered[bisect_left(starts, s.start):bisect_left(starts, s.end)] if m.end <= s.end]
            for s in sentences]


def with_mentions(state: Extraction, added: list[Mention], removed: set[Mention] = frozenset()) -> Extraction:
    """An Extraction with mentions added and removed (the same one when there are none), kept in one total order
    (never set order) and free of exact duplicates."""
    if not added and not removed:
        return state  # (its mentions came from here: in order and free of duplicates already)
    merged = {m for m in state.mentions if m not in removed} | set(added)
    ordered = tuple(sorted(merged, key=lambda m: (m.start, m.end, m.cls, m.key, m.rule, m.confidence, m.label)))
    return Extraction(state.document, state.tokens, ordered, state.relations)


def link_ranges(sentence: Sentence) -> list[tuple[int, int]]:
    """Document offsets of the link targets and URLs inside a sentence."""
    return [(sentence.start + s, sentence.start + e) for s, e in link_spans(sentence.text)]


def in_links(start: int, end: int, links: list[tuple[int, int]]) -> bool:
    """True when [start, end) touches a link target or URL."""
    return any(start < e and s < end for s, e in links)


def overlaps(mention: Mention, start: int, end: int) -> bool:
    """True when the mention and [start, end) share a character."""
    return mention.start < end and start < mention.end


def coordinated(text: str, mention: Mention, others: list[Mention], backward: bool = False) -> list[Mention]:
    """The mentions of `others` (nearest first) listed one after another with this one by 、 / 和 / 与 …."""
    listed, edge = [], mention
    for other in others:
        if not COORDINATED.match(text[other.end:edge.start] if backward else text[edge.end:other.start]):
            break
        listed.append(other)
        edge = other
    return listed


def between(masked: str, sentence: Sentence, a: Mention, b: Mention) -> str:
    """The masked sentence text between two mentions."""
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return masked[max(lo - sentence.start, 0): max(hi - sentence.start, 0)]
