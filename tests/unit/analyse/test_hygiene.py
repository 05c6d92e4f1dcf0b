"""Hygiene of names (issue 10): no lexicon match inside a longer word, no markdown markup in labels or aliases."""

from __future__ import annotations

import pytest

from kg.analyse.extract.mentions import new_mention
from kg.analyse.extract.resources import Resources
from kg.core.namespaces import KGR
from kg.core.normalize import clean_label, match_key, strip_markdown
from kg.analyse.resolve import resolve

# ---------------------------------------------------------------- lexicon matches inside longer words


def _matched(resources: Resources, text: str) -> list[tuple[str, str]]:
    """(surface, entry IRI) of the lexicon matches in text, as the lexicon extractor finds them."""
    tokens = resources.segmenter.tokens(text, 0)
    matches = resources.lexicon.find(text, 0, tokens, resources.segmenter.dictionary_words)
    return [(text[m.start:m.end], m.entry.iri) for m in matches]


@pytest.mark.parametrize(
    ("text", "inside", "iri"),
    [
        ("他们和科研机构合作", "科研", "ScientificResearch"),  # modifier of the word's head: a research institution
        ("各大流媒体平台", "媒体", "Media"),  # after a bound morpheme: streaming media is its own word
        ("想象更美好未来的团队", "好未来", "TAL"),  # 美好 + 未来, not the company 好未来
        ("且不希望只做广告", "广告", "Advertising"),  # the verb phrase 做广告, no industry named
        ("医学专家团队是核心", "医学", "Healthcare"),  # medical experts
    ],
)
def test_a_name_inside_a_longer_dictionary_word_is_not_matched(resources: Resources, text: str, inside: str,
                                                                iri: str) -> None:
    assert (inside, str(KGR[iri])) not in _matched(resources, text)


@pytest.mark.parametrize(
    ("text", "surface", "iri"),
    [
        ("投身科研的人", "科研", "ScientificResearch"),  # a word of its own
        ("好未来发布了新课程", "好未来", "TAL"),  # the company itself
        ("金融保险行业", "金融", "Finance"),  # 金融保险 is made of two lexicon names
        ("产品图片和视频", "图片", "Image"),  # head of a compound with a free modifier: product images are images
        ("招聘AIGC产品经理", "AIGC产品经理", "AIGCProductManager"),  # the longest name wins, not 产品经理
        ("大模型产品经理很抢手", "大模型产品经理", "LLMProductManager"),  # not 大模型 inside it
    ],
)
def test_names_standing_as_words_still_match(resources: Resources, text: str, surface: str, iri: str) -> None:
    assert (surface, str(KGR[iri])) in _matched(resources, text)


def test_latin_names_need_latin_word_boundaries(resources: Resources) -> None:
    found = _matched(resources, "OpenAI发布了SDK，我们用SD出图")
    assert ("AI", str(KGR.ArtificialIntelligence)) not in found
    assert [surface for surface, iri in found if iri == str(KGR.StableDiffusion)] == ["SD"]


def test_the_lexicon_extractor_drops_names_inside_words(run) -> None:
    extraction = run("各大流媒体平台和科研机构都在用AI。投身科研的人也在用。")
    surfaces = [(m.surface, m.start) for m in extraction.mentions if m.rule == "lexicon"]
    text = extraction.document.text
    assert ("媒体", text.index("流媒体") + 1) not in surfaces
    assert ("科研", text.index("科研机构")) not in surfaces
    assert ("科研", text.index("投身科研") + 2) in surfaces


def test_dictionary_words_are_jieba_s_own_words(resources: Resources) -> None:
    words = resources.segmenter.dictionary_words("科研机构合作", 10)
    assert [(w.start, w.end, w.text) for w in words] == [(10, 14, "科研机构"), (14, 16, "合作")]


# ---------------------------------------------------------------- markdown in labels and aliases


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("有**模型自研能力的互联网大厂", "有模型自研能力的互联网大厂"),
        ("**Sora**", "Sora"),
        ("__AIGC__", "AIGC"),
        ("*Midjourney*", "Midjourney"),
        ("~~旧名~~", "旧名"),
        ("`ComfyUI`", "ComfyUI"),
        ("[Sora](https://openai.com/sora)", "Sora"),
        ("![示意图](a.png)", "示意图"),
        ("Sora](https://openai.com/sora", "Sora"),
        ("## AIGC产品经理", "AIGC产品经理"),
        ("#AI绘画#", "AI绘画"),
        ("> 引用的名字", "引用的名字"),
        ("- 列表项", "列表项"),
        ("A\\*算法", "A*算法"),
        ("\\#话题", "#话题"),
        ("A*", "A*"),
        ("C#", "C#"),
        ("## C#", "C#"),
        ("C++", "C++"),
        ("snake_case", "snake_case"),
        ("GPT-4.5", "GPT-4.5"),
        ("**", ""),
    ],
)
def test_labels_carry_no_markdown(name: str, clean: str) -> None:
    assert clean_label(name) == clean
    if "\\" not in name:  # an escaped character is literal text, the rest is stable under a second pass
        assert strip_markdown(clean) == clean


def test_a_discovered_name_from_a_bold_span_has_a_clean_label_and_exact_offsets(make_doc) -> None:
    doc = make_doc("他要求**Prompt调优**能力。")
    start = doc.text.index("**Prompt")
    end = doc.text.index("能力")
    mention = new_mention(doc, start, end, "Skill", "test", 0.8)
    assert mention.label == "Prompt调优"
    assert mention.key == f"Skill:{match_key('Prompt调优')}"
    assert mention.surface == doc.text[start:end] == "**Prompt调优**"  # evidence keeps the text as it is


def test_an_alias_seen_across_a_bold_marker_has_no_markdown(run, resources: Resources) -> None:
    text = "如果你选择的是有**模型自研能力的互联网大厂**，你服务的对象可能是算法。"
    extraction = run(text)
    hits = [m for m in extraction.mentions if m.rule == "lexicon" and "**" in m.surface]
    assert hits, "the lexicon should match the name across the bold marker"
    for m in hits:
        assert extraction.document.text[m.start:m.end] == m.surface  # offsets into the text stay exact
    resolved = resolve([extraction], resources.ontology, resources.lexicon, 0.6)
    names = [name for e in resolved.entities for name in (e.label, *e.aliases)]
    assert "有模型自研能力的互联网大厂" in names
    assert not [name for name in names if "*" in name or "`" in name or "](" in name]


def test_a_role_name_never_opens_with_a_demonstrative_copula(run) -> None:
    state = run("需求分析在AI产品经理这里少不了，这是传统产品经理转过来最大的底气。")
    assert "这是传统产品经理" not in {m.surface for m in state.mentions}
    assert "传统产品经理" in {m.surface for m in state.mentions}


def test_a_kind_of_company_is_named_by_a_common_noun_after_a_class_word(run) -> None:
    found = {(m.surface, m.cls) for m in run("我在一家电商公司做运营，后来去了一家游戏公司。").mentions}
    assert {("电商公司", "CompanyType"), ("游戏公司", "CompanyType")} <= found
    assert ("美图公司", "Organization") in {(m.surface, m.cls) for m in run("美图公司推出了新产品。").mentions}
    for text in ("我喜欢去参观公司。", "这家公司很大，我们公司也在招人。", "正在重塑企业用数的范式。"):
        assert not any(m.cls == "CompanyType" for m in run(text).mentions), text


def test_a_head_built_skill_never_opens_with_the_lead_verb(run) -> None:
    state = run("你也知道懂不懂算法模型知识不重要了。")
    assert "懂算法模型知识" not in {m.surface for m in state.mentions}
