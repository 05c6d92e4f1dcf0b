"""Cases of ../shared/reliability-checklist.md not covered elsewhere; each docstring names its case number."""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

import kg.core.io as kg_io
import kg.pipeline.run as kg_pipeline
import kg.outputs.render as kg_render
from kg.graph.build import build_graph
from kg.graph.turtle import serialize_turtle
from kg.cli.main import cli
from kg.core.config import Settings
from kg.analyse.extract import create
from kg.analyse.extract.resources import load_resources
from kg.ingest.articles import parse_document
from kg.core.namespaces import KG, KGR
from kg.pipeline.run import analyse, build
from kg.outputs.render import page_data, render_html
from kg.analyse.resolve import resolve
from kg.graph.turtle import GraphText

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
OUTPUTS = {"graph.ttl", "graph.html", "run.json"}
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
cached_resources = functools.lru_cache(maxsize=4)(load_resources)  # jieba takes ~1.5 s to load per build
LEXICON_HEAD = """@prefix kg:   <https://w3id.org/aigc-kg/ontology#> .
@prefix kgr:  <https://w3id.org/aigc-kg/resource/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def _ontology(folder: Path, entries: dict[str, tuple[str, str, tuple[str, ...]]]) -> Path:
    """An ontology folder: the real one without its lexicons, plus a lexicon of {local name: (class, label, aliases)}."""
    folder.mkdir(parents=True)
    for path in (ROOT / "ontology").glob("*.ttl"):
        if not path.name.startswith("lexicon"):
            shutil.copy(path, folder / path.name)
    lines = [LEXICON_HEAD]
    for local, (cls, label, aliases) in entries.items():
        alts = "".join(f' ; skos:altLabel "{alias}"@zh' for alias in aliases)
        lines.append(f'kgr:{local} a kg:{cls} ; skos:inScheme kg:Lexicon ; skos:prefLabel "{label}"@zh{alts} .\n')
    (folder / "lexicon.ttl").write_text("".join(lines), encoding="utf-8")
    return folder


def _article(folder: Path, text: str, name: str = "a.md") -> Path:
    """Write one UTF-8 article into `folder` and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _labels(graph: Graph, node: URIRef) -> set[str]:
    """Every rdfs:label, skos:prefLabel and skos:altLabel of a node."""
    return {str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(node, p)}


def _all_labels(graph: Graph) -> list[str]:
    """Every label literal of the graph."""
    return [str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(None, p)]


def _outputs(folder: Path) -> dict[str, bytes]:
    """The bytes of graph.ttl and graph.html of a build folder."""
    return {name: (folder / name).read_bytes() for name in ("graph.ttl", "graph.html")}


