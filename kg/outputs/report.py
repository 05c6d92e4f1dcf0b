"""The career map: what the graph tells a newcomer to AIGC product work, as HTML and Markdown with evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from kg.core.namespaces import KG, sparql_prologue
from kg.graph.views import display_text, local_name, node_classes

TITLE = "AIGC 产品职业地图"
LEAD = "本页完全由知识图谱生成：每条结论都带上标编号，指向文章里说出它的原句和文章标题。"
FACT_PROPERTIES = tuple(KG[name] for name in ("requiresSkill", "kindOf", "hires", "servesTeam", "madeBy", "generates",
                                              "basedOn", "evolvesInto", "shouldKnow", "inLayer"))
MAX_CHAINS = 200  # lineage paths multiply in a dense graph; the report lists at most this many
_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]\"'`\\]+")
_Q_FACTS = "SELECT ?s ?o WHERE { ?s ?p ?o }"
_Q_LABELS = "SELECT ?x ?label WHERE { ?x ?p ?label FILTER(isLiteral(?label)) }"
_Q_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?cls }"
_Q_EVIDENCE = """SELECT ?s ?o ?sentence ?article ?title ?section ?start WHERE {
  ?ev a kg:Evidence ; rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ; kg:sentence ?sentence .
  OPTIONAL { ?ev prov:wasDerivedFrom ?article . OPTIONAL { ?article dcterms:title ?title } }
  OPTIONAL { ?ev kg:section ?section } OPTIONAL { ?ev kg:startOffset ?start } }"""
_Q_ARTICLES = """SELECT ?a ?title ?created ?author ?url WHERE { ?a a kg:Article .
  OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:created ?created }
  OPTIONAL { ?a kg:hasAuthor ?author } OPTIONAL { ?a schema:url ?url } }"""


@dataclass(frozen=True)
class Note:
    """A numbered evidence sentence with the title of its article and its section there."""
    number: int
    sentence: str
    title: str
    section: str


@dataclass(frozen=True)
class Ref:
    """An entity named in a statement, an aside (its class or maker) and the numbers of its evidence notes."""
    label: str
    aside: str = ""
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Section:
    """One block: heading, subtitle, an optional table, labelled lists, arrow chains, and the notes it cites first."""
    anchor: str
    heading: str
    subtitle: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[tuple[Ref, ...], ...], ...] = ()
    fields: tuple[tuple[str, tuple[Ref, ...]], ...] = ()
    chains: tuple[tuple[Ref, ...], ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class CareerMap:
    """Everything the report shows: articles (title, author, date, url), counts, and the four chapters' sections."""
    articles: tuple[tuple[str, str, str, str], ...]
    counts: tuple[tuple[str, int], ...]
    roles: tuple[Section, ...]
    companies: Section
    products: Section
    lineages: Section

    def chapters(self) -> tuple[tuple[str, str, str, tuple[Section, ...]], ...]:
        """(anchor, heading, intro, sections) of each chapter, in reading order."""
        return (
            ("roles", "一、岗位：需要什么、谁在招", "事实最多的岗位在前；上标数字指向每节末尾的原文证据句。", self.roles),
            ("companies", "二、不同公司里的产品经理", "产品经理在各类公司服务谁，各类公司招哪些岗位。", (self.companies,)),
            ("products", "三、产品与内容类型", "文章举出的代表产品，按它们生成的内容类型分组。", (self.products,)),
            ("lineages", "四、技术演进", "文章描述的技术路线（A → B：A 演进为 B）。", (self.lineages,)),
        )

    def summary(self) -> str:
        """One line for the terminal: how much the report covers."""
        return (f"{len(self.roles)} roles, {len(self.companies.rows)} company types compared, "
                f"{len(self.products.fields)} product groups, {len(self.lineages.chains)} lineages")


