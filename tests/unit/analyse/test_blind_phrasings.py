"""Relations as the blind dev articles of 2026-12-07 (unseen_43, 45, 47, 49) state them: upgrades with a time or a
pronoun between, career moves with a year between, hiring with 招 alone, the subject of a requirement however far
before, and items labelled with an industry."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, expected", [
    ("智谱的GLM-4在8月升级为GLM-4-Plus。", ("GLM-4", "GLM-4-Plus")),
    ("科大讯飞6月发布了讯飞星火4.0，10月又把它升级成讯飞星火4.0 Turbo。", ("讯飞星火4.0", "讯飞星火4.0 Turbo")),
    ("阿里的Qwen2.5则是在Qwen2基础上升级来的。", ("Qwen2", "Qwen2.5")),
    ("如今智能手机又在往AI手机演进。", ("智能手机", "AI手机")),
])
def test_upgrades_and_moves_towards(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "evolvesInto")


def test_a_release_with_a_date_is_no_upgrade(run) -> None:
    assert pairs(run("智谱在8月发布了GLM-4，OpenAI在5月发布了GPT-4o。"), "evolvesInto") == set()


@pytest.mark.parametrize("text, expected", [
    ("我是交互设计师出身，2020年转做B端产品经理。", ("交互设计师", "B端产品经理")),
    ("两年前我还在做B端产品经理，2023年下半年转成了大模型应用产品经理。", ("B端产品经理", "大模型应用产品经理")),
    ("萌芽智能现在的对话产品经理里，有一位就是从智能音箱的语音产品经理转过去的。", ("语音产品经理", "对话产品经理")),
])
def test_career_moves_across_a_time_or_an_origin(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "transitionsTo")


@pytest.mark.parametrize("text, expected", [
    ("今年北辰重工还要再招一个知识库产品经理和两个AI训练师。", {("北辰重工", "知识库产品经理"), ("北辰重工", "AI训练师")}),
    ("腾讯云前阵子就在给CodeBuddy招开发者布道师。", {("腾讯云", "开发者布道师")}),
])
def test_hiring_with_zhao_alone(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "hires")


def test_a_recruiter_title_is_no_hiring(run) -> None:
    assert pairs(run("腾讯的招聘负责人说，AI产品经理很抢手。"), "hires") == set()


def test_the_narrower_role_a_sentence_opens_with_holds_every_requirement(run) -> None:
    state = run("端侧模型产品经理算是AI产品经理的一个细分，要管模型选型和模型评测，还得懂功耗评估。")
    held = pairs(state, "requiresSkill")
    assert {("端侧模型产品经理", "模型选型"), ("端侧模型产品经理", "功耗评估")} <= held
    assert not any(role == "AI产品经理" for role, _ in held)


def test_what_a_role_is_at_bottom_is_a_kind(run) -> None:
    assert ("对话产品经理", "AI产品经理") in pairs(run("对话产品经理说白了也是AI产品经理。"), "kindOf")


def test_products_of_an_industry_labelled_item_are_applied_there(run) -> None:
    state = run("- **影视**：Vidu在影视前期预演里用得不少，也有导演拿Sora做概念片。\n"
                "6. **广告与电商**：可灵已经被大量用于广告素材的初稿。\n## 三、法律：RAG几乎是标配")
    assert {("Vidu", "影视"), ("Sora", "影视"), ("可灵", "广告"), ("可灵", "电商"), ("RAG", "法律")} \
        <= pairs(state, "appliedIn")


@pytest.mark.parametrize("text", ["- **医疗**：ChatGPT不一定适合。", "- **字节跳动**：豆包用在了抖音里。",
                                  "- **金融与Sora**：它们没关系。"])
def test_a_denied_item_or_a_label_naming_more_than_industries_applies_nothing(run, text: str) -> None:
    assert not any(r.evidence.rule == "structure:industry-label" for r in run(text).relations)


QUESTION = """**问：AI产品经理这个岗位，你最看重什么？**

答：我一般看三样东西。

1.  **场景挖掘。** 能不能在客户的业务流程里找到值得用AI做的点；
2.  **模型评测。** 要能自己设计评测集。
"""


def test_the_labels_of_a_list_answering_a_question_are_requirements_of_its_role(run) -> None:
    assert {("AI产品经理", "场景挖掘"), ("AI产品经理", "模型评测")} <= pairs(run(QUESTION), "requiresSkill")


def test_an_answer_holds_the_requirements_of_the_role_it_was_asked_about(run) -> None:
    state = run("**问：模型公司招产品经理，最看重什么？**\n\n答：第一是技术理解；第三是沟通能力。")
    assert {("产品经理", "技术理解"), ("产品经理", "沟通协作")} <= pairs(state, "requiresSkill")


@pytest.mark.parametrize("text", ["**问：AI产品经理需要懂算法吗？**\n\n答：不需要懂算法，懂业务就行。",
                                  "**问：AI产品经理平时用什么工具？**\n\n答：技术理解这件事我就不展开了。"])
def test_a_doubting_question_or_one_that_asks_no_requirement_holds_nothing(run, text: str) -> None:
    assert not any(r.evidence.rule == "structure:answer" for r in run(text).relations)


@pytest.mark.parametrize("text, expected", [
    ("工具上，大模型应用产品经理最好能自己在Dify或扣子上搭个原型。", {("大模型应用产品经理", "Dify"), ("大模型应用产品经理", "扣子")}),
    ("想做大模型评测产品经理，Kimi和DeepSeek-R1得天天用。", {("大模型评测产品经理", "Kimi"), ("大模型评测产品经理", "DeepSeek-R1")}),
])
def test_tools_a_role_builds_on_or_uses_daily(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "shouldKnow")


PICKS = """## 七、不同岗位怎么挑

