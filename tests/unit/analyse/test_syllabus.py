"""Syllabus lists: the labels of a list of what a role must learn or is screened on."""

from tests.unit.analyse.test_extract import pairs

LEARNED = """## 三、做Agent产品经理，这一年我必须补的课

但Agent这套东西几乎全是新的，我硬着头皮补了四门课：

1.  **Function Calling。** Agent能办事，靠的是让模型调用工具。
2.  **模型评测。** 这是我唯一有主场优势的一门。
"""

SCREENED = """## 七、现在轮到我招人了

今年我们在招两个AI训练师。面试Agent产品经理时，我主要看两点：

1.  **评测集构建**：能讲清楚一套评测方案；
2.  **逻辑思维**：一个Agent要走七八步。
"""

HEDGED = """## 可能不一定需要的东西

面试Agent产品经理时，不一定看这些：

1.  **逻辑思维**：一个Agent要走七八步。
"""

PLAIN = """## 我的一天

Agent产品经理的日常是这样的：

1.  **模型评测**：上午看评测结果。
"""


def test_labels_under_a_learning_heading_are_what_the_heading_role_should_know(run) -> None:
    state = run(LEARNED)
    assert ("Agent产品经理", "Function Calling") in pairs(state, "shouldKnow")
    assert ("Agent产品经理", "模型评测") in pairs(state, "requiresSkill")


def test_labels_after_a_screening_lead_are_requirements_of_the_lead_role(run) -> None:
    required = pairs(run(SCREENED), "requiresSkill")
    assert {("Agent产品经理", "评测集构建"), ("Agent产品经理", "逻辑思维")} <= required
    assert not any(role == "AI训练师" for role, _ in required)


def test_a_hedged_or_plain_list_states_no_requirement(run) -> None:
    assert ("Agent产品经理", "逻辑思维") not in pairs(run(HEDGED), "requiresSkill")
    assert ("Agent产品经理", "模型评测") not in pairs(run(PLAIN), "requiresSkill")
