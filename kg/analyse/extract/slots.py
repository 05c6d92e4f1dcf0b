"""Slots: unknown names typed by the place they fill — a company introduced as one (江澜银行是一家城商行, 一家叫启衡智算的
金融科技公司, 格子数据做的表格插件), a field's value (**公司：** 知序教育, 产品：澜小助), a cell of a table column whose
header says what it lists (| 工具 | 出品方 |), a bold label glossed as a product (**表哥AI**：…的表格插件) and a quoted
name an organisation owns or a product noun introduces (方寸视觉的“布景AI”, 产品“澜图助理”, “衍语”系列)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import introductions, register
from kg.analyse.extract.lines import TABLE_ROW, line_span, table_cells, table_header
from kg.analyse.extract.mentions import by_sentence, new_mention, overlaps, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Document, Extraction, Mention, Sentence

NAME = r"[\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .&-]{0,11}?"
PRODUCT_NOUN = r"(?:插件|助手|助理|工具|平台|应用|App|APP|模型|大模型|产品|智能体|软件|小程序|系统)"
CLAUSE_OPEN = r"(?:^|(?<=[，,：:；;]))[\s*“\"「]*"
COMPANY_IS = re.compile(CLAUSE_OPEN + f"({NAME})" + r"[”\"」]?(?:也|则|就|其实|本身)?是一家")  # 江澜银行是一家城商行
COMPANY_CALLED = re.compile(r"(?:一家|这家|那家)(?:叫做?|名叫|名为)[“\"「]?" + f"({NAME})" + r"[”\"」]?的")  # 一家叫启衡智算的…公司
COMPANY_MAKES = re.compile(CLAUSE_OPEN + f"({NAME})" + r"(?:做的|推出的|开发的|出品的|打造的)[^，,。；;]{0,8}?"
                           + PRODUCT_NOUN + r"(?=[，,。；;]|$)")  # **表哥AI**：格子数据做的表格插件
FIELD_VALUE = re.compile(r"[\s*\-+•·\d.、]*(?:\*\*)?(公司|企业|出品方|厂商|所属公司|产品|产品名称|工具)\s*[：:]\s*(?:\*\*)?\s*"
                         r"([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .&-]{1,15}?)\s*(?=[，,。；;（(|*]|$)")
BOLD_GLOSS = re.compile(r"[\s\-+•·\d.、]*\*\*(?:[（(]?\d{1,2}\\?[.、)）]\s*)?([^*：:\n]{2,12}?)(?:\*\*)?\s*[：:]\s*(?:\*\*)?"
                        r"[^，,。；;\n*]{0,20}?" + PRODUCT_NOUN + r"(?=\*\*|[，,。；;]|$)")  # **禾查：理赔审核助手**
QUOTED = r"[“\"「](" + NAME + r")[”\"」]"
QUOTED_PRODUCT = re.compile(r"(?:产品|主力产品是|产品线|产品叫)" + QUOTED)  # 产品“澜图助理”; not 上线了“托管模式”
PRODUCT_LIST_HEADING = re.compile(r"(?:哪几个|哪些|几款|几个|主流|代表|推荐|新|做了)[^，,。：:]{0,4}(?:产品|工具|应用|模型)"
                                  r"|(?:产品|工具)(?:清单|盘点|推荐|一览|横评|对比)|新面孔")  # a heading over a list of products
ITEM_HEADING = re.compile(r"(?:\d{1,2}[.、．]\s*)?(" + NAME + r")\s*(?:[：:]|$)")  # 1. 溪言：营销文案助手
COLUMN_CLASS = {"工具": "Product", "产品": "Product", "产品名": "Product", "产品名称": "Product", "模型": "Product",
                "应用": "Product", "出品方": "Organization", "公司": "Organization", "厂商": "Organization",
                "开发商": "Organization", "所属公司": "Organization"}
FIELD_CLASS = {"公司": "Organization", "企业": "Organization", "出品方": "Organization", "厂商": "Organization",
               "所属公司": "Organization", "产品": "Product", "产品名称": "Product", "工具": "Product"}
NOT_A_NAME_START = introductions.NOT_A_NAME_START | set("一某各")
GENERIC = re.compile(r"(?:公司|企业|机构|团队|产品|工具|平台|模型|应用|系统|行业|我们|他们|大家|智能体|助手)$|的")
CELL_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .&+-]{0,23}")
NAME_PARTS = frozenset({"ContentType", "Concept", "Technology", "Industry", "Skill"})  # words a coined name may hold
CONFIDENCE = 0.7
NAMED_RULES = frozenset({"slot:table-cell", "slot:company-called"})  # slots that hold nothing but a name
NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .&+-]+")  # two characters or more, no brackets
NAME_TAGS = frozenset({"n", "nz", "nr", "nrt", "ns", "nt", "eng", "x", "", "j", "vn"})  # a name is nouns and unknown words


@register("slots")
class SlotExtractor:
    """Adds Organization and Product mentions for unknown names the place they fill in a sentence types."""

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        self.dictionary_words = resources.segmenter.dictionary_words
        self.tokens = resources.segmenter.tokens

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found: list[Mention] = []
        replaced: set[Mention] = set()
        for sentence, known in zip(doc.sentences, by_sentence(state.mentions, doc.sentences)):
            for start, end, cls, rule in self._slots(doc, sentence, known):
                end = start + len(doc.text[start:end].rstrip())  # Harvey AI 是一家…
                name = doc.text[start:end]
                touching = [m for m in known + found if overlaps(m, start, end)]
                if self._a_name(name, rule) and all(m in known and start <= m.start and m.end <= end
                                                    and (m.start, m.end) != (start, end) and m.cls in NAME_PARTS
                                                    for m in touching):
                    found.append(new_mention(doc, start, end, cls, rule, CONFIDENCE))
                    replaced.update(touching)
        return with_mentions(state, found, replaced) if found else state

    def _a_name(self, name: str, rule: str) -> bool:
        """True for a proper name: unknown to the lexicon, not a pronoun or a generic noun; a bold label must also be
        more than dictionary words (技术选型 is a topic, 表哥AI a name)."""
        if name[0] in NOT_A_NAME_START or GENERIC.search(name) or self.lexicon.lookup(name) is not None:
            return False
        if not NAME_CHARS.fullmatch(name) or rule not in NAMED_RULES and not all(
                t.tag in NAME_TAGS for t in self.tokens(name)):
            return False  # 为了提升用户体验推出的产品, XTransfer已不仅是一家, 产品“走出去”: a clause, not a name
        if rule == "slot:glossed-label":
            covered = sum(t.end - t.start for t in self.dictionary_words(name) if not t.text.isascii())  # 表哥AI
            return covered < len(name) - 1
        return True

    @staticmethod
    def _slots(doc: Document, sentence: Sentence, known: list[Mention]) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, class, rule) of each name a slot of the sentence holds."""
        for pattern, cls, rule in ((COMPANY_IS, "Organization", "slot:company-is"),
                                   (COMPANY_CALLED, "Organization", "slot:company-called"),
                                   (COMPANY_MAKES, "Organization", "slot:company-makes"),
                                   (BOLD_GLOSS, "Product", "slot:glossed-label")):
            for match in pattern.finditer(sentence.text):
                yield sentence.start + match.start(1), sentence.start + match.end(1), cls, rule
        for match in QUOTED_PRODUCT.finditer(sentence.text):
            yield sentence.start + match.start(1), sentence.start + match.end(1), "Product", "slot:quoted-product"
        listed = PRODUCT_LIST_HEADING.search(sentence.section[-1]) if sentence.is_heading and sentence.section else None
        item = ITEM_HEADING.match(sentence.text) if listed else None  # ## 二、这一年做了哪几个产品 → ### 1. 溪言：营销文案助手
        if item is not None and not any((m.start, m.end) == (sentence.start + item.start(1), sentence.start + item.end(1))
                                        for m in known):
            yield sentence.start + item.start(1), sentence.start + item.end(1), "Product", "slot:listed-heading"
        line_start, line_end = line_span(doc.text, sentence.start)
        if line_start >= sentence.start:
            field = FIELD_VALUE.match(doc.text, line_start, line_end)
            if field is not None:
                yield field.start(2), field.end(2), FIELD_CLASS[field.group(1)], "slot:field-value"
            yield from _table_cells(doc.text, line_start, line_end)


def _table_cells(text: str, line_start: int, line_end: int) -> Iterator[tuple[int, int, str, str]]:
    """The names in the cells of a table row whose header says the column lists products or companies."""
    if not TABLE_ROW.fullmatch(text, line_start, line_end):
        return
    header, cells = table_header(text, line_start), table_cells(text, line_start, line_end)
    if header is None or len(header) != len(cells):
        return
    for label, (start, end) in zip(header, cells):
        cls = COLUMN_CLASS.get(label)
        name = CELL_NAME.fullmatch(text[start:end].strip(" *"))
        if cls is not None and name is not None:
            offset = start + text[start:end].index(name.group())
            yield offset, offset + len(name.group().rstrip()), cls, "slot:table-cell"