**产品经理**：首推飞书智能伙伴和Kimi，一个管会议，一个管读材料。

## 八、我们的项目

**产品经理**：这次项目用了Cursor。
"""


def test_a_line_labelled_with_a_role_under_a_heading_about_picking_names_its_tools(run) -> None:
    known = pairs(run(PICKS), "shouldKnow")
    assert {("产品经理", "飞书智能伙伴"), ("产品经理", "Kimi")} <= known and ("产品经理", "Cursor") not in known


def test_this_role_after_a_list_is_the_role_the_list_was_of(run) -> None:
    state = run("我总结下来，知识库产品经理需要这么几样能力：\n\n1. 文档治理。\n\n技术上，这个岗位应该了解Embedding和向量数据库。")
    assert {("知识库产品经理", "Embedding"), ("知识库产品经理", "向量数据库")} <= pairs(state, "shouldKnow")


def test_a_quoted_job_post_title_heads_its_requirements(run) -> None:
    state = run("## 三、硬件公司里的岗位\n\n> **衡屿电子｜AI训练师**\n> 1. 具备竞品分析和用户研究能力；\n> 2. 了解大模型和模型部署。")
    assert {("AI训练师", "竞品分析"), ("AI训练师", "用户研究")} <= pairs(state, "requiresSkill")
    assert ("AI训练师", "模型部署") in pairs(state, "shouldKnow")


@pytest.mark.parametrize("text, expected", [
    ("Dify在银行里主要被拿来给员工搭内部的制度问答。", {("Dify", "银行")}),
    ("Kimi和豆包都评估过，前者主攻证券场景，后者主要卖给保险公司。", {("Kimi", "证券")}),
    ("通义千问的客户主要是银行和券商。", {("通义千问", "银行"), ("通义千问", "证券")}),
])
def test_markets_a_product_is_sold_to_or_put_to_work_in(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "appliedIn")


@pytest.mark.parametrize("text", ["我们的客户主要是银行。", "ChatGPT不一定适合卖给银行。",
                                  "ChatGPT主要面向AIGC爱好者。",  # a concept that is not named as a scenario
                                  "用户在抖音刷到广告，在电商平台用得很多。"])
def test_a_market_without_a_product_or_denied_is_no_application(run, text: str) -> None:
    assert not any(r.evidence.rule == "pattern:market" for r in run(text).relations)


@pytest.mark.parametrize("text, expected", [
    ("用的是智源的bge-reranker，它基于交叉编码器。", ("bge-reranker", "交叉编码器")),
    ("三星的Galaxy AI主打通话实时翻译，靠的是本地的机器翻译模型。", ("Galaxy AI", "机器翻译")),
])
def test_it_after_a_clause_naming_one_product_and_a_subjectless_rely(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "basedOn")


@pytest.mark.parametrize("text, expected", [
    ("开源这边，阿里云6月放出Qwen2，9月升级为Qwen2.5。", ("Qwen2", "Qwen2.5")),
    ("通义灵码从Qwen2.5-Coder一路迭代到了Qwen3-Coder。", ("Qwen2.5-Coder", "Qwen3-Coder")),
    ("回头看，十年前流行低代码，后来是无代码。", ("低代码", "无代码")),
    ("客服方案换了两代：最早是规则匹配的问答机器人，后来演进成检索式问答。", ("规则匹配", "检索式对话")),
    ("衍语最早是一个只能生成文本的对话模型，去年迭代成了衍语2.0。", ("衍语", "衍语2.0")),  # (not the model kind)
    ("2025年，大模型从对话模型演进到了推理模型。", ("对话模型", "推理模型")),
])
def test_steps_of_a_line_with_a_month_a_road_or_a_later(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "evolvesInto")


def test_a_later_product_is_no_step_of_an_earlier_one(run) -> None:
    assert pairs(run("阿里云推出了通义千问，后来是Kimi。"), "evolvesInto") == set()


@pytest.mark.parametrize("text, expected", [
    ("Cursor是Anysphere家的AI编程工具。", ("Cursor", "Anysphere")),
    ("拾光映画是一家创业公司，他们自己的产品叫映画AI。", ("映画AI", "拾光映画")),
])
def test_a_product_of_a_company_s_house(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "madeBy")


@pytest.mark.parametrize("text, expected", [
    ("- 用Midjourney、Stable Diffusion批量生产商品场景图和海报；", {("Midjourney", "海报"), ("Stable Diffusion", "海报")}),
    ("笔者用Runway生成的视频保持了一致性。", {("Runway", "视频")}),
])
def test_content_made_with_a_tool(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "generates")


def test_a_tool_used_to_make_no_content_type_generates_nothing(run) -> None:
    assert pairs(run("我用ChatGPT做了个原型，也不一定会用豆包写周报。"), "generates") == set()


def test_a_line_labelled_with_a_role_names_its_skills(run) -> None:
    state = run("3. **AI训练师（3人）**：日常是数据标注和评测集构建。\n**Prompt工程师**：不需要会编程。")
    assert {("AI训练师", "数据标注"), ("AI训练师", "评测集构建")} <= pairs(state, "requiresSkill")
    assert not any(role == "Prompt工程师" for role, _ in pairs(state, "requiresSkill"))


@pytest.mark.parametrize("text, expected", [
    ("今年又从Qwen2.5切到了Qwen3。", ("Qwen2.5", "Qwen3")),
    ("它最早靠的是检索式对话，后来才整体换成了大语言模型。", ("检索式对话", "大语言模型")),
])
def test_switches_along_a_line(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "evolvesInto")


def test_a_switch_between_products_of_two_makers_is_no_step(run) -> None:
    assert pairs(run("我们先用了ChatGPT，后来换成了Claude。"), "evolvesInto") == set()


def test_this_kind_of_post_works_with_whom_the_sentence_names(run) -> None:
    state = run("启衡医疗在招医疗AI产品经理，要求有医学背景。这类岗位日常要和医生、算法团队打交道。")
    assert {("医疗AI产品经理", "医生"), ("医疗AI产品经理", "算法团队")} <= pairs(state, "worksWith")


@pytest.mark.parametrize("text, expected", [
    ("目前Kimi在餐饮和零售两个行业落地。", {("Kimi", "餐饮"), ("Kimi", "零售")}),
    ("即梦在游戏行业口碑不错。", {("即梦", "游戏")}),
    ("智谱的CodeGeeX开源得早，在高校和教育行业用得很多。", {("CodeGeeX", "教育")}),  # the clause goes on with CodeGeeX
    ("Notion主要服务于金融行业。", {("Notion", "金融")}),
    ("大模型最先跑通的是智能客服、内容生产和内部知识问答这几个场景。",
     {("大模型", "智能客服"), ("大模型", "内容生产"), ("大模型", "知识库问答")}),  # scenarios, named as such
])
def test_industries_before_a_market_word(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "appliedIn")


def test_a_company_whose_lead_says_it_hires_hires_each_labelled_role(run) -> None:
    state = run("檀溪科技全年陆续招了这几类岗位：\n\n1. **AI产品经理（4人）**：负责需求分析。\n2. **Prompt工程师**：负责Prompt设计。")
    assert {("檀溪科技", "AI产品经理"), ("檀溪科技", "Prompt工程师")} <= pairs(state, "hires")
    assert ("互联网大厂", "AI产品经理") in pairs(run("这两年互联网大厂也在抢AI产品经理。"), "hires")


def test_the_roles_people_came_from_are_no_collaborators(run) -> None:
    state = run("这批人里有不少是从前端工程师、后端工程师转过来的，日常打交道最多的是模型团队。")
    assert not any(role.endswith("工程师") for role, _ in pairs(state, "worksWith"))


def test_it_opening_a_section_is_the_one_product_its_heading_names(run) -> None:
    state = run("### 2. Runway：老牌视频工具\n\n它基于扩散模型，可以生成视频。\n\n### 3. Runway和Pika对比\n\n它更强。")
    assert ("Runway", "扩散模型") in pairs(state, "basedOn") and ("Runway", "视频") in pairs(state, "generates")


HEADED = """## 二、主流产品

