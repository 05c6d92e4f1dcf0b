"""Coined product names a gloss types: 禾伴是个数字人陪练, 发布了法律大模型衡律, “问北辰”——一个…助手, 问北辰基于RAG; and the
clauses, reports and kinds of thing that look like them but name nothing."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_brands import classes
from tests.unit.analyse.test_extract import mentions_of, pairs


@pytest.mark.parametrize("text, name", [
    ("桔映是个帮门店写点评回复的小助手，上线半年了。", "桔映"),
    ("云杉数科做的芊语是一款面向银行坐席的质检工具。", "芊语"),
    ("它家的鹿鸣小秘是给销售用的客户跟进助手，能自动写周报。", "鹿鸣小秘"),
    ("其中墨栖AI是一个做海报的设计工具。", "墨栖AI"),
    ("法务科技公司正禾发布了合同大模型衡契，专门用于合同审查。", "衡契"),
    ("去年我们立项做“问渠”——一个给客服用的知识库问答助手。", "问渠"),
    ("技术上，栎问基于RAG，先检索再生成。", "栎问"),
    ("网易推出的网易云枢，把大模型接进了工单系统。", "网易云枢"),
    ("# 陪伴产品\n\n- **呼噜**：绒芽科技做的AI玩偶，语音唤醒靠端侧推理。", "呼噜"),
    ("# 陪伴产品\n\n- **夜语**：微光互动出品，只在晚上开放。", "夜语"),
    ("上海的青梧数科做了一款“青梧投研”，基于RAG。", "青梧投研"),
    ("元坯科技的造物3D能从一张原画生成三维模型。", "造物3D"),
])
def test_a_coined_name_the_sentence_glosses_is_a_product(run, text: str, name: str) -> None:
    assert classes(run(text), name) == {"Product"}


def test_a_glossed_name_is_found_again_where_the_article_repeats_it(run) -> None:
    state = run("桔映是个帮门店写点评回复的小助手。桔映上线三个月，差评回复率翻了一倍。")
    assert len(mentions_of(state, "桔映")) == 2


def test_the_product_a_gloss_names_gets_its_relations(run) -> None:
    assert ("栎问", "RAG") in pairs(run("技术上，栎问基于RAG，先检索再生成。"), "basedOn")


@pytest.mark.parametrize("text", [
    "用户画像是一个很重要的分析工具。",  # dictionary words: a kind of thing
    "交付物是一个能用、好用的产品。",
    "腾讯最新发布的财报，利润又涨了。",  # a report, and no maker right before the verb
    "推荐系统的主力也依然是深度学习模型。",  # adverbs: a clause, not a name
    "模型发布带来大语言模型爆火后，我开始做笔记产品。",  # a time
    "字节推出的AI对话助手，用户涨得很快。",  # AI + a product head: a kind of thing
    "BP算法基于梯度下降，逐层调整参数。",  # Latin + a dictionary noun: a technique
    "# 选型\n\n- **技术选型**：百度推出的文心一言，我们一直在用。",  # the gloss is about a product of its own
    "京东推出了一个“以练促学”的活动。",  # a quoted slogan: dictionary words
    "京东的杨笠事件就是个例子。",
])
def test_clauses_reports_and_kinds_of_thing_are_no_glossed_names(run, text: str) -> None:
    assert not any(m.rule.startswith("glossed:") for m in run(text).mentions)
