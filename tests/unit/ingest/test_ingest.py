"""Tests of kg.ingest.articles and kg.ingest.text: discovery, decoding, HTML, metadata, furniture and sentence spans."""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kg.core.config import PROJECT_ROOT, Settings
from kg.core.errors import InputError
from kg.ingest.articles import (
    IngestResult,
    decode,
    discover,
    html_charset,
    ingest,
    parse_document,
)
from kg.ingest.text import normalise, split_sentences

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))
DATA = PROJECT_ROOT / "tests" / "data" / "ingest"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
SAMPLE = (
    "# 转行AIGC产品经理\n"
    "{% hint style=\"info\" %}\n"
    "**Author:** [PM大白](https://www.woshipm.com/u/1)\n"
    "{% endhint %}\n"
    "## 第一步：查找招聘信息\n"
    "*   大模型的热度还在继续。AIGC是重要方向！\n"
    "1.  产品经理需要懂业务；也要懂算法？\n"
    "![](https://image.woshipm.com/a.png)\n"
    "本文由 @某人 原创发布于人人都是产品经理。未经许可，禁止转载\n"
)


@pytest.fixture(scope="module")
def seeds() -> IngestResult:
    return ingest([PROJECT_ROOT / "seeds"], Settings())


def doc_of(result: IngestResult, prefix: str):
    return next(doc for doc in result.documents if doc.doc_id.startswith(prefix))


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


# --- seeds: metadata, furniture, sections, offsets -----------------------------------------------


def test_seed_metadata(seeds: IngestResult) -> None:
    meta = doc_of(seeds, "000").meta
    assert meta.title == "转行AIGC产品经理到底需要什么要求"
    assert (meta.author, meta.author_url) == ("PM大白", "https://www.woshipm.com/u/172223")
    assert meta.published == "2023-09-29"
    assert (meta.views, meta.comments, meta.collects) == (10119, 9, 87)
    assert meta.tags == ("AIGC", "AI产品经理", "产品经理转行")
    assert meta.category == "Zhichang"
    assert meta.url == "https://www.woshipm.com/zhichang/5913646.html"


def test_seed_backtick_tags(seeds: IngestResult) -> None:
    assert doc_of(seeds, "001").meta.tags == ("AIGC", "AIGC产品", "产品经理求职", "经验分享")


def test_all_seeds_read(seeds: IngestResult) -> None:
    assert [doc.doc_id for doc in seeds.documents] == [path.name for path in SEEDS]
    assert seeds.skipped == ()
    assert all(doc.encoding == "utf-8" for doc in seeds.documents)


@pytest.mark.parametrize(
    "marker", ["woshipm.com/u/", "查看详情", "image.woshipm.com", "{% hint", "本文由", "未经许可", "专栏作家",
               "qidianla", "赞赏", "微信扫一扫", "分享到微博", "**Stats:**", "评论", "如何定义B端产品"]
)
def test_no_furniture_sentence_in_seeds(seeds: IngestResult, marker: str) -> None:
    leaks = [(doc.doc_id, s.text) for doc in seeds.documents for s in doc.sentences if marker in s.text]
    assert leaks == []


