"""Asking the graph: SPARQL queries and the saved queries (queries/), result formats, Oxigraph stores,
remote endpoints, pushing to a SPARQL server, and the HTTP server with its explorer. The only package that speaks
HTTP or opens sockets. It may import kg.outputs (templates, exports), kg.graph and kg.core, never kg.ingest or
kg.analyse.
"""
