"""What every fuzz module shares: the hypothesis settings (KG_FUZZ_EXAMPLES sets the budget) and loaded resources."""

from __future__ import annotations

import os
from functools import lru_cache

from hypothesis import HealthCheck, settings

from kg.core.config import Settings
from kg.analyse.extract import create
from kg.analyse.extract.resources import Resources, load_resources

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=1)
def loaded() -> tuple[Resources, list]:
    """The real ontology, lexicon, segmenter and default extractors, built once per test session."""
    resources = load_resources(Settings())
    return resources, create(Settings().extractors, resources)