def test_offsets_exact_and_stripped_in_every_seed(seeds: IngestResult) -> None:
    for doc in seeds.documents:
        assert doc.sentences, doc.doc_id
        for sentence in doc.sentences:
            assert doc.text[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip() and sentence.text
        starts = [s.start for s in doc.sentences]
        assert starts == sorted(starts)


def test_seed_text_and_hash_are_the_file(seeds: IngestResult) -> None:
    doc = doc_of(seeds, "000")
    assert doc.text == SEEDS[0].read_text(encoding="utf-8")
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_heading_sentence_and_bold_subheading_section(seeds: IngestResult) -> None:
    doc = doc_of(seeds, "000")
    heading = next(s for s in doc.sentences if s.text.startswith("3\\. 生成类容类型"))
    assert heading.is_heading and "#" not in heading.text
    assert heading.section[-1] == "第三步：阅读行业报告"
    sentence = next(s for s in doc.sentences if "产品代表：" in s.text and "Midjourney" in s.text)
    assert not sentence.is_heading
    assert sentence.section[-1] == "3）图像生成"
    assert sentence.section[-2] == heading.text
    assert sentence.section[0] == doc.meta.title


def test_sibling_heading_replaces_deeper_levels(seeds: IngestResult) -> None:
    doc = doc_of(seeds, "000")
    summary = next(s for s in doc.sentences if s.text.startswith("耗费了两周的时间"))
    assert summary.section == (doc.meta.title, "总结")


def test_list_items_exclude_bullet_marker(seeds: IngestResult) -> None:
    doc = doc_of(seeds, "000")
    item = next(s for s in doc.sentences if s.text.startswith("定义：是基于规则"))
    assert doc.text[item.start - 4 : item.start] == "*   "


def test_summary_quote_kept_once(seeds: IngestResult) -> None:
    doc = doc_of(seeds, "000")
    first = [s for s in doc.sentences if s.text.startswith("随着生成式AI和AI绘画的火热")]
    assert len(first) == 1
    assert first[0].section == (doc.meta.title, doc.meta.title)


def test_inline_link_sentence_kept(seeds: IngestResult) -> None:
    doc = doc_of(seeds, "002")
    assert any("大家可以参考这篇文章：[揭秘：如何寻找、设计大模型产品并落地发布？](https://" in s.text for s in doc.sentences)


# --- sentence splitting --------------------------------------------------------------------------


def test_split_on_terminators_keeps_closing_quotes() -> None:
    assert texts("他说：“好。”然后走了！对吗？结束;好") == ["他说：“好。”", "然后走了！", "对吗？", "结束;", "好"]


def test_closing_bold_stays_with_its_sentence() -> None:
    assert texts("前言，**重点一。**后文。") == ["前言，**重点一。**", "后文。"]


def test_links_urls_and_code_are_not_split() -> None:
    line = "参考[这篇？文章](https://x.com/a?b=1)和 https://y.com/p?q=2 以及`a;b`。"
    assert texts(line) == [line]


def test_images_break_sentences_and_are_excluded() -> None:
    assert texts("前文![图](https://image.woshipm.com/x.png)后文") == ["前文", "后文"]


def test_markup_only_and_site_link_only_lines_give_no_sentence() -> None:
    text = "**\n---\n> \n[更多](https://www.woshipm.com/pd/1.html)\n[🔗 课程](https://ke.qidianla.com/c)\n正文。"
    assert texts(text) == ["正文。"]


def test_multiline_course_ad_is_dropped() -> None:
    text = "前文。\n[![](https://image.woshipm.com/a.png)\n\n广告标题\n\n查看详情 >\n\n](https://ke.qidianla.com/c)\n后文。"
    assert texts(text) == ["前文。", "后文。"]


def test_bold_numbered_line_nests_one_level_under_last_heading() -> None:
    sentences = split_sentences("# T\n## A\n**1）X**\n甲。\n**2）Y**\n乙。\n### B\n丙。\n## C\n丁。")
    section = {s.text: s.section for s in sentences}
    assert section["甲。"] == ("T", "A", "1）X")
    assert section["乙。"] == ("T", "A", "2）Y")
    assert section["丙。"] == ("T", "A", "B")
    assert section["丁。"] == ("T", "C")
    assert [s.text for s in sentences if s.is_heading] == ["T", "A", "1）X", "2）Y", "B", "C"]


def test_bold_heading_level_is_one_below_the_markdown_heading() -> None:
    sentences = split_sentences("# T\n**（1）X**\n### Y\n甲。")
    assert sentences[-1].section == ("T", "（1）X", "Y")


def test_bold_sentence_is_not_a_heading() -> None:
    assert not any(s.is_heading for s in split_sentences("**1）这是一个完整的句子。**"))


def test_footer_after_copyright_gives_no_sentence() -> None:
    text = "正文一。\n正文二。\n正文三。\n本文由 @a 原创发布于人人都是产品经理\n尾巴上的杂项。\n"
    assert texts(text) == ["正文一。", "正文二。", "正文三。"]


MARKDOWN_ALPHABET = st.sampled_from(list("中文AI。！？!?；; \n\t*#>-_[]()!`~“”）**1）.、h") + ["https://", "](", "![", "{% hint %}"])


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_ALPHABET, max_size=80).map("".join))
def test_any_text_gives_exact_stripped_spans(text: str) -> None:
    doc = parse_document(text, "x", "x", "utf-8")
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text == sentence.text.strip() != ""
        assert "\n" not in sentence.text


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_decode_returns_clean_text_or_raises(raw: bytes) -> None:
    try:
        text, _ = decode(raw)
    except InputError:
        return
    assert "\r" not in text and "\x00" not in text
    assert "\ufffd" not in text or any("\ufffd".encode(codec) in raw for codec in ("utf-8", "gb18030"))


