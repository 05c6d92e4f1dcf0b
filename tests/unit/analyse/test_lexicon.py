"""Tests of kg.analyse.lexicon: aliases resolve to one entry, word boundaries, names with spaces, duplicate labels, links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.core.config import Settings
from kg.core.errors import OntologyError
from kg.analyse.extract import create
from kg.analyse.extract.resources import Resources
from kg.analyse.lexicon import Lexicon
from kg.core.model import Token
from kg.core.namespaces import KGR
from kg.core.ontology import load_ontology
from kg.pipeline.run import analyse

ONTOLOGY = Settings().ontology_dir


def _found(resources: Resources, text: str) -> list[tuple[str, str]]:
    """(surface, entry IRI) of every lexicon match in text, using real jieba tokens."""
    tokens = resources.segmenter.tokens(text, 0)
    return [(text[m.start:m.end], m.entry.iri) for m in resources.lexicon.find(text, 0, tokens)]


def _iris(resources: Resources, text: str) -> set[str]:
    return {iri for _, iri in _found(resources, text)}


# ---------------------------------------------------------------- aliases


@pytest.mark.parametrize(
    ("names", "iri"),
    [
        (("Stable-Diffusion", "Stable Diffusion", "stable diffusion", "SD", "sd", "Ｓｔａｂｌｅ　Ｄｉｆｆｕｓｉｏｎ"),
         "StableDiffusion"),
        (("MJ", "Midjourney", "midjourney", "MidJourney"), "Midjourney"),
        (("Runaway", "Runway", "RunwayML"), "Runway"),
        (("字节", "字节跳动", "ByteDance"), "ByteDance"),
        (("openai", "OpenAI", "Open AI", "OPENAI"), "OpenAI"),
    ],
)
def test_aliases_resolve_to_one_entry(resources: Resources, names: tuple[str, ...], iri: str) -> None:
    entries = {name: resources.lexicon.lookup(name) for name in names}
    assert all(entry is not None for entry in entries.values()), entries
    assert {entry.iri for entry in entries.values()} == {str(KGR[iri])}


def test_lookup_of_an_unknown_name_is_none(resources: Resources) -> None:
    assert resources.lexicon.lookup("FooGenXYZ") is None
    assert resources.lexicon.lookup("") is None


def test_alias_classes(resources: Resources) -> None:
    assert resources.lexicon.lookup("SD").cls == "Product"
    assert resources.lexicon.lookup("字节").cls == "Organization"
    assert resources.lexicon.lookup("Runaway").label == "Runway"
    assert resources.lexicon.lookup("字节").label == "字节跳动"


@pytest.mark.parametrize(
    ("text", "surface", "iri"),
    [
        ("最近我在用MJ画图", "MJ", "Midjourney"),
        ("我常用SD出图", "SD", "StableDiffusion"),
        ("视频可以交给Runaway来做", "Runaway", "Runway"),
        ("字节推出了豆包", "字节", "ByteDance"),
        ("openai发布了新模型", "openai", "OpenAI"),
    ],
)
def test_aliases_are_found_in_running_text(resources: Resources, text: str, surface: str, iri: str) -> None:
    assert (surface, str(KGR[iri])) in _found(resources, text)


# ---------------------------------------------------------------- boundaries


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("我们用SDK接入模型", "StableDiffusion"),
        ("新品牌MJX发布了", "Midjourney"),
        ("XSD是一种格式", "StableDiffusion"),
        ("Runways are long", "Runway"),
        ("MidjourneyX 是假名字", "Midjourney"),
    ],
)
def test_latin_names_do_not_match_inside_longer_latin_words(resources: Resources, text: str, absent: str) -> None:
    assert str(KGR[absent]) not in _iris(resources, text)


def test_a_versioned_name_does_not_match_inside_a_longer_version(resources: Resources) -> None:
    matches = resources.lexicon.find("智谱发布了GLM-4.5。", 0, resources.segmenter.tokens("智谱发布了GLM-4.5。", 0))
    assert "GLM-4" not in {"智谱发布了GLM-4.5。"[m.start:m.end] for m in matches}


def test_latin_names_match_next_to_chinese_and_punctuation(resources: Resources) -> None:
    found = _found(resources, "用SD、MJ（Midjourney）做图")
    assert ("SD", str(KGR.StableDiffusion)) in found
    assert ("MJ", str(KGR.Midjourney)) in found
    assert ("Midjourney", str(KGR.Midjourney)) in found


@pytest.mark.parametrize(
    "text",
    ["今天Stable Diffusion很火", "我们用Stable Diffusion生成图片", "在Stable  Diffusion里调参", "学Stable-Diffusion的人"],
)
def test_names_with_spaces_match_in_running_chinese(resources: Resources, text: str) -> None:
    found = _found(resources, text)
    hits = [surface for surface, iri in found if iri == str(KGR.StableDiffusion)]
    assert len(hits) == 1
    assert hits[0].startswith("Stable") and hits[0].endswith("Diffusion")


def test_leftmost_longest_match_wins(resources: Resources) -> None:
    found = _found(resources, "GPT-4 Turbo很快")
    assert found[0] == ("GPT-4 Turbo", str(KGR.GPT4Turbo))
    assert str(KGR.GPT4) not in {iri for _, iri in found}


def test_chinese_name_inside_a_longer_token_is_not_matched(resources: Resources) -> None:
    # 字节 is an alias of ByteDance; when jieba keeps 字节码 (bytecode) as one token, 字节 must not match inside it
    whole = (Token(0, 3, "字节码"),)
    assert resources.lexicon.find("字节码", 0, whole) == []
    split = (Token(0, 2, "字节"), Token(2, 3, "码"))
    assert [m.entry.iri for m in resources.lexicon.find("字节码", 0, split)] == [str(KGR.ByteDance)]


def test_match_offsets_slice_the_source_text(resources: Resources) -> None:
    text = "前缀：Ｓｔａｂｌｅ－Ｄｉｆｆｕｓｉｏｎ 和 Mid\u200bjourney"
    base = 40
    tokens = resources.segmenter.tokens(text, base)
    matches = resources.lexicon.find(text, base, tokens)
    spans = {(text[m.start - base:m.end - base], m.entry.iri) for m in matches}
    assert ("Ｓｔａｂｌｅ－Ｄｉｆｆｕｓｉｏｎ", str(KGR.StableDiffusion)) in spans
    assert ("Mid\u200bjourney", str(KGR.Midjourney)) in spans


# ---------------------------------------------------------------- links


def test_link_target_gives_no_midjourney_mention(run) -> None:
    state = run("参考[文章](https://image.example.com/midjourney.png)的说法")
    assert not [m for m in state.mentions if m.iri == str(KGR.Midjourney)]


def test_lexicon_extractor_finds_nothing_in_link_targets(resources: Resources, make_doc) -> None:
    doc = make_doc("参考[文章](https://image.example.com/midjourney.png)和 https://www.openai.com/sd 的说法")
    state = analyse(doc, resources, create(("lexicon",), resources))
    assert state.mentions == ()


def test_link_text_still_gives_mentions(run) -> None:
    state = run("参考[Midjourney教程](https://example.com/a)的说法")
    assert [m.surface for m in state.mentions if m.iri == str(KGR.Midjourney)] == ["Midjourney"]


@pytest.mark.parametrize(
    "text",
    ["参考[文章](https://image.example.com/midjourney.png)的说法", "参考 https://example.com/midjourney 这个链接"],
)
def test_link_targets_and_urls_never_produce_mentions(run, text: str) -> None:
    state = run(text)
    url_start = text.index("http")
    url_end = text.index(")") if ")" in text else text.index(" 这")
    assert [m for m in state.mentions if m.start < url_end and url_start < m.end] == []


# ---------------------------------------------------------------- a lexicon built from a tiny ontology


PREFIXES = """@prefix kg:   <https://w3id.org/aigc-kg/ontology#> .
@prefix kgr:  <https://w3id.org/aigc-kg/resource/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def _entry(name: str, cls: str, label: str, alt: str) -> str:
    return (f'kgr:{name} a kg:{cls} ; skos:inScheme kg:Lexicon ;\n'
            f'    skos:prefLabel "{label}"@zh ; skos:altLabel "{alt}"@en .\n')


