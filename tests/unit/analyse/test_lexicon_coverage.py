"""The lexicon knows the companies and products articles on AI in vertical industries name (SaaS, medical imaging,
legal AI, input methods): they are typed, and their facts are read."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import mentions_of, pairs


@pytest.mark.parametrize("name, cls", [
    ("有赞", "Organization"), ("微盟", "Organization"), ("汤森路透", "Organization"), ("推想医疗", "Organization"),
    ("幂律智能", "Organization"), ("讯飞晓医", "Product"), ("轩辕", "Product"), ("CoCounsel", "Product"),
    ("逆水寒", "Product"), ("讯飞输入法", "Product"),
])
def test_known_names_are_typed(resources, name: str, cls: str) -> None:
    assert resources.lexicon.lookup(name).cls == cls


def test_a_known_saas_company_hires(run) -> None:
    state = run("这两年杭州的SaaS圈都在抢同一批人，有赞、微盟也都在招AI产品经理。")
    assert {("有赞", "AI产品经理"), ("微盟", "AI产品经理")} <= pairs(state, "hires")


def test_a_known_product_of_a_known_maker(run) -> None:
    state = run("科大讯飞的讯飞晓医更偏向C端，用于导诊和报告解读。")
    assert [m.cls for m in mentions_of(state, "讯飞晓医")] == ["Product"]
    assert ("讯飞晓医", "科大讯飞") in pairs(state, "madeBy")