class _Facts:
    """The graph's facts, labels, classes and evidence, each read once with SPARQL."""

    def __init__(self, graph: Graph) -> None:
        self.graph, self.classes = graph, node_classes(graph)
        self.labels: dict[URIRef, tuple] = {}
        self.english: dict[URIRef, str] = {}
        for rank, p in enumerate((RDFS.label, SKOS.prefLabel)):
            for row in self.select(_Q_LABELS, p=p):
                key = (row.label.language != "zh", rank, str(row.label))
                self.labels[row.x] = min(key, self.labels.get(row.x, key))
                if row.label.language == "en":
                    self.english[row.x] = min(str(row.label), self.english.get(row.x, str(row.label)))
        self.edges = {p: self.select(_Q_FACTS, p=p) for p in FACT_PROPERTIES}
        self.evidence: dict[tuple, set[tuple]] = defaultdict(set)
        for p in FACT_PROPERTIES:
            for row in self.select(_Q_EVIDENCE, p=p):
                start = int(row.start) if str(row.start).isdigit() else -1
                sentence = display_text(str(row.sentence))
                item = (str(row.article or ""), start, sentence, str(row.title or ""), str(row.section or ""))
                self.evidence[(row.s, p, row.o)].add(item)

    def select(self, query: str, **bindings: URIRef) -> list:
        """Rows of a SPARQL query with the given variables bound (values are never pasted into the text)."""
        return list(self.graph.query(sparql_prologue() + query, initBindings=bindings))

    def label(self, iri: URIRef) -> str:
        """The display label of an IRI: rdfs:label@zh, skos:prefLabel@zh, any other label, else its local name."""
        return self.labels[iri][2] if iri in self.labels else local_name(str(iri))

    def order(self, iris) -> list[URIRef]:
        """Distinct IRIs sorted by label, then IRI."""
        return sorted(set(iris), key=lambda iri: (self.label(iri), str(iri)))

    def objects(self, p: URIRef, s: URIRef) -> list[URIRef]:
        """Objects of the facts (s, p, ?o), by label."""
        return self.order(row.o for row in self.edges[p] if row.s == s)

    def subjects(self, p: URIRef, o: URIRef) -> list[URIRef]:
        """Subjects of the facts (?s, p, o), by label."""
        return self.order(row.s for row in self.edges[p] if row.o == o)

    def ranked(self, cls: URIRef, properties) -> list[tuple[URIRef, int]]:
        """Entities of a class taking part in facts of these properties: most facts first, then label."""
        counts: dict[URIRef, int] = defaultdict(int)
        for p in properties:
            for row in self.edges[p]:
                for node in {row.s, row.o}:
                    counts[node] += self.classes.get(node) == cls
        return sorted(((n, c) for n, c in counts.items() if c), key=lambda i: (-i[1], self.label(i[0]), str(i[0])))


class _Notes:
    """Numbers evidence sentences in order of first citation; each section takes the notes it cited first."""

    def __init__(self, facts: _Facts) -> None:
        self.facts, self.numbers, self.fresh = facts, {}, []

    def cite(self, *facts: tuple) -> tuple[int, ...]:
        """Note numbers for the evidence of these (s, p, o) facts."""
        numbers = []
        for fact in facts:
            for article, _, sentence, title, section in sorted(self.facts.evidence.get(fact, ())):
                if (article, sentence) not in self.numbers:
                    self.numbers[(article, sentence)] = len(self.numbers) + 1
                    self.fresh.append(Note(len(self.numbers), sentence, title, section))
                numbers.append(self.numbers[(article, sentence)])
        return tuple(dict.fromkeys(numbers))

    def take(self) -> tuple[Note, ...]:
        """The notes first cited since the last call."""
        taken, self.fresh = tuple(self.fresh), []
        return taken

    def refs(self, p: URIRef, pairs, aside=lambda _: "") -> tuple[Ref, ...]:
        """One Ref per (shown entity, fact subject, fact object), citing the evidence of (subject, p, object)."""
        return tuple(Ref(self.facts.label(shown), aside(shown), self.cite((s, p, o))) for shown, s, o in pairs)


def _role(facts: _Facts, notes: _Notes, index: int, role: URIRef, count: int) -> Section:
    """What one role needs, who hires it, where it sits among roles and what to know, with evidence."""
    def out(p):
        return [(o, role, o) for o in facts.objects(p, role)]

    def into(p):
        return [(s, s, role) for s in facts.subjects(p, role)]

    fields = (("需要的技能", notes.refs(KG.requiresSkill, out(KG.requiresSkill))),
              ("招聘它的公司类型", notes.refs(KG.hires, into(KG.hires))),
              ("属于（上位岗位）", notes.refs(KG.kindOf, out(KG.kindOf))),
              ("细分岗位", notes.refs(KG.kindOf, into(KG.kindOf))),
              ("应了解的产品与技术", notes.refs(KG.shouldKnow, out(KG.shouldKnow),
                                          lambda o: facts.label(facts.classes.get(o, KG.Entity)))))
    subtitle = " · ".join(filter(None, (facts.english.get(role, ""), f"{count} 条事实")))
    return Section(f"role-{index}", facts.label(role), subtitle, fields=tuple(f for f in fields if f[1]),
                   notes=notes.take())