def _kg(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `python -m kg ARGS` in the project folder."""
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture()
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds in this test reuse loaded resources (for tests where loading is not what is tested)."""
    monkeypatch.setattr(kg_pipeline, "load_resources", cached_resources)


@pytest.fixture(scope="module")
def clean_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean in-process build of seeds/; returns its output folder."""
    out = tmp_path_factory.mktemp("clean-seeds")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg_pipeline, "load_resources", cached_resources)
        build([SEEDS], out)
    return out


@pytest.fixture(scope="module")
def seeds_graph(clean_seeds: Path) -> Graph:
    """The graph of the clean seeds build, parsed back."""
    return Graph().parse(clean_seeds / "graph.ttl", format="turtle")


# ---------------------------------------------------------------- normalisation and segmentation


def test_traditional_variant_is_not_merged_without_a_lexicon_alias(tmp_path: Path, shared: None) -> None:
    """Checklist 13: 人工智慧 is not folded into 人工智能 (no script conversion); the article text is kept as written."""
    folder = _article(tmp_path / "in", "# 标题\n\n臺灣的乾隆年间没有人工智慧，今天的AI产品经理研究人工智能。\n")
    graph = build([folder], write=False).graph
    assert "人工智慧" not in _labels(graph, KGR.ArtificialIntelligence)
    sentences = {str(s) for s in graph.objects(None, KG.sentence)}
    assert "臺灣的乾隆年间没有人工智慧，今天的AI产品经理研究人工智能。" in sentences
    page = render_html(graph)
    assert "乾隆" in page and "臺灣" in page
    assert not any(bad in str(o) for o in graph.objects() for bad in ("干隆", "台湾", "台灣"))


def test_traditional_variant_listed_in_the_lexicon_merges_and_keeps_its_surface(tmp_path: Path) -> None:
    """Checklist 13: when the lexicon lists 人工智慧 as an alias of 人工智能, both spellings are one entity."""
    ontology = _ontology(tmp_path / "ontology", {"AI": ("Concept", "人工智能", ("人工智慧",)),
                                                 "PM": ("Role", "AI产品经理", ())})
    folder = _article(tmp_path / "in", "# 标题\n\nAI产品经理要理解人工智慧。\n\n人工智能是未来。\n")
    graph = build([folder], settings=Settings().with_(ontology_dir=ontology), write=False).graph
    node = KGR.AI
    assert _labels(graph, node) == {"人工智能", "人工智慧"}
    assert {str(o) for o in graph.objects(node, SKOS.prefLabel)} == {"人工智能"}
    assert len(set(graph.subjects(KG.mentions, node))) == 1
    assert sum(1 for s in graph.subjects(RDF.type, KG.Concept)) == 1


def test_ideographic_space_nbsp_and_tab_separate_tokens(tmp_path: Path, shared: None) -> None:
    """Checklist 14: U+3000, NBSP and tab act as spaces; names are found and no label carries them."""
    text = ("# 标题\n\nAI产品经理\u3000需要\u00a0Midjourney\t和\u3000Stable\u00a0Diffusion\u3000。\n\n"
            "\u3000\u3000Midjourney\u00a0可以生成图像。\n")
    graph = build([_article(tmp_path / "in", text)], write=False).graph
    mentioned = set(graph.objects(None, KG.mentions))
    assert {KGR.AIProductManager, KGR.Midjourney, KGR.StableDiffusion} <= mentioned
    for label in _all_labels(graph):
        assert label == label.strip() and not re.search("[\u3000\u00a0\t]|\\s\\s", label), repr(label)
        assert unicodedata.category(label[0]) not in ("Cf", "Zs") and unicodedata.category(label[-1]) not in ("Cf", "Zs")


DICTIONARY = {
    "GPT4": ("Product", "GPT 4", ()),
    "Llama3nz": ("Product", "Llama 3 nz", ()),
    "SD3": ("Product", "Stable Diffusion 3", ()),
    "SD": ("Product", "Stable Diffusion", ()),
    "Cpp": ("Technology", "C++", ()),
    "CSharp": ("Technology", "C#", ()),
    "DotNet": ("Technology", ".NET", ()),
    "CA199": ("Concept", "糖类抗原19-9", ()),
}


def test_dictionary_entries_with_spaces_digits_and_symbols_match_as_written(tmp_path: Path) -> None:
    """Checklist 15: `GPT 4`, `Llama 3 nz`, `C++`, `C#`, `.NET`, `Stable Diffusion 3`, `糖类抗原19-9` load and match."""
    ontology = _ontology(tmp_path / "ontology", DICTIONARY)
    resources = load_resources(Settings().with_(ontology_dir=ontology, cache_dir=tmp_path / "cache"))
    text = ("我们用GPT 4和C++、C#、.NET开发，也用Stable Diffusion 3和Stable Diffusion、Llama 3 nz，"
            "检测糖类抗原19-9。GPT 40不是，ASP.NET也不是。")
    tokens = resources.segmenter.tokens(text, 0)
    found = [(text[m.start:m.end], m.entry.label) for m in resources.lexicon.find(text, 0, tokens)]
    assert found == [(label, label) for label in ("GPT 4", "C++", "C#", ".NET", "Stable Diffusion 3",
                                                  "Stable Diffusion", "Llama 3 nz", "糖类抗原19-9")]
    assert {entry.label for entry in resources.ontology.entries} == {label for _, label, _ in DICTIONARY.values()}


def test_dictionary_entries_become_entities_with_their_surface_labels(tmp_path: Path) -> None:
    """Checklist 15: a build with those entries gives one entity each, labelled exactly as the dictionary says."""
    ontology = _ontology(tmp_path / "ontology", DICTIONARY)
    folder = _article(tmp_path / "in", "# 标题\n\n工程师要会C++、C#和.NET，了解GPT 4与Stable Diffusion 3。\n")
    graph = build([folder], settings=Settings().with_(ontology_dir=ontology), write=False).graph
    mentioned = {str(o).rsplit("/", 1)[-1] for o in graph.objects(None, KG.mentions)}
    assert {"Cpp", "CSharp", "DotNet", "GPT4", "SD3"} <= mentioned
    assert "SD" not in mentioned
    assert {str(graph.value(KGR[name], SKOS.prefLabel)) for name in ("Cpp", "CSharp", "DotNet", "GPT4", "SD3")} \
        == {"C++", "C#", ".NET", "GPT 4", "Stable Diffusion 3"}


SMALL = "# 标题\n\nAIGC产品经理需要学习Prompt工程，Midjourney可以生成图像，字节跳动推出了豆包。\n"


def test_unwritable_cache_folder_gives_the_same_output(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Checklist 16: a cache folder that cannot be created (under a regular file) only costs a warning."""
    folder = _article(tmp_path / "in", SMALL)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    expected = serialize_turtle(build([folder], settings=Settings().with_(use_cache=False), write=False).graph)
    with caplog.at_level("WARNING"):
        graph = build([folder], settings=Settings().with_(cache_dir=blocker / "cache"), write=False).graph
    assert serialize_turtle(graph) == expected
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert any("cannot write the extraction cache" in r.getMessage() for r in caplog.records)


def test_a_corrupted_shared_jieba_cache_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist 16: segmentation (jieba-rs) keeps its dictionary in memory: a garbage or foreign-owned
    jieba.cache in the temp folder is neither read nor written, and the output is unchanged."""
    folder = _article(tmp_path / "in", SMALL)
    expected = serialize_turtle(build([folder], settings=Settings().with_(use_cache=False), write=False).graph)
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    cache = shared_tmp / "jieba.cache"
    cache.write_bytes(b"\x00not a marshal dump\xff" * 100)
    cache.chmod(0o000)
    monkeypatch.setenv("TMPDIR", str(shared_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    graph = build([folder], settings=Settings().with_(use_cache=False), write=False).graph
    assert serialize_turtle(graph) == expected
    assert sorted(p.name for p in shared_tmp.iterdir()) == ["jieba.cache"]
    cache.chmod(0o600)
    assert cache.read_bytes().startswith(b"\x00not a marshal")


# ---------------------------------------------------------------- RDF modelling


def test_nul_and_lone_surrogates_in_text_never_reach_the_graph(tmp_path: Path, shared: None) -> None:
    """Checklist 20: NUL and lone surrogates in decoded text are removed before the graph; nothing becomes `?`."""
    resources = cached_resources(Settings())
    text = "# 标题\ud800测\x00试\n\nAI产品经理\x00需要学习Mid\ud800journey和Prompt\udfff工程。\n"
    document = parse_document(text, "t.md", "t.md", "utf-8")
    extraction = analyse(document, resources, create(Settings().extractors, resources))
    resolved = resolve([extraction], resources.ontology, resources.lexicon, 0.6)
    graph = build_graph(resolved, [document], resources.ontology)
    assert KGR.Midjourney in set(graph.objects(None, KG.mentions))
    bad = [t for t in graph for term in t if re.search("[\x00\ud800-\udfff]", str(term))]
    assert bad == []
    texts = [str(o) for o in graph.objects() if isinstance(o, Literal)]
    assert "AI产品经理需要学习Midjourney和Prompt工程。" in texts and "标题测试" in texts
    assert not any("?" in text or "\ufffd" in text for text in texts if "标题" in text or "产品经理" in text)
    assert "Midjourney和Prompt工程" in serialize_turtle(graph).decode("utf-8")


def test_file_name_that_is_not_utf8_does_not_crash_the_build(tmp_path: Path) -> None:
    """Checklist 20: a non-UTF-8 file name (b'caf\\xe9.md') is read or skipped; no lone surrogate in the graph."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.md"), "wb") as handle:
        handle.write(SMALL.encode("utf-8"))
    result = build([folder], tmp_path / "out")
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert not re.search("[\ud800-\udfff]", turtle)
    assert len(result.report["articles"]) + len(result.report["skipped"]) == 1


