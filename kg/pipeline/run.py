"""The pipeline: ingest → segment → extract → resolve → build, then publish graph.ttl, graph.html, run.json."""

from __future__ import annotations

import ctypes
import functools
import gc
import json
import logging
import multiprocessing
import os
import platform
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.graph.build import build_text
from kg.pipeline.cache import ExtractionCache
from kg.core.config import Settings
from kg.core.errors import ExtractorError, printable
from kg.analyse.extract import create
from kg.analyse.extract.resources import Resources, load_resources
from kg.ingest.articles import IngestResult, ingest
from kg.core.model import Document, Extraction
from kg.core.namespaces import KG, PREFIXES
from kg.pipeline.publish import HTML_FILE, REPORT_FILE, TURTLE_FILE, Publication, publishing
from kg.analyse.resolve import Resolved, resolve
from kg.sparql.store import parse_spec
from kg.ingest.text import split_count
from kg.graph.turtle import TYPE, GraphText, Terms, parse_turtle
from kg.graph.validate import validate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the canonical graph as Turtle, the graph the HTML shows, the run report, and the
    intermediate values."""

    text: GraphText
    view: Graph  # the whole graph, or for builds over view_max_triples the graph without most evidence nodes
    report: dict  # run.json's content plus the VOLATILE figures (timings, cache hits)
    documents: tuple[Document, ...] = ()
    resolved: Resolved | None = None
    files: tuple[Path, ...] = field(default=())

    @functools.cached_property
    def turtle(self) -> str:
        """The canonical graph as Turtle, the text of graph.ttl."""
        return self.text.turtle()

    @functools.cached_property
    def graph(self) -> Graph:
        """The canonical RDF graph as an rdflib Graph."""
        return self.view if self.report["view"]["complete"] else parse_turtle(self.turtle)

    @property
    def networkx(self) -> nx.MultiDiGraph:
        """The NetworkX projection of the RDF graph."""
        from kg.graph.views import to_networkx

        return to_networkx(self.graph)


def analyse(document: Document, resources: Resources, extractors) -> Extraction:
    """Segment one document and run every extractor over it, checking each result; the tokens are not kept."""
    tokens = tuple(resources.segmenter.tokens(s.text, s.start) for s in document.sentences)
    state = Extraction(document, tokens)
    for extractor in extractors:
        before = state.mentions
        state = extractor(state)
        if state.mentions is not before:  # (an extractor that adds relations only leaves the mentions as they were)
            _check(state, extractor)
    return Extraction(document, (), state.mentions, state.relations)  # tokens stay in the worker: they are the bulk


def _check(state: Extraction, extractor) -> None:
    """An extractor must return mentions inside the text, with text-true surfaces."""
    text = state.document.text
    for mention in state.mentions:
        if not (0 <= mention.start < mention.end <= len(text)) or text[mention.start:mention.end] != mention.surface:
            raise ExtractorError(f"{type(extractor).__name__} returned a mention outside its text: {mention}",
                                 where=state.document.doc_id, fix="this is a bug in the extractor")


def worker_count(settings: Settings, documents: int) -> int:
    """How many extraction processes to use: the setting, or one per core for large inputs."""
    if settings.workers:
        return max(1, settings.workers)
    return min(os.cpu_count() or 1, documents) if documents >= settings.parallel_threshold else 1


def _extract_all(documents, resources: Resources, extractors, settings: Settings, progress,
                 cache: ExtractionCache | None) -> list[Extraction]:
    """Every document's extraction: from the cache when its text is unchanged, else analysed (in worker processes
    for large inputs); the result does not depend on the cache or the worker count."""
    cached = {d.doc_id: found for d in documents if cache and (found := cache.get(d)) is not None}
    with fewer_collections():
        fresh = _analyse_all([d for d in documents if d.doc_id not in cached], resources, extractors, settings,
                             progress)
    if cache:
        for extraction in fresh:
            cache.put(extraction)
    by_id = {**cached, **{e.document.doc_id: e for e in fresh}}
    return [by_id[d.doc_id] for d in documents]


def _analyse_all(documents, resources: Resources, extractors, settings: Settings, progress) -> list[Extraction]:
    """Analyse documents, in worker processes for large inputs; the result does not depend on the count."""
    global _WORKER
    workers = worker_count(settings, len(documents))
    results: list[Extraction] = []
    if workers == 1:
        analysed = (analyse(document, resources, extractors) for document in documents)
    else:
        documents = list(documents)
        if multiprocessing.get_start_method() == "fork":  # children inherit the lexicon, segmenter and texts
            _WORKER = (resources, extractors, documents)
            pool = ProcessPoolExecutor(workers, initializer=_die_with_parent, initargs=(os.getpid(),))
        else:
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_start_worker, initargs=(os.getpid(), settings, documents))
        found = pool.map(_analyse_in_worker, range(len(documents)), chunksize=max(1, len(documents) // (workers * 32)))
        analysed = (Extraction(document, (), *result) for document, result in zip(documents, found))
    try:
        for done, extraction in enumerate(analysed, 1):
            results.append(extraction)
            if progress:
                progress(done, len(documents))
    finally:
        if workers > 1:
            pool.shutdown(cancel_futures=True)
            _WORKER = None
    return results


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Extraction makes millions of short-lived acyclic objects: the loaded lexicon and segmenter are frozen out of
    the collector's walks (and so not copied into forked workers' memory by them), and young objects are collected
    every GC_YOUNG allocations instead of 700; garbage collection fell from 7% of extraction time to 1%."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


GC_YOUNG = 20_000


_WORKER: tuple[Resources, list, list[Document]] | None = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """In a worker process: get killed when the build process `parent` dies, even by kill -9, instead of waiting
    forever on its pipe (Linux prctl PR_SET_PDEATHSIG; elsewhere only a parent already gone is noticed)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _start_worker(parent: int, settings: Settings, documents: list[Document]) -> None:
    """Load the ontology, lexicon and segmenter once per worker process (when workers are not forked)."""
    global _WORKER
    _die_with_parent(parent)
    resources = load_resources(settings)
    _WORKER = (resources, create(settings.extractors, resources), documents)


