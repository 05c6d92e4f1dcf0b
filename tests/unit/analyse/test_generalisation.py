"""Phrasings met in articles written after the extractors were tuned (unseen_23–25, dev): who hires, what a posting
asks for, what a product writes, what 它 stands for, which role people move towards, what replaced what."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import mentions_of, pairs


@pytest.mark.parametrize("text, expected", [
    ("阿里巴巴今年招了大批大模型产品经理。", ("阿里巴巴", "大模型产品经理")),
    ("京东开放了多个AIGC产品经理岗位。", ("京东", "AIGC产品经理")),
    ("一家做AI陪伴的创业公司在招Agent产品经理。", ("创业公司", "Agent产品经理")),
])
def test_hiring_words_of_news_text(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "hires")


def test_a_posting_named_in_the_sentence_before_holds_the_requirements(run) -> None:
    state = run("京东开放了多个AIGC产品经理岗位。岗位描述里反复出现的要求是：熟悉Stable Diffusion，了解RAG。")
    assert {("AIGC产品经理", "Stable Diffusion"), ("AIGC产品经理", "RAG")} <= pairs(state, "shouldKnow")


def test_a_posting_named_in_another_paragraph_holds_nothing(run) -> None:
    state = run("京东开放了多个AIGC产品经理岗位。\n\n岗位描述里反复出现的要求是：熟悉Stable Diffusion。")
    assert pairs(state, "shouldKnow") == set()


@pytest.mark.parametrize("text, expected", [
    ("AI产品经理要把Coze、Dify和LangChain都玩透。", {("AI产品经理", "扣子"), ("AI产品经理", "Dify"), ("AI产品经理", "LangChain")}),
    ("## 对话产品经理\n\n如果你想入行，建议先把LangChain和Dify玩熟。", {("对话产品经理", "LangChain"), ("对话产品经理", "Dify")}),
])
def test_things_a_role_must_master_with_ba(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "shouldKnow")


def test_being_familiar_is_no_advice(run) -> None:
    assert pairs(run("开发人员对CUDA的熟悉程度和专业度更高。"), "shouldKnow") == set()


@pytest.mark.parametrize("text, expected", [
    ("实测下来，WPS AI写周报的质量中规中矩。", ("WPS AI", "周报")),
    ("Microsoft 365 Copilot由微软开发。它能在Word里写初稿，在PowerPoint里一键生成演示文稿。",
     ("Microsoft 365 Copilot", "演示文稿")),
    ("飞书智能伙伴来自字节跳动。开完会它会自动生成会议纪要。", ("飞书智能伙伴", "会议纪要")),
    ("Kimi可以写代码，也能读长文档。", ("Kimi", "代码")),  # 写代码 is a skill's name too
    ("通义千问能生成文本，写代码也很在行。", ("通义千问", "代码")),
])
def test_what_a_product_or_the_it_standing_for_it_writes(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "generates")


def test_a_person_writing_with_a_product_is_not_the_product_writing(run) -> None:
    assert pairs(run("他用ChatGPT写周报。"), "generates") <= {("ChatGPT", "周报")}  # the tool writes it, or nothing
    assert pairs(run("我每周都要写周报。"), "generates") == set()
    state = run("产品经理要会写代码，才能和研发对话。")
    assert pairs(state, "generates") == set() and not any(m.cls == "ContentType" for m in state.mentions)


def test_it_in_the_next_sentence_is_applied_where_the_sentence_says(run) -> None:
    state = run("Gamma是一款AI演示文稿工具。它在海外的教育和咨询行业用得很多。")
    assert {("Gamma", "教育"), ("Gamma", "咨询行业")} <= pairs(state, "appliedIn")


def test_a_maker_at_the_start_of_a_product_name_is_named_without_its_separator(run) -> None:
    state = run("Microsoft 365 Copilot很贵，DeepSeek-R1是开源的。")
    makers = [m.surface for m in state.mentions if m.rule == "structure:maker-in-name"]
    assert makers == ["Microsoft", "DeepSeek"]


def test_roles_moving_towards_another(run) -> None:
    assert ("对话产品经理", "Agent产品经理") in pairs(run("对话产品经理又开始往Agent产品经理转型。"), "transitionsTo")
    assert pairs(run("产品经理向用户解释AI产品经理的职责。"), "transitionsTo") == set()


@pytest.mark.parametrize("text, expected", [
    ("大模型取代了过去的意图识别方案。", ("意图识别", "大模型")),
    ("对话机器人逐渐演进为能执行任务的AI Agent。", ("聊天机器人", "Agent")),
])
def test_what_replaced_or_grew_into_what(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "evolvesInto")


def test_a_modifier_after_a_bare_step_word_is_no_step(run) -> None:
    assert pairs(run("大模型为企业提供的智能客服正在升级。"), "evolvesInto") == set()


@pytest.mark.parametrize("text, expected", [
    ("对于创业公司的AI产品经理来说，最重要的是快速学习能力和落地能力。", {("AI产品经理", "学习能力"), ("AI产品经理", "落地能力")}),
    ("AI产品经理的核心竞争力都是需求分析和模型评测。", {("AI产品经理", "需求分析"), ("AI产品经理", "模型评测")}),
    ("对于Agent产品经理来说，最重要的是任务拆解能力。", {("Agent产品经理", "任务拆解能力")}),
])
def test_what_matters_most_for_a_role(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "requiresSkill")


def test_common_names_of_office_and_dialogue_software_are_known(run) -> None:
    state = run("它能在Word和PowerPoint里工作；规则引擎、槽位填充和对话管理是老一代对话系统的部件。")
    assert [m.cls for m in mentions_of(state, "PowerPoint")] == ["Product"]
    assert {m.cls for name in ("规则引擎", "槽位填充", "对话管理", "对话系统") for m in mentions_of(state, name)} == {"Technology"}


@pytest.mark.parametrize("text, expected", [
    ("金融行业的朋友告诉我们。", "金融"),
    ("大模型已经用于保险服务和在线教育。", "保险"),
])
def test_an_industry_named_with_its_holder(run, text: str, expected: str) -> None:
    assert [m.cls for m in run(text).mentions if m.label == expected] == ["Industry"]


def test_a_company_named_by_its_industry_is_a_kind_of_company(run) -> None:
    assert [m.cls for m in run("一家保险公司的朋友告诉我们。").mentions] == ["CompanyType"]


def test_a_generation_technology_before_a_content_type_is_the_verb_phrase(run) -> None:
    state = run("Runway的Gen-3模型可以用图片生成视频。")
    assert not [m for m in state.mentions if m.cls == "Technology"]
    assert ("Gen-3 Alpha", "视频") in pairs(state, "generates")


def test_what_the_topic_can_make_in_a_clause_of_its_own(run) -> None:
    state = run("即梦来自字节跳动旗下的剪映团队，能文生图也能图生视频。")
    assert {("即梦", "图像"), ("即梦", "视频")} <= pairs(state, "generates")


def test_a_modifier_with_a_format_before_the_generated_content(run) -> None:
    state = run("可灵是快手推出的视频生成模型，可以生成最长两分钟的1080p视频。")
    assert ("可灵", "视频") in pairs(state, "generates")


def test_a_name_after_a_word_it_shares_a_character_with_is_no_match(run) -> None:
    assert not [m for m in run("先把主流模型都用一遍。").mentions if m.cls == "Technology"]


def test_an_interviewee_works_with_the_teams_an_answer_names(run) -> None:
    state = run("# 对话一位模型公司的产品经理\n\n答：我叫Lydia，现在在智谱做模型产品经理。\n\n"
                "答：跟预训练团队和评测团队打交道最多。")
    assert {("模型产品经理", "预训练团队"), ("模型产品经理", "评测团队")} <= pairs(state, "worksWith")


def test_a_planned_role_does_not_displace_the_role_of_the_title(run) -> None:
    state = run("# 我是怎么成为AIGC产品经理的\n\n我给自己定的路线是先转岗做数据产品经理。"
                "后来我做了AIGC产品经理。\n\n我每天打交道最多的是算法团队。")
    assert pairs(state, "worksWith") == {("AIGC产品经理", "算法团队")}


@pytest.mark.parametrize("text, predicate, expected", [
    ("OpenAI于2024年2月发布文生视频模型Sora，可生成长达60秒的视频。", "generates", ("Sora", "视频")),
    ("百川智能发布Baichuan 3，该模型采用MoE架构。", "basedOn", ("Baichuan 3", "混合专家模型")),
    ("海外最知名的是Harvey，这家公司背后有OpenAI的投资，产品基于大语言模型和RAG。", "basedOn", ("Harvey", "RAG")),
    ("MiniMax推出海螺AI，支持文本、语音和视频生成。", "generates", ("海螺AI", "语音")),
    ("豆包是字节跳动推出的AI助手。它基于云雀大模型，可以实现文本生成、图像生成等功能。", "generates", ("豆包", "图像")),
    ("2022年11月，OpenAI推出的ChatGPT引爆全网，它基于Transformer，能生成文本和代码。", "basedOn", ("ChatGPT", "Transformer")),
    ("2022年11月，OpenAI推出的ChatGPT引爆全网，它基于Transformer，能生成文本和代码。", "generates", ("ChatGPT", "代码")),
    ("GPT-4之后又出现了GPT-4o——GPT-4o基于原生多模态架构，能直接生成文本、语音和图像。", "generates", ("GPT-4o", "语音")),
    ("可灵是快手推出的AI视频产品，即梦是字节跳动旗下的AI创作平台，两个都能直接生成视频。", "generates", ("即梦", "视频")),
    ("可灵是快手推出的AI视频产品，即梦是字节跳动旗下的AI创作平台，两个都能直接生成视频。", "generates", ("可灵", "视频")),
    ("字节跳动的即梦，图像和视频都能出；", "generates", ("即梦", "图像")),
    ("Stable Diffusion基于潜在扩散模型。OpenAI的DALL-E 2同样基于扩散模型；Midjourney则凭审美出圈。这三个产品都能生成图像。",
     "generates", ("Stable Diffusion", "图像")),
])
def test_launch_news_phrasings(run, text: str, predicate: str, expected) -> None:
    assert expected in pairs(run(text), predicate)


@pytest.mark.parametrize("text", ["用户上传Midjourney的图片，可以生成视频。", "用户可以借助Midjourney，可以生成视频。",
                                  "Replit：人人可编程的探索者，代码生成时代的Figma"])
def test_a_tool_a_person_handles_is_not_the_subject_of_the_next_clause(run, text: str) -> None:
    assert pairs(run(text), "generates") == set()


def test_a_pronoun_after_a_launch_is_not_the_launching_maker(run) -> None:
    state = run("2022年11月16日晚，Notion发布了Notion AI写作助手，它可以生成多个文本内容。")
    assert ("Notion", "文本") not in pairs(state, "generates")


@pytest.mark.parametrize("text", ["三个产品中只有AutoGLM没有生成网页形式的小游戏。", "通过Stable Diffusion、可灵或即梦生成动漫形象。"])
def test_a_denied_or_instrumental_generation_is_no_fact(run, text: str) -> None:
    assert pairs(run(text), "generates") == set()


def test_a_denied_copula_denies_but_a_qualifier_does_not(run) -> None:
    assert pairs(run("NotebookLM生成的不是那种照着文本念出来的简单播客。"), "generates") == set()
    assert ("Claude", "代码") in pairs(run("我们很担心Claude生成的不可信代码可能引发的问题。"), "generates")


def test_stages_listed_between_from_and_to_evolve_one_into_the_next(run) -> None:
    state = run("大模型的发展经历了从统计语言模型、神经语言模型到预训练语言模型的过程。")
    assert {("统计语言模型", "神经语言模型"), ("神经语言模型", "预训练模型")} <= pairs(state, "evolvesInto")
    assert pairs(run("从ChatGPT、Claude到Gemini，大模型越来越强。"), "evolvesInto") == set()


def test_a_technology_that_lands_first_in_the_listed_areas(run) -> None:
    state = run("目前，Agent在智能客服、AI编程等领域率先落地。")
    assert {("Agent", "智能客服"), ("Agent", "AI编程")} <= pairs(state, "appliedIn")


@pytest.mark.parametrize("text, expected", [
    ("我的背景是UI设计师，现在是一名AIGC产品经理。", ("UI设计师", "AIGC产品经理")),
    ("产品经理的发展路径：高级产品经理→产品总监。", ("高级产品经理", "产品总监")),
])
def test_a_background_and_a_career_ladder_are_transitions(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "transitionsTo")


def test_a_ladder_word_alone_makes_no_transition(run) -> None:
    assert pairs(run("晋升时，AI产品经理和算法工程师要配合。"), "transitionsTo") == set()


@pytest.mark.parametrize("text, predicate, expected", [
    ("参考答案：模型厂主要招大模型产品经理和模型评测产品经理。", "hires", ("模型厂", "大模型评测产品经理")),
    ("应用层公司招的多是AI应用产品经理和Agent产品经理。", "hires", ("应用层公司", "Agent产品经理")),
    ("今年行云差旅在招两个Agent产品经理和一个AI训练师。", "hires", ("行云差旅", "AI训练师")),
    ("杭州的SaaS圈都在抢人，云岫、微盟也都在招AI产品经理。", "hires", ("云岫", "AI产品经理")),
    ("答：在我们这儿，Prompt工程师归在算法组，可以理解成算法工程师的一个分支。", "kindOf", ("Prompt工程师", "算法工程师")),
    ("对话设计师就是典型，不少人是从文案策划转过来的，也有从交互设计师转行过去的。", "transitionsTo", ("交互设计师", "对话设计师")),
    ("我认识的几位AI美术，基本都是从原画师转过来的。", "transitionsTo", ("原画师", "AI绘画师")),
    ("好未来在招AI产品经理和AI训练师，前者要会做评测集构建，后者更看重数据标注经验。", "requiresSkill", ("AI训练师", "数据标注")),
    ("产品经理需要具备全面而深入的行业和产品知识。", "requiresSkill", ("产品经理", "产品知识")),
    ("去年下半年，我从电商部门的C端产品经理改做了多模态产品经理。", "transitionsTo", ("C端产品经理", "多模态产品经理")),
    ("Stable Diffusion出自Stability AI之手，靠的是潜在扩散模型。", "basedOn", ("Stable Diffusion", "潜在扩散模型")),
    ("网易有道推出的Echo是个虚拟口语陪练，它背后的技术是数字人加语音合成。", "basedOn", ("Echo", "数字人")),
    ("字节跳动推出的PixelDance主要用于视频生成。", "madeBy", ("PixelDance", "字节跳动")),
    ("携程推出的携程问道是一个旅游垂直大模型，主要用于行程规划。", "appliedIn", ("携程问道", "行程规划")),
    ("灵医大模型由百度打造，医院主要拿它做智能导诊。", "madeBy", ("灵医大模型", "百度")),
    ("AI产品经理还要和算法工程师一起定效果目标，涉及版权的，还得拉上法务团队。", "worksWith", ("AI产品经理", "法务团队")),
    ("解决方案架构师要跟着销售团队去见客户。", "worksWith", ("解决方案架构师", "销售团队")),
    ("AI产品经理至少应该深度用过这几款：OpenAI的ChatGPT、Anthropic的Claude和月之暗面的Kimi。", "shouldKnow",
     ("AI产品经理", "Claude")),
    ("模型评测产品经理最核心的两项能力是评测集构建和Badcase分析。", "requiresSkill", ("大模型评测产品经理", "Badcase分析")),
    ("大模型应用产品经理必须具备商业化能力，尤其是成本评估。", "requiresSkill", ("大模型应用产品经理", "成本评估")),
    ("需求分析、用户研究和项目管理，在AI产品经理这里一样都少不了。", "requiresSkill", ("AI产品经理", "用户研究")),
    ("Prompt设计是每个AI产品经理都该会的。", "requiresSkill", ("AI产品经理", "Prompt设计")),
    ("做行业落地的AI产品经理需要具备行业知识，还要有合规意识。", "requiresSkill", ("AI产品经理", "合规意识")),
    ("NLP这条线大致是从RNN到LSTM，再到2017年的Transformer。", "evolvesInto", ("长短时记忆网络", "Transformer")),
    ("人工智能处理语言，最早靠规则系统，后来发展到统计机器学习，再到深度学习。", "evolvesInto", ("统计机器学习", "深度学习")),
    ("最早是问答机器人，后来演进成检索式问答，现在又升级成了RAG。", "evolvesInto", ("检索式对话", "RAG")),
    ("文心大模型4.5由文心大模型4.0升级而来。", "evolvesInto", ("文心大模型4.0", "文心大模型4.5")),
    ("# 技术\n\n## 二、模型架构：从RNN、LSTM到Transformer，再到GPT系列\n\n正文。", "evolvesInto", ("循环神经网络", "长短时记忆网络")),
    ("*   **扣子**：字节跳动推出的Agent搭建平台，运营同学用它搭小工具。", "madeBy", ("扣子", "字节跳动")),
    ("2024年，OpenAI推出的Sora引爆全网，它主要用于广告和影视行业。", "appliedIn", ("Sora", "影视")),
    ("想做AI视频创作者，至少要把可灵、即梦和剪映用熟。", "shouldKnow", ("AI视频创作者", "即梦")),
    ("DeepSeek-R1是深度求索推出的推理模型，用强化学习训练出来，开源且支持私有化部署。", "basedOn", ("DeepSeek-R1", "强化学习")),
    ("GPT-3随后演进为GPT-3.5，GPT-3.5用指令微调和RLHF训练。", "basedOn", ("GPT-3.5", "RLHF")),
    ("DeepSeek今年初推出的DeepSeek-R1又把推理能力拉了上来，它基于大规模强化学习训练。", "basedOn", ("DeepSeek-R1", "强化学习")),
    ("我的建议是：转AI产品经理之前，扣子和Dify至少要亲手搭过一两个应用。", "shouldKnow", ("AI产品经理", "Dify")),
    ("通义千问、DeepSeek-R1、豆包大模型这几个模型，AI产品经理都应该亲手用过。", "shouldKnow", ("AI产品经理", "通义千问")),
    ("*   **腾讯广告妙思**：腾讯推出的广告创意平台，基于扩散模型。", "basedOn", ("腾讯广告妙思", "扩散模型")),
])
def test_interview_and_listicle_phrasings(run, text: str, predicate: str, expected) -> None:
    assert expected in pairs(run(text), predicate)


def test_the_former_and_the_latter_of_a_hiring_take_their_own_requirements(run) -> None:
    required = pairs(run("好未来在招AI产品经理和AI训练师，前者要会做评测集构建，后者更看重数据标注经验。"), "requiresSkill")
    assert ("AI产品经理", "评测集构建") in required and ("AI训练师", "评测集构建") not in required


@pytest.mark.parametrize("text, predicate", [
    ("成交场域也是从公域到私域，逐步深入。", "evolvesInto"),
    ("从智能手机到AR，再到如今的AI领域，他的每一次尝试都备受瞩目。", "evolvesInto"),
    ("# 市场\n\n## 从B端到C端，再到政企\n\n正文。", "evolvesInto"),
    ("Prompt设计是每个AI产品经理都不该会的。", "requiresSkill"),
    ("我们用RLHF训练的模型Kimi效果很好。", "basedOn"),
    ("大厂更看重数据分析能力。", "requiresSkill"),
    ("如果你不用，微信就只能是一个发消息的工具。", "appliedIn"),
    ("1. **核心优势**：腾讯推出的平台很多，各有所长。", "madeBy"),
    ("OpenAI CEO表示，OpenAI已经掌握了AGI。", "shouldKnow"),
])
def test_ranges_and_labels_state_nothing(run, text: str, predicate: str) -> None:
    assert pairs(run(text), predicate) == set()


MAKER_LABELS = "# 三月\n\n**1. 百度：文心大模型4.5和文心X1同日亮相**\n\n正文。\n\n- 对比：ChatGPT和Claude\n\n百度：文心一言很好用。\n"


def test_a_bold_heading_labelled_with_an_organisation_names_its_products(run) -> None:
    made = pairs(run(MAKER_LABELS), "madeBy")
    assert ("文心大模型4.5", "百度") in made
    assert ("文心一言", "百度") not in made  # a plain line is no heading


def test_a_product_that_comes_from_an_organisation(run) -> None:
    assert ("猫箱", "字节跳动") in pairs(run("星野是MiniMax推出的，猫箱则来自字节跳动。"), "madeBy")


PRODUCT_TABLE = ("# 视频\n\n## 视频产品\n\n| 产品 | 出品方 | 技术路线 | 生成内容 |\n|---|---|---|---|\n"
                 "| 可灵 | 快手 | DiT | 视频 |\n| Vidu | 生数科技、清华大学 | U-ViT | 视频 |\n\n正文。\n")
ROLE_TABLE = ("# 岗位\n\n## 岗位一览\n\n| 岗位 | 核心技能 | 常用工具 |\n|---|---|---|\n"
              "| AI产品经理 | 需求分析、Prompt设计 | ChatGPT、Dify |\n\n正文。\n")


def test_a_table_row_states_the_fields_its_header_names(run) -> None:
    state = run(PRODUCT_TABLE)
    assert {("可灵", "快手"), ("Vidu", "清华大学")} <= pairs(state, "madeBy")
    assert ("Vidu", "U-ViT") in pairs(state, "basedOn") and ("可灵", "视频") in pairs(state, "generates")
    state = run(ROLE_TABLE)
    assert ("AI产品经理", "Prompt设计") in pairs(state, "requiresSkill")
    assert ("AI产品经理", "Dify") in pairs(state, "shouldKnow")


def test_a_table_without_a_header_rule_states_nothing(run) -> None:
    assert not pairs(run("# 视频\n\n| 可灵 | 快手 | DiT | 视频 |\n"), "madeBy")


@pytest.mark.parametrize("text, expected", [
    ("海绵音乐是字节跳动推出的AI音乐应用，中文歌词的咬字比Suno自然。", ("海绵音乐", "音乐")),  # AI音乐 holds 音乐
    ("这个月即梦上线了新版图片模型，重点解决排版问题。", ("即梦", "图像")),
])
def test_a_product_that_is_or_launches_a_model_of_a_content_kind_generates_it(run, text: str, expected) -> None:
    assert expected in pairs(run(text), "generates")
