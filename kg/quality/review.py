"""The review queue: names the lexicon does not know, and accepting them into ontology/lexicon-accepted.ttl."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from kg.core.errors import InputError, OntologyError
from kg.core.io import atomic_write
from kg.analyse.lexicon import Lexicon, checked_lexicon
from kg.core.namespaces import KG
from kg.core.normalize import clean_label, is_cjk, match_key
from kg.core.ontology import Ontology, local_name, parse_turtle_file
from kg.analyse.resolve import Candidate, entity_iri
from kg.graph.turtle import new_graph

ACCEPTED_FILE = "lexicon-accepted.ttl"


def candidates(report: dict, graph: Graph | None) -> list[Candidate]:
    """Held-out candidates from run.json plus discovered entities of the graph, most frequent first."""
    rows = [Candidate(c["label"], c["cls"], c["confidence"], c["count"], c["rule"], tuple(c["examples"]))
            for c in report.get("candidates", [])]
    if graph is not None:
        for node in graph.subjects(SKOS.inScheme, KG.Discovered):
            cls = next((local_name(str(t)) for t in graph.objects(node, RDF.type)), "")
            if cls == "Person" and (None, KG.hasAuthor, node) in graph:
                continue
            articles = list(graph.subjects(KG.mentions, node))
            examples = sorted(str(graph.value(ev, KG.sentence)) for ev in graph.subjects(RDF.object, node)
                              if graph.value(ev, RDF.predicate) == KG.mentions
                              and graph.value(ev, PROV.wasDerivedFrom) in articles)
            confidence = graph.value(node, KG.confidence)
            rows.append(Candidate(str(graph.value(node, SKOS.prefLabel)), cls,
                                  float(confidence) if confidence is not None else 1.0, len(articles), "discovered",
                                  tuple(examples[:3]), in_graph=True))
    return sorted(rows, key=lambda c: (-c.count, -c.confidence, c.label))


def accept(names: list[str], queue: list[Candidate], ontology: Ontology, directory: Path) -> list[tuple[str, str]]:
    """Write the named candidates (NAME or NAME=Class, split at the last `=`) as lexicon entries; return the
    (label, class) pairs written. The whole accepted lexicon is checked first, as `kg build` would read it: a name
    given twice in two spellings or with two classes, an empty name or one without a letter or digit is an error,
    and then nothing is written."""
    lexicon = Lexicon(ontology)
    chosen = [_choice(spec, queue, ontology, lexicon) for spec in names]
    path = Path(directory) / ACCEPTED_FILE
    graph = new_graph()
    if path.exists():
        graph += parse_turtle_file(path)
    for label, cls in chosen:
        node = URIRef(entity_iri(cls, label))
        graph.add((node, RDF.type, KG[cls]))
        graph.add((node, SKOS.inScheme, KG.Lexicon))
        graph.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
        if not any(is_cjk(ch) for ch in label):
            graph.add((node, SKOS.prefLabel, Literal(label, lang="en")))
    try:
        checked_lexicon(ontology, directory, {ACCEPTED_FILE: graph})
    except OntologyError as exc:
        raise InputError(f"these names would break the lexicon: {exc.what}",
                         where=" ".join(f"--accept {name}" for name in names),
                         fix=f"accept each name once, in one spelling and with one class; nothing was written to "
                             f"{path}") from None
    atomic_write(path, graph.serialize(format="longturtle").encode("utf-8"))
    return chosen


def _choice(spec: str, queue: list[Candidate], ontology: Ontology, lexicon: Lexicon) -> tuple[str, str]:
    """(label, class) of one --accept value: NAME, or NAME=Class split at the last `=` (so names may hold `=`)."""
    name, equals, cls = spec.rpartition("=")
    if not equals:
        name, cls = spec, ""
    label = clean_label(name)
    if not label:
        raise InputError("empty name", where=f"--accept {spec}", fix="write NAME or NAME=Class; nothing was written")
    if not match_key(label):
        raise InputError(f"{label!r} has no letter or digit, so no text could ever match it", where=f"--accept {spec}",
                         fix="accept a real name; nothing was written")
    known = lexicon.lookup(label)
    if known is not None:
        raise OntologyError(f"{label!r} is already in the lexicon as {known.iri}", fix="nothing to accept")
    match = next((c for c in queue if c.label == label), None)
    cls = cls.strip() or (match.cls if match else "")
    if cls not in ontology.classes:
        what = f"unknown class {cls!r} for {label!r}" if cls else f"no class for {label!r} (it is not in the queue)"
        raise InputError(what, where=f"--accept {spec}",
                         fix=f"write NAME=Class with Class one of: {', '.join(ontology.classes)}; nothing was written")
    return label, cls
