"""kg.pipeline.cache: the extraction cache is keyed by all of kg's code, round-trips, and shrugs off damage."""

from __future__ import annotations

import hashlib
from pathlib import Path

import kg
from kg.core.config import Settings
from kg.core.model import Extraction
from kg.ingest.articles import ingest
from kg.pipeline.cache import PACKAGE, ExtractionCache, code_fingerprint


def test_the_fingerprint_covers_every_module_of_kg() -> None:
    root = Path(kg.__file__).resolve().parent
    assert PACKAGE == root, "the cache key must see the code of every package, not one folder of it"
    digest = hashlib.sha256()
    sources = sorted(root.rglob("*.py"))
    assert any(len(path.relative_to(root).parts) > 2 for path in sources), "nested packages are hashed too"
    for path in sources:
        digest.update(path.read_bytes())
    assert code_fingerprint() == digest.hexdigest()


def _document(tmp_path: Path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return ingest([tmp_path / name], Settings()).documents[0]


def test_an_extraction_round_trips_and_follows_a_renamed_file(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache", "ontology-hash", ("lexicon",))
    first = _document(tmp_path, "a.md", "# 标题\n\nAIGC产品经理需要懂Prompt设计。\n")
    assert cache.get(first) is None and cache.misses == 1
    cache.put(Extraction(first))
    assert cache.get(first) == Extraction(first) and cache.hits == 1
    moved = _document(tmp_path, "b.md", "# 标题\n\nAIGC产品经理需要懂Prompt设计。\n")
    assert cache.get(moved).document == moved, "the same text under another name is reused, re-homed"


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache", "ontology-hash", ("lexicon",))
    document = _document(tmp_path, "a.md", "一句话。\n")
    cache.put(Extraction(document))
    next(cache.folder.iterdir()).write_bytes(b"not a pickle")
    assert cache.get(document) is None and cache.misses == 1
