"""Resolution: mentions become entities (one per lexicon entry or per discovered name), relations are checked
against the ontology's domains and ranges, and low-confidence findings are set aside as candidates. A discovered
name's confidence also weighs the corpus evidence of kg.analyse.corpus_stats: its neighbours across every article."""

from __future__ import annotations

import bisect
import logging
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from kg.analyse.corpus_stats import NameStats, adjusted_confidence, name_stats
from kg.analyse.extract.structure import CUE_RULE
from kg.analyse.lexicon import Lexicon
from kg.core.model import Document, Evidence, Extraction, Mention, Relation
from kg.core.namespaces import KGR
from kg.core.normalize import clean_label, is_cjk, match_key
from kg.core.ontology import Ontology

log = logging.getLogger(__name__)
ALIAS_RULES = frozenset({"lexicon"})  # only these rules see a known entity's own name; others see a cue word
IMPLIED_RULES = frozenset({CUE_RULE})  # the article implies, but does not name, these entities


@dataclass(frozen=True)
class Entity:
    """One node of the graph."""

    key: str
    iri: str
    cls: str
    label: str
    label_en: str
    aliases: tuple[str, ...]
    known: bool  # in the lexicon
    confidence: float
    definition: str = ""


@dataclass(frozen=True)
class Fact:
    """A relation between two entities with every piece of evidence for it."""

    subject: str  # entity key
    predicate: str
    object: str
    evidence: tuple[Evidence, ...]
    confidence: float


@dataclass(frozen=True)
class Candidate:
    """A name the lexicon does not know, for review: held out of the graph, or in it as a discovered entity."""

    label: str
    cls: str
    confidence: float
    count: int
    rule: str
    examples: tuple[str, ...]
    in_graph: bool = False


@dataclass(frozen=True)
class Resolved:
    """Entities, facts and per-article mentions (with one evidence each), plus candidates set aside."""

    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    mentions: tuple[tuple[str, str, Evidence], ...]  # (doc_id, entity key, evidence), sorted
    candidates: tuple[Candidate, ...]
    rejected: int  # relations dropped by domain / range checks


def iri_safe(text: str) -> str:
    """Text usable in an IRI path segment: letters and digits of any script kept, everything else %-encoded."""
    out = []
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "-._~") or not ch.isascii() and unicodedata.category(ch)[0] in "LN":
            out.append(ch)
        else:
            out.append(quote(ch.encode("utf-8", "surrogatepass"), safe=""))
    return "".join(out)


def entity_iri(cls: str, label: str) -> str:
    """IRI of a discovered entity: class + match key, IRI-safe (RFC 3987) and deterministic."""
    return f"{KGR}{cls}-{iri_safe(match_key(label))}"


def resolve(extractions: list[Extraction], ontology: Ontology, lexicon: Lexicon, min_confidence: float) -> Resolved:
    """Merge the extractions of every document into one set of entities and facts."""
    found = [m for e in extractions for m in e.mentions]
    canonical = _canonical_keys(found, lexicon)
    relations = [r for e in extractions for r in e.relations]
    in_facts = {canonical[m.key] for r in relations if r.confidence >= min_confidence for m in (r.subject, r.object)}
    entities, candidates = _entities(found, canonical, lexicon, min_confidence,
                                     {e.document.doc_id: e.document for e in extractions}, in_facts)
    kept = {e.key for e in entities}
    facts, rejected = _facts(relations, canonical, kept,
                             {e.key: e.cls for e in entities}, ontology, min_confidence)
    mentions = _article_mentions(extractions, canonical, kept)
    used = {key for _, key, _ in mentions} | {f.subject for f in facts} | {f.object for f in facts}
    return Resolved(tuple(e for e in entities if e.key in used), tuple(facts), mentions, tuple(candidates), rejected)


def _canonical_keys(mentions: list[Mention], lexicon: Lexicon) -> dict[str, str]:
    """Mention key → entity key: a discovered name gets one class, or its lexicon entry. The class is the one of its
    most confident typing (a typing cue beats any number of untyped guesses), ties broken by total support."""
    support: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for m in mentions:
        if not m.iri:
            best, total = support[match_key(m.label)].get(m.cls, (0.0, 0.0))
            support[match_key(m.label)][m.cls] = (max(best, m.confidence), total + m.confidence)
    canonical = {}
    for m in mentions:
        if m.iri:
            canonical[m.key] = m.key
            continue
        entry = lexicon.lookup(m.label)
        if entry is not None and entry.cls == m.cls:
            canonical[m.key] = entry.iri
            continue
        best = max(sorted(support[match_key(m.label)].items()), key=lambda item: item[1])[0]
        canonical[m.key] = f"{best}:{match_key(m.label)}"
    return canonical


