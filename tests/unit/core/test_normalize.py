"""Tests of kg.core.normalize: match keys, display labels and folded text that maps back to source offsets."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kg.core.normalize import clean_label, fold, fold_text, is_cjk, is_word_char, match_key

STABLE_DIFFUSION_VARIANTS = [
    "Stable-Diffusion",
    "Stable Diffusion",
    "stable diffusion",
    "Ｓｔａｂｌｅ－Ｄｉｆｆｕｓｉｏｎ",  # fullwidth letters and hyphen
    "Stable\u2011Diffusion",  # non-breaking hyphen
    "Stable\u2013Diffusion",  # en dash
    "Stable\u200bDiffusion",  # zero-width space
    "STABLE_DIFFUSION",
    "Stable\u3000Diffusion",  # ideographic space
    "Stable\u00a0Diffusion",  # no-break space
]

# Characters a display label must never start or end with, and must never contain (bidi controls, zero-width).
BIDI_AND_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2060\ufeff\u00ad"


# ---------------------------------------------------------------- match_key


@pytest.mark.parametrize("variant", STABLE_DIFFUSION_VARIANTS)
def test_match_key_folds_spelling_variants_to_one_key(variant: str) -> None:
    assert match_key(variant) == "stablediffusion"


def test_all_stable_diffusion_variants_share_one_key() -> None:
    assert len({match_key(v) for v in STABLE_DIFFUSION_VARIANTS}) == 1


def test_zero_width_joiner_inside_chinese_is_ignored() -> None:
    assert match_key("人工\u200d智能") == match_key("人工智能") == "人工智能"


@pytest.mark.parametrize("invisible", ["\u00ad", "\u202e", "\u200e", "\ufeff", "\u2060"])
def test_soft_hyphen_and_bidi_controls_are_stripped(invisible: str) -> None:
    assert match_key(f"Mid{invisible}journey") == "midjourney"
    assert match_key(f"{invisible}Midjourney{invisible}") == "midjourney"


def test_space_and_hyphen_before_a_version_are_the_same() -> None:
    assert match_key("GPT 4") == match_key("GPT-4") == match_key("gpt4")


def test_plus_and_sharp_are_kept_and_distinguish_languages() -> None:
    assert match_key("C++") == "c++"
    assert match_key("C#") == "c#"
    assert match_key("C++") != match_key("C#")
    assert match_key("C++") != match_key("C")


def test_dots_are_kept_because_they_separate_versions() -> None:
    assert match_key("FLUX.1") == "flux.1"
    assert match_key("GPT-4.5") != match_key("GPT-45")


def test_middle_dots_are_separators() -> None:
    assert match_key("Leonardo·Ai") == match_key("Leonardo Ai") == match_key("LeonardoAi")


def test_different_names_keep_different_keys() -> None:
    assert match_key("Midjourney") != match_key("Stable Diffusion")
    assert match_key("人工智能") != match_key("智能")


def test_fold_of_one_character() -> None:
    assert fold("Ａ") == "a"
    assert fold("-") == ""
    assert fold("\u200b") == ""
    assert fold("中") == "中"


@given(st.text(max_size=40))
@hypothesis_settings(max_examples=200, deadline=None)
def test_match_key_is_idempotent_and_has_no_ignorable_characters(text: str) -> None:
    key = match_key(text)
    assert match_key(key) == key
    assert not any(unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Pd") for ch in key)


# ---------------------------------------------------------------- clean_label


@pytest.mark.parametrize("invisible", list(BIDI_AND_ZERO_WIDTH))
def test_clean_label_strips_bidi_and_zero_width(invisible: str) -> None:
    assert clean_label(f"{invisible}Mid{invisible}journey{invisible}") == "Midjourney"


def test_clean_label_collapses_ideographic_space_nbsp_and_tabs() -> None:
    assert clean_label("AIGC\u3000产品\u00a0\u00a0经理\t\tX") == "AIGC 产品 经理 X"
    assert clean_label("\u3000\u00a0\t Stable \n Diffusion \u3000") == "Stable Diffusion"


def test_clean_label_keeps_symbols_of_names() -> None:
    assert clean_label("C++") == "C++"
    assert clean_label("C#") == "C#"
    assert clean_label("GPT-4.5") == "GPT-4.5"


def test_clean_label_composes_to_nfc() -> None:
    assert clean_label("Cafe\u0301") == "Caf\u00e9"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@hypothesis_settings(max_examples=300, deadline=None)
def test_clean_label_has_no_invisible_edges_or_runs_of_space(text: str) -> None:
    label = clean_label(text)
    assert label == label.strip()
    assert "  " not in label
    for ch in label:
        assert unicodedata.category(ch) not in ("Cf", "Cc", "Zl", "Zp"), repr(ch)
        assert not ch.isspace() or ch == " ", repr(ch)
    if label:
        for edge in (label[0], label[-1]):
            assert not edge.isspace() and unicodedata.category(edge) not in ("Cf", "Cc", "Zs")


@pytest.mark.parametrize("invisible", ["\u3164", "\u034f", "\u115f"])
def test_clean_label_strips_default_ignorable_edges(invisible: str) -> None:
    assert clean_label(f"{invisible}Midjourney{invisible}") == "Midjourney"


# ---------------------------------------------------------------- fold_text


def test_fold_text_maps_spans_back_to_the_source() -> None:
    text = "用Ｓｔａｂｌｅ－Ｄｉｆｆｕｓｉｏｎ画图"
    folded = fold_text(text, base=100)
    at = folded.folded.index("stablediffusion")
    start, end = folded.source_span(at, at + len("stablediffusion"))
    assert text[start - 100:end - 100] == "Ｓｔａｂｌｅ－Ｄｉｆｆｕｓｉｏｎ"


def test_fold_text_skips_zero_width_characters_in_the_map() -> None:
    text = "A\u200bB-C"
    folded = fold_text(text)
    assert folded.folded == "abc"
    assert folded.origin == (0, 2, 4)
    assert folded.source_span(0, 3) == (0, 5)


def test_fold_text_expanding_characters_keep_their_origin() -> None:
    folded = fold_text("xﬁy")  # the ligature NFKC-folds to two letters
    assert folded.folded == "xfiy"
    assert folded.origin == (0, 1, 1, 2)


@given(st.text(max_size=30), st.integers(min_value=0, max_value=1000), st.data())
@hypothesis_settings(max_examples=300, deadline=None)
def test_every_source_span_lies_within_the_text(text: str, base: int, data) -> None:
    folded = fold_text(text, base)
    assert len(folded.origin) == len(folded.folded)
    assert folded.folded == match_key(text)
    assert list(folded.origin) == sorted(folded.origin)
    if not folded.folded:
        return
    start = data.draw(st.integers(min_value=0, max_value=len(folded.folded) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(folded.folded)))
    s, e = folded.source_span(start, end)
    assert base <= s < e <= base + len(text)
    # the source span folds to something that contains the folded slice
    assert folded.folded[start:end] in match_key(text[s - base:e - base])


# ---------------------------------------------------------------- character classes


def test_is_cjk_and_is_word_char() -> None:
    assert is_cjk("中") and is_cjk("\U00020000")
    assert not is_cjk("a") and not is_cjk("，")
    assert is_word_char("a") and is_word_char("7")
    assert not is_word_char("中") and not is_word_char("-") and not is_word_char("é")
