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
