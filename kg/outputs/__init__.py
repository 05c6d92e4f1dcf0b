"""What is written from a built graph: the offline HTML page (render, templates/), the career-map
report and the export formats. It reads the graph only: it may import kg.graph and kg.core, never kg.ingest or
kg.analyse.
"""
