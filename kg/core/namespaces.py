"""RDF namespaces used by kg, and the prefixes every serialisation and query declares."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/aigc-kg/ontology#")
KGR = Namespace("https://w3id.org/aigc-kg/resource/")
KGA = Namespace("https://w3id.org/aigc-kg/article/")
KGE = Namespace("https://w3id.org/aigc-kg/evidence/")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "kgr": KGR,
    "kga": KGA,
    "kge": KGE,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "schema": SCHEMA,
    "foaf": FOAF,
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, to prepend to user queries."""
    return "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())
