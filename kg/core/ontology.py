"""Load the ontology, the lexicon and the extraction cues from the Turtle files under ontology/."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import OWL, SKOS

from kg.core.errors import OntologyError
from kg.core.namespaces import KG
from kg.core.rdf import add_quads

ONTOLOGY_FILE = "kg.ttl"
CUES_FILE = "extraction.ttl"
LEXICON_GLOB = "lexicon*.ttl"


@dataclass(frozen=True)
class LexiconEntry:
    """A known entity: its IRI, class, preferred labels, aliases and definition."""

    iri: str
    cls: str
    label: str  # Chinese preferred label
    label_en: str
    aliases: tuple[str, ...]  # altLabels and the English prefLabel, sorted
    definition: str = ""


@dataclass(frozen=True)
class PropertySpec:
    """An object property with the classes allowed as subject and object."""

    name: str
    label: str
    domain: frozenset[str]
    range: frozenset[str]


@dataclass(frozen=True)
class Ontology:
    """The ontology graph, its entity classes and properties, the lexicon and the extraction cues."""

    graph: Graph  # kg.ttl only: classes, properties, annotations
    classes: tuple[str, ...]  # entity class local names, in kg:order
    properties: dict[str, PropertySpec]
    entries: tuple[LexiconEntry, ...]
    cues: dict[str, frozenset[str]]  # cue name -> words, from extraction.ttl
    content_cues: dict[str, str]  # cue word -> IRI of the content type it implies (kg:content)
    source_hash: str  # fingerprint of every Turtle file read

    def cue(self, name: str) -> frozenset[str]:
        """The words of one cue; an unknown name is an ontology error, not an empty set."""
        try:
            return self.cues[name]
        except KeyError:
            raise OntologyError(
                f"extraction cue {name!r} is not defined",
                where=CUES_FILE,
                fix=f"add `kg:{name} kg:word \"…\"` to ontology/{CUES_FILE}",
            ) from None


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def parse_turtle_file(path: Path) -> Graph:
    """Parse one Turtle file of the ontology folder, turning parser failures into OntologyError."""
    return add_quads(Graph(), _read_quads(Path(path)))


def _read_quads(path: Path) -> list:
    """The quads of one Turtle file, read by Oxigraph; OntologyError when the file is missing or malformed."""
    try:
        return list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    except FileNotFoundError:
        raise OntologyError("ontology file missing", where=str(path), fix="restore it from git") from None
    except (SyntaxError, ValueError) as exc:
        raise OntologyError(f"cannot parse Turtle: {exc}", where=str(path), fix="fix the syntax") from None


def _entity_classes(graph: Graph) -> tuple[str, ...]:
    """Local names of kg:Entity's direct subclasses, sorted by kg:order."""
    found = []
    for cls in graph.subjects(RDFS.subClassOf, KG.Entity):
        order = graph.value(cls, KG.order)
        found.append((int(order) if order is not None else 999, local_name(str(cls))))
    return tuple(name for _, name in sorted(found))


def _class_set(graph: Graph, node) -> frozenset[str]:
    """Class names a domain/range node allows: a class or an owl:unionOf of classes, with all their subclasses."""
    if node is None:
        return frozenset()
    union = graph.value(node, OWL.unionOf)
    members = list(Collection(graph, union)) if union is not None else [node]
    return frozenset(local_name(str(sub)) for member in members
                     for sub in graph.transitive_subjects(RDFS.subClassOf, member))


def _properties(graph: Graph) -> dict[str, PropertySpec]:
    """Every kg object property with its Chinese label, domain and range."""
    specs = {}
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty)):
        if not str(prop).startswith(str(KG)):
            continue
        name = local_name(str(prop))
        label = graph.value(prop, RDFS.label) or name
        for candidate in graph.objects(prop, RDFS.label):
            if isinstance(candidate, Literal) and candidate.language == "zh":
                label = candidate
        specs[name] = PropertySpec(
            name, str(label),
            _class_set(graph, graph.value(prop, RDFS.domain)),
            _class_set(graph, graph.value(prop, RDFS.range)),
        )
    return specs


_LEXICON, _IN_SCHEME, _TYPE = str(KG.Lexicon), str(SKOS.inScheme), str(RDF.type)
_PREF, _ALT, _DEFINITION = str(SKOS.prefLabel), str(SKOS.altLabel), str(SKOS.definition)


