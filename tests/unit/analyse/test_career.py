"""Tests of the career extractor: who requires which skill, who hires, works with and moves into which role."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


def test_role_requires_each_skill_of_a_coordinated_list(run) -> None:
    state = run("AI产品经理需要具备数据分析、竞品分析和需求分析能力。")
    assert {("AI产品经理", "数据分析"), ("AI产品经理", "竞品分析")} <= pairs(state, "requiresSkill")


@pytest.mark.parametrize("text", [
    "AI产品经理不一定要懂数据分析。",
    "AI产品经理懂不懂数据分析不重要。",
    "相比传统产品经理，AI产品经理更需要数据分析能力吗？",
    "AI产品经理不需要掌握数据分析。",
])
def test_negated_hedged_or_compared_requirement_is_no_fact(run, text: str) -> None:
    assert pairs(run(text), "requiresSkill") == set()


def test_a_company_requirement_is_not_a_role_requirement(run) -> None:
    text = "## AI产品经理\n\n对企业来说，需要数据分析和竞品分析。"
    assert pairs(run(text), "requiresSkill") == set()


def test_latter_resolves_to_the_second_role_named(run) -> None:
    text = "AIGC产品经理分为大模型产品经理和AIGC应用产品经理。前者偏技术，后者需要竞品分析和ROI分析能力。"
    found = pairs(run(text), "requiresSkill")
    assert ("AIGC应用产品经理", "竞品分析") in found
    assert not any(role == "大模型产品经理" for role, _ in found)


def test_list_line_under_a_requirements_heading_goes_to_the_section_role(run) -> None:
    text = "# 招聘\n\n## AI产品经理\n\n### 任职要求\n\n1. 熟练的数据分析能力\n2. 竞品分析\n"
    assert {("AI产品经理", "数据分析"), ("AI产品经理", "竞品分析")} <= pairs(run(text), "requiresSkill")


def test_prose_under_a_requirements_heading_without_a_requirement_word_is_no_fact(run) -> None:
    text = "## AI产品经理需要做什么\n\n不同的公司，数据分析工作分配会有差异。"
    assert pairs(run(text), "requiresSkill") == set()


def test_an_organization_hires_a_role(run) -> None:
    assert ("字节跳动", "AI产品经理") in pairs(run("最近字节跳动在招聘AI产品经理，薪资很高。"), "hires")


def test_an_organization_and_a_role_without_a_hiring_word_is_no_hire(run) -> None:
    assert pairs(run("字节跳动的AI产品经理分享了经验。"), "hires") == set()


def test_role_works_with_a_team(run) -> None:
    assert ("AI产品经理", "算法团队") in pairs(run("AI产品经理每天要和算法团队紧密协作。"), "worksWith")


def test_role_transitions_to_another_role(run) -> None:
    assert ("传统产品经理", "AI产品经理") in pairs(run("我从传统产品经理转型为AI产品经理用了一年。"), "transitionsTo")


def test_two_roles_without_a_transition_word_do_not_transition(run) -> None:
    assert pairs(run("传统产品经理和AI产品经理的区别很大。"), "transitionsTo") == set()


def test_technology_applied_in_listed_industries(run) -> None:
    found = pairs(run("大模型已经广泛应用于医疗、金融等领域。"), "appliedIn")
    assert {("大模型", "医疗"), ("大模型", "金融")} <= found


def test_concept_evolves_into_concept(run) -> None:
    assert ("决策式AI", "生成式AI") in pairs(run("从决策式AI到生成式AI的演进，改变了产品形态。"), "evolvesInto")


def test_negated_application_is_no_fact(run) -> None:
    assert pairs(run("大模型还没有应用于医疗领域。"), "appliedIn") == set()


def test_list_after_a_line_that_introduces_requirements(run) -> None:
    text = "## 求职\n\n当你求职AI产品经理的时候，企业会有如下的要求：\n\n1. 有数据分析能力\n2. 做过竞品分析\n"
    assert {("AI产品经理", "数据分析"), ("AI产品经理", "竞品分析")} <= pairs(run(text), "requiresSkill")


def test_list_after_a_line_that_states_no_requirement_is_no_fact(run) -> None:
    text = "## 回顾\n\n去年我做了这些事：\n\n1. 数据分析\n2. 竞品分析\n"
    assert pairs(run(text), "requiresSkill") == set()


def test_an_unbroken_line_is_cut_into_bounded_sentences_with_true_offsets(make_doc) -> None:
    from kg.ingest.text import MAX_SENTENCE_CHARS
    doc = make_doc("Midjourney、" * 3000 + "\n\n" + "a" * 5000)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in doc.sentences)
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    assert sum(s.end - s.start for s in doc.sentences) == len("Midjourney、" * 3000) + 5000


def test_main_role_is_linear_in_mentions(run) -> None:
    """A long article with many role mentions still finds its main role (was quadratic in the mentions)."""
    state = run("AIGC产品经理需要数据分析。产品经理很多。" * 2000)
    assert ("AIGC产品经理", "数据分析") in pairs(state, "requiresSkill")


def test_a_role_works_with_every_partner_of_a_list(run) -> None:
    found = pairs(run("## 多模态产品经理\n\n岗位职责：与算法工程师、美术团队和交互设计师共同推进功能落地；\n"), "worksWith")
    assert {("多模态产品经理", "算法工程师"), ("多模态产品经理", "美术团队"), ("多模态产品经理", "交互设计师")} <= found


@pytest.mark.parametrize("text, pair", [
    ("作为AI产品经理，要推动算法团队迭代模型。", ("AI产品经理", "算法团队")),
    ("AI产品经理需要协调研发团队和设计团队。", ("AI产品经理", "设计团队")),
])
def test_a_role_that_drives_or_coordinates_a_team_works_with_it(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "worksWith")


def test_a_partner_is_never_the_holder_of_the_next_partner(run) -> None:
    found = pairs(run("AI产品经理的日常：跟算法工程师一起看Badcase，跟数据标注团队一起定规范。"), "worksWith")
    assert ("AI产品经理", "算法工程师") in found
    assert not any(holder == "算法工程师" for holder, _ in found)


def test_a_short_name_ending_in_a_team_word_is_a_team(run) -> None:
    assert ("法务部门", "Team") in {(m.surface, m.cls) for m in run("AIGC产品经理要和法务部门对齐。").mentions}


@pytest.mark.parametrize("text", ["发现BOSS上AI产品经理的岗位确实不少。", "去模型厂是否比去业务厂做AI产品经理更有钱途？"])
def test_a_job_board_or_a_question_states_no_hiring(run, text) -> None:
    assert pairs(run(text), "hires") == set()


def test_teams_listed_under_a_line_about_collaboration_work_with_the_section_role(run) -> None:
    text = "## AI产品经理的日常\n\n你可能会涉及合作的团队有：\n\n1. 数据团队\n2. 算法团队\n"
    assert {("AI产品经理", "数据团队"), ("AI产品经理", "算法团队")} <= pairs(run(text), "worksWith")


def test_a_team_named_by_its_function_is_credible_a_described_group_is_not(run) -> None:
    found = {m.surface: m.confidence for m in run("AIGC产品经理要和美术团队、专业团队、七人小组对齐。").mentions}
    assert found["美术团队"] >= 0.6
    served = {m.surface: m.confidence for m in run("手机厂商的AI产品经理服务的主要是影像团队和座舱团队。").mentions}
    assert served["影像团队"] >= 0.6 and served["座舱团队"] >= 0.6
    assert found.get("专业团队", 0.0) < 0.6 and found.get("七人小组", 0.0) < 0.6


def test_an_ai_prefix_before_a_known_role_names_the_ai_variant(run) -> None:
    assert ("AI游戏策划", "Role") in {(m.surface, m.cls) for m in run("我们在招AI游戏策划。").mentions}


def test_what_a_role_should_know_goes_to_the_sentences_subject_not_the_role_it_belongs_to(run) -> None:
    found = pairs(run("Agent产品经理属于AI应用产品经理，还要了解Function Calling和MCP。"), "shouldKnow")
    assert ("Agent产品经理", "MCP") in found
    assert not any(role == "AI应用产品经理" for role, _ in found)


def test_a_clause_that_continues_a_requirement_keeps_its_role(run) -> None:
    found = pairs(run("AI产品经理需要具备数据分析能力，还要懂业务。"), "requiresSkill")
    assert ("AI产品经理", "懂业务") in found


def test_a_requirement_line_under_a_role_heading_is_a_requirement_of_that_role(run) -> None:
    found = pairs(run("## 多模态产品经理\n\n任职要求：有较强的审美能力和用户洞察。\n"), "requiresSkill")
    assert ("多模态产品经理", "审美能力") in found


def test_a_stated_misconception_is_no_requirement(run) -> None:
    assert pairs(run("**误解一：AIGC产品经理必须会数据分析。**"), "requiresSkill") == set()


@pytest.mark.parametrize("text, expected", [
    ("我有个朋友原来是做内容运营的，去年转型成了AI产品经理。", ("内容运营", "AI产品经理")),
    ("几位AI产品经理，基本都是从内容运营转过来的。", ("内容运营", "AI产品经理")),
    ("两位游戏策划，今年转成了AI游戏策划。", ("游戏策划", "AI游戏策划")),
])
def test_transitions_across_clauses_of_one_statement(run, text, expected) -> None:
    assert expected in pairs(run(text), "transitionsTo")


def test_coordinated_roles_share_a_requirement_and_a_subject_role_keeps_it_alone(run) -> None:
    assert {("AI产品经理", "数据分析"), ("数据分析师", "数据分析")} <= pairs(run("AI产品经理和数据分析师都需要数据分析。"),
                                                                           "requiresSkill")
    kinds = pairs(run("大模型产品经理属于AI产品经理，多模态产品经理也是AI产品经理的一个细分方向。"), "kindOf")
    assert {("大模型产品经理", "AI产品经理"), ("多模态产品经理", "AI产品经理")} <= kinds


def test_an_unknown_name_glued_to_a_company_suffix_is_an_organisation_that_can_hire(run) -> None:
    state = run("我们云岫科技今年也在招聘AI训练师。")
    assert ("云岫科技", "Organization") in {(m.surface, m.cls) for m in state.mentions}
    assert ("云岫科技", "AI训练师") in pairs(state, "hires")
    assert not any(m.cls == "Organization" for m in run("人工智能科技很火，这是集团的决定。").mentions)


def test_a_sentence_with_its_own_employer_does_not_take_the_company_type_before(run) -> None:
    found = pairs(run("AI创业公司很多。我们云岫科技在招聘数据标注员。"), "hires")
    assert ("AI创业公司", "数据标注员") not in found


def test_a_sentence_about_something_else_does_not_lend_its_knowledge_to_the_section_role(run) -> None:
    text = "## UX设计师\n\n这家公司的文化是了解人工智能。\n\n- 了解Midjourney\n"
    found = pairs(run(text), "shouldKnow")
    assert ("UX设计师", "人工智能") not in found
    assert ("UX设计师", "Midjourney") in found


def test_hearsay_states_no_hiring_and_a_group_of_products_is_no_product(run) -> None:
    assert pairs(run("听说字节跳动在招聘AI产品经理。"), "hires") == set()
    assert "小米各大APP" not in {m.surface for m in run("小米各大APP都接入了。").mentions}


def test_the_articles_role_holds_we_and_you_only_when_the_title_names_it(run) -> None:
    about = run("# 转行AI产品经理需要什么\n\nAI产品经理很热门。我们需要数据分析能力。\n")
    other = run("# 我的设计之路\n\nAI产品经理很热门。我们需要数据分析能力。\n")
    assert ("AI产品经理", "数据分析") in pairs(about, "requiresSkill")
    assert pairs(other, "requiresSkill") == set()
    assert pairs(run("# 我的设计之路\n\nAI产品经理很热门。我们来了解一下Midjourney。\n"), "shouldKnow") == set()


def test_collaboration_in_a_sentence_about_no_one_is_not_the_section_roles(run) -> None:
    found = pairs(run("# 我的设计之路\n\n## 研发工程师\n\n此外，跟开发团队沟通时，也能把思路讲得更透彻。\n"), "worksWith")
    assert found == set()


JOB_POST = """### AI游戏策划

