"""Unknown scenarios a text puts a product or technology to work in become Concepts that appliedIn can reach."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, pair", [
    ("B站则把语音识别技术用在了视频的自动字幕上。", ("语音识别", "自动字幕")),
    ("大模型在金融行业主要用于智能投顾和风险控制。", ("大模型", "智能投顾")),
    ("这类Agent产品已经在客服、营销等场景落地。", ("Agent", "客服")),
    ("它就能直接写代码、改代码，命令行工具Claude Code主要用在软件开发场景。", ("Claude Code", "软件开发")),  # an idiom
    ("这类Agent产品已经在软件开发等场景落地。", ("Agent", "软件开发")),  # …, before the scene word too
])
def test_a_scenario_named_after_a_use_verb_is_where_the_thing_is_applied(run, text: str, pair) -> None:
    state = run(text)
    assert (pair[1], "Concept") in {(m.label, m.cls) for m in state.mentions}
    assert pair in pairs(state, "appliedIn")


@pytest.mark.parametrize("text", ["这个功能用于提升效率。", "深度挖掘AR在实际场景中的应用。", "在主题、活动等领域很常见。",
                                  "这笔钱用于研发投入。"])
def test_actions_lone_words_and_generic_words_are_no_scenarios(run, text: str) -> None:
    assert not any(m.rule == "open:scenario" for m in run(text).mentions)


def test_scenarios_after_a_completed_use_verb_and_a_place_modifier_are_named(run) -> None:
    state = run("阿里云推出的通义大模型，应用到了法律咨询、类案检索和合同审查里；工业大模型用于工业制造中的自动化编程。")
    assert {("类案检索", "Concept"), ("合同审查", "Concept"), ("自动化编程", "Concept")} <= {(m.label, m.cls) for m in state.mentions}


@pytest.mark.parametrize("text", ["Runway优化了绿幕技术，服务于专业的视频编辑师。", "DiT模型用于处理编码后的特征向量序列。"])
def test_people_served_and_objects_of_a_purpose_are_no_scenarios(run, text: str) -> None:
    assert not any(m.rule == "open:scenario" for m in run(text).mentions)


def test_the_scenarios_a_thing_is_used_most_in_are_named_whole(run) -> None:
    state = run("大模型在金融行业用得最多的是三类：研报摘要、智能投顾问答和合规审查。")
    assert ("研报摘要", "Concept") in {(m.label, m.cls) for m in state.mentions}
    assert not any(m.cls == "Role" for m in state.mentions)  # 顾问 of 智能投顾问答 heads no role
    assert ("大模型", "研报摘要") in pairs(state, "appliedIn")


def test_a_scenario_that_opens_with_an_industry_is_the_whole_phrase(run) -> None:
    state = run("携程推出的携程问道是一个旅游垂直大模型，主要用于行程规划和酒店推荐。")
    assert {("携程问道", "酒店推荐"), ("携程问道", "行程规划")} <= pairs(state, "appliedIn")
    assert ("携程问道", "携程") in pairs(state, "madeBy")


def test_a_modified_industry_stays_the_industry_and_people_are_no_scenario(run) -> None:
    state = run("任何人都可以借助Midjourney在专业广告、产品摄影等场景里打开创作空间。")
    assert ("Midjourney", "广告") in pairs(state, "appliedIn")
    assert not pairs(run("Notion是一款生产力工具，主要服务于互联网群体。"), "appliedIn")


def test_a_scenario_where_a_product_first_worked(run) -> None:
    state = run("律衡智审是一款法律大模型，基于RAG，在合同审查里跑通了第一个付费客户。")
    assert ("律衡智审", "合同审查") in pairs(state, "appliedIn")
