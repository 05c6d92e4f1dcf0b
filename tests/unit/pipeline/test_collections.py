"""fewer_collections: extraction's garbage-collector settings are its own and undone after it, even on error."""

import gc

import pytest

from kg.pipeline.run import GC_YOUNG, fewer_collections


def test_extraction_collects_young_objects_less_often_and_freezes_what_was_loaded():
    before = gc.get_threshold()
    loaded = [object() for _ in range(10)]  # stands for the lexicon and segmenter, loaded before extraction
    with fewer_collections():
        assert gc.get_threshold() == (GC_YOUNG, *before[1:])
        assert gc.get_freeze_count() >= len(loaded)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_settings_are_restored_when_extraction_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("an extractor failed")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
