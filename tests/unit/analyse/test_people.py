"""Unknown people named in a person's place become Person mentions; surname characters elsewhere do not."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, name", [
    ("产品负责人陈默表示，大模型将改变搜索。", "陈默"),
    ("我的朋友林溪原来是UI设计师。", "林溪"),
    ("面试官周宁问我为什么转行。", "周宁"),
    ("大学室友阿哲也转了行。", "阿哲"),
    ("据张伟介绍，团队有30人。", "张伟"),
    ("李涛也认为，至少三年内不会变。", "李涛"),
    ("王颖补充道。", "王颖"),
])
def test_a_name_after_a_word_for_a_person_or_before_a_verb_of_saying_is_a_person(run, text: str, name: str) -> None:
    assert (name, "Person") in {(m.surface, m.cls) for m in run(text).mentions}


@pytest.mark.parametrize("text", ["简单来说，机器学习就是拟合。", "创始人曾说过：我们不是在造车。", "同事们都说好。",
                                  "老师说这个不行。", "L2 单轮问答：机器人能回答。", "经理还说，明天开会。"])
def test_surname_characters_in_other_words_are_no_people(run, text: str) -> None:
    assert not any(m.rule == "open:person-context" for m in run(text).mentions)


@pytest.mark.parametrize("text, name", [
    ("另一条是我大学室友林溪的——她原来是UI设计师。", "林溪"),
    ("我们知序科技的AI训练师阿哲，是从人工客服转岗过来的。", "阿哲"),
    ("编者按：受访者周屹，现任产品负责人。", "周屹"),
])
def test_a_guest_a_colleague_in_a_role_and_a_possessive_name_are_people(run, text: str, name: str) -> None:
    assert name in {m.surface for m in run(text).mentions if m.cls == "Person"}


def test_a_surname_character_before_a_verb_is_no_name(run) -> None:
    assert not any(m.cls == "Person" for m in run("作者曾提出一个观点。").mentions)


@pytest.mark.parametrize("text, name", [("答：我叫Lydia，现在在智谱做模型产品经理。", "Lydia"), ("我叫林溪，是一名设计师。", "林溪")])
def test_a_name_someone_introduces_themselves_by_is_a_person(run, text: str, name: str) -> None:
    assert (name, "Person") in {(m.surface, m.cls) for m in run(text).mentions}


def test_what_someone_calls_a_thing_is_no_person(run) -> None:
    assert not any(m.cls == "Person" for m in run("我叫它小助手，它每天帮我写周报。").mentions)


def test_an_apostrophe_joins_a_latin_name_and_never_starts_one(run) -> None:
    state = run("VML的包容体验咨询公司副总裁La’Zette Lafontant表示，原则对所有人都有益。Lowe’s Style Studio很受欢迎。")
    surfaces = {m.surface: m.cls for m in state.mentions}
    assert surfaces.get("La’Zette Lafontant") == "Person" and "Zette Lafontant" not in surfaces
    assert not any(s.startswith("s ") for s in surfaces)


def test_a_latin_name_glossed_as_a_person_is_a_person_and_a_firm_with_a_partner_is_not(run) -> None:
    found = {(m.surface, m.cls) for m in run("早期投资人包括 Chris Sacca（Twitter早期天使投资人）以及 Foundation Capital 的合伙人查尔斯。").mentions}
    assert ("Chris Sacca", "Person") in found and ("Foundation Capital", "Person") not in found