**2. 可灵**

快手自研的视频大模型，单次能生成10秒左右的视频。

**3. 写作心得**

可以生成视频的工具很多。
"""


def test_a_paragraph_under_a_product_s_own_heading_speaks_of_it(run) -> None:
    state = run(HEADED)
    assert ("可灵", "快手") in pairs(state, "madeBy") and ("可灵", "视频") in pairs(state, "generates")
    assert len(pairs(state, "generates")) == 1


@pytest.mark.parametrize("text, predicate, expected", [
    ("Claude 3.5 Sonnet还能同时输出文本和代码。", "generates", ("Claude 3.5 Sonnet", "代码")),
    ("星野背靠MiniMax的大模型，陪伴感做得很足。", "basedOn", ("星野", "大模型")),
    ("可灵走的是DiT路线。", "basedOn", ("可灵", "DiT")),
])
def test_more_verbs_of_making_and_building_on(run, text: str, predicate: str, expected) -> None:
    assert expected in pairs(run(text), predicate)


@pytest.mark.parametrize("text, expected", [
    ("澄湖科技在招Agent产品经理，岗位要求里写明要有扣子或Dify的搭建经验。", {("Agent产品经理", "扣子"), ("Agent产品经理", "Dify")}),
    ("# 工具建议\n\n**视频创作者、剪辑师**：可灵、即梦至少要玩熟；", {("内容创作者", "可灵"), ("剪辑师", "即梦")}),
    ("评测工程师要会搭评测体系，C-Eval、SuperCLUE这类基准也得熟。", {("评测工程师", "C-Eval"), ("评测工程师", "SuperCLUE")}),
])
def test_experience_with_a_tool_and_tools_after_a_role_label_are_to_know(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "shouldKnow")


@pytest.mark.parametrize("text, expected", [
    ("AI产品经理：有LangChain开发经验者优先。", ("AI产品经理", "LangChain")),
    ("## 大模型产品经理\n\n**加分项：** 了解混合专家模型；英文阅读能力好。", ("大模型产品经理", "混合专家模型")),
])
def test_a_preference_of_a_job_post_is_a_thing_to_know(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "shouldKnow")


def test_a_plus_that_is_not_required_is_nothing_to_know(run) -> None:
    assert not pairs(run("评测工程师：会用LangChain是加分项，但我们不卡这一条。"), "shouldKnow")


@pytest.mark.parametrize("text, expected", [
    ("2023年字节、百度、腾讯都公开招过Prompt工程师。", {("字节跳动", "Prompt工程师"), ("腾讯", "Prompt工程师")}),
    ("月之暗面、阶跃星辰都挂着大模型训练师的岗。", {("月之暗面", "AI训练师")}),
    ("比亚迪、理想汽车这样的车企也开始招AI产品经理。", {("比亚迪", "AI产品经理"), ("理想汽车", "AI产品经理")}),
])
def test_organisations_listed_before_a_posting_hire(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "hires")


@pytest.mark.parametrize("text, expected", [
    ("这套系统的检索层经历了三代：关键词检索 → 语义检索 → RAG。", {("关键词检索", "语义检索"), ("语义检索", "RAG")}),
    ("之后GPT-3升级为GPT-3.5，再往后是GPT-4。", {("GPT-3.5", "GPT-4")}),
    ("2017年Transformer出现，又取代了LSTM。", {("长短时记忆网络", "Transformer")}),
])
def test_generations_arrows_and_replacements(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "evolvesInto")


@pytest.mark.parametrize("text, expected", [
    ("AI产品经理得懂业务、懂模型。", {("AI产品经理", "懂业务")}),
    ("# 基本功\n\n对大模型应用产品经理来说，模型选型、成本测算今年成了基本功。", {("大模型应用产品经理", "模型选型"),
                                                   ("大模型应用产品经理", "成本评估")}),
])
def test_a_modal_before_a_verb_skill_and_skills_that_became_basics(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "requiresSkill")


@pytest.mark.parametrize("text, expected", [
    ("灵医大模型由百度打造，医院主要拿它做智能导诊和病历质控。", {("灵医大模型", "智能导诊"), ("灵医大模型", "病历质控")}),
    ("# 医疗\n\n京东健康的京医千询走的是另一条路：面向C端，被广泛用在在线问诊和用药咨询上。", {("京医千询", "在线问诊")}),
])
def test_used_through_a_pronoun_or_in_a_passive_clause(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "appliedIn")


def test_advice_to_the_reader_under_a_role_heading_is_what_the_role_should_know(run) -> None:
    state = run("## 四、AI硬件产品经理要会什么\n\n工具方面，建议至少亲手用Ollama跑一个小模型，了解MiniCPM和Qwen2.5各自的尺寸。")
    assert {("硬件产品经理", "Ollama"), ("硬件产品经理", "MiniCPM")} <= pairs(state, "shouldKnow")  # (AI硬件产品经理 is its alias)


def test_a_statement_under_a_role_heading_without_a_person_or_advice_says_nothing_of_the_role(run) -> None:
    state = run("## 四、AI硬件产品经理要会什么\n\n工具方面，很多公司了解MiniCPM和Qwen2.5各自的尺寸。")
    assert pairs(state, "shouldKnow") == set()


def test_a_sentence_going_on_with_requirements_keeps_the_holder_of_the_one_before(run) -> None:
    state = run("不管去哪类公司，AI产品经理的核心竞争力都是需求分析。想进大厂，最好亲手用过通义千问和豆包，还要懂数据分析。")
    assert {("AI产品经理", "通义千问"), ("AI产品经理", "豆包")} <= pairs(state, "shouldKnow")
    assert ("AI产品经理", "数据分析") in pairs(state, "requiresSkill")


@pytest.mark.parametrize("text", [
    "就很难挖掘开发人员需求，而沦为一个需求产品经理。所以这一方向对技术要求更高，至少要知道Flink和HDFS。",
    "AI产品经理的核心竞争力是需求分析。\n\n想进大厂，最好亲手用过通义千问和豆包。",
    "AI产品经理的核心竞争力是需求分析。我们团队上个月用过通义千问和豆包。",
])
def test_no_holder_is_kept_from_a_role_that_is_an_object_across_a_paragraph_or_for_a_plain_statement(run, text) -> None:
    assert pairs(run(text), "shouldKnow") == set()


def test_a_sentence_going_on_with_partners_keeps_the_collaborating_role(run) -> None:
    state = run("以我们组为例，评测产品经理每天要和算法团队对齐指标；上线前和研发团队排期。")
    assert {("评测产品经理", "算法团队"), ("评测产品经理", "研发团队")} <= pairs(state, "worksWith")


@pytest.mark.parametrize("text, expected", [
    ("2025年初，深度求索开源了DeepSeek-R1，同样用强化学习训练，把推理模型的门槛拉低了。", ("DeepSeek-R1", "强化学习")),
    ("月初，阿里云开源了推理模型QwQ-32B，参数只有320亿，同样靠强化学习训练出来。", ("QwQ", "强化学习")),  # (QwQ-32B: a size of QwQ)
    ("MedGPT又结合了知识图谱。", ("MedGPT", "知识图谱")),
    ("国内的代表是医联推出的MedGPT，它的底座是大语言模型，又结合了医学知识图谱。", ("MedGPT", "知识图谱")),
    ("正衡科技发布了法律大模型衡律，依托RAG技术检索法条和判例。", ("衡律", "RAG")),
    ("深澜科技把自家的深澜-M1升级成了深澜-M2，底层换成MoE，主攻金融研报。", ("深澜-M2", "混合专家模型")),
])
def test_a_product_trained_with_or_combining_a_technology_is_based_on_it(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "basedOn")


def test_a_person_training_with_a_product_states_no_basis(run) -> None:
    assert pairs(run("设计师用Midjourney和LoRA训练自己的风格。"), "basedOn") == set()
    assert pairs(run("Midjourney生成的图片很精美，但使用了大量版权素材。"), "basedOn") == set()  # (no subject of its own)


@pytest.mark.parametrize("text, expected", [
    ("今年1月，深度求索又在DeepSeek-V3的基础上训出了DeepSeek-R1。", ("DeepSeek-V3", "DeepSeek-R1")),
    ("星绘科技的星绘-2是在上一代星绘-1的基础上训练的。", ("星绘-1", "星绘-2")),
    ("衡川智能去年发布的衡川-3今年初已经升级成了衡川-3.5。", ("衡川-3", "衡川-3.5")),
    ("快手推出可灵，之后又迭代出可灵1.5。", ("可灵", "可灵1.5")),
])
def test_a_model_trained_or_iterated_out_of_another_evolves_from_it(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "evolvesInto")


@pytest.mark.parametrize("text, expected", [
    ("汇通金科招的是大模型应用产品经理，说白了就是AI应用产品经理的一种。", ("大模型应用产品经理", "AI应用产品经理")),
    ("理想、蔚来都在招智能座舱产品经理，说白了就是座舱方向的AI产品经理。", ("智能座舱产品经理", "AI产品经理")),
])
def test_a_clause_restating_the_role_before_says_what_it_is_a_kind_of(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "kindOf")


@pytest.mark.parametrize("text, expected, unwanted", [
    ("大模型产品经理、AIGC产品经理都可以看作AI产品经理的细分。", {("大模型产品经理", "AI产品经理"), ("AIGC产品经理", "AI产品经理")},
     ("大模型产品经理", "AIGC产品经理")),
    ("视频生成产品经理一般归在多模态产品经理底下。", {("视频生成产品经理", "多模态产品经理")}, None),
    ("AI搜索产品经理是AI产品经理里很特殊的一支。", {("AI搜索产品经理", "AI产品经理")}, None),
])
def test_roles_listed_before_the_wider_one_are_each_a_kind_of_it(run, text: str, expected, unwanted) -> None:
    found = pairs(run(text), "kindOf")
    assert expected <= found and unwanted not in found


def test_a_person_who_is_in_fact_a_role_states_no_kind(run) -> None:
    assert pairs(run("Gamma的CEO本身其实就是一个愿意分享的创作者。"), "kindOf") == set()


@pytest.mark.parametrize("text, expected", [
    ("南京的砚池科技做了个砚池Code，专门卖给券商和银行。", ("砚池Code", "砚池科技")),
    ("上海的青梧数科做了一款“青梧投研”，基于RAG。", ("青梧投研", "青梧数科")),
])
def test_a_company_that_made_a_product_is_its_maker(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "madeBy")


@pytest.mark.parametrize("text", [
    "AI产品经理最重要的能力有三个：需求分析和模型评测。",
    "AI产品经理的核心能力，我觉得是需求分析和模型评测。",
    "如果让我总结AI产品经理最需要的能力，我会列出**需求分析和模型评测**。",
])
def test_the_skills_a_role_is_said_to_most_need_are_required(run, text: str) -> None:
    assert {("AI产品经理", "需求分析"), ("AI产品经理", "模型评测")} <= pairs(run(text), "requiresSkill")


def test_the_core_abilities_of_a_model_are_no_requirement(run) -> None:
    assert pairs(run("大模型的核心能力是需求分析和模型评测。"), "requiresSkill") == set()


def test_what_a_phrase_generates_from_is_no_kind_of_generation(run) -> None:
    state = run("Sora能根据文本生成长达一分钟的视频。")
    assert pairs(state, "generates") == {("Sora", "视频")}
    assert ("图像生成", "Technology") in {(m.surface, m.cls) for m in run("通过图像生成技术实现海报设计。").mentions}
    assert ("语音合成", "Technology") in {(m.surface, m.cls) for m in run("口语陪练那块则靠语音合成。").mentions}


@pytest.mark.parametrize("text, expected", [
    ("想成为AI产品经理，你必须掌握Prompt工程和RAG。", ("AI产品经理", "RAG")),
    ("如果你想从事AIGC产品经理，最好熟悉Midjourney。", ("AIGC产品经理", "Midjourney")),
])
def test_the_role_one_wants_to_become_should_know_what_the_next_clause_says(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "shouldKnow")


@pytest.mark.parametrize("text, expected", [
    ("AIGC产品经理的岗位职责包括：负责AIGC产品的需求分析。", ("AIGC产品经理", "需求分析")),
    ("AI训练师主要负责数据标注。", ("AI训练师", "数据标注")),
])
def test_what_a_role_is_responsible_for_is_what_it_requires(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "requiresSkill")


def test_what_a_model_is_responsible_for_is_no_requirement(run) -> None:
    assert pairs(run("模型负责需求分析和数据标注。"), "requiresSkill") == set()


@pytest.mark.parametrize("text, expected", [
    ("百度最近发布了AI产品经理的招聘信息。", ("百度", "AI产品经理")),
    ("某互联网大厂的AI产品经理岗位要求有三年以上经验。", ("互联网大厂", "AI产品经理")),
])
def test_an_opening_posted_for_a_role_is_a_hiring(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "hires")


def test_a_role_of_a_company_that_says_something_is_no_hiring(run) -> None:
    assert pairs(run("互联网大厂的AI产品经理认为模型很重要。百度的AI产品经理也这么看。"), "hires") == set()


def test_a_products_feature_that_generates_makes_the_product_generate(run) -> None:
    assert ("剪映", "字幕") in pairs(run("剪映的AI功能可以自动生成字幕。"), "generates")


def test_products_listed_before_a_content_word_all_generate_it(run) -> None:
    made = pairs(run("Suno和Udio是目前最火的AI音乐生成工具。"), "generates")
    assert {subject for subject, _ in made} == {"Suno", "Udio"}


@pytest.mark.parametrize("text, expected", [
    ("法律科技公司是招法律AI产品经理的主力，幂律智能、我们衡律科技都在招。",
     {("幂律智能", "法律AI产品经理"), ("衡律科技", "法律AI产品经理")}),
    ("模型厂今年最缺的不是算法，而是售前工程师和解决方案架构师，百度智能云、火山引擎都在大量招。",
     {("百度智能云", "售前工程师"), ("火山引擎", "解决方案架构师")}),
])
def test_organisations_that_only_say_they_hire_hire_the_roles_before(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "hires")


@pytest.mark.parametrize("text", ["AI产品经理不好找工作，百度、阿里都不招。", "我们找了AI产品经理，ChatGPT、Kimi都在用。",
                                  "AI产品经理不一定吃香，百度、阿里都在招。"])
def test_no_hiring_denied_hedged_or_of_products(run, text: str) -> None:
    assert not pairs(run(text), "hires")


def test_a_colon_after_the_partners_opens_an_explanation_not_a_negation(run) -> None:
    state = run("AIGC运营日常打交道最多的是产品团队和算法团队：模板效果不好，要和算法同学一起看。")
    assert {("AI运营", "产品团队"), ("AI运营", "算法团队")} <= pairs(state, "worksWith")  # AIGC运营: an alias


def test_organisations_that_make_a_product_together_all_make_it(run) -> None:
    state = run("- **PowerLawGLM**：幂律智能和智谱联合发布的法律大模型，偏向律所。")
    assert {("PowerLawGLM", "幂律智能"), ("PowerLawGLM", "智谱")} <= pairs(state, "madeBy")
    assert pairs(run("PowerLawGLM是幂律智能和智谱的客户发布的。"), "madeBy") == set()


def test_a_line_labelled_in_bold_with_an_organisation_names_its_product_first(run) -> None:
    assert ("GLM-4", "智谱") in pairs(run("- **智谱**：GLM-4，私有化部署经验多，国企客户不少。"), "madeBy")
    assert pairs(run("- 智谱：GLM-4，私有化部署经验多。"), "madeBy") == set()  # (a plain label: a list of anything)


@pytest.mark.parametrize("heading, holder", [("这个岗位要什么", "AI运营"), ("面试流程", None)])
def test_a_heading_that_calls_it_this_post_names_the_articles_role(run, heading: str, holder) -> None:
    state = run(f"# AIGC运营到底在运营什么？一份岗位指南\n\n## 五、{heading}\n\n根据我的经验：\n\n"
                "- **要会的**：Prompt设计、数据分析；\n- **要懂的**：LoRA和工作流这些基本概念。\n")
    expected = {(holder, "Prompt设计"), (holder, "数据分析")} if holder else set()
    assert pairs(state, "requiresSkill") == expected
    assert ((holder, "LoRA") in pairs(state, "shouldKnow")) == bool(holder)


def test_what_a_product_is_in_essence_is_what_it_is_built_on(run) -> None:
    assert ("Notion", "RAG") in pairs(run("Notion的本质是一个超级AI RAG系统，可以理解用户放进去的信息。"), "basedOn")


@pytest.mark.parametrize("text, name", [("AI搜索正在改变搜索引擎的格局。", "搜索引擎"), ("抖音的内容生态很丰富。", "内容生态"),
                                        ("衡律专门用于合同审查。", "合同审查")])
def test_frequent_domain_terms_are_in_the_lexicon(run, text: str, name: str) -> None:
    assert (name, "Concept") in {(m.label, m.cls) for m in run(text).mentions}


def test_a_product_introduced_before_a_colon_is_the_subject_of_the_clauses_after(run) -> None:
    state = run("月底，阿里云开源了全模态模型Qwen2.5-Omni：能看图、能听声音，还能同时输出文本和自然的语音。")
    assert {("Qwen2.5-Omni", "文本"), ("Qwen2.5-Omni", "语音")} <= pairs(state, "generates")


def test_a_list_whose_lead_names_a_role_and_its_tools_gives_the_role_what_its_items_name(run) -> None:
    state = run("## 工具\n\nPrompt工程师的工具箱大概是这些：\n\n1. **对话模型**：ChatGPT、Claude都要用熟，不同模型表现不一样；\n"
                "2. **编排平台**：Dify和扣子。\n")
    assert {("Prompt工程师", "ChatGPT"), ("Prompt工程师", "Claude"), ("Prompt工程师", "Dify"), ("Prompt工程师", "扣子")} \
        <= pairs(state, "shouldKnow")
    assert not any(thing == "编排" for _, thing in pairs(state, "shouldKnow"))  # (the label names a kind of tool)


def test_a_list_whose_lead_names_no_tools_or_hedges_gives_no_bare_item_to_know(run) -> None:
    assert pairs(run("## 团队\n\n算法工程师的分工如下：\n\n1. **模型组**：Dify和扣子。\n"), "shouldKnow") == set()
    assert pairs(run("## 工具\n\nPrompt工程师的工具箱不一定是这些：\n\n1. **编排平台**：Dify和扣子。\n"), "shouldKnow") == set()


def test_they_after_a_role_label_are_the_people_in_that_role(run) -> None:
    state = run("## 团队\n\n4. **算法工程师（3人）**：一半借调一半外招。他们需要熟悉RAG和微调，严格说编制不在我这儿。\n")
    assert {("算法工程师", "RAG"), ("算法工程师", "微调")} <= pairs(state, "shouldKnow")
    assert pairs(run("## 团队\n\n我们和字节的算法工程师聊过。他们需要熟悉RAG。\n"), "shouldKnow") == set()  # (a partner)


def test_advice_in_an_interview_answer_is_for_the_interviewees_role(run) -> None:
    text = ("# 对话一位模型公司的产品经理\n\n答：我叫Lydia，现在在智谱做模型产品经理。\n\n**问：对想转行的人有什么建议？**\n\n"
            "答：先把主流模型都用一遍，GPT-4o、Claude都要用过。\n")
    assert {("模型产品经理", "GPT-4o"), ("模型产品经理", "Claude")} <= pairs(run(text), "shouldKnow")
    told = text.replace("都要用过", "我们内部都在用")  # (what the interviewee's team does is no advice)
    assert pairs(run(told), "shouldKnow") == set()


def test_the_post_bound_closest_to_a_team_works_with_it(run) -> None:
    state = run("腾讯云在招开发者布道师，要求能写教程。这个岗位平时和市场团队绑得最紧。")
    assert ("开发者布道师", "市场团队") in pairs(state, "worksWith")


def test_products_listed_after_an_organisations_product_are_its_own_unless_other_makers_are_listed(run) -> None:
    assert {("即梦", "字节跳动"), ("扣子", "字节跳动")} <= pairs(run("字节跳动的即梦和扣子，前者招创作者运营。"), "madeBy")
    listed = pairs(run("国内知名的Agent开发平台包括百度的千帆、阿里的百炼、字节的Coze、Dify以及腾讯的元器。"), "madeBy")
    assert not any(product == "Dify" for product, _ in listed)
    assert ("ChatGPT", "科大讯飞") not in pairs(run("本文对比讯飞星火和ChatGPT两款产品。"), "madeBy")  # (a prefix, no 的)


def test_a_bold_title_or_heading_naming_an_organisation_and_a_role_posts_the_role(run) -> None:
    text = ("# 招聘\n\n## 招聘\n\n> **衡屿电子｜AI硬件产品经理（AI眼镜方向）**\n>\n> 岗位职责：负责产品。\n> 任职要求：熟悉硬件。\n\n"
            "## 4. 美团｜AI产品经理\n\n负责AI助手。\n")
    assert {("衡屿电子", "硬件产品经理"), ("美团", "AI产品经理")} <= pairs(run(text), "hires")  # (AI硬件产品经理: an alias)


def test_a_post_that_tracks_products_should_know_them_but_a_focus_is_no_knowing(run) -> None:
    post = "## 大模型产品经理\n\n**岗位职责：**\n\n3. 跟踪GPT-4o、DeepSeek-R1等海内外模型的进展，输出横评报告；\n"
    assert {("大模型产品经理", "GPT-4o"), ("大模型产品经理", "DeepSeek-R1")} <= pairs(run(post), "shouldKnow")
    assert pairs(run("还有投资人将目光投向了具身智能，关注具身智能是投资行业的共识。"), "shouldKnow") == set()



def test_an_organisation_whose_products_take_in_a_model_did_not_make_it(run) -> None:
    found = pairs(run("腾讯旗下核心产品全面接入DeepSeek-R1模型，外界对其AI战略的讨论甚嚣尘上。"), "madeBy")
    assert ("DeepSeek-R1", "腾讯") not in found


def test_content_a_product_works_on_is_not_what_it_generates(run) -> None:
    assert ("Glean", "网页") not in pairs(run("Glean产品上同时提供答案生成和网页排序两种形式。"), "generates")
    assert ("Sora", "视频") in pairs(run("Sora可以生成视频和图片。"), "generates")


def test_this_post_after_a_sentence_about_one_of_two_roles_is_the_one_spoken_of(run) -> None:
    state = run("大模型产品经理是AI产品经理的一种。所以这类岗位除了需求分析，还需要模型评测和数据分析。")
    assert {("大模型产品经理", "模型评测"), ("大模型产品经理", "数据分析")} <= pairs(state, "requiresSkill")
    assert ("AI产品经理", "模型评测") not in pairs(state, "requiresSkill")


def test_a_role_that_says_something_holds_no_requirement_of_it(run) -> None:
    state = run("另一家公司在招AI解决方案工程师。创始人跟我们说，他们更看重候选人的客户沟通能力和技术理解。")
    assert not any(role == "创始人" for role, _ in pairs(state, "requiresSkill"))


def test_script_design_and_backgrounds_are_skills_a_post_requires(run) -> None:
    state = run("AI训练师更偏业务。这个岗位要懂话术设计、会做数据标注。")
    assert ("AI训练师", "话术设计") in pairs(state, "requiresSkill")
    found = {(m.surface, m.cls) for m in run("AI陪伴产品经理最好有心理学背景，法律AI产品经理要有法学背景。").mentions}
    assert {("心理学背景", "Skill"), ("法学背景", "Skill")} <= found


@pytest.mark.parametrize("text, expected", [
    ("Prompt工程师平时最常用的工具是ChatGPT和Claude。", {("Prompt工程师", "ChatGPT"), ("Prompt工程师", "Claude")}),
    ("AI训练师用得多的是标注平台：开源的Label Studio。", {("AI训练师", "Label Studio")}),
    ("她从UI设计师转成了AIGC设计师，每天用Midjourney和Stable Diffusion批量出图。",
     {("AIGC设计师", "Midjourney"), ("AIGC设计师", "Stable Diffusion")}),
])
def test_what_a_role_uses_every_day_is_what_to_know(run, text: str, expected) -> None:
    known = pairs(run(text), "shouldKnow")
    assert expected <= known
    assert not any(role == "UI设计师" or thing == "开源" for role, thing in known)  # the role left, a modifier


def test_a_heading_line_of_architectures_reaches_the_product_family_it_ends_in(run) -> None:
    assert ("Transformer", "GPT") in pairs(run("## 二、模型架构：从RNN、LSTM到Transformer，再到GPT系列\n\n正文。"),
                                               "evolvesInto")


def test_a_heading_that_lists_products_is_no_line(run) -> None:
    assert pairs(run("## 从ChatGPT到Midjourney，再到Sora\n\n正文。"), "evolvesInto") == set()


def test_a_predecessor_model_evolves_into_its_successor(run) -> None:
    state = run("好未来的九章大模型，前身是2023年发布的MathGPT，专攻数学解题。")
    assert ("MathGPT", "九章大模型") in pairs(state, "evolvesInto")


def test_a_bare_clause_goes_on_with_the_name_that_opens_the_clause_before(run) -> None:
    state = run("据腾讯介绍，混元T1已接入腾讯元宝，接下来主要面向智能办公场景。")
    assert pairs(state, "appliedIn") == {("混元T1", "AI办公")}  # (智能办公 is an alias)


def test_after_an_evolution_the_newer_one_goes_on(run) -> None:
    state = run("2024年下半年，澜图回复演进成了现在的澜图助理，底层换成了Function Calling加MCP的Agent架构。")
    assert not any(product == "澜图回复" for product, _ in pairs(state, "basedOn"))


def test_a_product_that_completes_code_generates_it(run) -> None:
    assert ("GitHub Copilot", "代码") in pairs(run("GitHub Copilot在编辑器里帮程序员补全代码。"), "generates")
    assert pairs(run("用户补全代码时要小心。"), "generates") == set()
