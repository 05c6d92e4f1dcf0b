"""`kg eval` scores a build against gold; `kg candidates` lists unknown names and accepts them into the lexicon."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli.main import cli
from kg.core.config import Settings
from kg.core.errors import InputError
from kg.quality.evaluate import evaluate, load_gold
from kg.analyse.lexicon import Lexicon
from kg.core.ontology import load_ontology
from kg.pipeline.run import build
from kg.quality.review import ACCEPTED_FILE

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = """# 测试文章

## 图像工具

AIGC产品经理需要具备ROI分析能力。

了解并使用过ChatGPT、Midjourney、Zorblax 等工具。
"""
GOLD = """# article: a.md
# split: dev
entity\tRole\tAIGC产品经理
entity\tSkill\tROI分析
entity\tProduct\tChatGPT
entity\tProduct\tMJ\tMidjourney
entity\tProduct\tNotMentionedAnywhere
relation\tAIGC产品经理\trequiresSkill\tROI分析
relation\tChatGPT\tmadeBy\tOpenAI
"""


@pytest.fixture()
def scored(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gold.tsv").write_text(GOLD, encoding="utf-8")
    result = build([tmp_path / "in"], tmp_path / "out")
    return tmp_path, evaluate(load_gold(tmp_path / "gold.tsv"), result.graph).as_dict()


def test_scores_count_hits_misses_and_false_positives(scored) -> None:
    _, result = scored
    products = result["entities"]["by_class"]["Product"]
    assert products["gold"] == 3
    assert products["recall"] == pytest.approx(2 / 3, abs=1e-3)  # ChatGPT and MJ alias found; one is not
    missed = {m["name"] for m in result["misses"] if m["kind"] == "entity"}
    assert "NotMentionedAnywhere" in missed and "ChatGPT" not in missed
    assert any(fp["name"] == "Zorblax" for fp in result["false_positives"])  # found, but not in this gold
    relations = result["relations"]["by_property"]
    assert relations["requiresSkill"]["recall"] == 1.0 and relations["madeBy"]["recall"] == 0.0
    typed = result["entities"]["typed"]
    assert 0 < typed["precision"] < 1 and typed["f1"] > 0


def test_eval_cli_text_and_json(scored) -> None:
    tmp_path, expected = scored
    runner = CliRunner()
    text = runner.invoke(cli, ["eval", str(tmp_path / "gold.tsv"), "--graph", str(tmp_path / "out" / "graph.ttl")])
    assert text.exit_code == 0, text.output
    assert "Product" in text.output and "NotMentionedAnywhere" in text.output and "F1" in text.output
    data = runner.invoke(cli, ["eval", str(tmp_path / "gold.tsv"), str(tmp_path / "in"), "--format", "json"])
    parsed = json.loads(data.output)
    assert parsed["entities"]["typed"] == expected["entities"]["typed"]


def test_split_filter_and_bad_gold(tmp_path: Path, scored) -> None:
    folder, _ = scored
    graph = build([folder / "in"], write=False).graph
    assert evaluate(load_gold(folder / "gold.tsv"), graph, "dev").as_dict()["entities"]["typed"]["gold"] == 5
    with pytest.raises(InputError, match="no gold article is in the 'test' split"):
        evaluate(load_gold(folder / "gold.tsv"), graph, "test")
    (tmp_path / "bad.tsv").write_text("entity\tRole\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv:1"):
        load_gold(tmp_path / "bad.tsv")


def test_candidates_are_listed_and_accepted_into_the_next_build(tmp_path: Path) -> None:
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(ARTICLE, encoding="utf-8")
    settings = Settings().with_(ontology_dir=ontology)
    build([tmp_path / "in"], tmp_path / "out", settings)
    runner = CliRunner()
    listed = runner.invoke(cli, ["candidates", "--out", str(tmp_path / "out")])
    assert listed.exit_code == 0 and "Zorblax\tProduct" in listed.output
    accepted = runner.invoke(cli, ["candidates", "--out", str(tmp_path / "out"), "--ontology", str(ontology),
                                   "--accept", "Zorblax", "--accept", "Zorblax调优=Skill"])
    assert accepted.exit_code == 0, accepted.output
    assert (ontology / "lexicon-accepted.ttl").exists()
    again = build([tmp_path / "in"], write=False, settings=settings.with_(ontology_dir=ontology))
    known = {str(o) for o in again.graph.objects(None, None) if str(o) == "Zorblax"}
    assert known and "Zorblax" not in {c.label for c in again.resolved.candidates}
    schemes = {str(s) for s in again.graph.subjects() if str(s).endswith("Product-zorblax")}
    assert schemes, "the accepted entity keeps the IRI it had as a discovered entity"
    refused = runner.invoke(cli, ["candidates", "--out", str(tmp_path / "out"), "--ontology", str(ontology),
                                  "--accept", "Midjourney"])
    assert refused.exit_code == 2 and "already in the lexicon" in refused.output


@pytest.fixture(scope="module")
def review_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of ARTICLE whose run.json and graph.ttl `kg candidates` reads."""
    folder = tmp_path_factory.mktemp("review")
    (folder / "in").mkdir()
    (folder / "in" / "a.md").write_text(ARTICLE, encoding="utf-8")
    build([folder / "in"], folder / "out")
    return folder / "out"


def _accept(out: Path, ontology: Path, *names: str):
    """`kg candidates --accept NAME …` into a copy of the ontology folder."""
    if not ontology.exists():
        shutil.copytree(ROOT / "ontology", ontology)
    arguments = ["candidates", "--out", str(out), "--ontology", str(ontology)]
    for name in names:
        arguments += ["--accept", name]
    return CliRunner().invoke(cli, arguments)