def test_every_literal_of_the_seeds_graph_has_a_bcp47_tag_or_none(seeds_graph: Graph) -> None:
    """Checklist 21: language tags are lowercase BCP 47 (zh, en, …); none is zh_CN, 中文 or empty."""
    tags = {o.language for o in seeds_graph.objects() if isinstance(o, Literal) and o.language is not None}
    assert tags and all(BCP47.match(tag) for tag in tags), tags
    assert {"zh", "en"} <= tags


def test_rebuild_is_idempotent_and_a_deleted_article_leaves_nothing_behind(tmp_path: Path, shared: None) -> None:
    """Checklist 23: the same inputs twice give the same bytes; after deleting one article the output is a clean build."""
    articles = sorted(SEEDS.iterdir())[:3]
    folder = tmp_path / "in"
    folder.mkdir()
    for path in articles:
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    build([folder], out)
    first = _outputs(out)
    build([folder], out)
    assert _outputs(out) == first
    gone = articles[0].name
    title = str(Graph().parse(out / "graph.ttl").value(URIRef(f"https://w3id.org/aigc-kg/article/{gone}"),
                                                          URIRef("http://purl.org/dc/terms/title")))
    (folder / gone).unlink()
    build([folder], out)
    clean = tmp_path / "clean"
    shutil.copytree(folder, tmp_path / "in2")
    build([tmp_path / "in2"], clean)
    assert _outputs(out) == _outputs(clean)
    turtle, page = (out / "graph.ttl").read_text(encoding="utf-8"), (out / "graph.html").read_text(encoding="utf-8")
    assert gone not in turtle and title and title not in page
    assert set(os.listdir(out)) == OUTPUTS


