#!/usr/bin/env python3
"""Hand-judged precision of kg on the real corpus's AI subset (issue 10, "Measure it honestly").

Builds the 534 AI-domain articles of ../shared/corpus (or reads a built graph.ttl), lists the open-vocabulary
entities the graph keeps (skos:inScheme kg:Discovered with a kg:confidence: metadata authors, which carry no
confidence, are left out) and every relation fact between entities (kg:mentions and kg:hasAuthor are not
relations), draws a seeded sample of each, merges it with the committed verdict files and prints precision.

The sample is drawn by ranking every item on sha256(seed, key) and taking the lowest: a seeded random sample
without replacement whose members stay in the sample as long as they stay in the graph, so after an extraction
change only the items that are new to the sample need judging. Verdict files hold names, classes, predicates,
verdicts and reason categories only - never article text (see README.md beside this file).

    python gold/corpus/judge.py                          # build /tmp/kg-aisubset, print precision
    python gold/corpus/judge.py --graph /tmp/kg-aisubset-out/graph.ttl --show-errors
    python gold/corpus/judge.py --graph … --todo          # unjudged items + evidence -> /tmp/kg-corpus-todo.tsv
    python gold/corpus/judge.py --accept /tmp/kg-corpus-todo.tsv   # filled-in verdicts -> the verdict files
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import PROV, SKOS

KG = "https://w3id.org/aigc-kg/ontology#"
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
ENTITY_FILE = HERE / "entity_verdicts.tsv"
RELATION_FILE = HERE / "relation_verdicts.tsv"
SEED = "kg-issue-10"
N_ENTITIES, N_RELATIONS = 200, 100
VERDICTS = ("ok", "wrong")
NOT_RELATIONS = frozenset({KG + "mentions", KG + "hasAuthor"})
ENTITY_FIELDS = ("label", "class")
RELATION_FIELDS = ("subject", "predicate", "object")
MAX_EVIDENCE = 3


@dataclass(frozen=True, order=True)
class Item:
    """One thing to judge: its key (names, class or predicate only) and where the graph says it comes from."""

    kind: str  # "entity" or "relation"
    key: tuple[str, ...]  # (label, class) or (subject label, predicate, object label)
    evidence: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)  # (source file, section, sentence)


@dataclass(frozen=True)
class Verdict:
    verdict: str  # ok / wrong
    reason: str = ""  # short category, e.g. clause, not-a-skill, wrong-class, wrong-holder, negation


# ---------------------------------------------------------------- reading the graph
def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(graph: Graph, node) -> str:
    labels = sorted(graph.objects(node, SKOS.prefLabel), key=lambda v: (getattr(v, "language", "") != "zh", str(v)))
    return str(labels[0]) if labels else _local(node)


def _evidence_of(graph: Graph, ev) -> tuple[str, str, str]:
    article = graph.value(ev, PROV.wasDerivedFrom)
    source = str(graph.value(article, URIRef(KG + "sourceFile")) or _local(article)) if article else ""
    section = str(graph.value(ev, URIRef(KG + "section")) or "")
    return source, section, str(graph.value(ev, URIRef(KG + "sentence")) or "")


def _evidence_index(graph: Graph) -> dict[tuple, list]:
    """Evidence nodes by the (subject, predicate, object) they are evidence for."""
    index: dict[tuple, list] = defaultdict(list)
    for ev in graph.subjects(RDF.type, URIRef(KG + "Evidence")):
        index[(graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate), graph.value(ev, RDF.object))].append(ev)
    return index


def discovered_entities(graph: Graph, index: dict | None = None) -> list[Item]:
    """Open-vocabulary entities in the graph (kg:Discovered with a confidence), with mention sentences."""
    index = _evidence_index(graph) if index is None else index
    mentions: dict = defaultdict(list)
    for (_, p, o), evs in index.items():
        if str(p) == KG + "mentions":
            mentions[o].extend(evs)
    items: dict[tuple, list] = {}
    for node in graph.subjects(SKOS.inScheme, URIRef(KG + "Discovered")):
        if graph.value(node, URIRef(KG + "confidence")) is None:
            continue  # an article's author, from the metadata block: not an extraction
        classes = sorted(_local(t) for t in graph.objects(node, RDF.type))
        key = (_label(graph, node), classes[0] if classes else "")
        items.setdefault(key, []).extend(_evidence_of(graph, ev) for ev in mentions[node])
    return sorted(Item("entity", key, tuple(sorted(set(ev))[:MAX_EVIDENCE])) for key, ev in items.items())


def relations(graph: Graph, index: dict | None = None) -> list[Item]:
    """Every relation fact between entities, keyed by (subject label, predicate, object label)."""
    index = _evidence_index(graph) if index is None else index
    items: dict[tuple, set] = defaultdict(set)
    for (s, p, o), evs in index.items():
        if p is None or str(p) in NOT_RELATIONS or (s, p, o) not in graph:
            continue
        key = (_label(graph, s), _local(p), _label(graph, o))
        items[key].update(_evidence_of(graph, ev) for ev in evs)
    return sorted(Item("relation", key, tuple(sorted(ev)[:MAX_EVIDENCE])) for key, ev in items.items())


# ---------------------------------------------------------------- sampling and merging
def rank(key: tuple[str, ...], seed: str = SEED) -> str:
    """The item's place in the seeded random order: it depends on the seed and the key only."""
    return hashlib.sha256("\x1f".join((seed, *key)).encode("utf-8")).hexdigest()


