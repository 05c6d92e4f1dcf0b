"""Unknown company names that hire a role or follow a company type become organizations; generic subjects do not."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, name", [
    ("序元数据在招聘数据标注员，要求不高。", "序元数据"),
    ("星绘智能正在招聘算法工程师。", "星绘智能"),
    ("最后一份来自北京的一家AI创业公司序元数据，他们主要给模型厂提供训练数据。", "序元数据"),
])
def test_an_unknown_employer_is_an_organization(run, text: str, name: str) -> None:
    assert (name, "Organization") in {(m.surface, m.cls) for m in run(text).mentions}


def test_an_unknown_employer_hires_the_role(run) -> None:
    assert ("星绘智能", "算法工程师") in pairs(run("星绘智能正在招聘算法工程师。"), "hires")


@pytest.mark.parametrize("text", [
    "公司在招聘产品经理。",
    "很多企业都在招聘AI产品经理。",
    "最近在招聘网站上看了一下产品经理的现状。",
    "万兴科技亮相活动现场，百万年薪招募AI产品经理。",
    "他们主要给模型厂提供训练数据。",
    "无论是将 AI 作为增长曲线，还是助力自身业务，各家大厂八仙过海。",
])
def test_generic_subjects_and_clauses_are_no_employers(run, text: str) -> None:
    assert not any(m.rule.startswith("employer:") for m in run(text).mentions)


def test_a_company_name_does_not_take_the_naming_word_before_it(run) -> None:
    names = {m.surface for m in run("他在一家叫云岫科技的公司工作。").mentions if m.cls == "Organization"}
    assert names == {"云岫科技"}


@pytest.mark.parametrize("text, name, role", [
    ("启衡医疗在招医疗AI产品经理，要求有医学背景。", "启衡医疗", "医疗AI产品经理"),  # the suffix is an industry's name
    ("栖光科技在招多模态产品经理，萌芽智能那边招的则是对话产品经理。", "萌芽智能", "对话产品经理"),  # a common word's name
])
def test_a_suffixed_name_that_hires_is_a_company(run, text: str, name: str, role: str) -> None:
    state = run(text)
    assert (name, "Organization") in {(m.surface, m.cls) for m in state.mentions}
    assert (name, role) in pairs(state, "hires")


def test_a_verb_before_an_industry_is_no_company(run) -> None:
    state = run("- **青禾智数**：专做医疗和法律的专家标注，长期在招兼职医生和律师。")
    assert not any(m.cls == "Organization" and "医疗" in m.surface for m in state.mentions)


def test_a_kind_of_company_takes_a_known_name_of_several_words(run) -> None:
    state = run("**医疗AI公司**：启衡医疗在招医疗AI产品经理。")
    assert ("医疗AI公司", "CompanyType") in {(m.surface, m.cls) for m in state.mentions}
    assert ("医疗AI公司", "医疗AI产品经理") in pairs(state, "hires")
