"""Extraction quality: compare a built graph with gold annotations (gold/README.md) and score it."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import PROV, RDFS, SKOS

from kg.core.errors import InputError
from kg.core.namespaces import KG
from kg.core.normalize import match_key
from kg.core.ontology import local_name

log = logging.getLogger(__name__)

ENTITY, RELATION = "entity", "relation"


@dataclass(frozen=True)
class GoldEntity:
    """An entity a careful reader finds in one article: class and every name the article uses."""

    cls: str
    names: tuple[str, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(match_key(n) for n in self.names)


@dataclass(frozen=True)
class GoldArticle:
    """The gold annotations of one article."""

    doc_id: str
    split: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[tuple[str, str, str], ...]
    source: str


@dataclass(frozen=True)
class Found:
    """What the graph says an article mentions (entity) or states (relation), with an evidence sentence."""

    cls: str  # class for entities, property for relations
    keys: frozenset[str] = frozenset()
    label: str = ""
    sentence: str = ""
    object_keys: frozenset[str] = frozenset()
    object_label: str = ""


@dataclass
class Tally:
    """Counts behind precision / recall / F1."""

    predicted: int = 0
    correct: int = 0  # predicted items that match gold
    gold: int = 0
    found: int = 0  # gold items that some prediction matches

    def scores(self) -> dict[str, float | int]:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "predicted": self.predicted, "gold": self.gold}


@dataclass
class Evaluation:
    """Scores per class and property, overall, and every miss and false positive."""

    typed: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    untyped: Tally = field(default_factory=Tally)
    relations: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        entity_total, relation_total = Tally(), Tally()
        for tally in self.typed.values():
            _add(entity_total, tally)
        for tally in self.relations.values():
            _add(relation_total, tally)
        return {
            "entities": {"typed": entity_total.scores(), "untyped": self.untyped.scores(),
                         "by_class": {c: t.scores() for c, t in sorted(self.typed.items())}},
            "relations": {"overall": relation_total.scores(),
                          "by_property": {p: t.scores() for p, t in sorted(self.relations.items())}},
            "misses": self.misses, "false_positives": self.false_positives,
        }


def _add(total: Tally, tally: Tally) -> None:
    total.predicted += tally.predicted
    total.correct += tally.correct
    total.gold += tally.gold
    total.found += tally.found


# ---------------------------------------------------------------- reading gold
def load_gold(path: Path) -> list[GoldArticle]:
    """Every gold file under a folder (recursively, *.tsv) or one file."""
    path = Path(path)
    if not path.exists():
        raise InputError("gold annotations not found", where=str(path), fix="pass a gold .tsv file or folder")
    files = sorted(f for f in path.rglob("*.tsv") if not _is_verdict_table(f)) if path.is_dir() else [path]
    return [_parse_gold(f) for f in files]


def _is_verdict_table(path: Path) -> bool:
    """True for a corpus verdict table (gold/corpus/*_verdicts.tsv: a header row with a verdict column), which
    judges a sample of a graph rather than annotating an article."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        return "verdict" in handle.readline().rstrip("\n").split("\t")


def _parse_gold(path: Path) -> GoldArticle:
    """One gold file; a malformed line raises InputError naming file and line."""
    doc_id, split = path.with_suffix(".txt").name, "test"
    entities, relations = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# article:"):
            doc_id = line.split(":", 1)[1].strip()
        elif line.startswith("# split:"):
            split = line.split(":", 1)[1].strip()
        elif line.strip() and not line.startswith("#"):
            fields = [f.strip() for f in line.split("\t")]
            if fields[0] == ENTITY and len(fields) >= 3:
                entities.append(GoldEntity(fields[1], tuple(f for f in fields[2:] if f)))
            elif fields[0] == RELATION and len(fields) == 4:
                relations.append((fields[1], fields[2], fields[3]))
            else:
                raise InputError(f"cannot read gold line: {line!r}", where=f"{path}:{number}",
                                 fix="see gold/README.md for the format")
    return GoldArticle(doc_id, split, tuple(entities), tuple(relations), str(path))


# ---------------------------------------------------------------- reading the graph
def _names(graph: Graph, node) -> frozenset[str]:
    """Match keys of every label and alias of a node."""
    return frozenset(match_key(str(v)) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                     for v in graph.objects(node, p))


def _label(graph: Graph, node) -> str:
    """The Chinese preferred label of a node (any label, or the IRI's tail, when it has none)."""
    labels = sorted(graph.objects(node, SKOS.prefLabel), key=lambda v: (getattr(v, "language", "") != "zh", str(v)))
    return str(labels[0]) if labels else str(graph.value(node, RDFS.label) or local_name(str(node)))


def _evidence(graph: Graph, subject, predicate, obj, article) -> str:
    """The first evidence sentence for a triple from one article."""
    for ev in sorted(graph.subjects(RDF.subject, subject)):
        if (ev, RDF.predicate, predicate) in graph and (ev, RDF.object, obj) in graph \
                and (ev, PROV.wasDerivedFrom, article) in graph:
            return str(graph.value(ev, KG.sentence))
    return ""


def found_in(graph: Graph, doc_id: str) -> tuple[list[Found], list[Found]]:
    """Entities an article mentions and relations with evidence from it, as the graph records them."""
    articles = list(graph.subjects(KG.sourceFile, None))
    article = next((a for a in articles if str(graph.value(a, KG.sourceFile)) == doc_id), None)
    if article is None:
        return [], []
    entities = []
    for entity in sorted(graph.objects(article, KG.mentions)):
        cls = next((local_name(str(t)) for t in graph.objects(entity, RDF.type)), "")
        entities.append(Found(cls, _names(graph, entity), _label(graph, entity),
                              _evidence(graph, article, KG.mentions, entity, article)))
    relations = []
    for ev in sorted(graph.subjects(PROV.wasDerivedFrom, article)):
        predicate = graph.value(ev, RDF.predicate)
        if predicate in (KG.mentions, KG.hasAuthor):
            continue
        s, o = graph.value(ev, RDF.subject), graph.value(ev, RDF.object)
        relations.append(Found(local_name(str(predicate)), _names(graph, s), _label(graph, s),
                               str(graph.value(ev, KG.sentence)), _names(graph, o), _label(graph, o)))
    unique = {(r.cls, r.keys, r.object_keys): r for r in relations}
    return entities, list(unique.values())


# ---------------------------------------------------------------- scoring
def evaluate(gold: list[GoldArticle], graph: Graph, split: str = "all") -> Evaluation:
    """Score the graph against the gold articles of one split ('all' for every article); InputError when the split
    has no gold article or the graph holds none of them (a score of 0 would only say that nothing was compared)."""
    chosen = _articles_to_score(gold, graph, split)
    result = Evaluation()
    for article in chosen:
        entities, relations = found_in(graph, article.doc_id)
        _score_entities(result, article, entities)
        _score_relations(result, article, relations)
    return result


def _articles_to_score(gold: list[GoldArticle], graph: Graph, split: str) -> list[GoldArticle]:
    """The gold articles of the split, checked against the articles the graph was built from (a warning names the
    ones it lacks, which count as missed entirely)."""
    chosen = [article for article in gold if split in ("all", article.split)]
    if not chosen:
        raise InputError(f"no gold article is in the {split!r} split", where=_some(sorted({a.source for a in gold})),
                         fix="use --split all, or mark articles with a `# split: dev|test` line")
    built = {str(source) for source in graph.objects(None, KG.sourceFile)}
    missing = [article.doc_id for article in chosen if article.doc_id not in built]
    if len(missing) == len(chosen):
        raise InputError(f"the graph holds none of the {len(chosen)} gold articles ({_some(missing)}); it was built "
                         f"from {len(built)} other articles ({_some(sorted(built))})",
                         fix="score a build of the gold's articles: `kg eval GOLD ARTICLES…` builds them, or pass "
                             "--graph with the graph.ttl of their build")
    if missing:
        log.warning("%d of %d gold articles are not in the graph and count as missed entirely: %s", len(missing),
                    len(chosen), _some(missing))
    return chosen


def _some(names: list[str], shown: int = 3) -> str:
    """The first few names, and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _score_entities(result: Evaluation, article: GoldArticle, found: list[Found]) -> None:
    for item in found:
        result.typed[item.cls].predicted += 1
        result.untyped.predicted += 1
        if any(item.keys & g.keys for g in article.entities):
            result.untyped.correct += 1
        if any(item.keys & g.keys and item.cls == g.cls for g in article.entities):
            result.typed[item.cls].correct += 1
        else:
            result.false_positives.append({"article": article.doc_id, "kind": ENTITY, "class": item.cls,
                                           "name": item.label, "sentence": item.sentence})
    for g in article.entities:
        result.typed[g.cls].gold += 1
        result.untyped.gold += 1
        if any(item.keys & g.keys for item in found):
            result.untyped.found += 1
        if any(item.keys & g.keys and item.cls == g.cls for item in found):
            result.typed[g.cls].found += 1
        else:
            got = sorted({item.cls for item in found if item.keys & g.keys})
            result.misses.append({"article": article.doc_id, "kind": ENTITY, "class": g.cls, "name": g.names[0],
                                  "found_as": got})


def _score_relations(result: Evaluation, article: GoldArticle, found: list[Found]) -> None:
    names = {}
    for g in article.entities:
        for name in g.names:
            names[match_key(name)] = g.keys
    gold = [(names.get(match_key(s), frozenset({match_key(s)})), p, names.get(match_key(o), frozenset({match_key(o)})),
             (s, p, o)) for s, p, o in article.relations]
    for item in found:
        result.relations[item.cls].predicted += 1
        if any(item.cls == p and item.keys & s and item.object_keys & o for s, p, o, _ in gold):
            result.relations[item.cls].correct += 1
        else:
            result.false_positives.append({"article": article.doc_id, "kind": RELATION, "property": item.cls,
                                           "name": f"{item.label} → {item.object_label}", "sentence": item.sentence})
    for s, p, o, row in gold:
        result.relations[p].gold += 1
        if any(item.cls == p and item.keys & s and item.object_keys & o for item in found):
            result.relations[p].found += 1
        else:
            result.misses.append({"article": article.doc_id, "kind": RELATION, "property": p,
                                  "name": f"{row[0]} → {row[2]}"})
