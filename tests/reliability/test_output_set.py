"""Issue 11, "one build, one consistent output set": odd file names, one build per folder and store at a time,
graph.ttl / graph.html / run.json / the store published together, workers that die with `kg build`, temp files of
killed builds cleaned up. Each docstring names its case in tests/reliability/COVERAGE.md."""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.pipeline.run as kg_pipeline
import kg.sparql.store as kg_store
from kg.core.errors import OutputError
from kg.analyse.extract.resources import load_resources
from kg.pipeline.run import build
from kg.sparql.store import StoreSpec, open_store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
OUTPUTS = {"graph.ttl", "graph.html", "run.json"}
ARTICLE = "# 标题\n\nAIGC产品经理需要学习Prompt工程，Midjourney可以生成图像，字节跳动推出了豆包。\n"
OTHER = "# 另一篇\n\n大模型产品经理需要懂Transformer，百度推出了文心一言。\n"
cached_resources = functools.lru_cache(maxsize=4)(load_resources)


@pytest.fixture()
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds in this test reuse loaded resources (loading is not what is tested)."""
    monkeypatch.setattr(kg_pipeline, "load_resources", cached_resources)


def _folder(path: Path, text: str, name: str = "a.md") -> Path:
    """A folder holding one article."""
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(text, encoding="utf-8")
    return path


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every file of an output folder (hidden ones too) with its bytes."""
    return {name: (out / name).read_bytes() for name in sorted(os.listdir(out))}


