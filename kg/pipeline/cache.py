"""A content-hash cache of extractions: an unchanged article is not extracted again.

The key is the article's text hash; the cache folder is named after a fingerprint of everything else that shapes
extraction (kg's own source code, the ontology and lexicon, the extractor list), so any change there starts a
fresh cache. Resolution and graph building always run over every article, so a build from the cache equals a
clean build, and a deleted article simply drops out.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from kg.core.io import atomic_write
from kg.core.model import Document, Extraction

log = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parents[1]  # all of kg/


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of kg's Python sources: a new kg version never reuses an old cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ExtractionCache:
    """Pickled Extraction values under cache_dir/extractions/<fingerprint>/<text sha256>.pickle."""

    def __init__(self, cache_dir: Path, ontology_hash: str, extractors: tuple[str, ...]) -> None:
        seed = "\x1f".join((code_fingerprint(), ontology_hash, *extractors))
        self.folder = Path(cache_dir) / "extractions" / hashlib.sha256(seed.encode()).hexdigest()[:24]
        self.hits = 0
        self.misses = 0

    def _path(self, document: Document) -> Path:
        return self.folder / f"{document.sha256}.pickle"

    def get(self, document: Document) -> Extraction | None:
        """The cached extraction of a document with this text, or None; a damaged entry counts as a miss."""
        path = self._path(document)
        try:
            cached = pickle.loads(path.read_bytes())
        except FileNotFoundError:
            cached = None
        except Exception as exc:  # noqa: BLE001 — a truncated or foreign file: ignore it, it will be rewritten
            log.warning("ignoring damaged cache entry %s (%s)", path, exc)
            cached = None
        if not isinstance(cached, Extraction) or cached.document.sha256 != document.sha256:
            self.misses += 1
            return None
        self.hits += 1
        return _rehome(cached, document)

    def put(self, extraction: Extraction) -> None:
        """Store an extraction; a cache that cannot be written only costs speed."""
        try:
            atomic_write(self._path(extraction.document), pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:  # noqa: BLE001 — a cache that cannot be written only costs speed
            log.warning("cannot write the extraction cache (%s); continuing without it", exc)


def _rehome(cached: Extraction, document: Document) -> Extraction:
    """A cached extraction for the same text under this document's id and path (a renamed or copied file)."""
    if cached.document == document:
        return cached
    doc_id = document.doc_id
    mentions = tuple(_with_doc(m, doc_id) for m in cached.mentions)
    relations = tuple(type(r)(_with_doc(r.subject, doc_id), r.predicate, _with_doc(r.object, doc_id),
                              _with_doc(r.evidence, doc_id), r.confidence) for r in cached.relations)
    return Extraction(document, cached.tokens, mentions, relations)


def _with_doc(value, doc_id: str):
    """A frozen value with its doc_id replaced."""
    return replace(value, doc_id=doc_id)
