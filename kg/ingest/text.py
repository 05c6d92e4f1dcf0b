"""Article text: normalisation, HTML to markdown-ish lines, page furniture, header fields, headings, sentence spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

from kg.core.model import Sentence

_TERMINATORS = "。！？!?；;"
_CLOSERS = "”’」』）)】》\"'"
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# Inline markdown: images (and image-only links) break sentences; links, URLs and code are never split.
_IMAGE = r"\[!\[[^\[\]\n]*\]\([^()\n]*\)\]\([^()\n]*\)|!\[[^\[\]\n]*\]\([^()\n]*\)"
_LINK_TEXT = r"\[(?:!\[[^\[\]\n]*\]\([^()\n]*\)|[^\[\]\n])*+\]"  # may hold an image; never backtracks
_URL = r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+"
_TOKENS = re.compile(rf"(?P<image>{_IMAGE})|(?P<atom>{_LINK_TEXT}\([^()\n]*\)|{_URL}|`[^`\n]+`)")
_SITE_LINK = re.compile(rf"{_LINK_TEXT}\(https?://[^()\s]*(?:woshipm|qidianla|weibo|pwmqr)\.com[^()\n]*\)")
_STOPS = re.compile(rf"[{_TERMINATORS}\[h`]")  # where a sentence or a token may start
_MARKUP = re.compile(rf"{_IMAGE}|\]\([^)\n]*\)|{_URL}")

_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_BOLD_HEADING = re.compile(  # **3）图像生成**, and a job post's title, quoted or not: > **衡屿电子｜AI硬件产品经理**
    r"[ \t]*(?:>[ \t]?)*[ \t]*\*\*((?:（\d+）|\(\d+\)|\d+[）).、．]|[一二三四五六七八九十]+[、.．])[^*\n]{1,40}?"
    r"|[^*\n｜|]{1,20}[｜|][^*\n｜|]{1,30})\*\*[ \t]*"
)
_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[*+-]|\d{1,3}[.)])[ \t]+)?")
_TITLE = re.compile(r"^[ \t]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)

_FIELD = re.compile(r"\*\*([A-Za-z][A-Za-z ]*):\*\*[ \t]*(.*?)[ \t]*")
_YAML = re.compile(r"([A-Za-z_]+)[ \t]*:[ \t]*(.*?)[ \t]*")
_TEMPLATE = re.compile(r"\{%-?\s*(end)?(\w+).*%\}")
_FURNITURE = re.compile(
    "|".join(  # noqa: FLY002 — one commented pattern per line
        (
            r"^(?:-[ \t]*){3,}$|^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$",  # horizontal rules
            r"woshipm\.com/u/",  # author avatar and name links
            r"^关注$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^(?:\d+[ \t]*(?:评论|浏览|收藏|分钟)[ \t]*)+$",  # byline
            r"查看详情[ \t]*>",  # course advertisements
            r"^(?:赞赏|打赏)(?:[ \t]|$)|收藏已收藏|点赞已赞",
            r"微信扫一扫|扫码(?:关注|添加|下载|领取|加入)|关注(?:我的|我们的)?(?:微信)?公众号",
            r"更多精彩内容，?请关注|分享到(?:微博|微信|朋友圈)|微信二维码|^分享$",
        )
    )
)
_COPYRIGHT = re.compile(
    r"本文由.{0,60}发布于|原创发布于|禁止转载|题图来自|该文观点仅代表作者|仅提供信息存储空间服务"
    r"|人人都是产品经理专栏作家|^\*\*专栏作家\*\*$|^(?:#{1,6}[ \t]*|\*\*)?作者[:：]"  # 作者：… and #### 作者：…
)


def link_spans(text: str) -> list[tuple[int, int]]:
    """Spans of link targets `](…)`, image markup and bare URLs: text that names no entity."""
    return [match.span() for match in _MARKUP.finditer(text)]


def normalise(text: str) -> str:
    """LF line endings; no leading BOM, NUL, lone surrogate or control character other than \\n and \\t."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text.removeprefix("\ufeff"))


def first_title(text: str) -> str:
    """Text of the first level-1 `# ` heading, or ""."""
    match = _TITLE.search(text)
    return match[1] if match else ""