**任职要求：**

（1）两年以上游戏策划经验，熟悉主流游戏玩法；

（2）熟练使用Stable Diffusion和Photoshop；

（3）有Prompt设计经验；
"""


def test_a_bold_requirements_line_introduces_the_list_under_it(run) -> None:
    state = run(JOB_POST)
    assert {("AI游戏策划", "Prompt设计"), ("AI游戏策划", "游戏策划经验")} <= pairs(state, "requiresSkill")
    assert {("AI游戏策划", "Stable Diffusion"), ("AI游戏策划", "Photoshop")} <= pairs(state, "shouldKnow")


def test_experience_of_a_known_role_is_a_skill_only_where_a_person_needs_it(run) -> None:
    assert ("游戏策划经验", "Skill") in {(m.surface, m.cls) for m in run(JOB_POST).mentions if m.confidence >= 0.5}
    prose = run("这家公司积累了多年游戏策划经验。")
    assert all(m.confidence < 0.5 for m in prose.mentions if m.surface == "游戏策划经验")


@pytest.mark.parametrize("text, pair", [
    ("字节跳动在招聘AI产品经理。", ("字节跳动", "AI产品经理")),
    ("**AIGC产品经理**——谁在招：网易、B站。", ("网易", "AIGC产品经理")),
])
def test_a_hiring_word_between_organization_and_role_states_hiring(run, text, pair) -> None:
    assert pair in pairs(run(text), "hires")


@pytest.mark.parametrize("text", [
    "同时前美团招聘负责人、现AI产品经理魏小康还在小红书连续发文。",  # the hiring word belongs to another title
    "两年前，他离开工作了14年的谷歌产品经理岗位，加入了一家创业公司。",  # a post someone left
])
def test_an_organization_near_a_role_and_a_hiring_word_need_not_hire(run, text) -> None:
    assert pairs(run(text), "hires") == set()


def test_a_requirement_list_goes_to_the_article_role_only_when_the_title_names_it(run) -> None:
    text = "# 7年操盘手，带你实操用户旅程图\n\n你是一个专业的数据分析师。\n\n需要的能力：\n\n*   用户调研、市场调研\n"
    assert pairs(run(text), "requiresSkill") == set()


@pytest.mark.parametrize("text, expected", [
    ("AI产品经理需要知道什么是幻觉、什么是微调。", {("AI产品经理", "幻觉"), ("AI产品经理", "微调")}),
    ("我建议AIGC产品经理每天体验一下Midjourney。", {("AIGC产品经理", "Midjourney")}),
    ("AIGC产品经理要理解AIGC、PGC和UGC的区别。", {("AIGC产品经理", "PGC"), ("AIGC产品经理", "UGC")}),
    ("AIGC产品经理要知道Embedding和向量数据库是干什么的。", {("AIGC产品经理", "Embedding")}),
])
def test_knowing_what_a_term_is_and_trying_a_tool_are_things_a_role_should_know(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "shouldKnow")


@pytest.mark.parametrize("text, absent", [
    ("AIGC产品经理要熟悉Stable Diffusion、Midjourney等主流AIGC工具。", ("AIGC产品经理", "AIGC")),
    ("AI训练师至少深度用过两款大模型产品。", ("AI训练师", "大模型")),
])
def test_a_word_that_only_qualifies_a_kind_of_tool_is_not_to_know(run, text: str, absent) -> None:
    found = pairs(run(text), "shouldKnow")
    assert absent not in found


@pytest.mark.parametrize("text", ["作为产品经理，咱们都知道在MVP阶段开发资源是少数的。",
                                  "产品经理发现很多用户担心筑梦岛像Glow那样被下架。"])
def test_knowing_a_fact_or_a_word_inside_another_is_no_should_know(run, text: str) -> None:
    assert pairs(run(text), "shouldKnow") == set()


def test_a_collaboration_skill_is_also_the_collaboration_word(run) -> None:
    found = pairs(run("AI产品经理负责与研发团队、设计团队沟通协作。"), "worksWith")
    assert {("AI产品经理", "研发团队"), ("AI产品经理", "设计团队")} <= found


SECTIONS_OF_A_POST = "**岗位职责：**\n\n1.  负责标注。\n\n**任职要求：**\n\n1.  细心。\n"


def test_a_job_post_heading_names_the_kind_of_company_that_hires_in_brackets(run) -> None:
    state = run("## 五、序元数据｜数据标注员（AI创业公司）\n\n" + SECTIONS_OF_A_POST)
    assert ("AI创业公司", "数据标注员") in pairs(state, "hires")


def test_a_bracket_after_a_role_outside_a_job_post_hires_nobody(run) -> None:
    assert pairs(run("## 数据标注员（AI创业公司）\n\n这是一篇随笔。\n"), "hires") == set()


def test_a_person_subject_after_a_clause_about_a_model_still_holds_the_requirement(run) -> None:
    state = run("# 如何成为AI产品经理\n\n每一个版本模型出结果后，你还需要进行数据分析。\n")
    assert ("AI产品经理", "数据分析") in pairs(state, "requiresSkill")


def test_a_person_after_a_clause_of_time_takes_the_sections_role(run) -> None:
    state = run("## AI产品经理的工作\n\n每一个版本模型出结果后，你还需要进行数据分析。\n")
    assert ("AI产品经理", "数据分析") in pairs(state, "requiresSkill")


@pytest.mark.parametrize("text, expected", [
    ("AIGC产品经理要知道Embedding和向量数据库是干什么的。", {("AIGC产品经理", "Embedding"), ("AIGC产品经理", "向量数据库")}),
    ("AI产品经理不一定要会训练模型，但一定要知道微调和RAG分别适合什么问题。", {("AI产品经理", "微调"), ("AI产品经理", "RAG")}),
    ("2.  **做音视频方向的**：对AIGC产品经理来说，如果负责音视频，Suno和可灵一定要玩透；做助手的就不一定需要了。",
     {("AIGC产品经理", "Suno")}),
])
def test_knowing_what_things_are_and_a_framed_must_are_things_to_know(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "shouldKnow")


def test_knowing_without_asking_what_is_nothing_to_know(run) -> None:
    assert pairs(run("咱们AI产品经理都知道ChatGPT很火。"), "shouldKnow") == set()


def test_a_company_type_named_before_is_the_one_this_company_refers_to(run) -> None:
    text = "### 使用三方模型服务的业务公司\n\n这类公司不自己训练模型。在这类公司，产品经理服务于业务侧。\n"
    assert ("使用三方模型服务的业务公司", "业务侧") in pairs(run(text), "servesTeam")


def test_a_hedge_in_another_clause_does_not_cancel_a_hiring(run) -> None:
    text = "互联网大厂主要在招聘大模型产品经理；AI创业公司则大量招聘数据标注员和AI训练师，但成长路径不一定清晰。"
    found = pairs(run(text), "hires")
    assert {("AI创业公司", "AI训练师"), ("互联网大厂", "大模型产品经理")} <= found
    assert ("互联网大厂", "AI训练师") not in found and ("AI创业公司", "大模型产品经理") not in found


def test_a_clause_that_goes_on_with_the_list_keeps_the_know_word(run) -> None:
    text = "AI产品经理至少要搞懂RAG和微调的区别，以及Agent是怎么工作的。"
    assert ("AI产品经理", "Agent") in pairs(run(text), "shouldKnow")


def test_duties_that_guide_or_report_to_a_team_are_work_with_it(run) -> None:
    text = "## AI训练师\n\n岗位职责：\n\n（2）制定标注规范，指导标注团队完成数据标注；\n\n（3）整理问题样本并反馈给算法工程师；\n"
    assert {("AI训练师", "标注团队"), ("AI训练师", "算法工程师")} <= pairs(run(text), "worksWith")


@pytest.mark.parametrize("text", ["模型厂更需要懂技术的产品经理。", "互联网大厂更青睐有AI项目经验的产品经理。"])
def test_a_company_type_that_needs_or_favours_a_role_hires_it(run, text: str) -> None:
    assert any(role == "产品经理" for _, role in pairs(run(text), "hires"))


def test_an_organisation_that_goes_on_hiring_in_a_later_clause_hires_that_role_too(run) -> None:
    found = pairs(run("青禾数科今年在招AI产品经理和AI训练师，另外招了两名大模型应用工程师。"), "hires")
    assert ("青禾数科", "AI工程师") in found


def test_the_partners_said_of_a_roles_collaborators_after_a_comma_work_with_it(run) -> None:
    found = pairs(run("传统产品经理的协作对象，主要是研发、设计和运营。"), "worksWith")
    assert {("传统产品经理", "研发团队"), ("传统产品经理", "运营团队")} <= found


def test_organisations_that_post_this_kind_of_job_hire_the_role_named_before(run) -> None:
    text = "AI陪伴产品经理是这两年冒出来的新岗位。MiniMax、字节跳动、阅文集团今年都挂过这类岗位，名字五花八门。"
    found = pairs(run(text), "hires")
    assert {("MiniMax", "AI陪伴产品经理"), ("字节跳动", "AI陪伴产品经理"), ("阅文集团", "AI陪伴产品经理")} <= found


def test_organisations_that_do_not_post_this_kind_of_job_hire_nothing(run) -> None:
    text = "AI陪伴产品经理是这两年冒出来的新岗位。MiniMax、字节跳动今年都没有挂过这类岗位。"
    assert pairs(run(text), "hires") == set()


def test_requirements_go_on_through_two_sentences_that_name_no_role(run) -> None:
    text = ("不管去哪类公司，AI产品经理的核心竞争力都是需求分析和模型评测。想进大厂，最好亲手用过通义千问和豆包。"
            "不一定要会训练模型，但一定要了解微调和RAG。")
    assert {("AI产品经理", "豆包"), ("AI产品经理", "微调")} <= pairs(run(text), "shouldKnow")


def test_requirements_stop_at_a_sentence_that_states_none(run) -> None:
    text = "AI产品经理的核心竞争力是需求分析。大厂这两年变化很大。最好亲手用过通义千问和豆包。"
    assert ("AI产品经理", "豆包") not in pairs(run(text), "shouldKnow")


def test_this_post_after_a_bare_head_is_the_role_of_the_sections_heading(run) -> None:
    text = ("## 二、模型厂：衡川智能，大模型评测产品经理\n\n"
            "面试官说得很直白：在模型厂，产品经理首先服务的是算法团队。所以这个岗位每天都和算法团队、标注团队泡在一起。\n")
    found = pairs(run(text), "worksWith")
    assert ("大模型评测产品经理", "标注团队") in found and not any(role == "产品经理" for role, _ in found)


@pytest.mark.parametrize("text, expected", [
    ("在创业公司，基本只招全栈产品经理。", {("创业公司", "全栈产品经理")}),
    ("银行、保险、车企这些传统企业，这两年也开始招AI产品经理，多半挂在数字化部门。",
     {("车企", "AI产品经理"), ("传统企业", "AI产品经理")}),
])
def test_company_types_that_frame_a_sentence_hire_the_role_a_later_clause_hires(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "hires")


@pytest.mark.parametrize("text", ["在创业公司，产品经理要会写代码。", "在模型厂，字节跳动招了算法工程师。"])
def test_a_framing_company_type_hires_nobody_without_a_hiring_clause_of_its_own(run, text: str) -> None:
    assert not any(company in ("创业公司", "模型厂") for company, _ in pairs(run(text), "hires"))


def test_company_types_that_only_say_they_hire_hire_the_role_before(run) -> None:
    assert ("AI创业公司", "Agent产品经理") in pairs(run("Agent产品经理这两年很抢手，不少AI创业公司都在招。"), "hires")
    assert pairs(run("Agent产品经理这两年很抢手，不少AI创业公司都没在招。"), "hires") == set()


def test_a_post_named_as_grown_out_of_another_role_holds_its_own_requirements(run) -> None:
    text = "智能座舱产品经理是这两年的新岗位。这个岗位是从研发工程师里分化出来的，要求编程能力。"
    found = pairs(run(text), "requiresSkill")
    assert ("智能座舱产品经理", "编程能力") in found and ("研发工程师", "编程能力") not in found


def test_people_the_writer_spends_the_day_with_hold_no_requirement(run) -> None:
    text = "AIGC产品经理主要服务创意团队，我每天和创意总监、剪辑师泡在一起，ComfyUI也得会用，工作流搭建是基本功。"
    holders = {role for role, _ in pairs(run(text), "requiresSkill")}
    assert "创意总监" not in holders and "剪辑师" not in holders


def test_the_role_people_came_from_holds_no_requirement(run) -> None:
    text = "知识工程师是新岗位，后者大多是执业律师转过来的，负责写审查规则、标注数据。"
    assert not any(role == "律师" for role, _ in pairs(run(text), "requiresSkill"))


def test_this_post_is_the_sections_post_when_it_is_one_of_the_last_two_roles_named(run) -> None:
    text = ("## 三、应用公司：云帆数科，Agent产品经理\n\n"
            "面我的是Agent产品经理团队的负责人，他以前是AI产品经理。入职后我才知道，这个岗位日常对接最多的是研发团队和运营团队。\n")
    found = pairs(run(text), "worksWith")
    assert ("Agent产品经理", "研发团队") in found and ("AI产品经理", "研发团队") not in found


@pytest.mark.parametrize("text", [
    "## 多模态产品经理\n\n她给想转这个岗位的人的建议是：可灵、即梦和Runway都要亲手用过。\n",
    "## 多模态产品经理\n\n可灵、即梦和Runway都要亲手用过。\n",
])
def test_things_put_before_a_modal_know_word_are_advice_to_the_sections_role(run, text: str) -> None:
    assert {("多模态产品经理", "可灵"), ("多模态产品经理", "Runway")} <= pairs(run(text), "shouldKnow")


def test_a_thing_put_first_without_advice_is_nobodys_to_know(run) -> None:
    assert pairs(run("## 多模态产品经理\n\n可灵和Runway都很火。\n"), "shouldKnow") == set()


def test_a_heading_that_names_only_a_role_gives_its_section_the_role(run) -> None:
    text = "## 3. 对话算法工程师\n\n常见的要求是：熟悉微调、DPO和RLHF。\n"
    assert {("对话算法工程师", "微调"), ("对话算法工程师", "RLHF")} <= pairs(run(text), "shouldKnow")
    text = "## 3. 对话算法工程师的薪资\n\n常见的要求是：熟悉微调、DPO和RLHF。\n"
    assert pairs(run(text), "shouldKnow") == set()


def test_requirements_of_a_role_framed_by_doing_it_go_on_into_the_next_sentences(run) -> None:
    text = ("做Agent产品经理，需要流程梳理和需求分析能力；技术上要懂Function Calling和MCP。"
            "另外你得天天和研发团队、算法团队泡在一起。")
    state = run(text)
    assert {("Agent产品经理", "Function Calling"), ("Agent产品经理", "MCP")} <= pairs(state, "shouldKnow")
    assert {("Agent产品经理", "研发团队"), ("Agent产品经理", "算法团队")} <= pairs(state, "worksWith")


def test_a_role_under_a_modifier_keeps_its_requirements_in_the_next_sentence(run) -> None:
    text = ("# 采购\n\n甲方这边做大模型采购的数字化产品经理，至少要会成本测算和模型评测。"
            "日常要跟采购部、法务团队打交道。")
    assert {("数字化产品经理", "采购部门"), ("数字化产品经理", "法务团队")} <= pairs(run(text), "worksWith")


def test_a_role_that_only_ends_a_clause_without_requirements_holds_none_later(run) -> None:
    text = "# 转岗\n\n做Agent产品经理，是我去年的决定。另外你得天天和研发团队泡在一起。"
    assert ("Agent产品经理", "研发团队") not in pairs(run(text), "worksWith")


@pytest.mark.parametrize("text", [
    "# 招聘\n\n**手机厂商**：招得最多。今年我们公司就在招端侧模型产品经理和AI硬件产品经理。\n",
    "# 招聘\n\n## 三、手机厂商\n\n今年我们公司就在招端侧模型产品经理和AI硬件产品经理。\n",
    "# 招聘\n\n手机厂商：招得最多。今年我们公司就在招端侧模型产品经理。\n",
    "# 招聘\n\n手机厂商这一年招了不少人，荣耀在招端侧模型产品经理。\n",
])
def test_a_role_hired_under_a_kind_of_company_is_hired_by_that_kind(run, text: str) -> None:
    assert ("手机厂商", "端侧模型产品经理") in pairs(run(text), "hires")


@pytest.mark.parametrize("text", [
    "# 招聘\n\n**手机厂商**：招得最多。今年我们公司没在招端侧模型产品经理。\n",
    "# 招聘\n\n## 三、手机厂商的薪资\n\n今年我们公司就在招端侧模型产品经理。\n",
    "# 招聘\n\n**手机厂商**：招得最多。端侧模型产品经理要懂功耗评估。\n",
    "# 招聘\n\n手机厂商很难做，荣耀在招端侧模型产品经理。\n",
])
def test_a_role_not_hired_or_under_a_heading_about_more_is_not_the_kinds(run, text: str) -> None:
    assert ("手机厂商", "端侧模型产品经理") not in pairs(run(text), "hires")


def test_what_a_role_should_catch_up_on_is_required(run) -> None:
    text = "参考答案：对转岗的AI产品经理，我建议先补模型认知和Prompt设计，再补行业知识。"
    assert {("AI产品经理", "模型认知"), ("AI产品经理", "行业知识")} <= pairs(run(text), "requiresSkill")


def test_those_named_after_who_hires_a_role_hire_it(run) -> None:
    text = "# 招聘\n\n今年招AI搜索产品经理的，主要是两类公司：互联网大厂（百度、字节跳动都有岗）和AI创业公司。\n"
    found = pairs(run(text), "hires")
    assert {("互联网大厂", "AI搜索产品经理"), ("百度", "AI搜索产品经理")} <= found
    assert pairs(run("# 招聘\n\n招AI产品经理的公司不是大厂。\n"), "hires") == set()


def test_an_organisation_opening_a_post_for_a_role_hires_it(run) -> None:
    text = "# 招聘\n\n字节跳动今年还单独开了Agent产品经理的岗位。\n"
    assert ("字节跳动", "Agent产品经理") in pairs(run(text), "hires")


def test_every_role_of_a_label_keeps_its_requirements_after_a_semicolon(run) -> None:
    text = "# 工具\n\n**视频创作者、剪辑师**：可灵、即梦至少要玩熟；声音方面，也要了解声音克隆的边界。\n"
    found = pairs(run(text), "shouldKnow")
    assert {("内容创作者", "声音克隆"), ("剪辑师", "声音克隆")} <= found  # (视频创作者 is a 内容创作者)


@pytest.mark.parametrize("text, expected", [
    ("大模型产品经理对技术理解的要求很高。", ("大模型产品经理", "技术理解")),
    ("做AI产品经理，对数据分析能力有一定要求。", ("AI产品经理", "数据分析")),
    ("AI训练师门槛不高。这个岗位对沟通能力的要求比较高。", ("AI训练师", "沟通协作")),
])
def test_what_a_role_makes_demands_on_is_required(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "requiresSkill")


@pytest.mark.parametrize("text", ["大模型产品经理对技术理解的要求不高。", "大模型产品经理对技术理解没什么要求。"])
def test_no_demand_is_no_requirement(run, text: str) -> None:
    assert pairs(run(text), "requiresSkill") == set()


@pytest.mark.parametrize("text, hirer, role", [
    ("**1. 语音产品经理**\n\n百度、小米今年都在招这个方向，门槛不低。", "小米", "语音产品经理"),
    ("**2. 全栈产品经理**\n\n这是新叫法。创业公司特别爱招这种人，JD里写着会用Cursor。", "创业公司", "全栈产品经理"),
])
def test_a_company_that_hires_this_direction_or_these_people_hires_the_role(run, text, hirer, role) -> None:
    assert (hirer, role) in pairs(run(text), "hires")


def test_companies_that_only_say_they_hire_hire_the_sections_role(run) -> None:
    found = pairs(run("**4. AI工程师**\n\n外包公司和中小企业招得最猛，要的是能快速交付的人。"), "hires")
    assert {("外包公司", "AI工程师"), ("中小企业", "AI工程师")} <= found
    assert pairs(run("**4. AI工程师**\n\n外包公司和中小企业不一定在招，要看项目。"), "hires") == set()


CODE_PM_SECTION = """## 五、哪些岗位在招人

