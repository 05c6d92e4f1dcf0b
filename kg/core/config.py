"""One frozen Settings value: every default of kg lives here and nowhere else."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
INSTALLED_ONTOLOGY = Path(sys.prefix) / "share" / "kg" / "ontology"  # where a non-editable install puts it


def default_ontology_dir() -> Path:
    """The project's ontology/ folder in a checkout, else the copy a regular `pip install` ships."""
    checkout = PROJECT_ROOT / "ontology"
    return checkout if checkout.is_dir() or not INSTALLED_ONTOLOGY.is_dir() else INSTALLED_ONTOLOGY


@dataclass(frozen=True)
class Settings:
    """Settings of one kg run; build a variant with `settings.with_(field=value)`."""

    ontology_dir: Path = field(default_factory=default_ontology_dir)
    out_dir: Path = Path("output")
    default_inputs: tuple[Path, ...] = (Path("seeds"),)
    suffixes: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
    max_file_bytes: int = 20 * 1024 * 1024
    min_confidence: float = 0.6
    extractors: tuple[str, ...] = ("lexicon", "open_vocabulary", "introductions", "slots", "brands", "glosses", "people",
                                   "departments", "employers", "structure", "scenarios", "recurrences", "patterns",
                                   "knowing", "makers", "layers", "career", "transitions", "essentials", "syllabus",
                                   "training", "usage", "stages", "family_makers", "made_with", "markets", "industry_labels",
                                   "fields", "content_kinds")
    strict: bool = False
    cache_dir: Path = field(default_factory=lambda: Path.home() / ".cache" / "kg")
    use_cache: bool = True  # reuse the extraction of articles whose text did not change
    validate: bool = True  # check the built graph against ontology/shapes.ttl (SHACL) and record it in run.json
    view_max_triples: int = 100_000  # past this, graph.html keeps few evidence nodes (graph.ttl keeps all)
    validate_max_triples: int = 50_000  # pySHACL takes ~45 s on 260k triples; past this, `kg validate` does it
    progress_threshold: int = 20  # show a progress bar from this many articles on
    workers: int = 0  # extraction processes; 0 = one per core once there are parallel_threshold articles or more
    parallel_threshold: int = 16
    store: str = "memory"  # `oxigraph:PATH`: kg build also loads the graph into that persistent store

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)