def header_fields(text: str) -> dict[str, str]:
    """Lower-case key → value of front-matter lines and `**Key:** value` lines of `{% hint %}` blocks."""
    fields: dict[str, str] = {}
    for _, key, value in _header([line.strip() for line in text.split("\n")]):
        if key:
            fields.setdefault(key, value)
    return fields


def _header(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """(index, key, value) of every header line; key is "" for delimiters and template tags."""
    end = next((j for j in range(1, min(len(lines), 60)) if lines[j] in ("---", "...")), 0)
    if lines and lines[0] == "---" and all(_YAML.fullmatch(line) or line[:1] in "-#" for line in lines[1:end]):
        for j in range(end + 1 if end else 0):
            match = _YAML.fullmatch(lines[j])
            yield (j, match[1].lower(), match[2].strip("\"'")) if match else (j, "", "")
    in_hint = False
    for i, line in enumerate(lines):
        if tag := _TEMPLATE.fullmatch(line):
            in_hint = tag[2] == "hint" and not tag[1]
            yield i, "", ""
        elif in_hint and (match := _FIELD.fullmatch(line)):
            yield i, match[1].lower(), match[2]


def furniture_lines(lines: list[str]) -> set[int]:
    """Indices of stripped lines that are page furniture: header, byline, ads, rules, footer."""
    skip = {i for i, _, _ in _header(lines)} | _ad_blocks(lines) | _repeated_quotes(lines)
    tail = next((i for i in range(len(lines) // 2, len(lines)) if _COPYRIGHT.search(lines[i])), len(lines))
    skip.update(range(tail, len(lines)))
    skip.update(i for i, line in enumerate(lines) if _FURNITURE.search(line) or _COPYRIGHT.search(line))
    return skip


def _ad_blocks(lines: list[str]) -> set[int]:
    """Lines of multi-line link cards: `[![](…)` or `[🔗 …` up to a later line opening with `](http`."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if line.startswith(("[![", "[🔗")) and "](" not in re.sub(_IMAGE, "", line[1:]):
            end = next((j for j in range(i + 1, min(len(lines), i + 15)) if lines[j].startswith("](http")), None)
            if end is not None:
                found.update(range(i, end + 1))
    return found


def _repeated_quotes(lines: list[str]) -> set[int]:
    """`> ` quote lines repeated later (the summary shown twice); the last copy is kept."""
    last: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.startswith(">") and line.lstrip("> \t"):
            last[line.lstrip("> \t")] = i
    return {i for i, line in enumerate(lines) if line.startswith(">") and last.get(line.lstrip("> \t"), i) != i}


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences and headings of the article body with exact offsets and heading paths; furniture yields none."""
    lines = text.split("\n")
    skip = furniture_lines([line.strip() for line in lines])
    path: list[tuple[int, str, bool]] = []  # (level, heading text, is a bold sub-heading)
    found: list[Sentence] = []
    start = 0
    for i, line in enumerate(lines):
        offset, start = start, start + len(line) + 1
        if i in skip:
            continue
        if heading := _heading(line, path):
            level, begin, end, bold = heading
            while path and path[-1][0] >= level:
                path.pop()
            found.append(Sentence(offset + begin, offset + end, line[begin:end], _section(path), True))
            path.append((level, line[begin:end], bold))
            continue
        for begin, end, part in _spans(line, _PREFIX.match(line).end()):
            found.append(Sentence(offset + begin, offset + end, line[begin:end], _section(path), part=part))
    return tuple(found)


def _section(path: list[tuple[int, str, bool]]) -> tuple[str, ...]:
    """The heading texts of a heading stack, outermost first."""
    return tuple(text for _, text, _ in path)


def _heading(line: str, path: list[tuple[int, str, bool]]) -> tuple[int, int, int, bool] | None:
    """(level, start, end, bold) of a `#` heading or of a whole-bold numbered line like `**3）图像生成**` (or a job
    post's title `**衡屿电子｜AI硬件产品经理**`)."""
    if match := _HEADING.fullmatch(line):
        if _is_noise(match[2]):
            return None
        return len(match[1]), match.start(2), match.end(2), False
    match = _BOLD_HEADING.fullmatch(line)
    if not match or match[1].rstrip()[-1] in _TERMINATORS:
        return None
    level = max((lvl for lvl, _, bold in path if not bold), default=0) + 1
    return level, match.start(1), match.end(1), True


MAX_SENTENCE_CHARS = 1000  # longer "sentences" are lists or unbroken dumps, cut into pieces


def _spans(line: str, begin: int) -> Iterator[tuple[int, int, int]]:
    """Stripped, non-noise sentence spans of one body line, starting after its quote/list marker, with their part
    number (Sentence.part)."""
    for start, end in _raw_spans(line, begin):
        chunk = line[start:end]
        start, end = start + len(chunk) - len(chunk.lstrip()), end - len(chunk) + len(chunk.rstrip())
        if start < end and not _is_noise(line[start:end]):
            yield from _bounded(line, start, end)


def _bounded(line: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """A sentence cut into pieces of at most MAX_SENTENCE_CHARS, at the last comma, 、 or space before the limit
    (a hard cut when there is none), so that work per sentence stays bounded on unbroken text; each piece with its
    part number, 1, 2, … (0 for a sentence within the bound)."""
    if end - start <= MAX_SENTENCE_CHARS:
        yield start, end, 0
        return
    part = 1
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(line.rfind(sep, start + 1, limit) for sep in "，,；;、 ") + 1 or limit
        yield start, cut, part
        start, part = cut, part + 1
    yield start, end, part


def split_count(sentences: Iterable[Sentence]) -> int:
    """How many sentences over MAX_SENTENCE_CHARS were cut into pieces (run.json's split_sentences)."""
    return sum(1 for sentence in sentences if sentence.part == 1)


def _raw_spans(line: str, begin: int) -> Iterator[tuple[int, int]]:
    """Cut a line after sentence terminators and around images, never inside links, URLs or code."""
    tokens = {m.start(): (m.end(), m.lastgroup) for m in _TOKENS.finditer(line, begin)}
    seg = i = begin
    while stop := _STOPS.search(line, i):
        i = stop.start()
        if i in tokens:
            end, kind = tokens[i]
            if kind == "image":
                yield seg, i
                seg = end
            i = end
        elif line[i] in _TERMINATORS:
            i = _sentence_end(line, i, seg)
            yield seg, i
            seg = i
        else:
            i += 1
    yield seg, len(line)


def _sentence_end(line: str, i: int, seg: int) -> int:
    """End of a sentence whose terminator is at i: takes repeated terminators, closing quotes and a closing `**`."""
    i += 1
    while i < len(line) and not line.startswith("![", i):
        if line[i] in _TERMINATORS or line[i] in _CLOSERS:
            i += 1
        elif line.startswith("**", i) and line.count("**", seg, i) % 2:
            i += 2
        else:
            break
    return i


def _is_noise(span: str) -> bool:
    """True when no letter or digit is left once site links, images and URLs are removed."""
    rest = _MARKUP.sub("", _SITE_LINK.sub("", span))
    return not any(ch.isalnum() for ch in rest)


class _HTMLText(HTMLParser):
    """Visible text as markdown-ish lines (headings as `#`, list items as `*`), plus the <title>."""

    _BLOCKS = frozenset(
        ["p", "div", "br", "li", "tr", "ul", "ol", "table", "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "main", "aside", "figure", "nav"]
    )
    _HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_head = self._in_title = False

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Skip a `<![…]]>` section; a malformed one (`<![<`) is a bogus comment, as in HTML5, not an AssertionError."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a hidden region or start a line."""
        if tag == "title":
            self._in_title = True
        elif tag in ("head", "body"):
            self._in_head = tag == "head"
        elif tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._HEADINGS:
            self.parts.append("\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.parts.append("\n*   ")
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """Close a hidden region or end a line."""
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False
        elif tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS or tag in self._HEADINGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        """Keep visible text with whitespace runs collapsed."""
        if self._in_title:
            self.title.append(data)
        elif not (self._hidden or self._in_head):
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Markdown-ish text of an HTML page: `# <title>` first, one block per line, at most one blank line in a row."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    title = " ".join("".join(parser.title).split())
    lines: list[str] = [f"# {title}", ""] if title else []
    for line in "".join(parser.parts).split("\n"):
        if line.strip() or (lines and lines[-1]):
            lines.append(line.strip())
    return "\n".join(lines).strip("\n")
