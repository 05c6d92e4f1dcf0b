"""What a sentence calls a role's foundation becomes requiresSkill (skills) or shouldKnow (tools, techniques)."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, predicate, expected", [
    ("需求分析和数据分析能力都是AI产品经理的底线。", "requiresSkill", {("AI产品经理", "需求分析"), ("AI产品经理", "数据分析")}),
    ("Prompt设计是AIGC产品经理的基本功。", "requiresSkill", {("AIGC产品经理", "Prompt设计")}),
    ("对大模型产品经理来说，数据分析能力是必备技能。", "requiresSkill", {("大模型产品经理", "数据分析")}),
    ("ChatGPT是AI产品经理的必备工具。", "shouldKnow", {("AI产品经理", "ChatGPT")}),
    ("做AIGC产品经理，需求分析和数据分析能力缺一不可。", "requiresSkill",
     {("AIGC产品经理", "需求分析"), ("AIGC产品经理", "数据分析")}),
    ("对AI产品经理来说，沟通能力必不可少。", "requiresSkill", {("AI产品经理", "沟通协作")}),
    ("对AIGC产品经理来说，Suno和可灵一定要玩透。", "shouldKnow", {("AIGC产品经理", "Suno"), ("AIGC产品经理", "可灵")}),
    ("想要做好AIGC产品经理，沟通能力和逻辑思维缺一不可。", "requiresSkill",
     {("AIGC产品经理", "沟通协作"), ("AIGC产品经理", "逻辑思维")}),
    ("Prompt工程师的核心能力是提示词设计。", "requiresSkill", {("Prompt工程师", "Prompt设计")}),
    ("AI产品经理的必备技能包括Python、SQL和数据分析。", "shouldKnow", {("AI产品经理", "Python"), ("AI产品经理", "SQL")}),
    ("对AI训练师来说，最重要的是数据标注经验和耐心。", "requiresSkill", {("AI训练师", "数据标注")}),
])
def test_a_roles_foundation_is_a_requirement(run, text: str, predicate: str, expected) -> None:
    assert expected <= pairs(run(text), predicate)


@pytest.mark.parametrize("text", ["懂算法不是AI产品经理的必备技能。", "数据分析能力是AI产品经理经常提到的话题。",
                                  "做AI产品经理，数据分析少不了高质量数据。",
                                  "AI产品经理的核心能力不是写代码，而是提示词设计。",
                                  "对AI训练师来说，最重要的不是数据标注。"])
def test_a_denied_or_plain_statement_is_no_requirement(run, text: str) -> None:
    assert not any(r.evidence.rule == "pattern:essential" for r in run(text).relations)


def test_what_a_role_needs_most_is_required(run) -> None:
    assert ("AI产品经理", "需求洞察") in pairs(run("AI产品经理最核心的能力是需求洞察。"), "requiresSkill")


@pytest.mark.parametrize("text, expected", [
    ("## 4. AI工程师\n\n外包公司招得最猛：编程能力是基本盘，要熟悉Python。\n", {("AI工程师", "编程能力")}),
    ("# 写作\n\n广告公司在招AI视频创作者。要求很统一：视频剪辑要会，审美能力是硬门槛。", {("AI视频创作者", "审美能力")}),
    ("# 写作\n\n**新媒体运营**：写作工具二选一就够了。写作能力和审美能力仍然是这个岗位的底子，工具替代不了。",
     {("新媒体运营", "写作能力"), ("新媒体运营", "审美能力")}),
])
def test_a_foundation_without_a_role_takes_the_role_of_its_context(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "requiresSkill")


def test_skills_called_indispensable_after_a_role_is_hired_are_its_requirements(run) -> None:
    text = "腾讯云在招开发者布道师，要求能写教程、做直播，技术写作和表达能力缺一不可。"
    assert ("开发者布道师", "表达能力") in pairs(run(text), "requiresSkill")
    assert ("算法工程师", "数据分析") not in pairs(run("AI产品经理和算法工程师合作时，数据分析缺一不可。"), "requiresSkill")


def test_a_foundation_in_a_sentence_naming_no_role_and_with_no_role_around_is_nobodys(run) -> None:
    assert pairs(run("# 写作\n\n编程能力是基本盘。"), "requiresSkill") == set()
