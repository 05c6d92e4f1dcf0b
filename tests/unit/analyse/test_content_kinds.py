"""A ContentType names a kind of generated content: everyday documents outside such talk are no mentions."""

from __future__ import annotations

import pytest


def content_types(state) -> set[str]:
    return {m.label for m in state.mentions if m.cls == "ContentType"}


@pytest.mark.parametrize("text", ["投简历之前，先把JD里的要求对一遍。", "让它按功能维度整理成表格，能省下大半天。",
                                  "比如这封邮件是不是垃圾邮件。"])
def test_an_everyday_document_is_no_content_type(run, text: str) -> None:
    assert content_types(run(text)) == set()


@pytest.mark.parametrize("text, expected", [
    ("AIGC的内容类型包括文本、图像、音频和视频。", {"文本", "图像", "视频"}),
    ("Midjourney可以生成海报。", {"海报"}),
    ("设计“小说长文本 → 分镜脚本 → 连续画面”的提示词模板。", {"分镜脚本"}),
    ("讯飞星火续写的故事非常详细，GPT生成的成本分析报表要小心幻觉。", {"故事", "报表"}),
])
def test_content_spoken_of_as_generated_or_listed_with_kinds_stays(run, text: str, expected: set[str]) -> None:
    assert expected <= content_types(run(text))


@pytest.mark.parametrize("text, expected", [
    ("用户上传一份合同，它会标出风险条款，最后生成一份审查意见书。", {"审查意见书"}),
    ("律正云庭能生成庭审笔录摘要和裁判文书初稿，用在智慧法院项目里。", {"庭审笔录摘要", "裁判文书"}),
    ("知隙能生成文献综述和参考文献列表。", {"文献综述", "参考文献列表"}),
    ("每通电话结束后自动生成通话小结。", {"通话小结"}),
    ("医生可以快速浏览AI生成的病史摘要。", {"病史摘要"}),  # (生成的: what is generated)
    ("它能生成带标注的用户旅程图。", {"用户旅程图"}),  # (a modifier ending in 的 between)
    ("AI能生成设计稿的初版，设计师再改。", {"设计稿"}),  # (the name right after the verb comes first)
])
def test_an_unknown_name_with_a_content_head_after_generate_is_a_content_type(run, text: str, expected: set[str]) -> None:
    found = [m for m in run(text).mentions if m.cls == "ContentType" and m.label in expected]
    assert {m.label for m in found} == expected
    assert {m.rule for m in found} == {"open:content-head"}


@pytest.mark.parametrize("text, unwanted", [
    ("ChatGPT可以写作文、翻译文章。", "翻译文章"),  # 翻译 is a verb of its own
    ("产品经理要定期输出竞品分析报告。", "竞品分析报告"),  # people turn out reports: 输出 is no machine's verb
    ("能生成持仓分析图表。", "持仓分析图表"),  # the known 图表 stays the name
    ("生成报告模板很方便。", "报告模板"),  # the head is 模板, no content head
])
def test_no_content_type_from_a_verb_a_person_phrase_or_a_known_head(run, text: str, unwanted: str) -> None:
    assert unwanted not in content_types(run(text))
