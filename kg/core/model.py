"""Immutable values passed between pipeline stages: Document, Sentence, Mention, Relation, Evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata parsed from an article's header block; every field may be empty."""

    title: str = ""
    category: str = ""
    author: str = ""
    author_url: str = ""
    published: str = ""  # ISO date YYYY-MM-DD, or ""
    views: int | None = None
    comments: int | None = None
    collects: int | None = None
    tags: tuple[str, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article; text == Document.text[start:end]."""

    start: int
    end: int
    text: str
    section: tuple[str, ...] = ()  # heading path, outermost first
    is_heading: bool = False
    part: int = 0  # 1, 2, … for the pieces of a span over kg.ingest.text.MAX_SENTENCE_CHARS; 0 for a whole sentence


@dataclass(frozen=True)
class Document:
    """One decoded, normalised article with its metadata and sentences (furniture already excluded)."""

    doc_id: str  # stable id: relative path of the file under its input root, with '/' separators
    path: str  # the file path as given
    text: str  # decoded text, BOM removed, line endings normalised to \n
    sha256: str  # hex digest of text encoded as UTF-8
    encoding: str  # the encoding the file was decoded from
    meta: ArticleMeta
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names an entity of an ontology class."""

    doc_id: str
    start: int  # offsets into Document.text
    end: int
    surface: str  # the text as written
    cls: str  # ontology class local name, e.g. "Product"
    key: str  # normalised identity key: lexicon IRI or class-scoped normal form
    label: str  # display label (lexicon prefLabel or the surface form)
    rule: str  # extractor rule that found it
    confidence: float = 1.0
    iri: str = ""  # lexicon IRI when the lexicon knows the entity


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the article, the sentence, its offsets and the rule."""

    doc_id: str
    sentence: str
    start: int
    end: int
    rule: str
    section: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A typed fact between two mentioned entities, with its evidence."""

    subject: Mention
    predicate: str  # ontology property local name, e.g. "requiresSkill"
    object: Mention
    evidence: Evidence
    confidence: float = 1.0


class Token(NamedTuple):
    """One jieba token; offsets are into Document.text (a named tuple: there is one per word of the corpus)."""

    start: int
    end: int
    text: str
    tag: str = ""  # part-of-speech tag from jieba's dictionary ("" when the word is not in it)


@dataclass(frozen=True)
class Extraction:
    """A document with what the extractors found so far; each extractor returns a new one."""

    document: Document
    tokens: tuple[tuple[Token, ...], ...] = ()  # one tuple per sentence while extracting; () once analysed
    mentions: tuple[Mention, ...] = ()  # sorted by (start, end)
    relations: tuple[Relation, ...] = ()