# --- decoding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("gbk"), "gb18030"),
        (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
        (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (lambda t: t.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "utf16le", "utf16be", "crlf", "cr"],
)
def test_encodings_give_the_same_sentences(encode, encoding: str) -> None:
    text, found = decode(encode(SAMPLE))
    assert found == encoding
    assert text == SAMPLE
    expected = parse_document(SAMPLE, "a", "a", "utf-8").sentences
    assert parse_document(text, "a", "a", found).sentences == expected
    assert [s.text for s in expected] == [
        "转行AIGC产品经理", "第一步：查找招聘信息", "大模型的热度还在继续。", "AIGC是重要方向！",
        "产品经理需要懂业务；", "也要懂算法？",
    ]


def test_gb18030_outside_gbk() -> None:
    text = "𠮷野家的AI产品。\n"
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_normalise_line_endings_and_controls() -> None:
    assert normalise("\ufeffa\r\nb\rc\x07d\x00e\ud800f\tg\x1b") == "a\nb\ncdef\tg"


@pytest.mark.parametrize("raw", [PNG, random.Random(7).randbytes(4096), b"\x01\x02\x03abc\x04\x05" * 20, b"abc\x80\xff"])
def test_binary_bytes_are_rejected(raw: bytes) -> None:
    with pytest.raises(InputError) as error:
        decode(raw)
    assert "\n" not in error.value.message


def test_decoding_never_invents_replacement_characters() -> None:
    for raw in ("中文".encode("gbk"), "中文".encode(), codecs.BOM_UTF16_LE + "中文".encode("utf-16-le")):
        assert "\ufffd" not in decode(raw)[0]


# --- HTML ----------------------------------------------------------------------------------------


def test_html_drops_script_style_comments_and_head() -> None:
    result = ingest([DATA / "page.html"], Settings())
    doc = result.documents[0]
    for hidden in ("脚本里", "样式里", "注释里", "写入的中文", "charset"):
        assert hidden not in doc.text
    assert doc.meta.title == "AI产品经理 & 大模型"
    sentences = {s.text: s for s in doc.sentences}
    assert "AI产品经理需要懂 Prompt<设计>。" in sentences
    assert sentences["同时要理解业务！"].section == ("AI产品经理 & 大模型", "一、岗位要求")
    assert {"熟悉大模型", "会写PRD", "第一行", "第二行"} <= set(sentences)
    assert sentences["1. 技能"].is_heading
    assert sentences["掌握Python。"].section[-1] == "1. 技能"


def test_html_meta_charset_gb2312_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gb2312"><title>学习</title></head><body><p>学习</p></body></html>'
    raw = page.encode("gbk")
    assert raw.decode("utf-8")  # the same bytes are also valid UTF-8 ("ѧϰ"): only the meta tag says GBK
    assert html_charset(raw) == "gb2312"
    (tmp_path / "p.htm").write_bytes(raw)
    doc = ingest([tmp_path], Settings()).documents[0]
    assert doc.encoding == "gb18030"
    assert doc.meta.title == "学习"
    assert [s.text for s in doc.sentences] == ["学习", "学习"]


# --- front matter and parse_document -------------------------------------------------------------


def test_front_matter_metadata() -> None:
    doc = ingest([DATA / "front_matter.md"], Settings()).documents[0]
    meta = doc.meta
    assert (meta.title, meta.author, meta.author_url) == ("前置元数据的文章", "张三", "https://example.com/u/1")
    assert (meta.published, meta.category, meta.url) == ("2024-06-01", "Pmd", "https://example.com/a/1")
    assert (meta.views, meta.comments, meta.collects) == (1234, 5, None)
    assert meta.tags == ("AIGC", "产品经理")
    assert [s.text for s in doc.sentences] == ["正文", "AIGC产品经理需要理解大模型。", "这是第二句。"]


def test_rule_then_body_is_not_front_matter() -> None:
    assert texts("---\n正文。\n---\n后文。") == ["正文。", "后文。"]


def test_missing_fields_stay_empty() -> None:
    doc = parse_document("只有正文。", "x.txt", "x.txt", "utf-8")
    assert doc.meta.title == doc.meta.author == doc.meta.published == ""
    assert doc.meta.views is None and doc.meta.tags == ()


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\r\n\r\n"])
def test_empty_and_whitespace_files_give_documents_without_sentences(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "e.txt").write_bytes(content)
    result = ingest([tmp_path], Settings())
    assert result.skipped == ()
    assert result.documents[0].sentences == ()


# --- discovery and ingest ------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for name in ("b.txt", "a/c.md", "a/b.TXT", "Z.markdown", "a/deep/x.htm"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("内容。", encoding="utf-8")
    (root / "ignored.png").write_bytes(PNG)


def test_discover_sorted_stable_and_filtered(tmp_path: Path) -> None:
    make_tree(tmp_path)
    files, skipped = discover([tmp_path], Settings())
    ids = [file.relative_to(root).as_posix() for root, file in files]
    assert ids == sorted(ids) == ["Z.markdown", "a/b.TXT", "a/c.md", "a/deep/x.htm", "b.txt"]
    assert skipped == []
    assert discover([tmp_path], Settings()) == (files, skipped)
    assert [doc.doc_id for doc in ingest([tmp_path], Settings()).documents] == ids


def test_explicit_file_is_kept_whatever_its_suffix(tmp_path: Path) -> None:
    (tmp_path / "notes.log").write_text("日志里的句子。", encoding="utf-8")
    result = ingest([tmp_path / "notes.log"], Settings())
    assert [(doc.doc_id, doc.path) for doc in result.documents] == [("notes.log", str(tmp_path / "notes.log"))]


def test_missing_input_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        discover([tmp_path / "nope"], Settings())
    assert error.value.what == "input not found" and error.value.where.endswith("nope") and error.value.fix


def test_binary_files_skipped_and_others_read(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.txt").write_text("正常的文章。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(PNG)
    (tmp_path / "c.md").write_bytes(random.Random(3).randbytes(2048))
    with caplog.at_level(logging.WARNING, logger="kg.ingest.articles"):
        result = ingest([tmp_path], Settings())
    assert [doc.doc_id for doc in result.documents] == ["a.txt"]
    assert [Path(skip.path).name for skip in result.skipped] == ["b.txt", "c.md"]
    assert all(skip.reason and "\n" not in skip.reason for skip in result.skipped)
    assert "b.txt" in caplog.text


def test_strict_raises_on_first_skip(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("正常。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(PNG)
    with pytest.raises(InputError) as error:
        ingest([tmp_path], Settings(strict=True))
    assert error.value.where.endswith("b.txt")


def test_oversized_file_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("很长的文章。" * 10, encoding="utf-8")
    (tmp_path / "small.txt").write_text("短。", encoding="utf-8")
    result = ingest([tmp_path], Settings(max_file_bytes=20))
    assert [doc.doc_id for doc in result.documents] == ["small.txt"]
    assert "max_file_bytes" in result.skipped[0].reason


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("内容。", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    files, skipped = discover([tmp_path], Settings())
    assert [file.name for _, file in files] == ["a.txt"]
    assert {Path(skip.path).name for skip in skipped} == {"loop", "self.txt"}


def test_symlink_outside_root_is_not_followed(tmp_path: Path) -> None:
    outside, root = tmp_path / "outside", tmp_path / "root"
    outside.mkdir()
    root.mkdir()
    (outside / "secret.txt").write_text("外部。", encoding="utf-8")
    (root / "in.txt").write_text("内部。", encoding="utf-8")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "dir").symlink_to(outside, target_is_directory=True)
    (root / "alias.txt").symlink_to(root / "in.txt")
    files, skipped = discover([root], Settings())
    assert [file.name for _, file in files] == ["in.txt"]  # the real file wins over its in-root alias
    assert {Path(skip.path).name: "points outside" in skip.reason for skip in skipped} == {
        "dir": True, "link.txt": True, "alias.txt": False,
    }


def test_duplicate_doc_id_across_inputs_is_skipped(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(f"{name}。", encoding="utf-8")
    result = ingest([tmp_path / "one", tmp_path / "two"], Settings())
    assert [doc.path for doc in result.documents] == [str(tmp_path / "one" / "a.txt")]
    assert "doc_id" in result.skipped[0].reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("内容。", encoding="utf-8")
    result = ingest([tmp_path], Settings())
    assert [doc.doc_id for doc in result.documents] == ["a.txt"]
    assert "regular file" in result.skipped[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read chmod 000 files")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("内容。", encoding="utf-8")
    locked.chmod(0)
    try:
        result = ingest([tmp_path], Settings())
    finally:
        locked.chmod(0o644)
    assert result.documents == ()
    assert "permission" in result.skipped[0].reason


def test_read_error_becomes_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("内容。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("内容。", encoding="utf-8")
    real_open = Path.open

    def deny_b(self: Path, *args, **kwargs):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny_b)
    result = ingest([tmp_path], Settings())
    assert [doc.doc_id for doc in result.documents] == ["a.txt"]
    assert "permission" in result.skipped[0].reason


def test_a_folder_1200_levels_deep_is_read(tmp_path: Path) -> None:
    """Issue 11 (51): folders are walked without recursion, so depth is no reason to skip (it was reported as a
    "broken symlink or symlink loop")."""
    deepest = str(tmp_path)
    for _ in range(1200):  # os.makedirs recurses once per level too
        deepest = os.path.join(deepest, "d")
        os.mkdir(deepest)
    Path(deepest, "a.txt").write_text("内容。", encoding="utf-8")
    (tmp_path / "top.txt").write_text("顶层。", encoding="utf-8")
    try:
        files, skipped = discover([tmp_path], Settings())
        assert skipped == [] and [file.name for _, file in files] == ["a.txt", "top.txt"]
    finally:
        os.remove(os.path.join(deepest, "a.txt"))
        for level in range(1200, 0, -1):  # shutil.rmtree recurses once per level
            os.rmdir(os.path.join(str(tmp_path), *["d"] * level))


def test_a_path_longer_than_the_system_allows_is_skipped_for_that_reason(tmp_path: Path) -> None:
    """Issue 11 (51): a file whose folder can be listed but whose own path is over PATH_MAX (4096) is skipped as
    "path too long", not as a broken symlink."""
    names, length = [], len(str(tmp_path))
    while length < 4080:
        names.append("n" * min(200, 4080 - length - 1))
        length += 1 + len(names[-1])
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for name in names:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("a-file-name-that-crosses-the-limit.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    _, skipped = discover([tmp_path], Settings())
    assert len(skipped) == 1 and "too long" in skipped[0].reason and "symlink" not in skipped[0].reason, skipped


LIST_SKIPS = """import json, sys
from pathlib import Path
from kg.core.config import Settings
from kg.ingest.articles import discover
files, skipped = discover([Path(sys.argv[1])], Settings())
print(json.dumps({"files": [f.name for _, f in files], "skipped": [[s.path, s.reason] for s in skipped]}))
"""


def _unprivileged() -> list[str]:
    """A command prefix that runs without root's permission overrides (setpriv drops them), or [] if not root."""
    if os.geteuid() != 0:
        return []
    import shutil

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv, which could drop the permission overrides")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_a_folder_without_its_x_bit_is_skipped_as_permission_denied(tmp_path: Path) -> None:
    """Issue 11 (51): files in a folder that can be listed but not entered (no x bit) are skipped with that reason."""
    import json
    import subprocess
    import sys

    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "a.txt").write_text("内容。", encoding="utf-8")
    (tmp_path / "open.txt").write_text("内容。", encoding="utf-8")
    closed.chmod(0o644)
    try:
        run = subprocess.run([*_unprivileged(), sys.executable, "-c", LIST_SKIPS, str(tmp_path)], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, timeout=60, check=True)
    finally:
        closed.chmod(0o755)
    found = json.loads(run.stdout)
    assert found["files"] == ["open.txt"]
    assert [Path(path).name for path, _ in found["skipped"]] == ["a.txt"]
    reason = found["skipped"][0][1]
    assert "permission denied" in reason and "x (search) permission" in reason and "symlink" not in reason
