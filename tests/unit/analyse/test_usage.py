"""Tests of where technology goes (appliedIn, evolvesInto, stated inLayer) and of Latin names typed from known ones."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, expected", [
    ("Copilot主要用于AI编程和智能客服。", {("Copilot", "AI编程"), ("Copilot", "智能客服")}),
    ("很多团队把RAG用在了知识库问答上。", {("RAG", "知识库问答")}),
    ("Midjourney在电商行业用得最多。", {("Midjourney", "电商")}),
    ("大模型正在重塑电商、教育和医疗行业。", {("大模型", "电商"), ("大模型", "教育"), ("大模型", "医疗")}),
    ("在教育场景中，ChatGPT可以充当私人助教。", {("ChatGPT", "教育")}),
    ("大模型在智能客服场景的落地最快。", {("大模型", "智能客服")}),
    ("GPT-4在医疗领域得到了广泛应用。", {("GPT-4", "医疗")}),
    ("教育是大模型落地最快的行业之一。", {("大模型", "教育")}),
    ("大模型正在重塑法律行业。", {("大模型", "法律")}),
    ("AI+教育和大模型+医疗都很火。", {("大模型", "医疗")}),
    ("文生图技术在广告行业的渗透率很高。", {("文生图", "广告")}),
    ("RAG适用于企业知识库问答这类场景。", {("RAG", "知识库问答")}),
])
def test_a_use_verb_or_a_scenario_word_applies_the_thing_to_each_area(run, text, expected) -> None:
    assert expected <= pairs(run(text), "appliedIn")


@pytest.mark.parametrize("text, expected", [
    ("最有名的例子是医疗诊断系统MYCIN。", ("MYCIN", "医疗")),
    ("正衡科技发布了法律大模型衡律，依托RAG技术检索法条。", ("衡律", "法律")),
    ("携程推出的携程问道是一个旅游垂直大模型，主要用于行程规划。", ("携程问道", "旅游")),
    ("云帆数科是一家做智能客服的SaaS公司，主力产品叫帆语，主要卖给电商和物流公司。", ("帆语", "电商")),
    ("它家的汇通小智是给理财经理用的投研助手，目前在证券和银行两条线上都跑起来了。", ("汇通小智", "证券")),
    ("法律科技公司正衡科技发布了法律大模型衡律，依托RAG技术检索法条和判例，专门用于合同审查。", ("衡律", "合同审查")),
    ("Kimi算是打进了教育行业。", ("Kimi", "教育")),
    ("Kimi主要卖给律所和券商。", ("Kimi", "证券")),
    ("文心一言已经落地在银行的智能客服上。", ("文心一言", "智能客服")),
    ("布景AI是方寸视觉做的商品图工具。它在家居、服装这类重视觉的行业用得很多。", ("布景AI", "家居")),
])
def test_a_product_described_by_its_industry_or_sold_to_it_is_applied_there(run, text, expected) -> None:
    assert expected in pairs(run(text), "appliedIn")


@pytest.mark.parametrize("text", ["ChatGPT是教育行业最常用的工具之一吗？", "Kimi和电商平台的客服都很忙。"])
def test_an_industry_word_that_describes_no_product_applies_nothing(run, text) -> None:
    assert pairs(run(text), "appliedIn") == set()


def test_the_subject_of_the_clause_before_is_used_when_the_use_clause_opens_with_the_verb(run) -> None:
    found = pairs(run("腾讯推出了办公工具Kimiko，主要用于智能客服。"), "appliedIn")
    assert ("Kimiko", "智能客服") in found


def test_a_sentence_of_clauses_going_on_with_it_takes_the_topic_it_stands_for(run) -> None:
    text = "通义万相是阿里的视频生成模型。它由阿里巴巴出品，主要卖给影视行业。"
    assert ("通义万相", "影视") in pairs(run(text), "appliedIn")


@pytest.mark.parametrize("text, expected", [
    ("Jasper、Notion AI都属于应用层。", {("Jasper", "应用层"), ("Notion AI", "应用层")}),
    ("A100和H100是主力GPU，都处在基础设施层。", {("A100", "基础设施层"), ("H100", "基础设施层")}),
])
def test_a_stated_layer_takes_the_members_listed_before_it(run, text, expected) -> None:
    assert expected <= pairs(run(text), "inLayer")


@pytest.mark.parametrize("text, expected", [
    ("机器学习后来逐渐演进为深度学习。", ("机器学习", "深度学习")),
    ("从Midjourney V5升级到了Midjourney V6。", ("Midjourney V5", "Midjourney V6")),
    ("它的演进路线是SaaS→MaaS。", ("SaaS", "MaaS")),
    ("再往后，GPT-3.5发展到了GPT-4，GPT-4之后又出现了GPT-4o。", ("GPT-4", "GPT-4o")),
    ("再往后，扩散模型和Transformer结合，演进为DiT。", ("扩散模型", "DiT")),
    ("再往后，扩散模型和Transformer结合，演进为DiT。", ("Transformer", "DiT")),
    ("2024年国产旗舰几乎集体从稠密模型转向了MoE。", ("稠密模型", "混合专家模型")),
    ("ChatGPT的前身是InstructGPT。", ("InstructGPT", "ChatGPT")),
    ("好未来的Kimi，前身是2023年发布的Claude，专攻数学解题。", ("Claude", "Kimi")),
    ("星核智能的星核-1B是个纯稠密模型，后来迭代出星核-3B。", ("星核-1B", "星核-3B")),
])
def test_steps_of_an_evolution_are_read_with_adverbs_and_arrows(run, text, expected) -> None:
    assert expected in pairs(run(text), "evolvesInto")


def test_an_organisation_turning_from_one_practice_to_another_evolves_nothing(run) -> None:
    assert pairs(run("百度不仅从闭源转向开源，还把搜索业务也接入了DeepSeek。"), "evolvesInto") == set()


def test_things_listed_by_a_comma_before_a_combination_are_not_all_combined(run) -> None:
    found = pairs(run("RNN，扩散模型和Transformer结合，演进为DiT。"), "evolvesInto")
    assert ("Transformer", "DiT") in found and ("循环神经网络", "DiT") not in found


@pytest.mark.parametrize("text, expected", [
    ("GPT-3.5之后是GPT-4，再之后是GPT-4o。", {("GPT-3.5", "GPT-4"), ("GPT-4", "GPT-4o")}),
    ("继GPT-4之后，OpenAI又推出了GPT-4o。", {("GPT-4", "GPT-4o")}),
    ("RNN后来被Transformer取代。", {("循环神经网络", "Transformer")}),
    ("生成式AI是从判别式AI发展而来的。", {("决策式AI", "生成式AI")}),
    ("ChatGPT由GPT-3.5迭代而来。", {("GPT-3.5", "ChatGPT")}),
    ("今年大家开始谈上下文工程，它是从提示词工程演化来的。", {("提示词工程", "上下文工程")}),
    ("文心大模型4.0效果稳，这一代是从文心大模型3.5升级来的。", {("文心大模型3.5", "文心大模型4.0")}),
    ("生成式AI是在决策式AI的基础上发展起来的。", {("决策式AI", "生成式AI")}),
    ("它最早只是一个提示词模板，后来演进成了RAG方案。", {("提示词模板", "RAG")}),
])
def test_successions_are_read_from_replacement_growth_and_versions(run, text, expected) -> None:
    assert expected <= pairs(run(text), "evolvesInto")


@pytest.mark.parametrize("text, expected", [
    ("OpenAI先后推出了GPT-4和GPT-4o。", ("GPT-4", "GPT-4o")),
    ("Llama 2和Llama 3相继开源。", ("Llama 2", "Llama 3")),
])
def test_versions_released_in_turn_evolve_in_ascending_order(run, text, expected) -> None:
    assert expected in pairs(run(text), "evolvesInto")


@pytest.mark.parametrize("text", ["Sora之后是可灵和Vidu。", "继Midjourney之后，谷歌又推出了Imagen。",
                                  "ChatGPT是在GPT-3.5的基础上开发的。", "GPT-4o比GPT-4强很多，两者先后发布。",
                                  "我们先后测试了GPT-4和GPT-3.5。"])
def test_products_of_different_families_one_after_another_are_no_succession(run, text) -> None:
    assert pairs(run(text), "evolvesInto") == set()


def test_an_arrow_chain_without_a_word_of_development_is_no_evolution(run) -> None:
    assert pairs(run("流程是SaaS→MaaS。"), "evolvesInto") == set()


@pytest.mark.parametrize("text, name, cls", [
    ("开源模型Qwen1.8也发布了。", "Qwen1.8", "Product"),
    ("Modular RAG是新的做法。", "Modular RAG", "Technology"),
    ("LightRAG是新的做法。", "LightRAG", "Technology"),
    ("游戏引擎Zorbix上线了。", "Zorbix", "Product"),
    ("Zorbix是OpenAI推出的视频模型。", "Zorbix", "Product"),
    ("字节的PixelWave很好用。", "PixelWave", "Product"),
    ("MiniMax发布了M1。", "M1", "Product"),
    ("Vega是一款AI视频工具。", "Vega", "Product"),
    ("Acme是一家AI创业公司。", "Acme", "Organization"),
    ("智谱发布了GLM-4.5。", "GLM-4.5", "Product"),
    ("我们的新模型上线了，Zeta-01的效果比上一代好很多。", "Zeta-01", "Product"),
])
def test_unknown_latin_names_are_typed_from_the_known_name_or_noun_they_build_on(run, text, name, cls) -> None:
    assert (name, cls) in {(m.surface, m.cls) for m in run(text).mentions}


@pytest.mark.parametrize("text, name", [
    ("Jack 是一个非常出色的CEO。", "Jack"),
    ("哈佛大学的Brooks教授提出了一个观点。", "Brooks"),
    ("来自DeepMind的David Pfau反驳了这个观点。", "David Pfau"),
    ("Part 1讲的是新版模型的需求分析。", "Part 1"),
])
def test_people_and_numbered_parts_are_no_products(run, text, name) -> None:
    assert (name, "Product") not in {(m.surface, m.cls) for m in run(text).mentions if m.confidence >= 0.6}


@pytest.mark.parametrize("text, name", [("微信 10 亿 + 的月活数据。", "微信 10"), ("售价 3499 美元。Vision Pro 3499 美元。", "Vision Pro 3499")])
def test_a_count_after_a_product_is_no_version(run, text, name) -> None:
    assert (name, "Product") not in {(m.surface, m.cls) for m in run(text).mentions if m.confidence >= 0.6}


def test_a_fact_sheet_under_a_product_heading_states_facts_about_that_product(run) -> None:
    text = ("# 工具\n\n### 02 Kimi\n\n*   **出品方：** OpenAI；\n*   **能生成：** 视频；\n"
            "*   **底层技术：** 基于扩散模型；\n*   **适合场景：** 电商、智能客服。\n")
    state = run(text)
    assert ("Kimi", "OpenAI") in pairs(state, "madeBy")
    assert ("Kimi", "视频") in pairs(state, "generates")
    assert ("Kimi", "扩散模型") in pairs(state, "basedOn")
    assert {("Kimi", "电商"), ("Kimi", "智能客服")} <= pairs(state, "appliedIn")


def test_a_field_line_on_another_product_states_nothing_of_the_headings(run) -> None:
    text = "# 对比\n\n### 二、元宝\n\n*   **应用场景：** 豆包的布局最多，包括电商、智能客服；\n"
    assert not any(product == "腾讯元宝" for product, _ in pairs(run(text), "appliedIn"))


def test_a_field_line_that_hedges_states_nothing(run) -> None:
    text = "# 工具\n\n### 02 Kimi\n\n*   **底层技术：** 外界普遍猜测是扩散模型。\n"
    assert pairs(run(text), "basedOn") == set()


@pytest.mark.parametrize("text, expected", [
    ("Zorbix是OpenAI推出的视频模型，基于DiT架构，可以生成视频。", {("Zorbix", "DiT")}),
    ("Kimi很火。它基于扩散模型。", {("Kimi", "扩散模型")}),
])
def test_a_subjectless_clause_takes_the_product_the_sentence_is_about(run, text, expected) -> None:
    assert expected <= pairs(run(text), "basedOn")


@pytest.mark.parametrize("text, expected", [
    ("Midjourney背后是扩散模型。", {("Midjourney", "扩散模型")}),
    ("Stable Diffusion的核心是潜在扩散模型。", {("Stable Diffusion", "潜在扩散模型")}),
    ("豆包的底层采用的应该是MoE（混合专家模型）架构的模型。", {("豆包", "混合专家模型")}),
    ("Sora利用了先进的扩散模型。", {("Sora", "扩散模型")}),
    ("腾讯11月一口气开源了MoE架构的混元Large，参数3890亿。", {("混元Large", "混合专家模型")}),
    ("阶跃星辰的Step-2是万亿参数的MoE模型，声量不大。", {("Step-2", "混合专家模型")}),
    ("AlexNet是一个经典的CNN模型。", {("AlexNet", "卷积神经网络")}),
    ("DeepSeek-Coder后来改用混合专家模型，不少公司拿它当底座。", {("DeepSeek-Coder", "混合专家模型")}),
])
def test_what_a_product_rests_on_is_read_from_its_core_and_its_means(run, text, expected) -> None:
    assert expected <= pairs(run(text), "basedOn")


@pytest.mark.parametrize("text", ["Sora是OpenAI的视频生成模型。", "ChatGPT是比GPT-3更好用的模型。"])
def test_a_product_called_a_model_of_no_technology_rests_on_nothing(run, text) -> None:
    assert pairs(run(text), "basedOn") == set()


def test_a_use_word_without_the_product_in_its_clause_takes_no_topic(run) -> None:
    assert pairs(run("Kimi答得很好，但使用了Markdown格式和扩散模型的说法。"), "basedOn") == set()


def test_turning_an_image_into_an_animation_generates_it(run) -> None:
    assert ("Pika", "动画") in pairs(run("Pika可以生成短视频，也支持把一张图片变成一段动画。"), "generates")


def test_a_long_modifier_before_the_generated_content_keeps_the_generation(run) -> None:
    text = "可灵是快手推出的视频大模型，可以生成最长两分钟、1080p的视频。"
    assert ("可灵", "视频") in pairs(run(text), "generates")


def test_writing_copy_generates_copy(run) -> None:
    assert ("豆包", "文案") in pairs(run("豆包能写文案，也能生成图片。"), "generates")


def test_weak_ai_is_its_own_stage_not_ai_inside_it(run) -> None:
    found = pairs(run("AI的演进路线是：弱人工智能→通用人工智能（AGI）→超级智能。"), "evolvesInto")
    assert ("弱人工智能", "AGI") in found and ("人工智能", "AGI") not in found


def test_a_product_used_as_a_means_is_not_the_generator(run) -> None:
    found = pairs(run("Midjourney是绘画工具，通过Discord发送提示词来生成图像。"), "generates")
    assert ("Discord", "图像") not in found


def test_a_second_verb_after_the_objects_ends_the_based_on_list(run) -> None:
    found = pairs(run("扣子是开发平台，基于工作流来搭建智能体。"), "basedOn")
    assert ("扣子", "Agent") not in found


@pytest.mark.parametrize("text, name", [
    ("我们的结论是 there you go。", "there"),
    ("这一章是Part 1的内容。", "Part 1"),
    ("Write a short poem about the moon and the sea, please。", "Write"),
])
def test_latin_words_that_are_not_proper_names_stay_out_of_the_graph(run, text, name) -> None:
    assert all(m.surface != name or m.confidence < 0.6 for m in run(text).mentions)


def test_a_capitalised_two_word_name_beside_a_person_word_is_a_person(run) -> None:
    assert ("Eric Yuan", "Person") in {(m.surface, m.cls) for m in run("Zoom创始人Eric Yuan表示，AI会改变会议。").mentions}


@pytest.mark.parametrize("text, described", [("腾讯旗下AI助手很火。", "腾讯旗下AI助手"), ("字节自研大模型很强。", "字节自研大模型"),
                                              ("亚马逊电商平台。", "亚马逊电商平台")])
def test_an_organisation_before_a_description_is_no_product_name(run, text, described) -> None:
    assert described not in {m.surface for m in run(text).mentions}


def test_a_capability_said_of_a_model_is_no_skill(run) -> None:
    found = {(m.surface, m.cls, m.confidence) for m in run("大模型需要具备长文本理解能力。").mentions}
    assert not any(cls == "Skill" and confidence >= 0.6 for _, cls, confidence in found)


@pytest.mark.parametrize("text, wrong", [
    ("中国的大模型包括科大讯飞的讯飞星火以及OpenAI研发的ChatGPT。", ("ChatGPT", "科大讯飞")),
    ("阿里、腾讯都推出了各自的办公软件钉钉、企业微信。", ("钉钉", "腾讯")),
    ("腾讯在今年上线了一款对标ChatGPT的产品。", ("ChatGPT", "腾讯")),
])
def test_made_by_pairs_a_product_with_its_own_maker_only(run, text, wrong) -> None:
    assert wrong not in pairs(run(text), "madeBy")


@pytest.mark.parametrize("text, wrong", [
    ("用户可以上传YouTube视频来生成音频播客。", ("YouTube", "音频")),
    ("抖音上线了首部AIGC制作的付费视频。", ("抖音", "视频")),
])
def test_generates_needs_the_product_as_the_subject_of_the_verb(run, text, wrong) -> None:
    assert wrong not in pairs(run(text), "generates")


@pytest.mark.parametrize("text, expected", [
    ("扣子是字节面向用户提供的一个AI应用产品。", ("扣子", "字节跳动")),
    ("Coze是字节在海外推出的应用版本。", ("扣子", "字节跳动")),
])
def test_a_product_described_as_an_organisations_offering_is_made_by_it(run, text, expected) -> None:
    assert expected in pairs(run(text), "madeBy")


def test_a_cloud_that_offers_a_model_does_not_make_it(run) -> None:
    assert ("DeepSeek", "腾讯") not in pairs(run("腾讯云提供DeepSeek模型。"), "madeBy")


def test_skills_listed_for_a_model_are_no_skills(run) -> None:
    found = run("这个智能体具备对话能力、记忆能力和数据分析能力。").mentions
    assert not any(m.cls == "Skill" and m.rule == "open:list-coordination" and m.confidence >= 0.6 for m in found)


@pytest.mark.parametrize("name", ["对话能力", "专业能力", "议价能力", "电池续航能力", "盈利能力"])
def test_a_machine_or_generic_capability_is_no_discovered_skill(run, name) -> None:
    found = run(f"候选人需要具备{name}。").mentions
    assert not any(m.surface == name and m.cls == "Skill" and m.confidence >= 0.6 and not m.iri for m in found)


def test_a_known_product_named_after_its_maker_is_made_by_it(run) -> None:
    assert ("腾讯元宝", "腾讯") in pairs(run("腾讯元宝刚刚推出没多久。"), "madeBy")


def test_the_field_itself_is_no_area_of_application(run) -> None:
    found = pairs(run("H100主要用于人工智能和智能客服。"), "appliedIn")
    assert ("H100", "智能客服") in found and ("H100", "人工智能") not in found


def test_a_content_word_never_reaches_back_to_the_product_of_the_sentence_before(run) -> None:
    assert pairs(run("我看了Stable Diffusion的课程。然后试了几下生图。"), "generates") == set()
    assert pairs(run("剪映并无AI视频生成能力。"), "generates") == set()


def test_rankings_years_and_short_acronyms_are_not_typed_from_list_mates(run) -> None:
    found = {m.surface: m.confidence for m in run("TOP100榜单上有CapCut2024、ChatGPT、KS和P2P等工具。").mentions}
    assert "TOP100" not in found and "CapCut2024" not in found
    assert found.get("KS", 0.0) < 0.6 and found.get("P2P", 0.0) < 0.6
    names = {m.surface for m in run("GPT2023年末已经推出了工具商店；7-Eleven创始人铃木敏文也谈过这件事。").mentions}
    assert "GPT2023" not in names and "Eleven" not in names  # a name glued to a year, the end of a name


def test_a_product_that_lets_people_make_something_does_not_generate_it(run) -> None:
    assert pairs(run("YouTube Shorts允许创作者快速提取精华片段，制作成短视频。"), "generates") == set()


def test_an_industry_framing_the_sentence_is_where_its_products_are_used(run) -> None:
    found = pairs(run("在电商行业，基于Stable Diffusion搭的商品图工作流几乎是标配。"), "appliedIn")
    assert ("Stable Diffusion", "电商") in found


def test_an_industry_that_narrows_a_scenario_is_also_where_the_thing_is_used(run) -> None:
    found = pairs(run("我们的产品把大语言模型用在了电商行业的智能客服和内容生产上。"), "appliedIn")
    assert {("大语言模型", "电商"), ("大语言模型", "智能客服")} <= found


@pytest.mark.parametrize("text, pairs_expected", [
    ("大模型在医疗、教育、金融等行业都有落地案例。", {("大模型", "医疗"), ("大模型", "教育"), ("大模型", "金融")}),
    ("医疗领域的大模型应用正在爆发。", {("大模型", "医疗")}),
    ("很多医院开始把大模型引入到医疗诊断中。", {("大模型", "医疗")}),
])
def test_an_application_stated_around_a_list_or_before_the_thing_is_found(run, text: str, pairs_expected) -> None:
    assert pairs_expected <= pairs(run(text), "appliedIn")


@pytest.mark.parametrize("text", ["RAG的引入解决了幻觉和实时性弱的问题。", "电商行业的ChatGPT用户很多。",
                                  "两天后，微信开始灰度测试接入DeepSeek强化搜索。"])
def test_bringing_a_thing_in_or_its_users_is_no_application(run, text: str) -> None:
    assert pairs(run(text), "appliedIn") == set()


@pytest.mark.parametrize("text, expected", [
    ("从GPT-3到GPT-4，再到GPT-4o，模型能力不断提升。", {("GPT-3", "GPT-4"), ("GPT-4", "GPT-4o")}),
    ("GPT-4o是GPT-4的升级版。", {("GPT-4", "GPT-4o")}),
    ("Transformer逐渐取代了RNN。", {("循环神经网络", "Transformer")}),
])
def test_a_successor_and_versions_of_one_family_are_evolution_steps(run, text: str, expected) -> None:
    assert expected <= pairs(run(text), "evolvesInto")


@pytest.mark.parametrize("text", ["从ChatGPT到Midjourney再到Sora，AI的新闻每天都在演进。", "Claude是ChatGPT的竞品。"])
def test_products_listed_from_one_to_another_are_no_lineage(run, text: str) -> None:
    assert pairs(run(text), "evolvesInto") == set()


def test_an_area_listed_among_areas_is_not_what_is_applied(run) -> None:
    found = pairs(run("他们还将其技术广泛应用于智能手机、自动驾驶、智慧城市、教育等多个领域。"), "appliedIn")
    assert not any(thing == "自动驾驶" for thing, _ in found)


def test_words_holding_bu_that_negate_nothing_do_not_block_a_sentence(run) -> None:
    assert ("大模型", "医疗") in pairs(run("大模型不断被应用于医疗、金融等领域。"), "appliedIn")


@pytest.mark.parametrize("text, pair", [
    ("彭博发布的BloombergGPT，基于Transformer架构，主要用于金融领域的新闻分类和问答。", ("BloombergGPT", "新闻分类")),
    ("国内的代表是MedGPT，它的底座是大语言模型，又结合了知识图谱，主要服务于互联网医疗平台上的线上问诊。",
     ("MedGPT", "线上问诊")),
])
def test_a_use_clause_without_a_subject_applies_what_the_sentence_opens_with(run, text: str, pair) -> None:
    found = pairs(run(text), "appliedIn")
    assert pair in found
    assert not any(thing in ("Transformer", "知识图谱", "大语言模型") for thing, _ in found)


@pytest.mark.parametrize("text, pair", [
    ("比如，在金融行业，很多银行用大模型做智能客服。", ("大模型", "金融")),
    ("金融行业：某银行应用知识图谱技术做风控。", ("知识图谱", "金融")),
])
def test_an_industry_framing_a_clause_or_labelling_a_line_is_where_its_things_are_applied(run, text, pair) -> None:
    assert pair in pairs(run(text), "appliedIn")


def test_a_numbered_successor_is_an_upgrade_of_its_family(run) -> None:
    assert ("Sora", "Sora 2") in pairs(run("Sora 2 是 Sora 的升级版。"), "evolvesInto")


@pytest.mark.parametrize("text, pair", [
    ("2018年以后，深度学习又演进为以预训练为核心的大模型。", ("深度学习", "大模型")),
    ("统计机器学习从此发展到了深度学习阶段。", ("统计机器学习", "深度学习")),
    ("GPT-1之后是参数扩大十几倍的GPT-2。", ("GPT-1", "GPT-2")),
    ("从GPT-2到2020年的GPT-3，参数直接跳到1750亿。", ("GPT-2", "GPT-3")),
    ("一句话概括这条主线：规则系统 → 统计机器学习 → 深度学习。", ("规则系统", "统计机器学习")),
])
def test_a_newer_stage_is_found_past_its_modifier_and_a_main_line_of_arrows(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "evolvesInto")


def test_a_product_that_came_after_another_did_not_evolve_from_it(run) -> None:
    assert pairs(run("ChatGPT之后出现了文心一言。"), "evolvesInto") == set()


@pytest.mark.parametrize("text, pair", [
    ("ChatGPT可以用来做智能客服。", ("ChatGPT", "智能客服")),
    ("金融行业已经开始引入大模型。", ("大模型", "金融")),
    ("Copilot是一款面向制造业的AI助手。", ("Copilot", "制造业")),
    ("面向教育行业的AI助手讯飞星火。", ("讯飞星火", "教育")),
    ("可灵是快手推出的视频生成产品。现在它在广告和电商行业用得非常多。", ("可灵", "广告")),
    ("可灵是快手推出的视频生成产品，目前广告和电商从业者用得最多。", ("可灵", "广告")),
    ("Midjourney和Stable Diffusion都落在电商行业。", ("Stable Diffusion", "电商")),
])
def test_a_thing_put_to_work_taken_up_by_an_industry_or_aimed_at_one_is_applied_there(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "appliedIn")


def test_what_a_thing_is_used_to_make_is_no_area(run) -> None:
    assert pairs(run("工作流可以用来做一个高级版插件。"), "appliedIn") == set()


@pytest.mark.parametrize("text, pair", [
    ("可灵基于DiT架构，目前用得最多的是广告和电商。", ("可灵", "广告")),
    ("即梦上线了新版图片模型，用在海报设计上，终于不用再手动修字了。", ("即梦", "海报设计")),
    ("过去两个月，政务、金融和医疗是接入DeepSeek-R1最快的三个行业。", ("DeepSeek-R1", "金融")),
])
def test_use_read_from_what_is_used_most_a_clause_beside_a_denial_and_a_list_of_fastest_areas(run, text, pair) -> None:
    assert pair in pairs(run(text), "appliedIn")


def test_a_thing_listed_among_scenarios_is_one_of_the_places(run) -> None:
    found = pairs(run("目前AI在代码生成、智能客服、广告、教育等场景的应用较为频繁。"), "appliedIn")
    assert not any(thing == "代码生成" for thing, _ in found)


def test_a_successor_named_as_the_next_generation_evolves_from_it(run) -> None:
    found = pairs(run("作为Gemini 2.0的下一代，Gemini 2.5把思维链推理直接内置进了模型。"), "evolvesInto")
    assert ("Gemini 2.0", "Gemini 2.5") in found


def test_a_product_said_to_be_an_upgrade_of_another_in_the_next_clause_evolves_from_it(run) -> None:
    found = pairs(run("Anthropic推出了Claude 3.7 Sonnet，这是Claude 3.5 Sonnet的升级版。"), "evolvesInto")
    assert ("Claude 3.5 Sonnet", "Claude 3.7 Sonnet") in found


@pytest.mark.parametrize("text, pair", [("此前ChatGPT里的图片是由DALL·E 3生成的。", ("DALL-E 3", "图像")),
                                        ("这些视频都是用可灵生成的。", ("可灵", "视频"))])
def test_content_said_to_be_made_by_a_product_is_generated_by_it(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "generates")


def test_a_subjectless_clause_that_denies_generating_generates_nothing(run) -> None:
    found = pairs(run("讯飞星火支持文生图，虽然不直接支持生成音频，但支持语音朗读。"), "generates")
    assert ("讯飞星火", "音频") not in found


def test_text_written_into_an_image_is_no_generated_text(run) -> None:
    found = pairs(run("Midjourney基于扩散模型，还能在画面里写出比较准确的英文文字。"), "generates")
    assert ("Midjourney", "文本") not in found


@pytest.mark.parametrize("text, expected", [
    ("- **CosyVoice**：阿里开源的语音生成模型，支持多语种和方言；", ("CosyVoice", "语音")),
    ("天工SkyMusic是昆仑万维推出的音乐大模型，中文歌咬字很自然。", ("天工SkyMusic", "音乐")),
    ("## 7. 剪映：自动字幕和智能剪辑", ("剪映", "字幕")),
])
def test_a_product_called_a_maker_of_content_or_glossed_with_it_generates_it(run, text, expected) -> None:
    assert expected in pairs(run(text), "generates")


@pytest.mark.parametrize("text", ["抖音是国内最大的短视频平台。", "## 3. 海绵音乐：字节的国产选择",
                                  "剪映：自动字幕和智能剪辑都很好用，我们团队天天用它。"])
def test_a_platform_for_content_or_a_gloss_outside_a_heading_generates_nothing(run, text) -> None:
    assert pairs(run(text), "generates") == set()


def test_the_kind_a_product_is_said_to_be_is_not_the_older_step(run) -> None:
    found = pairs(run("星核智能的星核-1B是个纯稠密模型，后来迭代出星核-3B。"), "evolvesInto")
    assert not any(older == "稠密模型" for older, _ in found)


def test_a_course_for_the_people_of_an_industry_is_not_applied_in_it(run) -> None:
    assert pairs(run("大语言模型入门版：面向互联网从业人员的AI通识。"), "appliedIn") == set()


def test_what_a_product_is_built_on_is_not_what_a_later_clause_puts_to_use(run) -> None:
    text = "我面过一位候选人，讲的是自己做的客服助手，基于RAG检索条款，用在保险行业的智能客服里。"
    assert not any(thing == "RAG" for thing, _ in pairs(run(text), "appliedIn"))


def test_what_its_maker_says_it_suits_is_where_the_product_is_applied(run) -> None:
    state = run("文心X1则是一款深度思考模型，百度称它适合用在公文写作、合同审查这类需要想清楚再说的场景。")
    assert {("文心大模型X1", "公文写作"), ("文心大模型X1", "合同审查")} <= pairs(state, "appliedIn")


def test_the_places_that_took_it_up_apply_the_thing_it_stands_for(run) -> None:
    text = "政务和金融是接入DeepSeek-R1最快的行业，不少地方的政务热线和银行的智能客服都换上了它。"
    assert {("DeepSeek-R1", "政务热线"), ("DeepSeek-R1", "智能客服")} <= pairs(run(text), "appliedIn")


def test_a_scene_word_after_the_places_says_where_the_thing_works(run) -> None:
    text = "快手的可灵基于DiT，我们拿它把商品图变成短视频，在电商场景里转化效果不错。"
    assert ("可灵", "电商") in pairs(run(text), "appliedIn")
