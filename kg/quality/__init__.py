"""Measuring and improving extraction: evaluation against the gold annotations and the review queue that
turns candidates into lexicon entries. It may import kg.pipeline and everything below it.
"""
