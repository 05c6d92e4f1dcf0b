"""Stages: timed steps of a line of development joined by semicolons evolve one into the next."""

from __future__ import annotations

import pytest

from tests.unit.analyse.test_extract import pairs


@pytest.mark.parametrize("text, expected", [
    ("技术路线大致走了三步：最早是专家系统，靠专家手写规则；后来换成以BERT为代表的预训练模型，能做抽取；2023年之后，大模型接过了接力棒。",
     {("专家系统", "预训练模型"), ("预训练模型", "大模型")}),  # past the example (以BERT为代表的), the step's own name
    ("搜索技术上走了三步：早期是关键词检索，靠倒排索引；后来引入语义检索；再往后就是RAG。",
     {("关键词检索", "语义检索"), ("语义检索", "RAG")}),
    ("以前的类案检索靠关键词检索，律师得反复换词；后来行业普遍换成了语义检索。", {("关键词检索", "语义检索")}),
])
def test_joined_timed_steps_evolve_one_into_the_next(run, text: str, expected) -> None:
    assert pairs(run(text), "evolvesInto") >= expected


@pytest.mark.parametrize("text", [
    "最早是专家系统，靠专家手写规则。后来换成了预训练模型。",  # two statements, not one line of steps
    "最早是专家系统；大家都觉得预训练模型更好用。",  # no time word opens the second part
    "最早是专家系统；后来不一定换成预训练模型。",  # hedged
])
def test_no_stages_without_joined_timed_steps(run, text: str) -> None:
    assert not any(r.evidence.rule == "pattern:stages" for r in run(text).relations)
