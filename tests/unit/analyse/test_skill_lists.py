"""The items of a list a person must have that share one skill head (具备A、B和C能力) are each a skill."""

from __future__ import annotations

import pytest


def skills(state) -> set[str]:
    return {m.surface for m in state.mentions if m.cls == "Skill"}


@pytest.mark.parametrize("text, expected", [
    ("任职要求：具备文案写作、系统设计和逻辑思维能力。", {"文案写作", "系统设计"}),
    ("你要有扎实的手绘基础和审美能力。", {"手绘基础"}),
])
def test_each_item_of_a_persons_skill_list_is_a_skill(run, text: str, expected: set[str]) -> None:
    assert expected <= skills(run(text))


@pytest.mark.parametrize("text", [
    "模型具备图像理解、多轮对话和代码生成能力。",  # a model's capabilities
    "具备复杂环境感知、决策规划及自主行动能力的智能机器人解决方案。",  # the list describes a noun
    "掌握数据资产现状和应用场景评估的能力。",
])
def test_capabilities_of_things_and_described_nouns_are_no_skill_lists(run, text: str) -> None:
    assert not any(m.rule == "open:skill-list" for m in run(text).mentions)


def test_unknown_items_of_a_list_its_noun_calls_industries_are_industries(run) -> None:
    found = {(m.surface, m.cls) for m in run("华为的盘古大模型已经落地在矿山、铁路和气象等行业。").mentions}
    assert {("矿山", "Industry"), ("铁路", "Industry"), ("气象", "Industry")} <= found


def test_a_verb_listed_among_industries_names_one(run) -> None:
    found = {(m.surface, m.cls) for m in run("华为的盘古大模型已经落地在制造、矿山、铁路和气象等行业。").mentions}
    assert ("制造", "Industry") in found
    assert not any(m.rule == "open:industry-list" for m in run("包括吃饭、睡觉和铁路等行业。").mentions
                   if m.surface in ("吃饭", "睡觉"))


def test_activities_listed_before_a_word_for_industries_are_no_industries(run) -> None:
    assert not any(m.rule == "open:industry-list" for m in run("包括吃饭、睡觉和工作等行业。").mentions)
