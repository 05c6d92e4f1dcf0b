"""Shared fixtures of the unit tests: loaded Resources (once per module) and in-memory document analysis."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import kg.analyse.extract
from kg.core.config import Settings
from kg.analyse.extract.resources import Resources, load_resources
from kg.ingest.articles import parse_document
from kg.core.model import Document, Extraction
from kg.pipeline.run import analyse


@pytest.fixture(scope="module")
def resources() -> Resources:
    """The real ontology, lexicon and segmenter, built once per test module."""
    return load_resources(Settings())


@pytest.fixture(scope="module")
def extractors(resources: Resources) -> list:
    """The default extractors, in the default order."""
    return kg.analyse.extract.create(Settings().extractors, resources)


@pytest.fixture(scope="module")
def make_doc() -> Callable[..., Document]:
    """Parse an in-memory article: make_doc(text, doc_id="t.md")."""

    def make(text: str, doc_id: str = "t.md") -> Document:
        return parse_document(text, doc_id, doc_id, "utf-8")

    return make


@pytest.fixture(scope="module")
def run(resources: Resources, extractors, make_doc) -> Callable[..., Extraction]:
    """Analyse an in-memory article with every default extractor: run(text, doc_id="t.md")."""

    def analyse_text(text: str, doc_id: str = "t.md") -> Extraction:
        return analyse(make_doc(text, doc_id), resources, extractors)

    return analyse_text
