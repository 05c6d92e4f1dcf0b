"""A newer version of a product line is made by the maker of the version it evolves from, never across lines."""

from __future__ import annotations

from tests.unit.analyse.test_extract import pairs


def test_the_maker_passes_down_a_product_line(run) -> None:
    state = run("智谱的GLM-4在8月升级为GLM-4-Plus，后来又升级为GLM-4.5。")
    assert {("GLM-4-Plus", "智谱"), ("GLM-4.5", "智谱")} <= pairs(state, "madeBy")
    inferred = [r for r in state.relations if r.evidence.rule == "inferred:family-maker"]
    assert inferred and all(r.evidence.sentence.startswith("智谱的GLM-4") for r in inferred)


def test_a_product_of_another_line_or_with_its_own_maker_keeps_its_own(run) -> None:
    state = run("OpenAI推出了ChatGPT，后来演进成了DeepSeek-R1。百度推出了文心一言，文心一言升级为文心一言4.0，由百度智能云发布。")
    made = pairs(state, "madeBy")
    assert ("DeepSeek-R1", "OpenAI") not in made
    inferred = {r.subject.surface for r in state.relations if r.evidence.rule == "inferred:family-maker"}
    assert "DeepSeek-R1" not in inferred
    assert "文心一言4.0" not in inferred and any(r.subject.surface == "文心一言4.0" for r in state.relations
                                                if r.predicate == "madeBy")


def test_two_platforms_glued_in_a_list_are_no_maker_and_product(run) -> None:
    assert pairs(run("现在大家卖货都要发小红书抖音，买东西只考虑京东天猫。"), "madeBy") == set()
    assert ("文心一言", "百度") in pairs(run("百度文心一言很强。"), "madeBy")  # (its own maker, glued as usual)


def test_a_company_that_upgrades_one_product_into_another_makes_both(run) -> None:
    found = pairs(run("蔚来则把NOMI升级成了NOMI GPT，能在车上讲故事。"), "madeBy")
    assert {("NOMI", "蔚来"), ("NOMI GPT", "蔚来")} <= found
    assert pairs(run("腾讯把DeepSeek接入了微信。"), "madeBy") == set()


def test_a_companys_line_of_models_is_made_by_it(run) -> None:
    text = "Anthropic的模型从Claude 3.5 Sonnet升级到Claude 3.7 Sonnet，再到五月发布的Claude 4。"
    assert {("Claude 3.5 Sonnet", "Anthropic"), ("Claude 4", "Anthropic")} <= pairs(run(text), "madeBy")