def _entries(triples: Iterable[tuple[str, str, str, str | None]], classes: tuple[str, ...],
             where: str) -> list[LexiconEntry]:
    """Lexicon entries of a lexicon's (subject, predicate, value, language) triples (a language of None marks an IRI
    value); an entry without class or Chinese label is an error."""
    values: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, value, language in triples:
        values[subject][predicate].append((value, language))
    entries = []
    for subject in sorted(s for s, found in values.items() if (_LEXICON, None) in found[_IN_SCHEME]):
        found = values[subject]
        types = [local_name(t) for t, _ in found[_TYPE] if local_name(t) in classes]
        zh = _literals(found[_PREF], "zh")
        if len(types) != 1 or len(zh) != 1 or not zh[0].strip():
            raise OntologyError(
                f"lexicon entry {subject} needs exactly one entity class and one non-empty @zh prefLabel "
                f"(has classes {types}, zh labels {zh})",
                where=where, fix="edit the entry",
            )
        en = _literals(found[_PREF], "en")
        aliases = sorted(set(_literals(found[_ALT]) + en) - set(zh))
        definition = _literals(found[_DEFINITION])
        entries.append(LexiconEntry(subject, types[0], zh[0], en[0] if en else "", tuple(aliases),
                                    definition[0] if definition else ""))
    return entries


def _literals(values: list[tuple[str, str | None]], language: str | None = None) -> list[str]:
    """Sorted literal values (those with a language tag, or of this language)."""
    return sorted(value for value, lang in values if lang is not None and (language is None or lang == language))


def _graph_triples(graph: Graph) -> Iterator[tuple[str, str, str, str | None]]:
    """(subject, predicate, value, language) of an rdflib graph: the language is "" for an untagged literal."""
    for subject, predicate, obj in graph:
        yield str(subject), str(predicate), str(obj), (obj.language or "") if isinstance(obj, Literal) else None


def _file_triples(path: Path) -> Iterator[tuple[str, str, str, str | None]]:
    """(subject, predicate, value, language) of a Turtle file, read by Oxigraph (OntologyError when it cannot)."""
    for quad in _read_quads(path):
        obj = quad.object
        language = (obj.language or "") if isinstance(obj, pyoxigraph.Literal) else None
        yield quad.subject.value, quad.predicate.value, obj.value, language


def _content_cues(graph: Graph) -> dict[str, str]:
    """Cue word -> content type IRI, for every cue resource with a kg:content."""
    return {str(word): str(content) for cue, content in graph.subject_objects(KG.content)
            for word in graph.objects(cue, KG.word)}


def _cues(graph: Graph) -> dict[str, frozenset[str]]:
    """Cue name -> set of words, from every `kg:X kg:word "…"` triple."""
    cues: dict[str, set[str]] = {}
    for subject, word in graph.subject_objects(KG.word):
        cues.setdefault(local_name(str(subject)), set()).add(str(word))
    return {name: frozenset(words) for name, words in cues.items()}


def load_ontology(directory: Path) -> Ontology:
    """Read kg.ttl, extraction.ttl and every lexicon*.ttl under `directory` (cached per directory until one of its
    Turtle files changes, e.g. when `kg candidates --accept` writes lexicon-accepted.ttl)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise OntologyError("ontology folder not found", where=str(directory), fix="pass --ontology DIR")
    files = tuple((path.name, path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(directory.glob("*.ttl")))
    return _load_ontology(directory, files)


@lru_cache(maxsize=4)
def _load_ontology(directory: Path, _files: tuple[tuple[str, int, int], ...]) -> Ontology:
    """load_ontology() for one state of the folder's files."""
    core = parse_turtle_file(directory / ONTOLOGY_FILE)
    classes = _entity_classes(core)
    digest = hashlib.sha256()
    for path in [directory / ONTOLOGY_FILE, directory / CUES_FILE, *sorted(directory.glob(LEXICON_GLOB))]:
        digest.update(path.read_bytes())
    cues = parse_turtle_file(directory / CUES_FILE)
    return Ontology(core, classes, _properties(core), lexicon_entries(directory, classes), _cues(cues),
                    _content_cues(cues), digest.hexdigest())


def lexicon_entries(directory: Path, classes: tuple[str, ...],
                    replacing: Mapping[str, Graph] | None = None) -> tuple[LexiconEntry, ...]:
    """The entries of every lexicon*.ttl file under `directory`, read now; a graph of `replacing` stands in for the
    file of that name (written or not). OntologyError for an entry without exactly one class and one non-empty
    Chinese label, or an IRI defined twice."""
    replacing = replacing or {}
    names = sorted({path.name for path in directory.glob(LEXICON_GLOB)} | set(replacing))
    entries: list[LexiconEntry] = []
    for name in names:
        triples = _graph_triples(replacing[name]) if name in replacing else _file_triples(directory / name)
        entries.extend(_entries(triples, classes, str(directory / name)))
    _check_unique(entries)
    return tuple(entries)


def _check_unique(entries: list[LexiconEntry]) -> None:
    """Fail when two entries share an IRI."""
    seen: set[str] = set()
    for entry in entries:
        if entry.iri in seen:
            raise OntologyError(f"lexicon entry {entry.iri} is defined twice", fix="merge the two entries")
        seen.add(entry.iri)
