"""kg.cli.summary: what `kg build` prints — the run's figures, then what changes from run to run, then the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli.summary import print_summary, volatile_line

REPORT = {
    "articles": [{"sentences": 3}, {"sentences": 4}],
    "split_sentences": 0,
    "triples": 120,
    "evidence": 9,
    "entities_by_class": {"Role": 2, "Skill": 1},
    "relations_by_property": {"requiresSkill": 1},
    "validation": {"conforms": True},
    "candidates": [],
    "warnings": ["one file skipped"],
    "cache": {"used": True, "hits": 1, "misses": 1},
    "timings_s": {"load": 0.5, "extract": 0.125},
}


def test_the_volatile_line_holds_cache_hits_and_timings() -> None:
    assert volatile_line(REPORT) == "1 articles reused from the cache, 1 extracted; timings: load 0.50 s, extract 0.12 s"
    assert volatile_line({**REPORT, "cache": {"used": False, "hits": 0, "misses": 2}}).startswith("2 extracted;")


def test_the_summary_lists_counts_then_files(capsys: pytest.CaptureFixture[str]) -> None:
    print_summary(REPORT, (Path("out/graph.ttl"),))
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "2 articles, 7 sentences, 120 triples, 9 evidence records",
        "entities:  Role 2, Skill 1",
        "relations: requiresSkill 1",
        "validation: conforms to ontology/shapes.ttl",
        volatile_line(REPORT),
        "wrote out/graph.ttl",
    ]
    assert err == "warning: one file skipped\n"