def _companies(facts: _Facts, notes: _Notes) -> Section:
    """Company types side by side: the team a PM there serves and the roles they hire; the others listed after."""
    ranked = [ct for ct, _ in facts.ranked(KG.CompanyType, (KG.servesTeam, KG.hires))]
    rows = tuple(((Ref(facts.label(ct)),),) + tuple(notes.refs(p, [(o, ct, o) for o in facts.objects(p, ct)])
                                                 for p in (KG.servesTeam, KG.hires)) for ct in ranked)
    rest = tuple(Ref(facts.label(ct)) for ct in facts.order(i for i, c in facts.classes.items() if c == KG.CompanyType)
                 if ct not in ranked)
    return Section("company-table", "公司类型对比", columns=("公司类型", "产品经理服务的团队", "招聘的岗位"), rows=rows,
                   fields=(("文章还提到的公司类型（没有相关事实）", rest),) if rest else (), notes=notes.take())


def _products(facts: _Facts, notes: _Notes) -> Section:
    """Products grouped by the content type they generate, each with its makers; other made-by facts after."""
    def product(p: URIRef, *cited: tuple) -> Ref:
        makers = facts.objects(KG.madeBy, p)
        numbers = notes.cite(*cited, *((p, KG.madeBy, m) for m in makers))
        return Ref(facts.label(p), "、".join(facts.label(m) for m in makers), numbers)

    contents = sorted(facts.order(row.o for row in facts.edges[KG.generates]),
                      key=lambda c: -len(facts.subjects(KG.generates, c)))
    fields = [(facts.label(c), tuple(product(p, (p, KG.generates, c)) for p in facts.subjects(KG.generates, c)))
              for c in contents]
    generating = {row.s for row in facts.edges[KG.generates]}
    others = tuple(product(p) for p in facts.order(row.s for row in facts.edges[KG.madeBy]) if p not in generating)
    fields += [("其他产品", others)] if others else []
    return Section("product-list", "按内容类型看产品", "括号内为出品方。", fields=tuple(fields), notes=notes.take())


def _chains(facts: _Facts) -> list[list[URIRef]]:
    """Maximal kg:evolvesInto paths (no repeated node), origins first and by label; at most MAX_CHAINS of them."""
    nexts = {s: facts.objects(KG.evolvesInto, s) for s in facts.order(row.s for row in facts.edges[KG.evolvesInto])}
    targets = {t for ts in nexts.values() for t in ts}
    chains: list[list[URIRef]] = []
    covered: set[tuple[URIRef, URIRef]] = set()
    for start in [s for s in nexts if s not in targets] + [s for s in nexts if s in targets]:
        stack = [[start]] if any((start, t) not in covered for t in nexts[start]) else []
        while stack and len(chains) < MAX_CHAINS:
            path = stack.pop()
            steps = [t for t in nexts.get(path[-1], []) if t not in path]
            if not steps:
                chains.append(path)
                covered.update(pairwise(path))
            stack.extend(path + [t] for t in reversed(steps))
    return chains


def _lineages(facts: _Facts, notes: _Notes) -> Section:
    """Technology lineages as arrow chains; each step cites its evidence."""
    chains = tuple((Ref(facts.label(path[0])),) + notes.refs(KG.evolvesInto, [(b, a, b) for a, b in pairwise(path)])
                   for path in _chains(facts))
    return Section("lineage-list", "技术演进路线", chains=chains, notes=notes.take())


def _articles(facts: _Facts) -> tuple[tuple[str, str, str, str], ...]:
    """The source articles as (title, authors, date, original URL if plain http(s)), by date and title."""
    found: dict[URIRef, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in facts.select(_Q_ARTICLES):
        for key in ("title", "created", "url", "author"):
            if row[key] is not None:
                found[row.a][key].add(facts.label(row[key]) if key == "author" else str(row[key]))
    rows = ((min(v["title"], default=local_name(str(iri))), "、".join(sorted(v["author"])),
             min(v["created"], default=""), min((u for u in v["url"] if _SAFE_URL.fullmatch(u)), default=""))
            for iri, v in found.items())
    return tuple(sorted(rows, key=lambda a: (a[2], a[0], a[3])))


def career_map(graph: Graph) -> CareerMap:
    """Read the report from the graph: roles, company types, products and lineages, with numbered evidence."""
    facts = _Facts(graph)
    notes = _Notes(facts)
    roles = tuple(_role(facts, notes, i, role, n)
                  for i, (role, n) in enumerate(facts.ranked(KG.Role, FACT_PROPERTIES), start=1))
    articles = _articles(facts)
    counts = (("篇文章", len(articles)), ("个实体", sum(c != KG.Article for c in facts.classes.values())),
              ("条事实", sum(map(len, facts.edges.values()))),
              ("条证据", int(facts.select(_Q_COUNT, cls=KG.Evidence)[0].n)), ("个三元组", len(graph)))
    return CareerMap(articles, counts, roles, _companies(facts, notes), _products(facts, notes),
                     _lineages(facts, notes))
