"""Names of companies and products that blind articles (unseen_43–50) coin: versions and sizes of any product, company
names the words around license, brands glued to an English word or a product head."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import mentions_of, pairs


def classes(state, surface: str) -> set[str]:
    return {m.cls for m in mentions_of(state, surface)}


@pytest.mark.parametrize("text, name", [
    ("面壁智能的MiniCPM-2B很小。", "MiniCPM-2B"),
    ("我们拿它和谷歌的Gemini Nano一起比过。", "Gemini Nano"),
    ("腾讯的混元Large基于MoE。", "混元Large"),
    ("Llama-2-70B更胜一筹。", "Llama-2-70B"),
])
def test_a_size_or_an_edition_after_a_known_product_is_a_product_of_its_own(run, text: str, name: str) -> None:
    assert classes(run(text), name) == {"Product"}


def test_a_range_of_versions_is_no_version(run) -> None:
    state = run("GPT 3.5-4 后能够写出更复杂的代码。")
    assert mentions_of(state, "GPT 3.5-4") == [] and classes(state, "GPT 3.5") == {"Product"}


def test_versions_of_a_discovered_product_are_products(run) -> None:
    state = run("启衡科技推出的启衡影语是一款影像产品，启衡影语1.0只能读片，启衡影语Pro面向三甲医院。")
    assert classes(state, "启衡影语1.0") == {"Product"} and classes(state, "启衡影语Pro") == {"Product"}


@pytest.mark.parametrize("text, name", [
    ("南京的砚池科技做了个编程助手。", "砚池科技"),
    ("另一家拾月科技走的是宠物路线。", "拾月科技"),
    ("星核智能是一家专做端侧模型的创业公司。", "星核智能"),
    ("北辰汽车的新车型用上了豆包大模型。", "北辰汽车"),
    ("我所在的北辰重工是一家做工程机械的传统企业。", "北辰重工"),
    ("深圳心屿科技做的倾诉类App很受欢迎。", "心屿科技"),  # the city before says where, it is no part of the name
    ("杭州镜湖智能今年发布了新模型。", "镜湖智能"),
    ("安衡保险今年上线了理赔助手。", "安衡保险"),
    ("最后我选了云帆数科。", "云帆数科"),  # the verb and 了 jieba glued to the name are none of it
])
def test_company_names_the_words_around_license(run, text: str, name: str) -> None:
    assert classes(run(text), name) == {"Organization"}


@pytest.mark.parametrize("text", ["全屋智能生态将整合大模型。", "中国汽车工业很强。", "赋能智能营销和智能客服。",
                                  "人工智能和在线教育都在变。", "买商业保险的人变多了。"])
def test_domain_words_before_a_weak_suffix_name_no_company(run, text: str) -> None:
    assert not any(m.cls == "Organization" for m in run(text).mentions)


@pytest.mark.parametrize("text, product", [
    ("南京的砚池科技做了个砚池Code，专门卖给券商。", "砚池Code"),
    ("杭州的镜语科技推出的镜语Motion专做数字人口播。", "镜语Motion"),
    ("群核科技推出了群核空间智能平台。", "群核空间智能平台"),
    ("杭州的深澜科技把自家的深澜-M1升级成了深澜-M2。", "深澜-M2"),
    ("星核智能是一家创业公司，后来迭代出星核-3B。", "星核-3B"),
    ("元造科技的文生3D产品元造3D 2.0本月上线。", "元造3D 2.0"),
    ("栖光科技的小公司不大。他们的栖光Lens 2只做语音识别。", "栖光Lens 2"),
    ("衡律科技有两个产品：合同审查工具「衡律审」和类案检索工具「衡律类案」。", "衡律审"),
    ("衡律科技有两个产品：合同审查工具「衡律审」和类案检索工具「衡律类案」。", "衡律类案"),
])
def test_a_brand_glued_to_a_word_or_a_product_head_names_a_product(run, text: str, product: str) -> None:
    assert classes(run(text), product) == {"Product"}


@pytest.mark.parametrize("text", ["星核智能的AI团队在招人。", "镜语科技的CEO表示，镜语PCG部门在扩张。",
                                  "衡律科技的员工说“衡律真不错，是家好公司”。"])
def test_a_brand_before_a_generic_word_or_an_acronym_is_no_product(run, text: str) -> None:
    assert not any(m.rule == "open:brand-product" for m in run(text).mentions)


def test_a_product_introduced_after_its_maker_and_kind_goes_on_as_subject(run) -> None:
    state = run("MiniMax的视频产品海螺AI在9月上线，能生成6秒的高清视频。")
    assert ("海螺AI", "视频") in pairs(state, "generates")


@pytest.mark.parametrize("text, name, cls", [
    ("江澜银行是一家城商行。", "江澜银行", "Organization"),
    ("我在上海一家叫启衡智算的金融科技公司做产品。", "启衡智算", "Organization"),
    ("**表哥AI**：格子数据做的表格插件。", "格子数据", "Organization"),
    ("**表哥AI**：格子数据做的表格插件。", "表哥AI", "Product"),
    ("**公司：** 知序教育", "知序教育", "Organization"),
    ("**禾查：理赔审核助手**", "禾查", "Product"),
    ("澜图科技做的是面向跨境电商卖家的Agent产品“澜图助理”。", "澜图助理", "Product"),
    ("| 工具 | 出品方 |\n|---|---|\n| 墨砚AI | 青简科技 |", "墨砚AI", "Product"),
    ("| 工具 | 出品方 |\n|---|---|\n| 墨砚AI | 青简科技 |", "青简科技", "Organization"),
])
def test_the_slot_a_name_fills_types_it(run, text: str, name: str, cls: str) -> None:
    assert classes(run(text), name) == {cls}


@pytest.mark.parametrize("text", ["我们是一家创业公司。", "为了提升用户体验推出的产品很多。", "**1）覆盖更多渠道**：除了浏览器插件，增加iOS覆盖。",
                                  "中国产品“走出去”往往只能走低价路线。", "**技术选型：选对工具**", "**产品：** 艺术风格在市场上具有差异化优势。"])
def test_a_clause_in_a_slot_is_no_name(run, text: str) -> None:
    assert not any(m.rule.startswith("slot:") for m in run(text).mentions)


def test_a_version_glued_to_a_coined_word_names_a_product_and_its_siblings(run) -> None:
    state = run("语音创业公司发布了语音合成模型声澜V3，比声澜V2好。DeepSeek-V3也不错。")
    assert classes(state, "声澜V3") == {"Product"} and classes(state, "声澜V2") == {"Product"}
    assert classes(run("奥特曼暗中吐槽V3大模型。"), "吐槽V3") == set()


def test_sub_headings_under_a_heading_over_products_name_products(run) -> None:
    state = run("## 二、这一年做了哪几个产品\n\n### 1. 溪言：营销文案助手\n\n### 4. 还没发布的：溪眼\n\n"
                "## 三、产品经理需要的能力\n\n### 1. 需求分析")
    assert classes(state, "溪言") == {"Product"}
    assert "Product" not in classes(state, "需求分析") and not any(m.surface == "还没发布的" for m in state.mentions)


@pytest.mark.parametrize("text, name, expected", [
    ("我们最后选了阿里云的text-embedding-v3做向量化。", "text-embedding-v3", {"Product"}),
    ("月之暗面的API里有moonshot-v1-8k和k0-math两个模型。", "k0-math", {"Product"}),
    ("月之暗面的API里有moonshot-v1-8k和k0-math两个模型。", "moonshot-v1-8k", {"Product"}),
    ("准确率看top-1，在线时长看soul-24h。", "top-1", set()),
    ("准确率看top-1，在线时长看soul-24h。", "soul-24h", set()),
])
def test_a_lowercase_model_identifier_is_a_product(run, text: str, name: str, expected: set) -> None:
    assert classes(run(text), name) == expected


def test_a_brand_and_a_name_the_article_keeps_using_is_a_product(run) -> None:
    text = "广州的画屿科技推出了画屿商拍，商家上传一张衣服照片就能出图。画屿商拍按张收费，画屿科技今年还要扩招。"
    state = run(text)
    assert classes(state, "画屿商拍") == {"Product"}
    assert ("画屿商拍", "画屿科技") in pairs(state, "madeBy")


@pytest.mark.parametrize("text", [
    "广州的画屿科技很有名。画屿发布了新模型，画屿发布了新工具。",  # a word of making
    "画屿科技在扩招。画屿智能做的产品不错，画屿智能的团队也在扩张。",  # the company again, with another suffix
    "画屿科技在扩招。画屿商拍按张收费。",  # once only
])
def test_a_brand_and_a_predicate_or_a_one_off_is_no_product(run, text: str) -> None:
    assert not any(m.rule == "open:brand-product" and m.cls == "Product" for m in run(text).mentions)


@pytest.mark.parametrize("text, name", [
    ("西门子和微软合作推出了Siemens Industrial Copilot，用于工业制造。", "Siemens Industrial Copilot"),
    ("蔚来则把NOMI升级成了NOMI GPT，能在车上讲故事。", "NOMI GPT"),
])
def test_latin_words_between_a_known_brand_and_a_known_product_name_a_product(run, text: str, name: str) -> None:
    assert classes(run(text), name) == {"Product"}


@pytest.mark.parametrize("text", ["深度求索的版本路线是DeepSeek-V2-DeepSeek-V3-DeepSeek-R1。", "我最常用的是Google Gemini。"])
def test_a_line_of_versions_or_a_company_and_its_product_is_no_new_product(run, text: str) -> None:
    assert not any(m.rule == "open:latin-branded-name" for m in run(text).mentions)