def _analyse_in_worker(index: int) -> tuple[tuple, tuple]:
    """analyse() of one document inside a worker process; only the mentions and relations travel back."""
    resources, extractors, documents = _WORKER
    extraction = analyse(documents[index], resources, extractors)
    return extraction.mentions, extraction.relations


def build(inputs: Sequence[Path | str] | None = None, out_dir: Path | str | None = None,
          settings: Settings | None = None, *, write: bool = True,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the graph of `inputs` (default seeds/) and, when `write`, publish it to `out_dir` (default output/) and
    the store of settings.store; a build already writing there makes this one stop at once (kg.pipeline.publish)."""
    settings = settings or Settings()
    paths = [Path(p) for p in (inputs or settings.default_inputs)]
    if not write:
        return _build(paths, settings, progress, None)
    out = Path(out_dir) if out_dir is not None else settings.out_dir
    with publishing(out, parse_spec(settings.store)) as publication:
        return _build(paths, settings, progress, publication)


def _build(paths: list[Path], settings: Settings, progress: Callable[[int, int], None] | None,
           publication: Publication | None) -> BuildResult:
    """The build itself; with a publication, its files are staged there and published together."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(now - clock, 3)
        clock = now

    resources = load_resources(settings)
    extractors = create(settings.extractors, resources)
    lap("load")
    ingested = ingest(paths, settings)
    lap("ingest")
    cache = ExtractionCache(settings.cache_dir, resources.ontology.source_hash, settings.extractors) \
        if settings.use_cache else None
    extractions = _extract_all(ingested.documents, resources, extractors, settings, progress, cache)
    lap("extract")
    resolved = resolve(extractions, resources.ontology, resources.lexicon, settings.min_confidence)
    lap("resolve")
    text = build_text(resolved, list(ingested.documents), resources.ontology)
    triples = len(text)
    complete = triples <= settings.view_max_triples
    view = parse_turtle(text.turtle(keep=None if complete else _view_evidence))
    lap("build")
    checked = settings.validate and complete and triples <= settings.validate_max_triples
    validation = validate(view, settings.ontology_dir) if checked else None
    lap("validate")
    report = _report(settings, paths, ingested, extractions, resolved, text, timings, resources.ontology.classes)
    report["view"] = {"complete": complete, "triples": len(view)}
    if not complete:
        report["warnings"].append(f"graph.html shows at most {VIEW_EVIDENCE} evidence sentences per relation and "
                                  f"none per article mention: {triples} triples is over view_max_triples="
                                  f"{settings.view_max_triples}; graph.ttl has every one")
    report["validation"] = {"conforms": validation.conforms, "violations": len(validation.violations),
                            "messages": validation.lines()[:50]} if validation else {"skipped": True}
    if settings.validate and not checked:
        report["warnings"].append(f"SHACL check skipped: {triples} triples is over validate_max_triples="
                                  f"{settings.validate_max_triples}; run `kg validate` to check this graph")
    if validation and not validation.conforms:
        report["warnings"].append(f"the graph breaks {len(validation.violations)} SHACL constraints (kg validate)")
    report["cache"] = {"used": cache is not None, "hits": cache.hits if cache else 0,
                       "misses": cache.misses if cache else len(extractions)}
    files = _write(text, view, report, publication, timings) if publication else ()
    return BuildResult(text, view, report, ingested.documents, resolved, files)


VIEW_EVIDENCE = 3  # evidence sentences per relation that graph.html keeps for builds over view_max_triples


def _view_evidence(by_fact: dict[tuple[str, ...], list[str]]) -> set[str]:
    """The evidence nodes a big build's HTML keeps: the first few of each relation, none of article mentions."""
    mentions = Terms(PREFIXES).iri(str(KG.mentions))
    return {node for (_, predicate, _), nodes in by_fact.items() if predicate != mentions for node in nodes[:VIEW_EVIDENCE]}


def _write(text: GraphText, view: Graph, report: dict, publication: Publication,
           timings: dict[str, float]) -> tuple[Path, ...]:
    """Stage graph.ttl and graph.html, load the store from the staged graph.ttl, stage run.json (which names the
    files and the store it belongs with), then publish them together (kg.pipeline.publish)."""
    from kg.outputs.render import render_html

    started = time.perf_counter()
    turtle = publication.stage(TURTLE_FILE, (chunk.encode("utf-8") for chunk in text.chunks()))
    page = publication.stage(HTML_FILE, render_html(view).encode("utf-8"))
    report["outputs"] = {staged.target.name: {"bytes": staged.size, "sha256": staged.sha256}
                         for staged in (turtle, page)}
    timings["write"] = round(time.perf_counter() - started, 3)
    if publication.store is not None:
        report["store"] = publication.store.load(turtle.temp)
    publication.stage(REPORT_FILE, run_json(report))
    return publication.commit()


VOLATILE = ("timings_s", "cache")  # report figures that change from run to run: printed, never written to run.json


def run_json(report: dict) -> bytes:
    """run.json: the report without its VOLATILE figures, so the same input gives the same bytes."""
    stable = {key: value for key, value in report.items() if key not in VOLATILE}
    return (json.dumps(stable, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _versions() -> dict[str, str]:
    """Versions of Python, kg and the libraries that shape the output."""
    found = {"python": platform.python_version()}
    for package in ("kg", "rdflib", "networkx", "pyvis", "jieba"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def _entities_by_class(text: GraphText, classes: tuple[str, ...]) -> dict[str, int]:
    """Entities per class, counted in the built graph (authors included)."""
    return {cls: n for cls in classes if (n := text.subjects_with(TYPE, text.terms.iri(str(KG[cls]))))}


def _report(settings, paths, ingested: IngestResult, extractions, resolved: Resolved, text: GraphText, timings,
            resources_classes: tuple[str, ...]) -> dict:
    """The run report written to run.json."""
    entities = Counter(doc_id for doc_id, _, _ in resolved.mentions)  # one mention per article and entity
    relations = Counter(e.doc_id for f in resolved.facts for e in f.evidence)
    per_article = []
    for extraction in extractions:
        doc = extraction.document
        per_article.append({
            "doc_id": doc.doc_id, "title": doc.meta.title, "encoding": doc.encoding, "sha256": doc.sha256,
            "characters": len(doc.text), "sentences": len(doc.sentences), "mentions": len(extraction.mentions),
            "entities": entities[doc.doc_id], "relations": relations[doc.doc_id],
            "split_sentences": split_count(doc.sentences),
        })
    warnings = [f"skipped {s.path}: {s.reason}" for s in ingested.skipped]
    if resolved.rejected:
        warnings.append(f"{resolved.rejected} extracted relations broke a property's domain or range and were dropped")
    return {
        "settings": {
            "inputs": [printable(str(p)) for p in paths], "ontology_dir": printable(str(settings.ontology_dir)),
            "extractors": list(settings.extractors), "min_confidence": settings.min_confidence,
            "max_file_bytes": settings.max_file_bytes, "strict": settings.strict,
            "workers": worker_count(settings, len(ingested.documents)),
        },
        "articles": per_article,
        "split_sentences": sum(article["split_sentences"] for article in per_article),
        "skipped": [asdict(s) for s in ingested.skipped],
        "entities_by_class": _entities_by_class(text, resources_classes),
        "relations_by_property": dict(sorted(Counter(f.predicate for f in resolved.facts).items())),
        "mentions": len(resolved.mentions),
        "evidence": text.blocks(),
        "triples": len(text),
        "candidates": [asdict(c) for c in sorted(resolved.candidates, key=lambda c: (-c.count, c.label))],
        "warnings": warnings,
        "timings_s": timings,
        "versions": _versions(),
    }
