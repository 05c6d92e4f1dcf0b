"""Unknown product names the text introduces as products."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, name", [
    ("网易把大语言模型用在了旗下《逆水寒》手游的智能NPC上。", "逆水寒"),
    ("我负责的产品叫知行助手，主要用于企业内部问答。", "知行助手"),
    ("妙笔，是云岫科技推出的文案产品。", "妙笔"),
    ("我们团队做了一款叫“灵犀写作”的AI写作助手。", "灵犀写作"),
    ("这款名为“妙笔”的工具上线三个月用户破百万。", "妙笔"),
    ("最近出圈的AI应用“小猫补光灯”是一款摄影助手。", "小猫补光灯"),
    ("溪言是檀溪科技最早上线、也最先收费的AI产品。", "溪言"),
    ("溪画是檀溪科技的第二个产品，解决门店没有设计师的问题。", "溪画"),
    ("绘声是云岫科技自研的配音Agent，上线半年。", "绘声"),
    ("饿了么最近上线了新的AI应用“AI入驻智能经理”，帮新商家开店。", "AI入驻智能经理"),  # (not the role 智能经理)
])
def test_a_name_the_text_introduces_as_a_product_is_a_product(run, text: str, name: str) -> None:
    assert (name, "Product") in {(m.surface, m.cls) for m in run(text).mentions}


@pytest.mark.parametrize("text", ["他读了《人类简史》这本书。", "这个项目叫我们很头疼。", "我们的目标，是百度推出的考核。", "这是百度的第一个产品。",
                                  "这个产品“不好用”是大家的共识。", "我们的工具“很强”，是因为模型好。",
                                  "一个叫“提示词”的概念火了。", "**Hi Echo**：网易有道推出的口语私教，底层是有道自研的子曰大模型。"])
def test_titles_and_clauses_that_are_no_products_stay_out(run, text: str) -> None:
    assert not any(m.cls == "Product" and m.rule.startswith("introduced:") for m in run(text).mentions)


def test_an_introduced_product_takes_its_maker(run) -> None:
    found = pairs(run("我负责的产品叫知行助手，是云岫科技推出的企业知识问答产品。"), "madeBy")
    assert ("知行助手", "云岫科技") in found
    assert ("溪言", "檀溪科技") in pairs(run("溪言是檀溪科技最早上线、也最先收费的AI产品。"), "madeBy")


def test_a_pronoun_before_is_no_product(run) -> None:
    assert not any(m.rule.startswith("introduced:") for m in run("它也是百度推出的大模型产品。").mentions)


def test_an_unquoted_name_a_product_is_called_is_a_product(run) -> None:
    assert ("点仔", "Product") in {(m.surface, m.cls) for m in run("美团内测一款名为点仔的AI智能工具。").mentions}


@pytest.mark.parametrize("text, name", [("秒哒是一款无代码开发工具。", "秒哒"), ("另外，noplace是一款社交应用。", "noplace")])
def test_a_name_that_is_one_product_of_a_kind_is_a_product(run, text: str, name: str) -> None:
    assert (name, "Product") in {(m.surface, m.cls) for m in run(text).mentions}


@pytest.mark.parametrize("text", ["当时是一款主要内嵌在软件内的聊天机器人。", "因为它是一款公众号效率工具。",
                                  "本产品是一款数字疗法产品。", "需求文档本身就是一款需要精心设计的产品。"])
def test_times_pronouns_and_self_references_that_are_one_of_a_kind_are_no_products(run, text: str) -> None:
    assert not any(m.rule == "introduced:one-of-a-kind" for m in run(text).mentions)


def test_a_generic_word_that_is_one_of_a_kind_is_no_product(run) -> None:
    assert not any(m.rule == "introduced:one-of-a-kind" for m in run("产品运营，产品是一款角色聊天App。").mentions)


@pytest.mark.parametrize("text", ["文心4.5是百度首个原生多模态大模型。", "OpenAI下一代旗舰模型表现有限。"])
def test_a_description_glued_to_an_organisation_is_no_product(run, text: str) -> None:
    assert not any(m.rule == "open:org-prefixed-product" for m in run(text).mentions)


def test_a_named_item_of_a_product_line_is_a_product_even_with_a_common_word_inside(run) -> None:
    found = {(m.surface, m.cls) for m in run("现在有两条产品线。一条叫“青禾智服”，另一条叫“青禾文案助手”。").mentions}
    assert {("青禾智服", "Product"), ("青禾文案助手", "Product")} <= found


def test_ai_and_a_common_word_is_no_product_name(run) -> None:
    assert not any(m.rule.startswith("introduced:") for m in run("最近出圈的AI应用“AI聊天”很火。").mentions)


def test_a_product_named_after_its_maker_is_found_again_in_place_of_the_maker(run) -> None:
    state = run("美图云修Pro是一款修图工具。很多影楼都在用美图云修Pro。")
    assert [m.surface for m in state.mentions if m.cls == "Product" and m.surface == "美图云修Pro"] == ["美图云修Pro"] * 2


@pytest.mark.parametrize("text", ["如果你不用，就只能是一个发消息的工具。", "每个业务都是一套独立的商业模型。",
                                  "这个功能由百度打造。"])
def test_a_clause_that_only_says_what_something_is_introduces_no_product(run, text: str) -> None:
    assert not [m for m in run(text).mentions if m.cls == "Product"]


@pytest.mark.parametrize("text, name", [("京东健康的京医千询走的是另一条路。", "京医千询"),
                                        ("他们的律衡智审基于RAG和法律知识图谱。", "律衡智审")])
def test_an_unknown_name_a_company_owns_is_its_product(run, text: str, name: str) -> None:
    assert [m.cls for m in run(text).mentions if m.surface == name] == ["Product"]


@pytest.mark.parametrize("text", ["百度的新功能走的是另一条路。", "他们的产品基于RAG。", "腾讯的会议纪要基于大模型。"])
def test_a_common_noun_a_company_owns_is_no_product(run, text: str) -> None:
    assert not [m for m in run(text).mentions if m.cls == "Product"]
