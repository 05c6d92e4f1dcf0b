"""Tests of kg.analyse.corpus_stats (neighbour entropy, document frequency, the confidence policy) and of its use by
kg.analyse.resolve on tiny synthetic corpora: a fragment falls under the bar, a corroborated name keeps or gains, a
one-article build punishes nobody, and the outcome does not depend on document order."""

from __future__ import annotations

import math

import pytest

from kg.analyse.corpus_stats import (
    CORROBORATION_BONUS,
    FRAGMENT_PENALTY,
    MIN_CORPUS_DOCUMENTS,
    ONE_OFF_PENALTY,
    NameStats,
    adjusted_confidence,
    corpus_adjustment,
    name_stats,
    neighbour_entropy,
)
from kg.analyse.extract.mentions import new_mention
from kg.core.model import Extraction
from kg.analyse.resolve import resolve

# ---------------------------------------------------------------- neighbour entropy


def test_entropy_of_one_repeated_neighbour_is_zero() -> None:
    assert neighbour_entropy({"商": 7}) == 0.0


def test_entropy_of_evenly_varied_neighbours_is_log2_of_their_number() -> None:
    assert neighbour_entropy({"的": 1, "是": 1, "和": 1, "在": 1}) == pytest.approx(2.0)
    assert neighbour_entropy({"的": 2, "是": 2}) == pytest.approx(1.0)


def test_each_delimiter_or_text_edge_counts_as_a_new_neighbour() -> None:
    assert neighbour_entropy({}, open_edges=4) == pytest.approx(2.0)
    assert neighbour_entropy({"的": 2}, open_edges=2) == pytest.approx(-0.5 * math.log2(0.5) + 0.5 * math.log2(4))


def test_entropy_without_neighbours_is_zero() -> None:
    assert neighbour_entropy({}) == 0.0


# ---------------------------------------------------------------- occurrences and document frequency


def test_occurrences_and_documents_count_every_spelling_in_every_text() -> None:
    texts = ["我们用AI Agent做客服，ai agent很好用。", "没有提到它。", "AI Agent和提示词工程"]
    stats = name_stats(texts, {"agent": {"AI Agent"}, "prompt": {"提示词工程"}, "absent": {"不存在的名字"}})
    assert stats["agent"].occurrences == 3 and stats["agent"].documents == 2  # Latin letters match in any case
    assert stats["prompt"].occurrences == 1 and stats["prompt"].documents == 1
    assert "absent" not in stats


def test_latin_name_inside_a_longer_latin_word_is_not_an_occurrence() -> None:
    stats = name_stats(["ChatGPT很火，GPT-4也是，GPTs不算"], {"gpt": {"GPT"}})
    assert stats["gpt"].occurrences == 1  # only "GPT-4": 'ChatGPT' and 'GPTs' are other words


def test_a_name_inside_a_longer_chinese_word_still_occurs_there() -> None:
    stats = name_stats(["电信运营商很多。电信运营商A。电信运营商B。"], {"telecom": {"电信运营"}})
    assert stats["telecom"].occurrences == 3
    assert stats["telecom"].right_entropy == 0.0  # always followed by 商


def test_two_spellings_of_one_name_are_counted_once_per_document() -> None:
    stats = name_stats(["FooGen 和 Foo-Gen"], {"foogen": {"FooGen", "Foo-Gen"}})
    assert stats["foogen"].occurrences == 2 and stats["foogen"].documents == 1


def test_one_character_spellings_are_not_searched() -> None:
    assert name_stats(["猫猫猫"], {"cat": {"猫"}}) == {}


def test_a_fragment_has_a_fixed_neighbour_and_a_name_has_varied_ones() -> None:
    texts = ["这很考验产品经理的能力。", "它考验产品经理的耐心，也考验产品经理的判断，还考验产品经理的审美。",
             "提示词工程是新技能；学提示词工程，懂提示词工程和提示词工程师都不同。"]
    stats = name_stats(texts, {"fragment": {"考验产品经理"}, "name": {"提示词工程"}})
    fragment, name = stats["fragment"], stats["name"]
    assert fragment.occurrences == 4 and fragment.right_entropy == 0.0
    assert name.occurrences == 4 and min(name.left_entropy, name.right_entropy) >= 1.0


def test_name_stats_does_not_depend_on_the_order_of_names_or_spellings() -> None:
    texts = ["甲乙丙丁，乙丙丁甲。", "丙丁甲乙"]
    forward = name_stats(texts, {"a": ["甲乙", "丙丁"], "b": ["乙丙"]})
    backward = name_stats(texts, dict(reversed(list({"a": ["丙丁", "甲乙"], "b": ["乙丙"]}.items()))))
    assert forward == backward
    assert list(forward) == sorted(forward)


# ---------------------------------------------------------------- the policy


def stats(occurrences: int, documents: int, left: float = 3.0, right: float = 3.0) -> NameStats:
    return NameStats(occurrences, documents, left, right)


def test_a_fixed_neighbour_is_penalised_once_there_are_enough_occurrences() -> None:
    assert corpus_adjustment(stats(4, 1, right=0.0), 1, 1) == FRAGMENT_PENALTY < 0
    assert corpus_adjustment(stats(3, 1, right=0.0), 1, 1) == 0.0  # three occurrences: too few to judge


def test_a_corroborated_name_with_varied_neighbours_gains_a_little() -> None:
    assert corpus_adjustment(stats(6, 3), 3, 3) == CORROBORATION_BONUS > 0
    assert corpus_adjustment(stats(6, 3), 1, 3) == 0.0  # extracted from one article only


