"""Extractor registry: `@register("name")` adds a factory; `create` builds extractors, naming the known ones on a typo."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol

from kg.core.errors import ExtractorError
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction


class Extractor(Protocol):
    """Takes an Extraction and returns a new one with more mentions or relations."""

    def __call__(self, state: Extraction) -> Extraction: ...


Factory = Callable[[Resources], Extractor]
_REGISTRY: dict[str, Factory] = {}
_BUILTIN_MODULES = tuple(f"kg.analyse.extract.{name}" for name in (
    "lexicon_match", "open_vocabulary", "introductions", "slots", "brands", "glosses", "people", "departments",
    "employers", "structure", "scenarios", "recurrences", "patterns", "knowing", "makers", "layers", "career", "transitions", "essentials", "syllabus",
    "training", "usage", "stages", "family_makers", "made_with", "markets", "industry_labels", "fields", "content_kinds"))


def register(name: str) -> Callable[[Factory], Factory]:
    """Class or function decorator adding an extractor factory under `name`."""

    def add(factory: Factory) -> Factory:
        _REGISTRY[name] = factory
        return factory

    return add


def available() -> tuple[str, ...]:
    """Names of every registered extractor, built-ins included."""
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)
    return tuple(sorted(_REGISTRY))


def create(names: tuple[str, ...], resources: Resources) -> list[Extractor]:
    """Build the named extractors in order; an unknown name raises ExtractorError listing the known ones."""
    known = available()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ExtractorError(
            f"unknown extractor {', '.join(map(repr, unknown))}",
            fix=f"choose from: {', '.join(known)}",
        )
    return [_REGISTRY[name](resources) for name in names]
