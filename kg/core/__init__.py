"""The core values every stage shares: the model (Document, Sentence, Token, Mention, Relation, Evidence,
Extraction), the one frozen Settings, the KGError family, the RDF namespaces, text normalisation, atomic file
writing and the ontology (classes, properties, lexicon entries read from ontology/*.ttl). It imports nothing of kg
outside kg.core.
"""