def test_a_one_off_loses_only_in_a_corpus() -> None:
    assert corpus_adjustment(stats(1, 1), 1, MIN_CORPUS_DOCUMENTS) == ONE_OFF_PENALTY < 0
    assert corpus_adjustment(stats(1, 1), 1, MIN_CORPUS_DOCUMENTS - 1) == 0.0
    assert corpus_adjustment(stats(2, 2), 1, MIN_CORPUS_DOCUMENTS) == 0.0  # its text recurs in another article


def test_no_statistics_means_no_change() -> None:
    assert corpus_adjustment(None, 5, 100) == 0.0
    assert adjusted_confidence(0.65, None, 5, 100) == 0.65


def test_adjusted_confidence_is_rounded_and_bounded() -> None:
    assert adjusted_confidence(0.7, stats(1, 1), 1, MIN_CORPUS_DOCUMENTS) == 0.6  # not 0.59999…
    assert adjusted_confidence(0.2, stats(9, 1, left=0.0), 1, 1) == 0.0
    assert adjusted_confidence(0.9, stats(9, 3), 3, 3) == 0.95
    assert adjusted_confidence(0.95, stats(9, 3), 3, 3) == 0.95  # never above MAX_DISCOVERED_CONFIDENCE


# ---------------------------------------------------------------- in resolve, on tiny corpora


def extraction(make_doc, doc_id: str, text: str, names: dict[str, tuple[str, float]]) -> Extraction:
    """A document whose first occurrence of each name is a discovered mention of (class, confidence)."""
    doc = make_doc(text, doc_id)
    mentions = []
    for name, (cls, confidence) in names.items():
        start = doc.text.index(name)
        mentions.append(new_mention(doc, start, start + len(name), cls, "test:open", confidence))
    return Extraction(doc, (), tuple(sorted(mentions, key=lambda m: (m.start, m.end))), ())


def confidences(resolved) -> dict[str, tuple[float, bool]]:
    """label → (confidence, in the graph)."""
    found = {e.label: (e.confidence, True) for e in resolved.entities}
    found.update({c.label: (c.confidence, False) for c in resolved.candidates})
    return found


FILLER = ["今天天气不错，我们去公园散步。", "这篇文章讲的是烹饪。", "读书使人进步。"]


def corpus(make_doc, size: int) -> list[Extraction]:
    """`size` articles: one with the fragment 电信运营 (of 电信运营商) and the one-off 灵犀画板, three with the
    name 提示词工程 between varied neighbours, the rest filler."""
    articles = [
        extraction(make_doc, "a00.md", "包括电信运营商、云厂商。电信运营商在变。电信运营商很多，电信运营商也做AI。灵犀画板很好用。",
                   {"电信运营": ("Industry", 0.7), "灵犀画板": ("Product", 0.65)}),
        extraction(make_doc, "a01.md", "提示词工程是新技能，学好提示词工程。", {"提示词工程": ("Skill", 0.7)}),
        extraction(make_doc, "a02.md", "懂提示词工程和Python。", {"提示词工程": ("Skill", 0.7)}),
        extraction(make_doc, "a03.md", "“提示词工程”不难。", {"提示词工程": ("Skill", 0.7)}),
    ]
    for i in range(len(articles), size):
        articles.append(extraction(make_doc, f"a{i:02d}.md", FILLER[i % len(FILLER)], {}))
    return articles


def test_a_fragment_falls_under_the_bar_and_a_corroborated_name_gains(make_doc, resources) -> None:
    found = confidences(resolve(corpus(make_doc, 5), resources.ontology, resources.lexicon, 0.6))
    assert found["电信运营"] == (0.4, False)  # 4 occurrences, always before 商: a review candidate
    assert found["提示词工程"] == (0.75, True)  # 3 articles, varied neighbours
    assert found["灵犀画板"] == (0.65, True)  # a one-off of a five-article build is not punished


def test_a_one_off_of_a_corpus_becomes_a_candidate(make_doc, resources) -> None:
    found = confidences(resolve(corpus(make_doc, MIN_CORPUS_DOCUMENTS), resources.ontology, resources.lexicon, 0.6))
    assert found["灵犀画板"] == (0.55, False)
    assert found["提示词工程"] == (0.75, True)


def test_a_one_article_build_does_not_punish_a_well_formed_name(make_doc, resources) -> None:
    single = [extraction(make_doc, "one.md", "我们团队用灵犀画板做海报。", {"灵犀画板": ("Product", 0.65)})]
    found = confidences(resolve(single, resources.ontology, resources.lexicon, 0.6))
    assert found["灵犀画板"] == (0.65, True)


def test_the_outcome_does_not_depend_on_document_order(make_doc, resources) -> None:
    articles = corpus(make_doc, MIN_CORPUS_DOCUMENTS)
    forward = resolve(articles, resources.ontology, resources.lexicon, 0.6)
    backward = resolve(list(reversed(articles)), resources.ontology, resources.lexicon, 0.6)
    assert forward.entities == backward.entities and forward.candidates == backward.candidates


def test_a_one_off_name_a_sentence_states_a_fact_about_keeps_its_confidence() -> None:
    assert corpus_adjustment(stats(1, 1), 1, MIN_CORPUS_DOCUMENTS, in_a_fact=True) == 0.0
    assert corpus_adjustment(stats(4, 1, right=0.0), 1, MIN_CORPUS_DOCUMENTS, in_a_fact=True) == FRAGMENT_PENALTY