def _entities(mentions, canonical, lexicon, min_confidence, documents, in_facts: set[str]) \
        -> tuple[list[Entity], list[Candidate]]:
    """One Entity per canonical key that passes the confidence bar (`in_facts`: the keys a stated fact ties in);
    the rest become candidates."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[canonical[m.key]].append(m)
    stats = _corpus_stats(grouped, lexicon, documents)
    entities, candidates = [], []
    for key in sorted(grouped):
        group = grouped[key]
        entry = lexicon.by_iri.get(key)
        surfaces = sorted({clean_label(m.surface) for m in group if m.rule in ALIAS_RULES or not m.iri} - {""})
        if entry is not None:
            aliases = sorted(set(entry.aliases) | set(surfaces) - {entry.label})
            entities.append(Entity(key, entry.iri, entry.cls, entry.label, entry.label_en, tuple(aliases), True, 1.0,
                                   entry.definition))
            continue
        cls = key.split(":", 1)[0]
        label = _display_label(group)
        confidence = adjusted_confidence(max((m.confidence for m in group if m.cls == cls), default=0.0), stats.get(key),
                                         len({m.doc_id for m in group}), len(documents), key in in_facts)
        if confidence < min_confidence:
            candidates.append(_candidate(label, cls, confidence, group, documents))
            continue
        label_en = label if not any(is_cjk(ch) for ch in label) else ""
        aliases = tuple(s for s in surfaces if s != label)
        entities.append(Entity(key, entity_iri(cls, label), cls, label, label_en, aliases, False, confidence))
    return entities, candidates


def _corpus_stats(grouped: dict[str, list[Mention]], lexicon: Lexicon,
                  documents: dict[str, Document]) -> dict[str, NameStats]:
    """Corpus statistics of every discovered name over the sentences of every article (furniture left out)."""
    spellings = {key: {m.surface for m in group} for key, group in grouped.items() if key not in lexicon.by_iri}
    texts = ["\n".join(s.text for s in documents[doc_id].sentences) for doc_id in sorted(documents)]
    return name_stats(texts, spellings)


def _display_label(group: list[Mention]) -> str:
    """The most frequent cleaned label of a group (ties: the smallest string), so the choice is deterministic."""
    counts = Counter(m.label for m in group)
    return min(counts, key=lambda label: (-counts[label], label))


def _candidate(label: str, cls: str, confidence: float, group: list[Mention], documents: dict[str, Document]) -> Candidate:
    """A review-queue entry with up to three example sentences."""
    examples = []
    for m in sorted(group, key=lambda m: (m.doc_id, m.start)):
        sentence = sentence_at(documents[m.doc_id], m.start)
        if sentence and sentence not in examples:
            examples.append(sentence)
    return Candidate(label, cls, confidence, len(group), min(m.rule for m in group), tuple(examples[:3]))


def _facts(relations, canonical, kept, classes, ontology, min_confidence) -> tuple[list[Fact], int]:
    """Group relations into facts; drop those whose ends are not entities or break the property's domain / range."""
    grouped: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    rejected = 0
    for r in relations:
        s, o = canonical[r.subject.key], canonical[r.object.key]
        if s not in kept or o not in kept or s == o or r.confidence < min_confidence:
            continue
        spec = ontology.properties[r.predicate]
        if classes[s] not in spec.domain or classes[o] not in spec.range:
            rejected += 1
            log.debug("dropped %s %s %s: outside domain/range", s, r.predicate, o)
            continue
        grouped[(s, r.predicate, o)].append(r)
    facts = []
    for (s, p, o), group in sorted(grouped.items()):
        evidence = tuple(sorted({r.evidence for r in group}, key=lambda e: (e.doc_id, e.start, e.rule)))
        facts.append(Fact(s, p, o, evidence, max(r.confidence for r in group)))
    return facts, rejected


def _article_mentions(extractions, canonical, kept) -> tuple[tuple[str, str, Evidence], ...]:
    """(doc_id, entity key, evidence of its first mention) for every entity an article mentions."""
    rows = []
    for extraction in extractions:
        doc = extraction.document
        first: dict[str, Mention] = {}
        for m in extraction.mentions:
            key = canonical[m.key]
            if key in kept and key not in first and m.rule not in IMPLIED_RULES:
                first[key] = m
        starts = [s.start for s in doc.sentences]
        for key, m in first.items():
            sentence = doc.sentences[max(bisect.bisect_right(starts, m.start) - 1, 0)]
            rows.append((doc.doc_id, key, Evidence(doc.doc_id, sentence.text, sentence.start, sentence.end,
                                                   m.rule, sentence.section)))
    return tuple(sorted(rows, key=lambda row: (row[0], row[1])))


def _sentence_index(doc: Document, offset: int) -> int:
    """Index of the sentence containing an offset."""
    return max(bisect.bisect_right(doc.sentences, offset, key=lambda s: s.start) - 1, 0)


def sentence_at(doc: Document, offset: int) -> str:
    """Text of the sentence containing an offset ('' for a document without sentences)."""
    return doc.sentences[_sentence_index(doc, offset)].text if doc.sentences else ""
