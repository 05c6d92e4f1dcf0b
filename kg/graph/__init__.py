"""The canonical RDF graph and its projections: building the graph from resolved extractions, sorted
Turtle, the NetworkX view, SHACL validation and synthetic graphs for benchmarks. It may import kg.analyse (the
resolved values it turns into triples) and below.
"""
