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
])
def test_content_spoken_of_as_generated_or_listed_with_kinds_stays(run, text: str, expected: set[str]) -> None:
    assert expected <= content_types(run(text))