def sample(items: list[Item], n: int, seed: str = SEED) -> list[Item]:
    """n items drawn without replacement: the n lowest ranks (ties impossible: keys are unique)."""
    unique = {item.key: item for item in sorted(items)}
    return sorted(sorted(unique.values(), key=lambda item: (rank(item.key, seed), item.key))[:n])


def read_verdicts(path: Path, width: int) -> dict[tuple[str, ...], Verdict]:
    """key -> Verdict from a TSV (key fields, verdict, reason); '#' lines and a header line are skipped."""
    verdicts: dict[tuple[str, ...], Verdict] = {}
    if not Path(path).exists():
        return verdicts
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < width + 1 or fields[width].strip() not in VERDICTS:
            if number == 1 or fields[width:width + 1] == ["verdict"]:
                continue  # header
            raise ValueError(f"{path}:{number}: expected {width} key fields, ok|wrong and a reason: {line!r}")
        key = tuple(f.strip() for f in fields[:width])
        verdicts[key] = Verdict(fields[width].strip(), fields[width + 1].strip() if len(fields) > width + 1 else "")
    return verdicts


def write_verdicts(path: Path, fields: tuple[str, ...], verdicts: dict[tuple[str, ...], Verdict]) -> None:
    """The verdict file, sorted by key: a header and one line per judged item (no article text)."""
    lines = ["\t".join((*fields, "verdict", "reason"))]
    lines += ["\t".join((*key, v.verdict, v.reason)) for key, v in sorted(verdicts.items())]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class Score:
    kind: str
    population: int
    sampled: int
    ok: int
    wrong: int
    unjudged: list[Item]
    errors: list[tuple[Item, Verdict]]
    by_group: dict[str, Counter]

    @property
    def judged(self) -> int:
        return self.ok + self.wrong

    @property
    def precision(self) -> float | None:
        return self.ok / self.judged if self.judged else None


def score(kind: str, population: list[Item], drawn: list[Item], verdicts: dict[tuple[str, ...], Verdict]) -> Score:
    """Precision over the judged items of the sample; unjudged ones listed; per class / predicate tallies."""
    ok = wrong = 0
    unjudged, errors = [], []
    by_group: dict[str, Counter] = defaultdict(Counter)
    for item in drawn:
        verdict = verdicts.get(item.key)
        group = item.key[1]  # an entity's class, a relation's predicate
        if verdict is None:
            unjudged.append(item)
            continue
        by_group[group][verdict.verdict] += 1
        if verdict.verdict == "ok":
            ok += 1
        else:
            wrong += 1
            errors.append((item, verdict))
    return Score(kind, len({i.key for i in population}), len(drawn), ok, wrong, unjudged, errors, dict(by_group))


