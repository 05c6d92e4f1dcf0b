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


PARTNERS_AND_DUTIES = """# 从数据产品经理到Agent产品经理：我的第一年

去年四月，我从数据团队离职，从数据产品经理转型成了Agent产品经理。在我们公司，Agent产品经理是AI产品经理的一个分支。

## 四、我每天在跟谁打交道

和做数据产品时比，我的协作圈子大了一倍。

*   **算法团队**：我和他们打交道最多；
*   **设计师**：我和设计师来回磨了好几版；

## 五、我的职责清单

回头看，我的日常大概是这几件事：

*   我要把差旅流程拆成模型能执行的步骤，这是流程梳理；
*   我要每周看对话日志，做Badcase分析；
"""


def test_partner_labels_and_duty_skills_belong_to_the_writers_role(run) -> None:
    state = run(PARTNERS_AND_DUTIES)
    assert {("Agent产品经理", "算法团队"), ("Agent产品经理", "设计师")} <= pairs(state, "worksWith")
    assert {("Agent产品经理", "流程梳理"), ("Agent产品经理", "Badcase分析")} <= pairs(state, "requiresSkill")
    assert not any(role == "AI产品经理" for role, _ in pairs(state, "worksWith"))  # 我们公司 is no first person


def test_a_product_used_somewhere_is_not_made_by_the_maker_before_it(run) -> None:
    state = run("行云差旅是一家公司。行云差旅自研的差旅Agent：员工在飞书里说一句话。")
    assert pairs(state, "madeBy") == set()


NEEDS_HEADING = "## 四、多模态产品经理要会什么\n\n工具上，Ollama和LM Studio都得用熟。\n"
DAY_HEADING = "## 五、多模态产品经理的日常\n\n工具上，Ollama和LM Studio都得用熟。\n"


def test_a_heading_asking_what_a_role_needs_gives_its_sentences_that_role(run) -> None:
    expected = {("多模态产品经理", "Ollama"), ("多模态产品经理", "LM Studio")}
    assert expected <= pairs(run(NEEDS_HEADING), "shouldKnow")
    assert not pairs(run(DAY_HEADING), "shouldKnow")  # a heading naming the role alone: no person, no holder


LEARNED_AFTER_A_FORMER_ROLE = """## 二、做大模型产品经理，我必须补的课

数据分析师的基本功是SQL和报表，这些我都熟。但大模型这一套几乎全是新的，我补了两门课：

1.  **RAG。** 知识库问答全靠它。
2.  **模型评测。** 每次上线前都要跑一遍。
"""


def test_a_role_named_before_the_leads_cue_does_not_take_the_list(run) -> None:
    state = run(LEARNED_AFTER_A_FORMER_ROLE)
    assert ("大模型产品经理", "RAG") in pairs(state, "shouldKnow")
    assert ("大模型产品经理", "模型评测") in pairs(state, "requiresSkill")
    listed = {"RAG", "模型评测"}
    assert not any(role == "数据分析师" and thing in listed
                   for role, thing in pairs(state, "shouldKnow") | pairs(state, "requiresSkill"))
