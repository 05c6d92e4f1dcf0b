"""Incremental builds: unchanged articles come from the extraction cache; the output always equals a clean build."""

from __future__ import annotations

import shutil
from pathlib import Path

from kg.core.config import Settings
from kg.pipeline.run import BuildResult, build

ROOT = Path(__file__).resolve().parents[2]


def _outputs(folder: Path) -> tuple[bytes, bytes, bytes]:
    return tuple((folder / name).read_bytes() for name in ("graph.ttl", "graph.html", "run.json"))


def _cache(result: BuildResult) -> dict:
    """The cache figures of a build (printed by `kg build`, kept out of run.json since they change between runs)."""
    return result.report["cache"]


def test_rebuild_changed_added_and_deleted_articles(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", articles)
    settings = Settings().with_(cache_dir=tmp_path / "cache")
    clean = Settings().with_(use_cache=False)

    assert _cache(build([articles], tmp_path / "first", settings)) == {"used": True, "hits": 0, "misses": 5}
    assert _cache(build([articles], tmp_path / "again", settings))["hits"] == 5
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "first")

    changed = next(articles.glob("001_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nAIGC产品经理需要具备Prompt设计能力。\n", encoding="utf-8")
    (articles / "new.md").write_text("# 新文章\n\nMidjourney 可以生成图像。\n", encoding="utf-8")
    assert _cache(build([articles], tmp_path / "changed", settings)) == {"used": True, "hits": 4, "misses": 2}
    build([articles], tmp_path / "changed-clean", clean)
    assert _outputs(tmp_path / "changed") == _outputs(tmp_path / "changed-clean")

    deleted = next(articles.glob("004_*.txt"))
    deleted.unlink()
    build([articles], tmp_path / "deleted", settings)
    build([articles], tmp_path / "deleted-clean", clean)
    assert _outputs(tmp_path / "deleted") == _outputs(tmp_path / "deleted-clean")
    assert deleted.name.encode() not in _outputs(tmp_path / "deleted")[0]


def test_a_damaged_cache_entry_is_ignored(tmp_path: Path) -> None:
    settings = Settings().with_(cache_dir=tmp_path / "cache")
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    build([seed], tmp_path / "a", settings)
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert _cache(build([seed], tmp_path / "b", settings))["misses"] == 1
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")