def _kg(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `python -m kg ARGS` in the project folder."""
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_file_names_that_are_not_utf8_are_shown_safely_everywhere(tmp_path: Path) -> None:
    """Issue 11 (44): a folder, an article and a skipped file named with non-UTF-8 bytes, and an --out folder too:
    the build succeeds; run.json, the graph's kg:sourceFile, warnings and `wrote …` lines show \\xNN escapes."""
    base = os.fsencode(tmp_path)
    folder, out = os.path.join(base, b"in\xe9"), os.path.join(base, b"out\xff")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.md"), "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
    with open(os.path.join(folder, b"bin\xfe.md"), "wb") as handle:
        handle.write(b"\x00\x01\x02 binary")
    run = _kg("build", os.fsdecode(folder), "--out", os.fsdecode(out), "--no-cache")
    stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr.decode("utf-8", "replace")
    assert b"Traceback" not in stderr
    assert b"wrote " + out.replace(b"\xff", b"\\xff") + b"/run.json" in stdout
    assert b"\\xfe.md" in stderr and b"\\udc" not in stderr  # the skipped file's warning
    report = json.loads(Path(os.fsdecode(out), "run.json").read_bytes().decode("utf-8"))
    text = json.dumps(report, ensure_ascii=False)
    assert not re.search("[\ud800-\udfff]", text)
    assert report["settings"]["inputs"] == [os.fsdecode(folder).replace("\udce9", "\\xe9")]
    assert [a["doc_id"] for a in report["articles"]] == ["caf\\xe9.md"]
    assert [s["path"] for s in report["skipped"]] == [os.fsdecode(folder).replace("\udce9", "\\xe9") + "/bin\\xfe.md"]
    turtle = Path(os.fsdecode(out), "graph.ttl").read_bytes().decode("utf-8")
    assert 'kg:sourceFile "caf\\\\xe9.md"' in turtle  # the backslash escaped in Turtle


def test_a_second_build_into_a_busy_folder_or_store_fails_at_once_and_writes_nothing(
        tmp_path: Path, shared: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11 (45): while one build runs, another into the same --out, or into the same store, stops with
    `another kg build` before writing anything: the old files and store stay as they were, and the first build
    then finishes."""
    out, store = tmp_path / "out", StoreSpec("oxigraph", tmp_path / "store")
    settings = kg_pipeline.Settings().with_(store=str(store))
    build([_folder(tmp_path / "old", ARTICLE)], out, settings)
    before, stored_before = _snapshot(out), len(open_store(store, Path()))
    failures: list[tuple[str, float]] = []

    def load_and_race(given):
        if not failures:
            for second_out, second in ((out, settings), (out, settings.with_(store="memory")),
                                       (tmp_path / "elsewhere", settings)):
                started = time.monotonic()
                with pytest.raises(OutputError, match="another kg build") as raised:
                    build([_folder(tmp_path / "second", OTHER)], second_out, second)
                failures.append((raised.value.message, time.monotonic() - started))
            during = _snapshot(out)
            assert during.pop(".kg-build.lock") == b""  # the first build's lock
            assert during == before and len(open_store(store, Path())) == stored_before
            assert not (tmp_path / "elsewhere").exists() or not os.listdir(tmp_path / "elsewhere")
        return cached_resources(given)

    monkeypatch.setattr(kg_pipeline, "load_resources", load_and_race)
    result = build([_folder(tmp_path / "first", OTHER)], out, settings)
    assert len(failures) == 3 and all(seconds < 1 for _, seconds in failures)
    assert all("wait until it has finished" in message for message, _ in failures)
    assert str(out) in failures[0][0] and str(store.path) in failures[2][0]
    assert set(os.listdir(out)) == OUTPUTS and _snapshot(out) != before
    assert len(open_store(store, Path())) == result.report["triples"] != stored_before


def test_a_store_that_cannot_be_loaded_leaves_the_whole_old_set(tmp_path: Path, shared: None,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11 (46): the store is loaded before any file is replaced; when loading fails, graph.ttl, graph.html
    and run.json all stay the previous build's (no new graph beside an old run.json), and no temp file is left."""
    out, store = tmp_path / "out", StoreSpec("oxigraph", tmp_path / "store")
    settings = kg_pipeline.Settings().with_(store=str(store))
    build([_folder(tmp_path / "old", ARTICLE)], out, settings)
    before = _snapshot(out)

    def full(folder: Path, turtle: Path) -> int:
        raise OutputError("cannot write the Oxigraph store: no space", where=str(folder))

    monkeypatch.setattr(kg_store, "_bulk_load", full)
    with pytest.raises(OutputError, match="no space"):
        build([_folder(tmp_path / "new", OTHER)], out, settings)
    assert _snapshot(out) == before
    assert sorted(os.listdir(tmp_path)) == ["new", "old", "out", "store"]


def test_a_report_that_cannot_be_written_leaves_the_whole_old_set(tmp_path: Path, shared: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11 (46): run.json is made before graph.ttl and graph.html are replaced; when making it fails (here a
    value JSON cannot hold), the previous three files stay."""
    out = tmp_path / "out"
    build([_folder(tmp_path / "old", ARTICLE)], out)
    before = _snapshot(out)
    monkeypatch.setattr(kg_pipeline, "_versions", lambda: {"python": object()})
    with pytest.raises(TypeError):
        build([_folder(tmp_path / "new", OTHER)], out)
    assert _snapshot(out) == before


def test_run_json_names_the_files_it_was_published_with(tmp_path: Path, shared: None) -> None:
    """Issue 11 (46): run.json records the size and SHA-256 of the graph.ttl and graph.html it belongs to, so a
    reader can check that the three files it read are one set."""
    import hashlib

    out = tmp_path / "out"
    build([_folder(tmp_path / "in", ARTICLE)], out)
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    for name in ("graph.ttl", "graph.html"):
        data = (out / name).read_bytes()
        assert report["outputs"][name] == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_temp_files_of_a_killed_build_are_removed_by_the_next(tmp_path: Path, shared: None) -> None:
    """Issue 11 (47): `.graph.html.XXXX.tmp` and the like, left by a build killed while writing, are deleted by the
    next build into that folder; other files there are left alone."""
    out = tmp_path / "out"
    build([_folder(tmp_path / "in", ARTICLE)], out)
    leftovers = [".graph.html.k2j4_x.tmp", ".graph.ttl.a8b9c0d1.tmp", ".run.json.zz.tmp"]
    kept = ["notes.txt", ".graph.html.bak", "graph.html.tmp"]
    for name in leftovers + kept:
        (out / name).write_bytes(b"x" * 1000)
    build([tmp_path / "in"], out)
    assert set(os.listdir(out)) == OUTPUTS | set(kept)


def _children(pid: int) -> set[int]:
    """Process ids whose parent is `pid` (from /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers die with their parent through Linux prctl")
@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_extraction_workers_die_with_a_killed_build(tmp_path: Path, start: str) -> None:
    """Issue 11 (48): kill -9 of `kg build` during parallel extraction takes its worker processes with it."""
    articles = tmp_path / "in"
    articles.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for copy in range(8):
        for seed in seeds:
            (articles / f"{copy}-{seed.name}").write_text(seed.read_text(encoding="utf-8") + f"\n\n第{copy}份。\n",
                                                         encoding="utf-8")
    script = ("import multiprocessing, sys\nmultiprocessing.set_start_method(sys.argv[1], force=True)\n"
              "from kg.cli.main import main\nsys.argv = ['kg', *sys.argv[2:]]\nmain()\n")
    build_process = subprocess.Popen([sys.executable, "-c", script, start, "build", str(articles), "--out",
                                      str(tmp_path / "out"), "--workers", "2", "--no-cache", "--no-validate"],
                                     cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and build_process.poll() is None:
            workers = {pid for pid in _children(build_process.pid) if _alive(pid)}
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its workers"
        build_process.send_signal(signal.SIGKILL)
        build_process.wait(10)
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "worker processes outlived the killed build"
    finally:
        build_process.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