**1. 代码智能产品经理**

也有公司叫AI编程产品经理。它是大模型应用产品经理里的一个细分，门槛比一般应用岗高：要有编程能力，至少能读懂代码；要知道程序员在哪一步最烦躁。这批人里有不少是从前端工程师、后端工程师转过来的，日常打交道最多的是模型团队。
"""


def test_it_opening_a_sentence_about_a_wider_post_is_the_sections_post(run) -> None:
    state = run(CODE_PM_SECTION)
    assert ("代码智能产品经理", "编程能力") in pairs(state, "requiresSkill")
    assert ("大模型应用产品经理", "编程能力") not in pairs(state, "requiresSkill")


def test_these_people_in_a_section_on_a_post_are_people_in_that_post(run) -> None:
    state = run(CODE_PM_SECTION)
    assert {("前端工程师", "代码智能产品经理"), ("后端工程师", "代码智能产品经理")} <= pairs(state, "transitionsTo")
    assert pairs(state, "worksWith") == {("代码智能产品经理", "模型团队")}


def test_a_frame_a_role_sets_goes_on_into_the_next_sentence(run) -> None:
    text = "对Agent产品经理来说，工作流搭建成了基本功。概念层面，RAG、MCP背后的原理要弄明白。"
    state = run(text)
    assert {("Agent产品经理", "RAG"), ("Agent产品经理", "MCP")} <= pairs(state, "shouldKnow")


def test_colleagues_named_by_their_role_are_that_role_but_no_post_an_anaphor_means(run) -> None:
    text = ("做多模态产品经理，扩散模型的基本原理都得懂个大概，不然算法同学说的术语都听不明白。"
            "她给想转这个岗位的人的建议是：可灵和即梦都要亲手用过。")
    state = run(text)
    assert ("算法同学", "Role") in {(m.surface, m.cls) for m in state.mentions}
    known = pairs(state, "shouldKnow")
    assert ("多模态产品经理", "可灵") in known and not any(role == "算法工程师" for role, _ in known)


def test_the_partners_set_aside_with_besides_are_partners_too(run) -> None:
    found = pairs(run("除了设计团队，Agent产品经理还要和算法工程师一起定效果目标。"), "worksWith")
    assert {("Agent产品经理", "设计团队"), ("Agent产品经理", "算法工程师")} <= found
    assert pairs(run("除了写PRD，Agent产品经理还要和算法团队一起定指标。"), "worksWith") == {("Agent产品经理", "算法团队")}
