"""Job titles the lexicon lacks are discovered from their head word (…剪辑师, …博主, …总监, …专员)."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, role", [
    ("她之前是一名视频剪辑师，后来转型做AI产品经理。", "视频剪辑师"),
    ("我关注了几个科技博主。", "科技博主"),
    ("公司新设了技术总监和SEO专员两个岗位。", "技术总监"),
    ("公司新设了技术总监和SEO专员两个岗位。", "SEO专员"),
])
def test_a_title_with_a_role_head_is_a_role(run, text: str, role: str) -> None:
    assert (role, "Role") in {(m.surface, m.cls) for m in run(text).mentions}


@pytest.mark.parametrize("text", ["平台上有不少优质创作者。", "头部主播的带货能力很强。", "这些功能都是给专业创作者准备的。"])
def test_a_described_person_is_no_new_role(run, text: str) -> None:
    assert not any(m.rule == "open:role-head" for m in run(text).mentions)


def test_a_discovered_role_takes_part_in_relations(run) -> None:
    assert ("视频剪辑师", "AI产品经理") in pairs(run("她之前是一名视频剪辑师，后来转型做AI产品经理。"), "transitionsTo")


@pytest.mark.parametrize("text, pair", [
    ("3.  **Agent产品经理：** 最近一年冒出来的新岗位，严格说是AI应用产品经理的一个分支，关注任务规划；",
     ("Agent产品经理", "AI应用产品经理")),
    ("1.  **大模型产品经理：** 在模型厂做模型本身，是AI产品经理里离模型最近的一种；", ("大模型产品经理", "AI产品经理")),
    ("这次衡川智能招的是大模型评测产品经理。按他们内部的说法，这个岗位属于大模型产品经理序列。",
     ("大模型评测产品经理", "大模型产品经理")),
    ("也有公司叫代码智能产品经理。它是大模型应用产品经理里的一个细分，门槛比一般应用岗高。",
     ("代码智能产品经理", "大模型应用产品经理")),
])
def test_a_list_items_role_label_is_a_kind_of_the_role_a_later_clause_names(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "kindOf")


@pytest.mark.parametrize("text, role", [
    ("另一个原来是门店督导，后来也转成了AI训练师。", "门店督导"),
    ("行方出了两位客服主管和三位同事。", "客服主管"),
    ("我们的客户经理每天都在用投研助手。", "客户经理"),
    ("在创业公司，基本只招全栈产品经理。", "全栈产品经理"),  # not 只招全栈产品经理
    ("今年开始规模地招AI产品经理。", "AI产品经理"),  # not 规模地招AI产品经理
    ("我建议先转AI产品经理，再看别的。", "AI产品经理"),  # not 先转AI产品经理
    ("她是一名跨语言创作者。", "跨语言创作者"),  # not 语言创作者: 跨 is a prefix, not a verb
])
def test_more_role_heads_and_no_verb_before_a_role(run, text: str, role: str) -> None:
    assert role in {m.surface for m in run(text).mentions if m.cls == "Role"}


def test_a_role_in_the_prefix_is_a_role_of_its_own(run) -> None:
    roles = {m.surface for m in run("我们把评测工程师定位成测试工程师的一个分支。").mentions if m.cls == "Role"}
    assert roles == {"评测工程师", "测试工程师"}


@pytest.mark.parametrize("text, role", [
    ("AI如何革新基金经理调研的学习。", "基金经理"),  # a verbal noun before the role is the sentence's verb
])
def test_a_leading_verbal_noun_is_no_part_of_a_role(run, text: str, role: str) -> None:
    assert {m.surface for m in run(text).mentions if m.cls == "Role"} == {role}


def test_an_office_is_no_role(run) -> None:
    assert not any(m.cls == "Role" for m in run("各行业主管部门沉淀了海量数据。").mentions)


@pytest.mark.parametrize("text, absent, present", [
    ("当L经理来了之后，科室轻松了很多。", "L经理", None),
    ("张经理说今年要招AI产品经理。", "要招AI产品经理", "AI产品经理"),
    ("他想当AI产品经理。", "想当AI产品经理", "AI产品经理"),
])
def test_a_person_addressed_by_a_title_or_a_verb_glued_before_a_role_is_no_role_name(run, text, absent, present) -> None:
    roles = {m.surface for m in run(text).mentions if m.cls == "Role"}
    assert absent not in roles and (present is None or present in roles)


@pytest.mark.parametrize("text, role", [
    ("扣子在招智能体生态运营。", "智能体生态运营"),
    ("由百度副总裁继续担任文库BU负责人。", "文库BU负责人"),
    ("法律专家岗位很缺。", "法律专家"),
])
def test_context_heads_make_a_role_where_the_text_calls_it_a_job(run, text: str, role: str) -> None:
    assert role in {m.surface for m in run(text).mentions if m.cls == "Role"}


@pytest.mark.parametrize("text, name", [
    ("我们要做好精细化运营。", "精细化运营"),
    ("在小红书上做账号运营的难度很大。", "账号运营"),  # doing account operations, not the job
    ("最早靠法律专家手写规则。", "法律专家"),
])
def test_context_heads_elsewhere_make_no_role(run, text: str, name: str) -> None:
    assert name not in {m.surface for m in run(text).mentions if m.cls == "Role"}