def _tiny_ontology(tmp_path: Path, lexicon: str) -> Path:
    folder = tmp_path / "ontology"
    folder.mkdir()
    shutil.copy(ONTOLOGY / "kg.ttl", folder / "kg.ttl")
    shutil.copy(ONTOLOGY / "extraction.ttl", folder / "extraction.ttl")
    (folder / "lexicon.ttl").write_text(PREFIXES + lexicon, encoding="utf-8")
    return folder


def test_two_distinct_entries_load(tmp_path: Path) -> None:
    folder = _tiny_ontology(tmp_path, _entry("Alpha", "Product", "阿尔法", "Alpha Gen")
                            + _entry("Beta", "Product", "贝塔", "Beta Gen"))
    lexicon = Lexicon(load_ontology(folder))
    assert lexicon.lookup("alpha-gen").iri == str(KGR.Alpha)
    assert lexicon.lookup("贝塔").iri == str(KGR.Beta)
    assert len(lexicon.by_iri) == 2


@pytest.mark.parametrize(
    ("alt_of_beta"),
    ["Alpha Gen", "alpha-gen", "ＡＬＰＨＡ\u3000ＧＥＮ", "阿尔法"],
)
def test_a_label_shared_by_two_entries_raises(tmp_path: Path, alt_of_beta: str) -> None:
    folder = _tiny_ontology(tmp_path, _entry("Alpha", "Product", "阿尔法", "Alpha Gen")
                            + _entry("Beta", "Organization", "贝塔", alt_of_beta))
    with pytest.raises(OntologyError) as raised:
        Lexicon(load_ontology(folder))
    assert "Alpha" in raised.value.message and "Beta" in raised.value.message


