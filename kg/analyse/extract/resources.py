"""What extractors share: the ontology, the lexicon matcher, the segmenter and the settings, built once per process."""

from __future__ import annotations

from dataclasses import dataclass

from kg.core.config import Settings
from kg.analyse.lexicon import Lexicon
from kg.core.ontology import Ontology, load_ontology
from kg.analyse.segment import Segmenter


@dataclass(frozen=True)
class Resources:
    """Loaded, read-only resources of one run."""

    settings: Settings
    ontology: Ontology
    lexicon: Lexicon
    segmenter: Segmenter


def load_resources(settings: Settings) -> Resources:
    """Load the ontology, index the lexicon and prepare the segmenter with the user dictionary."""
    ontology = load_ontology(settings.ontology_dir)
    return Resources(settings, ontology, Lexicon(ontology), Segmenter(ontology))
