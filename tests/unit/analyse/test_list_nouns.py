"""A list's own noun types its unknown items (…等公司 are companies, …等应用场景 scenarios) where it corrects what the
list-mates suggest; PM jargon in English (Slogan, Toast) is no name."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import mentions_of, pairs


def classes(state, surface: str) -> set[str]:
    return {m.cls for m in mentions_of(state, surface)}


@pytest.mark.parametrize("text, name", [
    ("Notion、Loom、Zapier、Robinhood 和 Front 等公司都通过这种方式找到了第一批用户。", "Robinhood"),
    ("ChatGPT开始能够直接读取PDF文件，ChatPDF、AskYourPDF、PDF.ai等公司的业务受到威胁。", "AskYourPDF"),
])
def test_latin_names_listed_with_products_under_the_noun_company_are_companies(run, text: str, name: str) -> None:
    assert classes(run(text), name) == {"Organization"}


def test_latin_names_listed_with_products_stay_products_without_that_noun(run) -> None:
    assert classes(run("我常用的有Notion、Zapier、Robinhood三个。"), "Robinhood") == {"Product"}


def test_an_unknown_item_of_a_list_of_scenarios_is_no_industry(run) -> None:
    state = run("AI目前在虚拟社交、搜索、内容创作、办公、教育、生活助手等这些核心的应用场景里发展很快。")
    assert "Industry" not in classes(state, "生活助手")


def test_industries_listed_before_the_noun_companies_stay_industries(run) -> None:
    state = run("食品饮料、日化家清、精密制造、金融等企业都在试用大模型。")
    assert "Organization" not in classes(state, "精密制造") | classes(state, "食品饮料")


@pytest.mark.parametrize("text, word", [
    ("其次我更喜欢小红书过去的产品Slogan——发现全世界的好东西。", "Slogan"),
    ("点击之后弹出一个Toast提示。", "Toast"),
])
def test_product_jargon_in_english_is_no_name(run, text: str, word: str) -> None:
    assert mentions_of(run(text), word) == []


def test_list_marks_without_items_list_nothing(run) -> None:
    state = run("、、，AIGC产品经理")
    assert [(m.surface, m.cls) for m in state.mentions] == [("AIGC产品经理", "Role")]


def test_a_verb_and_the_thing_it_works_on_is_no_name_its_list_mates_type(run) -> None:
    found = {m.surface for m in run("（数据预处理、构建模型、训练模型、清洗数据）").mentions}
    assert "构建模型" not in found and "清洗数据" not in found


def test_a_latin_name_a_company_releases_is_its_product_whatever_is_listed_next(run) -> None:
    state = run("华为发布Mate 60、苹果发布iPhone 15的时候，不少品牌都在借势。")
    assert ("Mate 60", "Product") in {(m.surface, m.cls) for m in state.mentions}
    assert ("Mate 60", "华为") in pairs(state, "madeBy")


def test_the_verbs_before_a_lists_first_item_are_no_part_of_it(run) -> None:
    found = {(m.surface, m.cls) for m in run("新版支持上传PDF、表格、PPT等格式文件。").mentions}
    assert not any(surface.startswith(("支持", "上传")) for surface, _ in found)

