"""Tests of the extractors (open vocabulary and patterns) on short Chinese texts, and of the extractor registry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import kg.analyse.extract
from kg.core.errors import ExtractorError
from kg.core.model import Extraction, Mention, Relation
from kg.core.namespaces import KGR


def mentions_of(state: Extraction, surface: str) -> list[Mention]:
    return [m for m in state.mentions if m.surface == surface]


def relations_of(state: Extraction, predicate: str) -> list[Relation]:
    return [r for r in state.relations if r.predicate == predicate]


def pairs(state: Extraction, predicate: str) -> set[tuple[str, str]]:
    """(subject label, object label) of every relation with the predicate."""
    return {(r.subject.label, r.object.label) for r in relations_of(state, predicate)}


def assert_offsets_true(state: Extraction) -> None:
    """Every mention surface and every evidence sentence is exactly the document text at its offsets."""
    text = state.document.text
    for m in state.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface, m
    for r in state.relations:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.sentence, r


# ---------------------------------------------------------------- open vocabulary: Latin names


def test_unknown_latin_name_listed_with_products_is_a_product(run) -> None:
    state = run("了解并使用过ChatGPT、FooGen、Midjourney 等工具")
    [foogen] = mentions_of(state, "FooGen")
    assert foogen.cls == "Product"
    assert foogen.iri == ""  # not from the lexicon
    assert foogen.key == "Product:foogen"
    assert foogen.rule.startswith("open:")
    assert mentions_of(state, "ChatGPT")[0].iri == str(KGR.ChatGPT)
    assert mentions_of(state, "Midjourney")[0].iri == str(KGR.Midjourney)


def test_unknown_latin_name_alone_is_low_confidence(run) -> None:
    state = run("我昨天听说了FooGen这个词")
    [foogen] = mentions_of(state, "FooGen")
    assert foogen.cls != "Product"
    assert foogen.confidence < 0.6


def test_unknown_latin_name_before_company_is_an_organization(run) -> None:
    state = run("FooLabs公司发布了新模型")
    assert [m.cls for m in mentions_of(state, "FooLabs")] == ["Organization"]


def test_latin_stopwords_are_not_names(run) -> None:
    state = run("拿到offer之前先做个demo验证idea")
    assert [m for m in state.mentions if m.rule.startswith("open:")] == []


@pytest.mark.parametrize("text, word", [
    ("测试中，年底在 iOS 和 Web 端上线", "Web"),  # listed with a product: too weak a context for an English word
    ("Klaviyo的另一个大杀器Flow是当时较新的营销实践", "Flow"),
    ("腾讯公司的All in AI战略", "All"),  # after an organisation's 的, but a function word is never a name
])
def test_an_everyday_english_word_is_no_name(run, text: str, word: str) -> None:
    assert mentions_of(run(text), word) == []


@pytest.mark.parametrize("text, word", [("OpenAI发布Operator，这是一个可以上网执行任务的智能体", "Operator"),
                                        ("Canvas是OpenAI推出的写作工具", "Canvas")])
def test_an_english_word_the_context_calls_a_product_stays_a_name(run, text: str, word: str) -> None:
    assert [m.cls for m in mentions_of(run(text), word)] == ["Product"]


# ---------------------------------------------------------------- open vocabulary: roles and skills


def test_unknown_product_manager_role_is_a_role(run) -> None:
    state = run("我想成为一名视频生成产品经理")
    [role] = mentions_of(state, "视频生成产品经理")
    assert role.cls == "Role"
    assert role.key == "Role:视频生成产品经理"
    # the role swallows the parts it is made of
    assert [m.surface for m in state.mentions] == ["视频生成产品经理"]


def test_skill_head_makes_a_skill(run) -> None:
    state = run("AIGC产品经理需要数据处理能力。")
    [skill] = mentions_of(state, "数据处理能力")
    assert skill.cls == "Skill"
    assert ("AIGC产品经理", "数据处理能力") in pairs(state, "requiresSkill")


@pytest.mark.parametrize("text", ["有模型自研能力的公司更少。", "我们要找有模型自研能力的公司合作", "有模型自研能力的大厂"])
def test_capability_of_a_company_is_not_a_skill(run, text: str) -> None:
    state = run(text)
    assert [m for m in state.mentions if m.cls == "Skill"] == []


def test_skill_lead_word(run) -> None:
    state = run("AIGC产品经理要懂业务。")
    assert [m.cls for m in mentions_of(state, "懂业务")] == ["Skill"]


# ---------------------------------------------------------------- madeBy


def test_org_prefixed_known_product_is_made_by_the_org(run) -> None:
    state = run("百度千帆大模型平台很好用")
    made = relations_of(state, "madeBy")
    assert [(r.subject.iri, r.object.iri) for r in made] == [(str(KGR.Qianfan), str(KGR.Baidu))]


def test_org_prefixed_unknown_product_is_a_product_made_by_the_org(run) -> None:
    state = run("百度青梧大模型平台很好用")
    [product] = mentions_of(state, "百度青梧大模型平台")
    assert product.cls == "Product"
    made = relations_of(state, "madeBy")
    assert [(r.subject.surface, r.object.iri) for r in made] == [("百度青梧大模型平台", str(KGR.Baidu))]


def test_org_with_release_verb_makes_product(run) -> None:
    state = run("OpenAI发布了ChatGPT")
    assert {(r.subject.iri, r.object.iri) for r in relations_of(state, "madeBy")} == {(str(KGR.ChatGPT), str(KGR.OpenAI))}


# ---------------------------------------------------------------- lineage


def test_lineage_chain(run) -> None:
    state = run("发展路线：循环神经网络-Transformer-ChatGPT")
    chain = {(r.subject.iri, r.object.iri) for r in relations_of(state, "evolvesInto")}
    assert chain == {(str(KGR.RNN), str(KGR.Transformer)), (str(KGR.Transformer), str(KGR.ChatGPT))}
    for r in relations_of(state, "evolvesInto"):
        assert r.evidence.rule == "structure:lineage"
    assert_offsets_true(state)


def test_lineage_unknown_stage_becomes_technology(run) -> None:
    state = run("技术路线：拼接合成阶段-循环神经网络")
    [stage] = mentions_of(state, "拼接合成")
    assert stage.cls == "Technology"
    assert {(r.subject.surface, r.object.iri) for r in relations_of(state, "evolvesInto")} == {
        ("拼接合成", str(KGR.RNN))}


def test_no_lineage_without_trigger(run) -> None:
    state = run("我们比较了循环神经网络-Transformer-ChatGPT")
    assert relations_of(state, "evolvesInto") == []


# ---------------------------------------------------------------- representative products


def test_representative_product_generates_the_heading_content_type(run) -> None:
    text = "# 内容生成\n\n**3）图像生成**\n\n**产品代表：**Midjourney\n"
    state = run(text)
    generates = [r for r in relations_of(state, "generates")
                 if r.subject.cls == "Product" and r.subject.label == "Midjourney"]
    assert len(generates) == 1
    relation = generates[0]
    assert relation.object.cls == "ContentType" and relation.object.label == "图像"
    assert "Midjourney" in relation.evidence.sentence
    assert state.document.text[relation.evidence.start:relation.evidence.end] == relation.evidence.sentence
    assert relation.evidence.rule == "structure:representative-product"


def test_representative_product_without_content_heading_generates_nothing(run) -> None:
    state = run("# 工具\n\n**产品代表：**Midjourney\n")
    assert relations_of(state, "generates") == []


# ---------------------------------------------------------------- kindOf


def test_divided_into_gives_two_kinds(run) -> None:
    state = run("将AIGC产品经理划分为：【大模型产品经理】 和 【AIGC应用产品经理】")
    kinds = relations_of(state, "kindOf")
    assert len(kinds) == 2
    assert {(r.subject.iri, r.object.iri) for r in kinds} == {
        (str(KGR.LLMProductManager), str(KGR.AIGCProductManager)),
        (str(KGR.AIGCApplicationProductManager), str(KGR.AIGCProductManager)),
    }


@pytest.mark.parametrize(
    "text",
    [
        "将AIGC产品经理划分为：【大模型产品经理】 和 【AIGC应用产品经理】，它们都是产品经理。",
        "## AIGC产品经理\n\n产品经理、大模型产品经理均属于这个范畴。",
        "大模型产品经理可以分为产品经理和AIGC应用产品经理",
    ],
)
def test_generic_product_manager_is_never_a_kind_of_a_specific_role(run, text: str) -> None:
    state = run(text)
    generic = str(KGR.ProductManager)
    assert mentions_of(state, "产品经理"), "the generic role must be mentioned for this test to mean anything"
    assert [r for r in relations_of(state, "kindOf") if r.subject.iri == generic] == []
    for r in relations_of(state, "kindOf"):
        assert r.subject.key != r.object.key


def test_belongs_to_this_category_under_a_role_heading(run) -> None:
    state = run("## AIGC产品经理\n\n大模型产品经理、AIGC应用产品经理均属于这个范畴。")
    assert {(r.subject.iri, r.object.iri) for r in relations_of(state, "kindOf")} == {
        (str(KGR.LLMProductManager), str(KGR.AIGCProductManager)),
        (str(KGR.AIGCApplicationProductManager), str(KGR.AIGCProductManager)),
    }


# ---------------------------------------------------------------- servesTeam, shouldKnow


def test_company_type_serves_team(run) -> None:
    state = run("如果你选择的是**模型厂**，那你服务的对象就是算法团队")
    serves = relations_of(state, "servesTeam")
    assert [(r.subject.iri, r.object.iri) for r in serves] == [(str(KGR.ModelMaker), str(KGR.AlgorithmTeam))]
    assert serves[0].subject.cls == "CompanyType" and serves[0].object.cls == "Team"


def test_no_serves_without_trigger(run) -> None:
    state = run("如果你选择的是**模型厂**，那你会认识算法团队")
    assert relations_of(state, "servesTeam") == []


def test_a_team_dealt_with_after_the_served_ones_is_not_served(run) -> None:
    state = run("在法律科技公司，产品经理名义上服务的是客户，实际上最常对接的是客户那边的法务团队。")
    assert relations_of(state, "servesTeam") == []
    assert ("产品经理", "法务团队") in pairs(state, "worksWith")


def test_a_served_team_may_follow_in_a_clause_going_on(run) -> None:
    state = run("如果你选择的是**模型厂**，你服务的对象可能是客户，也可能是算法团队。")
    assert [r.object.iri for r in relations_of(state, "servesTeam")] == [str(KGR.AlgorithmTeam)]


def test_learning_inside_deep_learning_does_not_trigger_should_know(run) -> None:
    # 学习 is a shouldKnow trigger, but here it only appears inside the name 深度学习
    state = run("AIGC产品经理关注深度学习与Transformer的进展。")
    assert {m.iri for m in state.mentions} >= {str(KGR.AIGCProductManager), str(KGR.DeepLearning), str(KGR.Transformer)}
    assert relations_of(state, "shouldKnow") == []


def test_should_know_with_a_real_trigger(run) -> None:
    state = run("AIGC产品经理需要了解深度学习与Transformer。")
    assert {(r.subject.iri, r.object.iri) for r in relations_of(state, "shouldKnow")} == {
        (str(KGR.AIGCProductManager), str(KGR.DeepLearning)),
        (str(KGR.AIGCProductManager), str(KGR.Transformer)),
    }


# ---------------------------------------------------------------- mentions are text-true


TRICKY = [
    "了解并使用过ChatGPT、FooGen、Midjourney 等工具",
    "用Ｓｔａｂｌｅ－Ｄｉｆｆｕｓｉｏｎ和Stable\u200bDiffusion及Stable–Diffusion画图",
    "# 转行**AIGC产品经理**\n\n1. **大模型产品经理**需要懂业务、数据处理能力😀。\n> 引用 `SD` 代码",
    "百度千帆大模型平台和字节扣子智能体都很火；openai 的 GPT 4 也是。",
    "发展路线：GAN/VAE/Flow-base模型 → 扩散模型 → Stable Diffusion 3",
    "参考[Midjourney教程](https://example.com/a?q=mj#sd)和\u3000Runaway\u00a0Gen-2",
]


@pytest.mark.parametrize("text", TRICKY)
def test_every_mention_surface_equals_the_text_slice(run, text: str) -> None:
    state = run(text)
    assert state.mentions, "each sample names something"
    assert_offsets_true(state)
    assert list(state.mentions) == sorted(state.mentions, key=lambda m: (m.start, m.end, m.cls, m.key))


FRAGMENTS = [
    "AIGC产品经理", "需要", "了解", "Midjourney", "、", "，", "。", "Stable Diffusion", "ＳＤ", "\u200b", "\u3000", "**",
    "数据处理能力", "的公司", "模型厂", "服务的对象", "算法团队", "发展路线：", "-", "Transformer", "FooGen", "等工具",
    "百度", "千帆", "平台", "\n", "# ", "😀", "C++", "深度学习", "[链接](https://x.com/mj)", "字节", "划分为", "产品经理",
]


@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
@hypothesis_settings(max_examples=60, deadline=None)
def test_random_fragment_mixes_keep_offsets_true(run, parts: list[str]) -> None:
    assert_offsets_true(run("".join(parts)))


# ---------------------------------------------------------------- registry


def test_registry_knows_the_builtin_extractors() -> None:
    assert {"lexicon", "open_vocabulary", "patterns"} <= set(kg.analyse.extract.available())


def test_unknown_extractor_name_raises_and_lists_the_known_ones(resources) -> None:
    with pytest.raises(ExtractorError) as raised:
        kg.analyse.extract.create(("lexicon", "no_such_extractor"), resources)
    message = raised.value.message
    assert "no_such_extractor" in message
    for name in kg.analyse.extract.available():
        assert name in message


def test_create_builds_extractors_in_order(resources) -> None:
    built = kg.analyse.extract.create(("patterns", "lexicon"), resources)
    assert [type(e).__name__ for e in built] == ["PatternExtractor", "LexiconExtractor"]


def test_layer_lists_become_in_layer_relations(run) -> None:
    state = run("# 标题\n\n*   **基础设施层：**AI芯片、AI计算集群、AI云服务\n*   **场景应用层：**文本、图像\n")
    pairs = {(r.subject.label, r.object.label) for r in state.relations if r.predicate == "inLayer"}
    assert {("AI芯片", "基础设施层"), ("AI云服务", "基础设施层"), ("文本", "场景应用层"), ("图像", "场景应用层")} <= pairs
    assert ("文本", "基础设施层") not in pairs


def test_a_maker_makes_every_product_listed_after_its_made_by_word(run) -> None:
    found = pairs(run("英伟达推出的A100和H100是目前大模型训练的主力GPU。"), "madeBy")
    assert {("A100", "英伟达"), ("H100", "英伟达")} <= found


@pytest.mark.parametrize("text, pair", [
    ("ChatGPT由OpenAI开发。", ("ChatGPT", "OpenAI")),
    ("Claude来自Anthropic。", ("Claude", "Anthropic")),
    ("Gemini是谷歌的多模态大模型。", ("Gemini", "谷歌")),
    ("国内的文心一言（百度）和豆包（字节）都在快速迭代。", ("文心一言", "百度")),
    ("谷歌也早在2021年5月就公布了LaMDA。", ("LaMDA", "谷歌")),
    ("Claude的开发商是Anthropic。", ("Claude", "Anthropic")),
    ("百度家的文心一言。", ("文心一言", "百度")),
    ("可灵（快手出品）表现不错。", ("可灵", "快手")),
    ("OpenAI先后推出了ChatGPT、GPT-4和Sora。", ("Sora", "OpenAI")),
    ("网络通畅时用v0，它是Vercel做的，一句话就能生成网页。", ("v0", "Vercel")),
    ("手上有两个产品：合同审查工具「衡律审」和类案检索工具「衡律类案」，都是衡律科技自研的。", ("衡律类案", "衡律科技")),
    ("Milvus是Zilliz主导的开源项目。", ("Milvus", "Zilliz")),
])
def test_a_maker_is_read_from_passives_origins_descriptions_and_brackets(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "madeBy")


@pytest.mark.parametrize("text", ["ChatGPT是OpenAI的竞争对手。", "Midjourney由David Holz创立。",
                                  "淘天旗下即时零售业务“小时达”正式升级为“淘宝闪购”。"])
def test_a_rival_or_a_founder_is_no_maker(run, text: str) -> None:
    assert pairs(run(text), "madeBy") == set()


@pytest.mark.parametrize("text", ["近两个月，快手旗下可灵AI、抖音旗下即梦AI先后推出扶持计划。",
                                  "360集团旗下的纳米AI搜索、钉钉的AI助理都已接入DeepSeek。"])
def test_a_listed_name_that_makes_or_modifies_something_is_not_made(run, text: str) -> None:
    assert not {maker for product, maker in pairs(run(text), "madeBy") if product in ("抖音", "钉钉")}


def test_stages_after_a_colon_evolve_one_into_the_next(run) -> None:
    found = pairs(run("人工智能的发展大致可以分成四个阶段：专家系统—机器学习—深度学习—大模型。"), "evolvesInto")
    assert {("专家系统", "机器学习"), ("机器学习", "深度学习"), ("深度学习", "大模型")} <= found


@pytest.mark.parametrize("text, name", [("最有名的例子是医疗诊断系统MYCIN。", "MYCIN"),
                                        ("谷歌最新的量子计算芯片Willow问世。", "Willow")])
def test_a_latin_name_after_a_system_or_chip_noun_is_a_product(run, text: str, name: str) -> None:
    assert (name, "Product") in {(m.surface, m.cls) for m in run(text).mentions}


STAGES = """**1）AI的发展阶段：**AI 的发展阶段大致可以分为三个阶段

