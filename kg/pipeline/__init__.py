"""The build: ingest, analyse (in worker processes, through the extraction cache), build, validate,
render and publish graph.ttl, graph.html and run.json (and the store) in one step. It may import every package
below it.
"""
