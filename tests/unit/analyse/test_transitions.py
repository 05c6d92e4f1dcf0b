"""transitionsTo from a switch word between two roles, from then-and-now, and from 想转型B的A."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, pair", [
    ("我做了五年UI设计师，后来成为了一名AI产品经理。", ("UI设计师", "AI产品经理")),
    ("他是数据分析师出身，现在是AIGC产品经理。", ("数据分析师", "AIGC产品经理")),
    ("之前是B端产品经理，如今做大模型产品经理。", ("B端产品经理", "大模型产品经理")),
    ("我原本是一名传统产品经理，去年开始做AIGC产品经理。", ("传统产品经理", "AIGC产品经理")),
    ("他从一名UI设计师跨界到AI产品经理。", ("UI设计师", "AI产品经理")),
    ("我们对接过的一位解决方案架构师，原来是做实施顾问的。", ("实施顾问", "解决方案架构师")),
    ("火山引擎的一位售前工程师，原来在我们同行做数字化产品经理。", ("数字化产品经理", "售前工程师")),
    ("我身边就有一位银行柜员，自学了半年大模型，现在在安禾做AI训练师。", ("银行柜员", "AI训练师")),
    ("同一批入行的几个Prompt工程师，有人转成了AI训练师，有人去做了AI运营。", ("Prompt工程师", "AI运营")),
])
def test_a_role_then_and_a_role_now_is_a_transition(run, text: str, pair: tuple[str, str]) -> None:
    assert pair in pairs(run(text), "transitionsTo")


@pytest.mark.parametrize("text", [
    "之前是产品经理，现在也需要和算法工程师沟通。",
    "AI产品经理之前是稀缺岗位，现在是热门的大模型产品经理岗位。",
    "他之前没有做过数据分析师，现在也不是AI产品经理。",
    "这个方向的AI产品经理，原来是算法工程师在做。",
])
def test_two_roles_of_then_and_now_without_a_switch_are_no_transition(run, text: str) -> None:
    assert pairs(run(text), "transitionsTo") == set()


@pytest.mark.parametrize("text, pair", [
    ("想转行做大模型产品经理的传统产品经理，首先要补齐技术认知。", ("传统产品经理", "大模型产品经理")),
    ("这篇文章写给准备转型AI产品经理的B端产品经理。", ("B端产品经理", "AI产品经理")),
])
def test_the_people_who_want_a_switch_transition(run, text: str, pair: tuple[str, str]) -> None:
    assert pair in pairs(run(text), "transitionsTo")


@pytest.mark.parametrize("text", [
    "负责AI产品经理的招聘的HR产品经理最近很忙。",
    "不想转型AI产品经理的传统产品经理也不少。",
])
def test_a_role_modifying_another_without_a_wanted_switch_is_no_transition(run, text: str) -> None:
    assert pairs(run(text), "transitionsTo") == set()


def test_the_role_a_sentence_is_framed_by_moves_into_the_role_after_the_switch_word(run) -> None:
    found = pairs(run("对于产品经理来说，如何升级转型成为 AI 或者 AIGC 产品经理？"), "transitionsTo")
    assert ("产品经理", "AIGC产品经理") in found


def test_a_framed_role_told_not_to_switch_does_not_transition(run) -> None:
    assert pairs(run("对于AI产品经理来说，不需要转型成为算法工程师。"), "transitionsTo") == set()


@pytest.mark.parametrize("text, pair", [
    ("三年前我还是一名UI设计师，现在已经是AIGC产品经理了。", ("UI设计师", "AIGC产品经理")),
    ("从B端产品经理到AI产品经理，我花了半年。", ("B端产品经理", "AI产品经理")),
    ("# 我的转型之路：从UI设计师到AIGC产品经理\n\n正文。\n", ("UI设计师", "AIGC产品经理")),
])
def test_a_journey_from_one_role_to_another_is_a_transition(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "transitionsTo")


def test_a_range_of_roles_that_need_something_is_no_journey(run) -> None:
    assert pairs(run("从初级产品经理到高级产品经理，都需要数据分析能力。"), "transitionsTo") == set()


def test_a_role_framed_in_mid_sentence_moves_into_the_role_after_the_switch_word(run) -> None:
    found = pairs(run("即使没有学历背景，作为行业专家，也可以转型成为AI产品经理。"), "transitionsTo")
    assert ("行业专家", "AI产品经理") in found


@pytest.mark.parametrize("text, pair", [
    ("我跳槽到一家AI创业公司，岗位也从AI产品运营变成了AI产品经理。", ("AI运营", "AI产品经理")),
    ("## 二、林溪：从UI设计师到多模态产品经理", ("UI设计师", "多模态产品经理")),
])
def test_a_role_that_became_another_and_a_titled_journey_are_transitions(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "transitionsTo")


def test_a_heading_that_goes_on_after_the_second_role_is_no_journey(run) -> None:
    assert pairs(run("## 从产品经理到AI产品经理的能力差异"), "transitionsTo") == set()


def test_an_arrow_between_roles_under_a_heading_about_moves_is_a_transition(run) -> None:
    found = pairs(run("## 常见的转型路径\n\n-   **数据分析师 → 策略产品经理**\n"), "transitionsTo")
    assert ("数据分析师", "策略产品经理") in found


def test_an_arrow_between_roles_in_a_value_chain_is_no_transition(run) -> None:
    assert pairs(run("小红书建立了一个品牌方/开发者→种草博主→内容消费者的良性生态。"), "transitionsTo") == set()
