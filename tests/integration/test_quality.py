"""Extraction quality pinned against the gold annotations: a regression below these scores fails CI.

Figures and the command that reproduces them are in README.md (`kg eval`). The floors sit just under the
scores measured when they were set, so any real regression fails while rounding noise does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.quality.evaluate import evaluate, load_gold
from kg.pipeline.run import build

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "gold"


@pytest.fixture(scope="module")
def unseen_graph():
    return build([GOLD / "unseen" / "articles"], write=False).graph


@pytest.mark.parametrize(("split", "entity_f1", "relation_f1"), [
    ("all", 0.91, 0.69),   # against the full relation gold of the seeds (189 relations, issue 10)
    ("dev", 0.91, 0.84),   # the lexicon's 故事 (2026-12-07, sixth), listed with 小说 in 001, is not in the gold: 0.919
    ("test", 0.89, 0.42),  # content_kinds (2026-12-06): 0.916 → 0.902; the lexicon's 996 new entries (2026-12-07)
                           # name 招聘平台 and 智能办公, which the test gold does not list: 0.899
])
def test_seeds_scores(seeds_build, split: str, entity_f1: float, relation_f1: float) -> None:
    result = evaluate(load_gold(GOLD / "seeds"), seeds_build[0].graph, split).as_dict()
    assert result["entities"]["typed"]["f1"] >= entity_f1, result["entities"]["typed"]
    assert result["relations"]["overall"]["f1"] >= relation_f1, result["relations"]["overall"]


@pytest.mark.parametrize(("split", "entity_f1", "relation_f1"), [
    ("all", 0.90, 0.73),   # 74 articles written for the project, gold annotated before any kg run on them
    ("dev", 0.92, 0.81),   # tuned on; unseen_43–73 odd (blind, first read 0.42 / 0.54 / 0.49 / 0.50) joined 2026-12-07
    ("test", 0.88, 0.63),  # never tuned on; unseen_44–74 even (blind, first read 0.41 / 0.51 / 0.51 / 0.49) joined 2026-12-07
])
def test_unseen_articles_scores(unseen_graph, split: str, entity_f1: float, relation_f1: float) -> None:
    result = evaluate(load_gold(GOLD / "unseen"), unseen_graph, split).as_dict()
    assert result["entities"]["typed"]["f1"] >= entity_f1, result["entities"]["typed"]
    assert result["relations"]["overall"]["f1"] >= relation_f1, result["relations"]["overall"]


def test_gold_covers_every_seed_and_the_unseen_articles() -> None:
    seeds = load_gold(GOLD / "seeds")
    assert sorted(a.doc_id for a in seeds) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert {a.split for a in seeds} == {"dev", "test"}
    unseen = load_gold(GOLD / "unseen")
    assert len(unseen) >= 20 and {a.split for a in unseen} == {"dev", "test"}
    articles = {p.name for p in (GOLD / "unseen" / "articles").iterdir()}
    assert {a.doc_id for a in unseen} <= articles
