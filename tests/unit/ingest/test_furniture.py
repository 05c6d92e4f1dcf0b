"""Page furniture at the end of an article: the author line is metadata, whatever markdown it is written in."""

from __future__ import annotations

import pytest

from kg.ingest.text import furniture_lines


@pytest.mark.parametrize("byline", ["作者：表哥，前数据分析师，现AIGC产品经理", "#### 作者：阿柚在招人，游戏行业HR",
                                    "**作者：**阿柚"])
def test_an_author_line_and_what_follows_it_are_furniture(byline: str) -> None:
    lines = ["正文第一段。", "正文第二段。", "正文第三段。", byline, "本文由 @阿柚 原创发布于人人都是产品经理。"]
    assert furniture_lines(lines) >= {3, 4} and not furniture_lines(lines) & {0, 1, 2}


def test_a_sentence_about_authors_is_no_author_line() -> None:
    assert furniture_lines(["正文。", "很多作者：都喜欢这样写。", "结尾。"]) == set()