def test_the_same_label_twice_on_one_entry_is_fine(tmp_path: Path) -> None:
    folder = _tiny_ontology(tmp_path, 'kgr:Gamma a kg:Product ; skos:inScheme kg:Lexicon ;\n'
                                      '    skos:prefLabel "GammaGen"@zh, "GammaGen"@en ; skos:altLabel "Gamma-Gen"@en .\n')
    assert Lexicon(load_ontology(folder)).lookup("gamma gen").iri == str(KGR.Gamma)


def test_real_lexicon_keys_are_unique(resources: Resources) -> None:
    # every label and alias of every entry maps back to that entry
    for entry in resources.ontology.entries:
        for name in (entry.label, *entry.aliases):
            assert resources.lexicon.lookup(name).iri == entry.iri, name


@pytest.mark.parametrize("text, role", [("商汤在招聘对话设计师。", "对话设计师"), ("她做了三年心理咨询师。", "心理咨询师")])
def test_a_name_that_cuts_off_a_persons_suffix_gives_way_to_the_role(run, text: str, role: str) -> None:
    found = {(m.surface, m.cls) for m in run(text).mentions}
    assert (role, "Role") in found
    assert not any(cls != "Role" and role.startswith(surface) for surface, cls in found)


@pytest.mark.parametrize("text, role", [
    ("于是在团队算法科学家在迭代。", "算法科学家"),
    ("这对于非英语内容创作者来说很难。", "内容创作者"),
    ("她是数据可视化设计师。", "数据可视化设计师"),
])
def test_a_role_name_starts_after_group_words_prepositions_and_prefixes(run, text: str, role: str) -> None:
    assert {m.surface for m in run(text).mentions if m.cls == "Role"} == {role}


def test_a_word_opening_with_a_preposition_is_no_part_of_a_role(run) -> None:
    assert "品牌对大主播" not in {m.surface for m in run("平台和品牌对大主播的依赖。").mentions}


def test_cased_twins_are_told_apart_by_their_spelling(run) -> None:
    found = {(m.surface, m.cls) for m in run("Agent常用ReAct框架，前端则用React开发。").mentions}
    assert {("ReAct", "Technology"), ("React", "Product")} <= found


@pytest.mark.parametrize("text, name", [
    ("木棉导诊接入了DeepSeek-V3，用在医院的分诊和病历生成上。", "病历生成"),
    ("文心X1适合用在公文写作、知识问答这类场景。", "公文写作"),
    ("RAG在类案检索里用得最多。", "类案检索"),
    ("银行把大模型用在了风控和智能投顾上。", "智能投顾"),
    ("九个月里换过向量库、加过重排。", "重排序"),
    ("判别式模型学的是给定输入输出一个判断。", "判别式模型"),
])
def test_common_application_scenarios_and_techniques_are_known(run, text: str, name: str) -> None:
    assert name in {m.label for m in run(text).mentions if m.cls in ("Concept", "Technology")}