决策式AI：

*   定义：基于规则做出决策的系统。

生成式AI：

*   定义：从数据中学习并生成新内容的系统。

**2）AI的知识体系**

知识图谱：

*   定义：不是一个阶段。
"""


def test_one_label_line_per_stage_after_a_line_about_stages_is_a_lineage(run) -> None:
    found = pairs(run(STAGES), "evolvesInto")
    assert found == {("决策式AI", "生成式AI")}


@pytest.mark.parametrize("text", [
    "ProductHunt 上搜数字人相关，基本也是以生成数字人视频类为主。",  # a place, not an agent
    "v0 使用 React、Tailwind CSS 和 Shadcn UI 等开源工具生成代码。",  # every tool after 使用 is a means
    "今年2月，喜马拉雅创作者大会也专门将主题定为“播客，我们玩个大的”。",  # 创作 only inside 创作者
    "这一功能允许用户上传文档、网页以及YouTube视频来生成由AI制作的音频播客。",  # the user makes it, from a video
])
def test_a_product_that_is_no_subject_of_the_generate_word_generates_nothing(run, text: str) -> None:
    assert pairs(run(text), "generates") == set()


def test_a_content_type_inside_a_modifier_is_not_what_is_generated(run) -> None:
    assert pairs(run("Sora能够生成具有3D一致性的视频。"), "generates") == {("Sora", "视频")}


def test_a_role_after_yu_is_a_partner_not_the_subject(run) -> None:
    text = "与赛道内头部、腰部、入门创作者进行一对一交流，了解各个阶段对于AI工具的认知。"
    assert pairs(run(text), "shouldKnow") == set()


@pytest.mark.parametrize("text", [
    "类似的，OpenAI CEO奥特曼也在博客中表示，OpenAI已经掌握构建AGI的方法。",  # the organisation knows, not the CEO
    "前面我们了解到目前国内版扣子面向开发者提供了免费版本。",  # the role comes after the know-word
    "他去面社交产品岗，对方问他：“你懂大模型微调吗？”",  # a question
    "**误解二：会用Midjourney就能当AI绘画师。**",  # a misconception
])
def test_a_role_in_the_sentence_is_not_always_the_one_who_should_know(run, text: str) -> None:
    assert pairs(run(text), "shouldKnow") == set()


def test_a_hedge_in_another_clause_does_not_cancel_what_a_role_should_know(run) -> None:
    text = "业务公司的AI应用产品经理不用自己从头训练，但至少要了解MoE、RLHF和长上下文这三个概念。"
    assert {("AI应用产品经理", "RLHF")} <= pairs(run(text), "shouldKnow")


@pytest.mark.parametrize("text, name, credible", [
    ("RAG自己也在进化，大致的路线是Naive RAG→Advanced RAG。", "Naive RAG", True),
    ("Modular RAG 把检索拆成模块。", "Modular RAG", True),
    ("Vidu基于团队自研的U-ViT架构。", "U-ViT", True),
    ("印度高等学院与MediSim VR合作建立实验室。", "MediSim VR", False),
    ("2024年9月，Shift Robotics推出了新品。", "Shift Robotics", False),
])
def test_a_named_variant_of_a_technology_is_credible_only_with_a_technical_modifier(run, text, name, credible) -> None:
    found = {m.surface: m for m in run(text).mentions}
    assert name in found and (found[name].cls == "Technology" and found[name].confidence >= 0.6) is credible


@pytest.mark.parametrize("text, wrong", [
    ("你就算跟企业创始人、产品人、设计人、营销人沟通时，心里都是有底气的！", "营销人沟通时"),
    ("王颖和吴嘉在集团里的位置和话语权不同。", "吴嘉在集团"),
])
def test_a_clause_is_no_name(run, text: str, wrong: str) -> None:
    assert wrong not in {m.surface for m in run(text).mentions}


def test_a_known_name_going_on_after_a_hyphen_is_another_name(run) -> None:
    state = run("字节的Seed团队先后推出了MagicVideo-V2、AnimateDiff-Lightning等多个模型。")
    assert ("AnimateDiff-Lightning", "Product") in {(m.surface, m.cls) for m in state.mentions}
    assert "AnimateDiff" not in {m.surface for m in state.mentions}
    chain = run("**发展路线（模型）：**循环神经网络-Transformer-ChatGPT")
    assert {("循环神经网络", "Transformer"), ("Transformer", "ChatGPT")} <= pairs(chain, "evolvesInto")


@pytest.mark.parametrize("text, name, cls", [
    ("零售上市公司重庆百货、物美科技集团和商贸龙头企业。", "物美科技集团", "Organization"),
    ("通过数势科技智能分析平台SwiftAgent，他们能直接获取数据洞察。", "SwiftAgent", "Product"),
    ("微软推出了GraphRAG。", "GraphRAG", "Technology"),
])
def test_discovered_names_keep_their_whole_span_and_kind(run, text: str, name: str, cls: str) -> None:
    assert (name, cls) in {(m.surface, m.cls) for m in run(text).mentions}


@pytest.mark.parametrize("text, wrong", [
    ("该计划指导设计师完成产品开发。", "计划指导设计师"),
    ("作者是经砺思资本的合伙人。", "经砺思资本"),
    ("论文提出了 Layer Normalization，作者表示效果更好。", "Layer Normalization"),
])
def test_descriptions_and_clauses_are_no_names(run, text: str, wrong: str) -> None:
    assert not any(m.surface == wrong and m.confidence >= 0.6 and m.cls in ("Role", "Organization", "Person")
                   for m in run(text).mentions)


def test_a_known_product_with_a_company_suffix_is_its_maker(run) -> None:
    state = run("Suno是美国创业公司Suno Inc.开发的AI音乐工具。")
    assert ("Suno Inc.", "Organization") in {(m.surface, m.cls) for m in state.mentions}
    assert ("Suno", "Suno Inc.") in pairs(state, "madeBy")
    assert not any(m.cls == "Organization" for m in run("她在一家AI Lab工作。").mentions)


def test_a_maker_goes_on_making_in_a_clause_that_continues_it(run) -> None:
    assert ("跃问", "阶跃星辰") in pairs(run("阶跃星辰发布了Step-2，并上线了跃问App。"), "madeBy")


@pytest.mark.parametrize("text, product", [
    ("不同于Meta和Google，他们开发了Runway，并发布了Gen-2。", "Runway"),
    ("腾讯发布了混元大模型，并发布到QQ、微信等平台。", "QQ"),
    ("用字节新上线的工具Trae开发了一个插件，并且顺利上线Chrome插件商店。", "Chrome"),
])
def test_a_continued_clause_needs_the_maker_as_subject_and_a_making_verb(run, text: str, product: str) -> None:
    assert not any(p == product for p, _ in pairs(run(text), "madeBy"))


@pytest.mark.parametrize("text, pair", [
    ("我的结论是：做AI产品运营，一定要用过ChatGPT和Kimi。", ("AI运营", "Kimi")),
    ("做多模态产品经理，扩散模型和图生视频的基本原理都得懂个大概。", ("多模态产品经理", "扩散模型")),
    ("想做AI产品经理，至少要搞懂RAG和Agent这两样东西。", ("AI产品经理", "RAG")),
])
def test_a_role_framed_by_doing_it_knows_what_the_next_clause_asks_for(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "shouldKnow")


def test_a_role_someone_was_does_not_know_what_they_learned_later(run) -> None:
    assert pairs(run("我原本是一名UI设计师，后来开始学习Midjourney。"), "shouldKnow") == set()


def test_the_verb_after_a_pronoun_is_no_part_of_a_role_name(run) -> None:
    roles = {m.surface for m in run("如果让我总结AI产品经理最需要的能力，我会列出场景挖掘。").mentions if m.cls == "Role"}
    assert roles == {"AI产品经理"}


@pytest.mark.parametrize("text, pair", [
    ("拼多多海外版产品Temu正在拓展海外业务。", ("Temu", "拼多多")),
    ("字节的另一款产品“豆包”是一个智能体平台。", ("豆包", "字节跳动")),
    ("字节仍然把最核心的资源给到了自家的豆包。", ("豆包", "字节跳动")),
    ("星核智能是一家专做端侧模型的创业公司，他们最早的星核-1B是个纯稠密模型。", ("星核-1B", "星核智能")),
    ("谷歌抓住机会，掏出自家的Veo 2与Sora对比。", ("Veo 2", "谷歌")),
])
def test_a_product_named_after_its_makers_descriptor_or_called_its_own_is_made_by_it(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "madeBy")


@pytest.mark.parametrize("text, pair", [
    ("仿小红书的产品Lemon8排第55。", ("Lemon8", "小红书")),
    ("Runway面临专业工具Adobe和轻量级产品剪映的竞争。", ("剪映", "Adobe")),
    ("谷歌抓住机会，掏出自家的Veo 2与Sora对比。", ("Sora", "谷歌")),
])
def test_a_likened_organisation_or_a_product_after_the_own_one_is_no_maker(run, text: str, pair) -> None:
    assert pair not in pairs(run(text), "madeBy")


def test_products_listed_before_the_maker_they_come_from_are_made_by_it(run) -> None:
    assert {("即梦", "字节跳动"), ("豆包", "字节跳动")} <= pairs(run("即梦和豆包都出自字节跳动。"), "madeBy")


@pytest.mark.parametrize("text, pair", [
    ("- **通义万相**：阿里的，基于DiT和流匹配。", ("通义万相", "阿里巴巴")),
    ("- **Replika**：Luka公司的老产品，比这波大模型热早了好几年。", ("Replika", "Luka")),
    ("- **团子桌宠**：栗团科技的作品，一只常驻屏幕角落的柴犬。", ("团子桌宠", "栗团科技")),
    ("- **心屿**：深圳心屿科技做的倾诉类App，主要用在心理咨询前的自助疏导。", ("心屿", "心屿科技")),
    ("至于Stable Diffusion，它出自Stability AI，和Midjourney一样。", ("Stable Diffusion", "Stability AI")),
])
def test_a_gloss_or_a_pronoun_names_the_maker_of_the_product_before_it(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "madeBy")


def test_a_gloss_that_names_an_organisation_and_its_own_product_makes_the_product_not_the_label(run) -> None:
    found = pairs(run("- **通义万相**：阿里的视频模型，对标谷歌的Veo。"), "madeBy")
    assert ("通义万相", "阿里巴巴") in found and ("通义万相", "谷歌") not in found


@pytest.mark.parametrize("text, pair", [
    ("ChatGPT、Kimi和豆包，每一个AI产品经理都应该深度用过——不是随便问两句。", ("AI产品经理", "Kimi")),
    ("如果想做大模型产品经理，还得进一步了解RLHF和Scaling Law。", ("大模型产品经理", "RLHF")),
    ("想做AIGC产品经理的话，Midjourney、Stable Diffusion和可灵这几个工具要亲手用过。", ("AIGC产品经理", "可灵")),
    ("下面这些概念，AI产品经理要能讲清楚：Transformer怎么工作、什么是预训练和微调。", ("AI产品经理", "微调")),
])
def test_what_a_role_should_know_put_first_in_a_frame_or_after_a_colon(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "shouldKnow")


def test_things_put_first_that_a_role_need_not_know_are_not_known(run) -> None:
    assert pairs(run("ChatGPT、Kimi和豆包，AI产品经理不一定要用过。"), "shouldKnow") == set()


def test_a_short_form_of_a_product_the_article_names_is_that_product(run) -> None:
    state = run("春节爆火的DeepSeek-R1，这个月的关键词是落地。R1是DeepSeek基于大规模强化学习训练的推理模型。")
    assert {(m.surface, m.label) for m in state.mentions if m.surface == "R1"} == {("R1", "DeepSeek-R1")}
    assert ("DeepSeek-R1", "强化学习") in pairs(state, "basedOn")


def test_a_company_founded_between_a_maker_and_a_product_makes_it(run) -> None:
    found = pairs(run("曾在百度智能硬件负责人吕聘创立公司Rabbit推出的R1很火。"), "madeBy")
    assert not any(maker == "百度" for _, maker in found)


@pytest.mark.parametrize("text, pair", [
    ("谷歌和DeepMind联合发布了Gemini。", ("Gemini", "谷歌")),
    ("豆包背后是字节跳动。", ("豆包", "字节跳动")),
    ("字节系的豆包很火。", ("豆包", "字节跳动")),
])
def test_joint_makers_the_company_behind_and_a_group_prefix_make_the_product(run, text: str, pair) -> None:
    assert pair in pairs(run(text), "madeBy")


def test_organisations_that_each_release_something_are_not_joint_makers(run) -> None:
    assert ("Gemini", "百度") not in pairs(run("百度和谷歌都发布了Gemini的对手。"), "madeBy")