# ---------------------------------------------------------------- file-writing faults


@pytest.fixture()
def old_build(tmp_path: Path, shared: None) -> tuple[Path, dict[str, bytes], Path]:
    """(output folder holding a build of one seed article, its bytes, a folder with another article)."""
    first, second = sorted(SEEDS.iterdir())[:2]
    out = tmp_path / "out"
    build([first], out)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(second, other / second.name)
    return out, _outputs(out), other


def test_serializer_failure_keeps_the_previous_files(old_build, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist 24: when Turtle serialisation raises, graph.ttl / graph.html are unchanged and no temp file is left."""
    out, before, other = old_build

    real_chunks = GraphText.chunks

    def broken(text: GraphText, *args, **kwargs):
        yield next(real_chunks(text, *args, **kwargs))
        raise ValueError("serializer exploded")

    monkeypatch.setattr(GraphText, "chunks", broken)
    with pytest.raises(ValueError):
        build([other], out)
    assert _outputs(out) == before and set(os.listdir(out)) == OUTPUTS
    result = CliRunner().invoke(cli, ["build", str(other), "--out", str(out)])
    assert result.exit_code != 0
    assert _outputs(out) == before and set(os.listdir(out)) == OUTPUTS


def test_renderer_failure_keeps_the_previous_turtle(old_build, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist 24: when the HTML renderer raises, the previous graph.ttl stays too (the outputs stay consistent)."""
    out, before, other = old_build

    def broken(_graph: Graph, **_kwargs) -> str:
        raise ValueError("renderer exploded")

    monkeypatch.setattr(kg_render, "render_html", broken)
    with pytest.raises(ValueError):
        build([other], out)
    assert set(os.listdir(out)) == OUTPUTS
    assert _outputs(out) == before


def test_disk_full_is_a_clean_error_and_keeps_the_previous_files(old_build, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist 25: ENOSPC while writing gives `kg: error: …`, exit 2, the old files intact, no temp file."""
    out, before, other = old_build

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(kg_io.os, "fsync", full)
    result = CliRunner().invoke(cli, ["build", str(other), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "kg: error: cannot write: No space left on device" in result.output and "Traceback" not in result.output
    assert _outputs(out) == before and set(os.listdir(out)) == OUTPUTS


WRITER = """
import sys, itertools
from pathlib import Path
from kg.core.io import atomic_write
target = Path(sys.argv[1])
for i in itertools.count():
    atomic_write(target, (b"a" if i % 2 else b"b") * (3_000_000 + 1_000_000 * (i % 2)))
    print(i, flush=True)
"""


def test_kill_9_during_writes_leaves_a_complete_old_or_new_file(tmp_path: Path) -> None:
    """Checklist 25: SIGKILL in the middle of atomic writes leaves the target complete (old or new), never truncated."""
    target = tmp_path / "graph.ttl"
    complete = {b"a" * 4_000_000, b"b" * 3_000_000}
    for delay in (0.05, 0.2, 0.35):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=ROOT, stdout=subprocess.PIPE)
        child.stdout.readline()  # the first write is done
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert target.read_bytes() in complete


def test_temp_files_are_created_next_to_their_target(tmp_path: Path, shared: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checklist 26: every temp file lives in the output folder, so the final rename never crosses filesystems."""
    folders: list[Path] = []
    real = kg_io.tempfile.mkstemp

    def recording(*args, **kwargs):
        folders.append(Path(kwargs["dir"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(kg_io.tempfile, "mkstemp", recording)
    out = tmp_path / "out"
    build([_article(tmp_path / "in", SMALL)], out)
    assert len(folders) == 3 and set(folders) == {out}


def test_output_folder_that_cannot_exist_is_a_clear_error(tmp_path: Path, shared: None) -> None:
    """Checklist 26: `--out` under a regular file gives one `kg: error:` line and exit 2."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["build", str(_article(tmp_path / "in", SMALL)), "--out", str(blocker / "out")])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: output folder is not a writable folder") and "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    """Checklist 26: a read-only `--out` folder gives one `kg: error:` line and exit 2."""
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = CliRunner().invoke(cli, ["build", str(_article(tmp_path / "in", SMALL)), "--out", str(out)])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2 and result.output.startswith("kg: error: output folder is not writable")


def test_two_concurrent_builds_leave_a_clean_build(tmp_path: Path, clean_seeds: Path) -> None:
    """Checklist 27: two `kg build` runs into one folder at once: one builds, the other (if they overlapped) stops
    with `another kg build` and exit 2; whole files equal to a clean build, run.json matching them."""
    out = tmp_path / "out"
    runs = [_kg("build", str(SEEDS), "--out", str(out)) for _ in range(2)]
    codes = []
    for run in runs:
        _, err = run.communicate(timeout=120)
        codes.append(run.returncode)
        assert run.returncode == 0 or err.decode().startswith("kg: error: another kg build"), err.decode()
    assert 0 in codes
    assert _outputs(out) == _outputs(clean_seeds)
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert report["triples"] == len(Graph().parse(out / "graph.ttl"))
    assert set(os.listdir(out)) == OUTPUTS


def test_build_under_a_c_locale_writes_the_same_utf8_files(tmp_path: Path, clean_seeds: Path) -> None:
    """Checklist 28: LANG=C, PYTHONUTF8=0, PYTHONIOENCODING=ascii: the build succeeds with UTF-8 output as usual."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(tmp_path)), "LANG": "C", "LC_ALL": "C",
           "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"}
    out = tmp_path / "out"
    run = _kg("build", str(SEEDS), "--out", str(out), env=env)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err.decode()
    assert _outputs(out) == _outputs(clean_seeds)
    page = (out / "graph.html").read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in page.lower() and "产品经理" in page


# ---------------------------------------------------------------- HTML view


def _pair_graph(sentence: str = "甲技术演变为乙技术。") -> Graph:
    """Ontology plus two technologies with three relations between them, mentioned by three articles."""
    graph = Graph().parse(ROOT / "ontology" / "kg.ttl")
    a, b = KGR.Alpha, KGR.Beta
    for node, label in ((a, "甲技术"), (b, "乙技术")):
        graph.add((node, RDF.type, KG.Technology))
        graph.add((node, RDFS.label, Literal(label, lang="zh")))
    facts = [(a, KG.evolvesInto, b), (a, KG.basedOn, b), (b, KG.kindOf, a)]
    for number in (3, 1, 2):  # inserted out of order
        article = URIRef(f"https://w3id.org/aigc-kg/article/a{number}.md")
        graph.add((article, RDF.type, KG.Article))
        graph.add((article, URIRef("http://purl.org/dc/terms/title"), Literal(f"文章{number}", lang="zh")))
        graph.add((article, KG.mentions, a))
        for index, (s, p, o) in enumerate(facts):
            graph.add((s, p, o))
            node = URIRef(f"https://w3id.org/aigc-kg/evidence/e{number}{index}")
            for pred, obj in ((RDF.type, KG.Evidence), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
                              (URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), article),
                              (KG.sentence, Literal(sentence, lang="zh")), (KG.startOffset, Literal(0)),
                              (KG.endOffset, Literal(len(sentence)))):
                graph.add((node, pred, obj))
    return graph


def test_several_relations_between_one_pair_are_all_drawn_with_sorted_sources() -> None:
    """Checklist 33: one node per entity, every relation an edge, evidence from every article in sorted order."""
    data = page_data(_pair_graph())
    alpha = [n for n in data["nodes"] if n["label"] == "甲技术"]
    beta = [n for n in data["nodes"] if n["label"] == "乙技术"]
    assert len(alpha) == 1 and len(beta) == 1
    ids = {alpha[0]["id"], beta[0]["id"]}
    between = [e for e in data["edges"] if {e["from"], e["to"]} == ids]
    assert sorted(e["predicate"] for e in between) == ["basedOn", "evolvesInto", "kindOf"]
    for edge in between:
        assert [ev["title"] for ev in edge["evidence"]] == ["文章1", "文章2", "文章3"]
    mentions = [e for e in data["edges"] if e["predicate"] == "mentions" and e["to"] == alpha[0]["id"]]
    assert len({e["from"] for e in mentions}) == 3 and alpha[0]["degree"] == 3, "degree: relations, not mentions"


def test_evidence_snippets_in_the_page_have_a_bounded_length() -> None:
    """Checklist 33: a huge evidence sentence is truncated in the page (the full text stays in graph.ttl)."""
    data = page_data(_pair_graph("很长的句子" * 4000))
    lengths = [len(ev["sentence"]) for e in data["edges"] for ev in e["evidence"]]
    assert lengths and max(lengths) <= 1000


# ---------------------------------------------------------------- untrusted RDF (--graph)


def _nested(depth: int) -> str:
    """Turtle with `depth` nested blank nodes and `depth` nested collections."""
    return ("@prefix : <http://example.org/> .\n:a :p " + "[ :p " * depth + ":b" + " ]" * depth + " .\n"
            ":a :q " + "( " * depth + ":b" + " )" * depth + " .\n")


@pytest.mark.parametrize("command", [["query", "ASK { ?s ?p ?o }"], ["export", "--format", "nt"]])
def test_deeply_nested_turtle_is_loaded_or_refused_cleanly(tmp_path: Path, command: list[str]) -> None:
    """Checklist 36: 1000 levels of nested Turtle either load or give `kg: error:` with exit 2, never a trace."""
    path = tmp_path / "deep.ttl"
    path.write_text(_nested(1000), encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, "--graph", str(path)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and (result.exit_code == 0 or result.output.startswith("kg: error:"))


EVIL_XML = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><e:p>&b;&x;</e:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("command", [["query", "ASK { ?s ?p ?o }"], ["export", "--format", "nt"],
                                     ["report", "--out", "{tmp}/r.html"]])
def test_rdf_xml_with_a_doctype_is_refused(tmp_path: Path, command: list[str]) -> None:
    """Checklist 43: `--graph evil.rdf` (RDF/XML with DOCTYPE, entities, XXE) is never parsed as XML: exit 2."""
    path = tmp_path / "evil.rdf"
    path.write_text(EVIL_XML, encoding="utf-8")
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = CliRunner().invoke(cli, [*args, "--graph", str(path)])
    assert result.exit_code == 2 and result.output.startswith("kg: error: cannot parse Turtle")
    assert "root:" not in result.output and "aaaaaaaaaaaaaaaaaaaa" not in result.output


def test_query_refuses_an_invalid_iri_in_the_graph(tmp_path: Path) -> None:
    """Checklist 43: `kg query --graph` parses strictly: an IRI with a space is a one-line error, exit 2."""
    path = tmp_path / "bad.ttl"
    path.write_text('<http://example.org/a b> <http://example.org/p> "x" .\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", "ASK { ?s ?p ?o }", "--graph", str(path)])
    assert result.exit_code == 2 and result.output.startswith("kg: error: cannot parse Turtle")
    assert result.output.count("\n") == 1


def test_export_refuses_an_invalid_iri_in_the_graph(tmp_path: Path) -> None:
    """Checklist 43: `kg export --graph` with an invalid IRI gives a one-line error and exit 2."""
    path = tmp_path / "bad.ttl"
    path.write_text('<http://example.org/a b> <http://example.org/p> "x" .\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--format", "nt", "--graph", str(path)])
    assert result.exit_code == 2 and result.output.startswith("kg: error:"), result.output


def test_huge_literal_in_the_graph_is_a_clean_error_or_loads(tmp_path: Path) -> None:
    """Checklist 43: a 17 MB literal either loads or gives `kg: error:` with exit 2, quickly."""
    path = tmp_path / "huge.ttl"
    path.write_text('<http://example.org/a> <http://example.org/p> "' + "x" * 17_000_000 + '" .\n', encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["query", "ASK { ?s ?p ?o }", "--graph", str(path)])
    assert time.perf_counter() - started < 20
    assert result.exit_code in (0, 2), result.output
    assert result.exit_code == 0 or result.output.startswith("kg: error:")
