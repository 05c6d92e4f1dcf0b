"""Bare department names in lists of teams become Team mentions; places, verbs and loose words do not."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


def _teams(result) -> dict[str, str]:
    """Surface → label of the Team mentions the departments extractor added."""
    return {m.surface: m.label for m in result.mentions if m.rule.startswith("department:")}


@pytest.mark.parametrize("text, expected", [
    ("4. 销售，客服，交付等更面向客户团队", {"销售": "销售团队", "客服": "客服团队", "交付": "交付团队"}),
    ("5. 法务，商标，安全等部门", {"商标": "商标部门", "安全": "安全团队"}),
    ("成员涵盖计划、采购、仓库、生产等部门。", {"计划": "计划部门", "采购": "采购部门", "生产": "生产部门"}),
    ("第二次拆解，区分了销售、市场、生产等业务部门之间的责任。", {"销售": "销售团队", "生产": "生产部门"}),
])
def test_a_closed_list_of_departments_names_each_item(run, text: str, expected: dict[str, str]) -> None:
    found = _teams(run(text))
    assert {surface: found.get(surface) for surface in expected} == expected


def test_a_team_followed_by_examples_names_each_example(run) -> None:
    found = _teams(run("其他常见的软件研发团队，如前后端，测试，运维等"))
    assert {"测试", "运维"} <= set(found)


@pytest.mark.parametrize("text", [
    "Airwallex在上海、深圳、新加坡、东京等地均有团队。",
    "与线下商超、零售店、便利店合作，铺开渠道。",
    "财政部、工信部等部门联合发布了通知。",
    "抖音的算法在协同过滤算法和知识图谱推理的共同作用下推荐内容。",
    "数据标准通常从业务、技术、管理三方面进行定义，使企业内外部交换的数据一致。",
])
def test_places_ministries_and_loose_words_are_no_departments(run, text: str) -> None:
    assert _teams(run(text)) == {}


def test_a_clause_before_a_list_is_not_its_first_item(run) -> None:
    found = _teams(run("打通各业务条线的信息壁垒，实现销售、运营、产品等部门的无缝协同。"))
    assert not any("壁垒" in surface or surface.startswith("实现") for surface in found)
    assert "运营" in found


def test_collaborators_count_only_when_every_item_is_a_known_team(run) -> None:
    result = run("AI产品经理日常与业务、研发、设计等各方紧密协作。")
    assert set(_teams(result)) == {"业务", "研发", "设计"}
    assert {("AI产品经理", "研发团队"), ("AI产品经理", "设计团队")} <= pairs(result, "worksWith")


def test_a_list_of_collaborators_joined_by_he_keeps_each_item_whole(run) -> None:
    found = pairs(run("产品经理要协调研发、设计和运营。"), "worksWith")
    assert {("产品经理", "研发团队"), ("产品经理", "设计团队"), ("产品经理", "运营团队")} <= found


def test_one_known_team_a_person_works_together_with_is_a_team_a_things_partner_is_not(run) -> None:
    found = {(m.surface, m.cls) for m in run("这种公司里，Prompt工程师要和研发一起排期上线。").mentions}
    assert ("研发", "Team") in found
    assert not any(m.cls == "Team" for m in run("上线前把模型和数据一起打包。").mentions)
