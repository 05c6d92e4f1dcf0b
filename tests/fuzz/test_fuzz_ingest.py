# Fuzzes ingest: kg.ingest.articles.decode on arbitrary bytes and declared charsets, parse_document sentence offsets
# (markdown, HTML, {% hint %} blocks, emoji, RTL / zero-width characters, CR / CRLF, very long lines) and
# kg.ingest.text.html_to_text on arbitrary markup. Longer run: KG_FUZZ_EXAMPLES=2000 python -m pytest tests/fuzz
"""Property-based tests of decoding, document parsing and sentence offsets."""

from __future__ import annotations

import encodings.aliases

from fuzz_common import EXAMPLES, FUZZ
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.core.errors import InputError
from kg.ingest.articles import decode, parse_document
from kg.ingest.text import html_to_text

FRAGMENTS = (
    "# 标题", "## AIGC 产品经理", "### 3. 技能 ###", "**（1）图像生成**", "**Title:** 标题", "**Author:** [张三](https://a.b/u/1)",
    '{% hint style="info" %}', "{% endhint %}", "{%- hint %}", "---", "title: x", "...", "> 引用", "* 列表", "1. 第一",
    "AI 产品经理需要懂 Prompt。", "Stable Diffusion 和 Midjourney！", "ChatGPT?", "FLUX.1-dev；", "“引号”。", "）",
    "[链接](https://www.woshipm.com/u/1)", "![图](https://x.y/a.png)", "[![](a.png)](https://b)", "`code。`",
    "https://example.com/a?b=c。", "<p>段落</p>", "<br>", "<script>x</script>", "<h2>小标题</h2>", "&amp;", "&#0;",
    "🤖", "👁️ 10119 views", "\u202e", "\u200b", "\u200d", "\ufeff", "\u2028", "\u3000", "\t", " ", "\n", "\n\n",
    "\r", "\r\n", "\x00", "\x1b", "\ud800", "。", "！？", "**", "[", "](", "(", ")", "#",
    "本文由 某人 发布于人人都是产品经理",
)
ARTICLE = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=40).map("".join)
LF_ARTICLE = ARTICLE.map(lambda text: text.replace("\r", ""))
CODECS = sorted(set(encodings.aliases.aliases.values())
                | {"", "gbk", "GB2312", "utf-8", "x-unknown", "rot13", "undefined"})  # declared charsets, text or not
MARKUP = ("<", ">", "</", "<!", "<![", "<![CDATA[", "]]>", "<!--", "-->", "<?", "<!DOCTYPE html>", "<title>",
          "</title>", "<head>", "<body>", "<li>", "<h1>", "<svg>", "</svg>", "&", "&#", "&#x", "&#1114112;",
          "&nbsp;", '"', "=")


def _check_sentences(text: str) -> None:
    """parse_document succeeds and every sentence is a non-empty, exact slice of the document text."""
    doc = parse_document(text, "f.md", "f.md", "utf-8")
    for sentence in doc.sentences:
        assert 0 <= sentence.start < sentence.end <= len(doc.text), sentence
        assert doc.text[sentence.start:sentence.end] == sentence.text


def _assert_clean(text: str) -> None:
    """No NUL or lone surrogate in decoded text."""
    assert "\x00" not in text
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)


@FUZZ
@given(raw=st.binary(max_size=400), declared=st.sampled_from(CODECS))
@example(raw=b"\x01", declared="quopri_codec")  # was LookupError: not a text encoding (`<meta charset=quopri_codec>`)
@example(raw=b"a", declared="undefined")  # was UnicodeError, not UnicodeDecodeError
def test_decode_arbitrary_bytes_returns_clean_text_or_input_error(raw: bytes, declared: str) -> None:
    """Arbitrary bytes under any declared charset decode to clean text or raise InputError, nothing else."""
    try:
        text, encoding = decode(raw, declared=declared)
    except InputError:
        return
    _assert_clean(text)
    assert "\ufffd" not in text or "\ufffd" in raw.decode(encoding)  # no replacement characters invented


@FUZZ
@given(text=st.text(st.characters(exclude_characters="\ufffd"), max_size=200),
       codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"]))
def test_decode_encoded_text_round_trips(text: str, codec: str) -> None:
    """Text encoded in a supported encoding decodes without U+FFFD, NUL or surrogates (or is rejected as binary)."""
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:  # lone surrogates cannot be encoded
        return
    try:
        decoded, _ = decode(raw)
    except InputError:
        return
    _assert_clean(decoded)
    assert "\ufffd" not in decoded


@FUZZ
@given(text=ARTICLE)
def test_parse_document_sentences_are_exact_slices(text: str) -> None:
    """Any text parses, and every sentence's offsets slice the document text to the sentence text."""
    _check_sentences(text)


@settings(FUZZ, max_examples=max(3, EXAMPLES // 10))
@given(piece=st.sampled_from(FRAGMENTS) | st.text(min_size=1, max_size=8), size=st.integers(1, 200_000))
def test_parse_document_very_long_lines(piece: str, size: int) -> None:
    """A single line of up to ~200 KB parses with exact sentence offsets."""
    _check_sentences((piece * (size // len(piece) + 1))[:size])


@FUZZ
@given(text=LF_ARTICLE)
def test_crlf_and_cr_give_the_same_sentences(text: str) -> None:
    """CRLF and CR line endings give the same sentences as LF."""
    expected = parse_document(text, "f.md", "f.md", "utf-8").sentences
    for newline in ("\r\n", "\r"):
        assert parse_document(text.replace("\n", newline), "f.md", "f.md", "utf-8").sentences == expected


@FUZZ
@given(html=st.lists(st.sampled_from(MARKUP + FRAGMENTS) | st.text(max_size=10), max_size=40).map("".join))
@example(html="<![<")  # was AssertionError from html.parser's marked-section parsing
def test_html_to_text_never_crashes(html: str) -> None:
    """Arbitrary markup becomes text, and an HTML document parses with exact sentence offsets."""
    assert isinstance(html_to_text(html), str)
    doc = parse_document(html, "f.html", "f.html", "utf-8", html=True)
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
