"""From Documents to resolved entities and relations: segmentation (jieba), the lexicon matcher, the
extractor registry and extractors (extract/), corpus statistics and resolution into Entities with evidence. It may
import kg.ingest and kg.core.
"""