# ---------------------------------------------------------------- preparing and building
def prepare(corpus: Path, work: Path) -> int:
    """Copy the AI-subset articles into work/ (kg refuses symlinks); unchanged copies are kept. Returns count."""
    listing = corpus / "woshipm-ai-subset.txt"
    if not listing.exists():
        sys.exit(f"corpus not found: {listing} (pass --corpus, or --graph with a built graph.ttl)")
    names = [line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in names:
        source, target = corpus / "woshipm" / name, work / name
        if not target.exists() or target.stat().st_size != source.stat().st_size \
                or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return len(names)


def build(work: Path, out: Path) -> Path:
    """kg build WORK --out OUT --no-validate; returns OUT/graph.ttl."""
    if out.resolve() == (REPO / "output").resolve():
        sys.exit("refusing to build into the project's output/: pass another --out")
    subprocess.run([sys.executable, "-m", "kg", "build", str(work), "--out", str(out), "--no-validate"],
                   check=True, cwd=REPO)
    return out / "graph.ttl"


# ---------------------------------------------------------------- todo files (outside the repo: they quote text)
def _outside_repo(path: Path) -> Path:
    path = Path(path).resolve()
    if path == REPO or REPO in path.parents:
        sys.exit(f"refusing to write article text inside the repository: {path}")
    return path


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def write_todo(path: Path, scores: list[Score]) -> int:
    """Unjudged sampled items, one line each: kind, key fields, empty verdict and reason, then evidence."""
    lines = ["# Fill in column 5 (ok|wrong) and 6 (reason), then: judge.py --accept THIS_FILE",
             "# kind\tkey1\tkey2\tkey3\tverdict\treason\tevidence (source | section | sentence) ..."]
    count = 0
    for s in scores:
        for item in s.unjudged:
            key = item.key if len(item.key) == 3 else (*item.key, "")
            evidence = [" | ".join(_clean(part) for part in ev) for ev in item.evidence]
            lines.append("\t".join((item.kind, *key, "", "", *evidence)))
            count += 1
    _outside_repo(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def accept(todo: Path, entity_file: Path, relation_file: Path) -> tuple[int, int]:
    """Verdicts filled into a todo file, added to the verdict files (key fields, verdict, reason only)."""
    entities, rels = read_verdicts(entity_file, 2), read_verdicts(relation_file, 3)
    added = [0, 0]
    for line in Path(todo).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 6 or fields[4].strip() not in VERDICTS:
            continue
        verdict = Verdict(fields[4].strip(), fields[5].strip())
        if fields[0] == "entity":
            entities[(fields[1], fields[2])] = verdict
            added[0] += 1
        elif fields[0] == "relation":
            rels[(fields[1], fields[2], fields[3])] = verdict
            added[1] += 1
    write_verdicts(entity_file, ENTITY_FIELDS, entities)
    write_verdicts(relation_file, RELATION_FIELDS, rels)
    return added[0], added[1]


# ---------------------------------------------------------------- report
def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def report(scores: list[Score], show_errors: bool) -> str:
    out = []
    for s in scores:
        noun = "discovered entities" if s.kind == "entity" else "relations"
        out.append(f"{noun}: {s.population} in the graph, {s.sampled} sampled, {s.judged} judged "
                   f"({s.ok} ok, {s.wrong} wrong), {len(s.unjudged)} unjudged; precision {_pct(s.precision)}")
        for group, tally in sorted(s.by_group.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            total = tally["ok"] + tally["wrong"]
            out.append(f"  {group:<14} {tally['ok']:>3}/{total:<3} {tally['ok'] / total:.2f}")
        if show_errors and s.errors:
            by_reason: dict[str, list[Item]] = defaultdict(list)
            for item, verdict in s.errors:
                by_reason[verdict.reason or "?"].append(item)
            out.append(f"  wrong {noun} by reason:")
            for reason, items in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
                out.append(f"    {reason} ({len(items)}): " + "; ".join(
                    " ".join(item.key) if s.kind == "relation" else f"{item.key[0]} [{item.key[1]}]"
                    for item in items))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-aisubset"),
                        help="folder the AI subset is copied into (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=None, help="kg build --out (default: WORK-out)")
    parser.add_argument("--graph", type=Path, default=None, help="judge this built graph.ttl instead of building")
    parser.add_argument("--seed", default=SEED, help="sampling seed (default: %(default)s)")
    parser.add_argument("--entities", type=int, default=N_ENTITIES, help="entity sample size (default: %(default)s)")
    parser.add_argument("--relations", type=int, default=N_RELATIONS,
                        help="relation sample size (default: %(default)s)")
    parser.add_argument("--todo", type=Path, nargs="?", const=Path("/tmp/kg-corpus-todo.tsv"), default=None,
                        help="write unjudged sampled items with evidence here (default: /tmp/kg-corpus-todo.tsv)")
    parser.add_argument("--accept", type=Path, default=None,
                        help="add the verdicts filled into a todo file to the verdict files, then exit")
    parser.add_argument("--show-errors", action="store_true", help="list wrong sampled items by reason")
    args = parser.parse_args(argv)

    if args.accept:
        n_entities, n_relations = accept(args.accept, ENTITY_FILE, RELATION_FILE)
        print(f"accepted {n_entities} entity and {n_relations} relation verdicts")
        return 0
    graph_path = args.graph
    if graph_path is None:
        count = prepare(args.corpus, args.work)
        print(f"{count} articles in {args.work}", file=sys.stderr)
        graph_path = build(args.work, args.out or args.work.with_name(args.work.name + "-out"))
    graph = Graph()
    graph.parse(graph_path, format="turtle")
    index = _evidence_index(graph)
    entity_items, relation_items = discovered_entities(graph, index), relations(graph, index)
    scores = [score("entity", entity_items, sample(entity_items, args.entities, args.seed),
                    read_verdicts(ENTITY_FILE, 2)),
              score("relation", relation_items, sample(relation_items, args.relations, args.seed),
                    read_verdicts(RELATION_FILE, 3))]
    print(report(scores, args.show_errors))
    if args.todo:
        n = write_todo(args.todo, scores)
        print(f"wrote {n} unjudged items with their evidence to {args.todo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
