"""A name discovered once is the same entity wherever else the article writes it, on word boundaries only."""

from __future__ import annotations

from tests.unit.analyse.test_extract import pairs

INTRODUCED = "我负责的产品叫知行助手，是云岫科技推出的问答产品。"


def test_a_discovered_name_is_found_again_in_later_sentences(run) -> None:
    state = run(INTRODUCED + "知行助手主要用于企业内部的智能问答。云岫科技还在招聘AI产品经理。")
    assert [m.cls for m in state.mentions if m.surface == "知行助手"] == ["Product", "Product"]
    assert ("知行助手", "智能问答") in pairs(state, "appliedIn")
    assert ("云岫科技", "AI产品经理") in pairs(state, "hires")


def test_a_discovered_name_inside_a_longer_word_or_name_is_not_found_again(run) -> None:
    state = run("这款名为“妙笔”的工具上线了。他写文章总是妙笔生花。妙笔的用户很多。")
    found = [state.document.text[m.start:m.end + 2] for m in state.mentions if m.surface == "妙笔"]
    assert found == ["妙笔”的", "妙笔的用"]


def test_a_discovered_name_found_again_replaces_the_shorter_names_inside_it(run) -> None:
    state = run("主打产品叫“妙笔文案助手”。妙笔文案助手基于大语言模型和RAG。")
    assert [m.cls for m in state.mentions if m.surface == "妙笔文案助手"] == ["Product", "Product"]
    assert not any(m.surface == "文案" for m in state.mentions)
    assert {("妙笔文案助手", "大语言模型"), ("妙笔文案助手", "RAG")} <= pairs(state, "basedOn")
