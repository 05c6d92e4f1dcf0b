"""The `kg` command line: help with examples, a real build, clear one-line errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]


def run_kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m kg` as a user would, in a fresh process."""
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, check=False, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)


def test_help_shows_an_example_for_every_command() -> None:
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0 and "Example" in top.output
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output and "kg " + name in result.output, name


def test_build_writes_turtle_html_and_report(tmp_path: Path) -> None:
    result = run_kg("build", str(ROOT / "seeds"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for name in ("graph.ttl", "graph.html", "run.json"):
        assert (tmp_path / "out" / name).stat().st_size > 1000, name
    assert "entities:" in result.stdout and "Role" in result.stdout and "relations:" in result.stdout
    report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert len(report["articles"]) == 5 and report["skipped"] == []
    assert {"settings", "versions", "entities_by_class", "relations_by_property"} <= set(report)
    assert not {"timings_s", "cache"} & set(report), "figures that change between runs are printed, not written"
    assert "extracted; timings: load " in result.stdout


def test_run_json_and_the_summary_say_when_an_over_long_sentence_was_cut(tmp_path: Path) -> None:
    """Issue 11: a 5,000-character line without a sentence break is cut into pieces of at most
    MAX_SENTENCE_CHARS, and run.json (per article and in total) and the summary line say so."""
    from kg.ingest.text import MAX_SENTENCE_CHARS

    line = ("AIGC产品经理需要懂Midjourney和ChatGPT" * 200)[:5000]
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "long.md").write_text(f"# 长文\n\n{line}\n\n产品经理需要数据分析。\n", encoding="utf-8")
    result = run_kg("build", str(articles), "--out", str(tmp_path / "out"), "--no-cache", "--no-validate")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert report["split_sentences"] == 1
    assert [(a["doc_id"], a["split_sentences"]) for a in report["articles"]] == [("long.md", 1)]
    assert report["articles"][0]["sentences"] == -(-5000 // MAX_SENTENCE_CHARS) + 2  # pieces, title, last sentence
    assert "(1 over-long cut into pieces)" in result.stdout.splitlines()[0]


def test_build_defaults_to_seeds_and_output(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    source = next((ROOT / "seeds").glob("*.txt"))
    (tmp_path / "seeds" / source.name).write_bytes(source.read_bytes())
    result = run_kg("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "graph.ttl").exists()


def test_missing_input_is_one_line_error_with_status_2(tmp_path: Path) -> None:
    result = run_kg("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "nope" in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_files_are_skipped_with_a_warning_and_the_rest_is_built(tmp_path: Path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "good.md").write_text("# 标题\n\nAIGC产品经理需要懂业务和ROI分析。\n", encoding="utf-8")
    (articles / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run_kg("build", str(articles), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "image.txt" in result.stderr and "warning" in result.stderr
    report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert [s["path"].endswith("image.txt") for s in report["skipped"]] == [True]
    assert report["relations_by_property"].get("requiresSkill", 0) >= 2


def test_strict_turns_a_skip_into_an_error(tmp_path: Path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "good.md").write_text("# 标题\n\nMidjourney 生成图像。\n", encoding="utf-8")
    (articles / "bad.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    result = run_kg("build", str(articles), "--out", str(tmp_path / "out"), "--strict")
    assert result.returncode == 2 and "bad.txt" in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"kg {name}" in readme, f"README.md does not show `kg {name}`"