@pytest.mark.parametrize(("names", "message"), [
    (("GPT-X=Product", "gpt x=Product"), "@zh prefLabel"),  # two spellings of one name
    (("Foo=Role", "Foo=Skill"), "normalises like a label of"),  # one name, two classes
    (("=Role",), "empty name"),
    (("---=Concept",), "no letter or digit"),
])
def test_accepting_names_that_would_break_the_lexicon_is_refused_and_writes_nothing(
        review_build: Path, tmp_path: Path, names: tuple[str, ...], message: str) -> None:
    """Issue 11 (49): --accept checks the whole accepted lexicon before writing it; a clash is one `kg: error:` line
    (saying nothing was written), lexicon-accepted.ttl stays as it was, and the next build still works."""
    ontology = tmp_path / "ontology"
    assert _accept(review_build, ontology, "Zorblax").exit_code == 0
    before = (ontology / "lexicon-accepted.ttl").read_bytes()
    refused = _accept(review_build, ontology, *names)
    assert refused.exit_code == 2, refused.output
    assert refused.output.startswith("kg: error: ") and refused.output.count("\n") == 1, refused.output
    assert message in refused.output and "nothing was written" in refused.output
    assert (ontology / "lexicon-accepted.ttl").read_bytes() == before
    build([review_build.parent / "in"], write=False, settings=Settings().with_(ontology_dir=ontology))


def test_a_name_containing_an_equals_sign_is_accepted_with_its_class(review_build: Path, tmp_path: Path) -> None:
    """Issue 11 (49): NAME=Class splits on the last `=`, so `a=b=Product` accepts the name `a=b`."""
    ontology = tmp_path / "ontology"
    accepted = _accept(review_build, ontology, "E=mc²=Concept")
    assert accepted.exit_code == 0, accepted.output
    assert accepted.output.startswith("accepted E=mc² as Concept")
    entry = Lexicon(load_ontology(ontology)).lookup("E=mc²")
    assert entry is not None and (entry.label, entry.cls) == ("E=mc²", "Concept")


def test_validate_checks_the_lexicon_files_too(seeds_build, tmp_path: Path) -> None:
    """Issue 11 (50): `kg validate` reads the lexicon as `kg build` does: an entry with two Chinese labels in
    lexicon-accepted.ttl is a one-line error naming the file, exit 2."""
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    (ontology / "lexicon-accepted.ttl").write_text(
        "@prefix kg: <https://w3id.org/aigc-kg/ontology#> .\n@prefix kgr: <https://w3id.org/aigc-kg/resource/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'kgr:Product-gptx a kg:Product ; skos:inScheme kg:Lexicon ; skos:prefLabel "GPT-X"@zh, "gpt x"@zh .\n',
        encoding="utf-8")
    run = CliRunner().invoke(cli, ["validate", "--graph", str(seeds_build[1] / "graph.ttl"),
                                   "--ontology", str(ontology)])
    assert run.exit_code == 2, run.output
    assert run.output.startswith("kg: error: lexicon entry") and run.output.count("\n") == 1
    assert "lexicon-accepted.ttl" in run.output


def test_a_gold_folder_skips_corpus_verdict_tables(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("# article: a.md\nentity\tRole\tAI产品经理\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "entity_verdicts.tsv").write_text("label\tclass\tverdict\treason\nX\tRole\tok\t\n",
                                                               encoding="utf-8")
    assert [article.doc_id for article in load_gold(tmp_path)] == ["a.md"]


def test_eval_against_a_graph_without_the_gold_articles_fails_loudly(scored, seeds_build) -> None:
    """Issue 12: scoring a graph that shares no article with the gold printed 0.000 everywhere and exit 0."""
    folder, _ = scored
    run = CliRunner().invoke(cli, ["eval", str(folder / "gold.tsv"), "--graph", str(seeds_build[1] / "graph.ttl")])
    assert run.exit_code == 2 and run.output.startswith("kg: error: ") and run.output.count("\n") == 1, run.output
    assert "the graph holds none of the 1 gold articles (a.md)" in run.output and "0.000" not in run.output


def test_eval_warns_about_gold_articles_the_graph_lacks(scored, caplog: pytest.LogCaptureFixture) -> None:
    folder, _ = scored
    (folder / "gold2.tsv").write_text("# article: elsewhere.md\nentity\tRole\tAI产品经理\n", encoding="utf-8")
    graph = build([folder / "in"], write=False).graph
    with caplog.at_level("WARNING", logger="kg.quality.evaluate"):
        result = evaluate(load_gold(folder), graph).as_dict()
    assert "1 of 2 gold articles are not in the graph" in caplog.text and "elsewhere.md" in caplog.text
    assert result["entities"]["typed"]["gold"] == 6


def test_accepting_an_unknown_class_names_it_and_lists_the_classes(review_build: Path, tmp_path: Path) -> None:
    """Issue 12: `--accept foo=NotAClass` said "no class for 'foo'"."""
    refused = _accept(review_build, tmp_path / "ontology", "foo=NotAClass")
    assert refused.exit_code == 2 and refused.output.count("\n") == 1, refused.output
    assert refused.output.startswith("kg: error: unknown class 'NotAClass' for 'foo' (at --accept foo=NotAClass)")
    assert "Role, Skill" in refused.output and "Person" in refused.output
    written, shipped = tmp_path / "ontology" / ACCEPTED_FILE, ROOT / "ontology" / ACCEPTED_FILE
    assert (written.exists(), shipped.exists()) == (False, False) or written.read_bytes() == shipped.read_bytes()
