"""Fact sheets: lines of 'label：value' under a heading that names a product or technology (### 03 DALL·E 3 /
**出品方：** OpenAI / **能生成：** 图像 / **底层技术：** 基于扩散模型 / **适合场景：** 电商), read as facts about
the heading's entity, with the field label deciding the property; and the rows of a markdown table whose first
column names products and whose header names the fields (| 产品 | 出品方 | 技术路线 | 生成内容 |)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import DocumentContext, SentenceExtractor, find_cue, negated, relate
from kg.analyse.extract.lines import TABLE_ROW, line_span, table_cells, table_header
from kg.core.model import Mention, Relation

FIELD_LINE = re.compile(r"[ \t]*(?:[-*+•·]\s+|\d{1,2}[.、)）]\s*)?(?:\*\*)?([^：:*\n]{1,10})[：:]")
LABEL_PARTS = re.compile(r"[/／、]")
LABEL_QUESTION = re.compile(r"(?:什么|哪些|啥)$")
MAX_LABEL_PREFIX = 3  # 产品应用场景 is the 应用场景 field; a longer label is prose that happens to end in one
# field cue → (property, subject classes in order of preference, object classes)
FIELDS = {
    "madeByField": ("madeBy", ("Product",), frozenset({"Organization"})),
    "generatesField": ("generates", ("Product",), frozenset({"ContentType"})),
    "basedOnField": ("basedOn", ("Product",), frozenset({"Technology"})),
    "appliedInField": ("appliedIn", ("Product", "Technology"), frozenset({"Industry", "Concept"})),
    "requiredSkillField": ("requiresSkill", ("Role",), frozenset({"Skill"})),
    "knownToolField": ("shouldKnow", ("Role",), frozenset({"Product", "Technology"})),
}


@register("fields")
class FieldExtractor(SentenceExtractor):
    """Facts from 'label：value' lines about the entity the innermost heading names."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """The fact a 'label：value' line under a heading states, or a table row."""
        if not sentence.is_heading and sentence.section:
            yield from self._field(ctx, index)
        if not sentence.is_heading:
            yield from self._table_row(ctx, index, sentence, here)

    def _table_row(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """| 可灵 | 快手 | DiT | 视频 |: the row's first cell names the subject, the header above names each column's
        field (出品方, 技术路线, 生成内容…), and each entity of a field's classes in its cell is a fact."""
        text = ctx.doc.text
        line_start, line_end = line_span(text, sentence.start)
        if text[line_start:sentence.start].strip() or not TABLE_ROW.fullmatch(text, line_start, line_end):
            return
        header = table_header(text, line_start)
        cells = table_cells(text, line_start, line_end)
        if header is None or len(header) != len(cells) or negated(self.cue, text[line_start:line_end]):
            return
        row = [m for m in ctx.by_sentence[index] if line_start <= m.start < line_end]
        first = [m for m in row if cells[0][0] <= m.start and m.end <= cells[0][1]]
        for label, (start, end) in list(zip(header, cells))[1:]:
            for predicate, subject_classes, object_classes in self._fields_of(label):
                subject = next((m for cls in subject_classes for m in first if m.cls == cls), None)
                for obj in (m for m in row if subject is not None and start <= m.start and m.end <= end):
                    if obj.cls in object_classes and obj.label not in self.cue("notAnArea"):
                        yield relate(subject, predicate, obj, sentence, ctx.doc, f"structure:table-{predicate}", 0.85)

    def _field(self, ctx: DocumentContext, index: int) -> Iterator[Relation]:
        """The facts one field line states, when its label is a known field and its heading names a subject."""
        sentence = ctx.doc.sentences[index]
        line_start, _ = line_span(ctx.doc.text, sentence.start)
        match = FIELD_LINE.match(ctx.doc.text, line_start, sentence.end)
        if match is None or not sentence.start < match.end() <= sentence.end:
            return  # not a field line, or a later sentence of one
        field = next(self._fields_of(match.group(1).strip()), None)
        if field is None or negated(self.cue, sentence.text) or any(find_cue(self.cue(doubt), sentence.text)
                                                                    for doubt in ("hedge", "uncertainty")):
            return
        predicate, subject_classes, object_classes = field
        subject = self._heading_entity(ctx, index, subject_classes)
        if subject is not None and subject.cls == "Product" \
                and self._another_product_first(ctx, index, subject, match.end(), object_classes):
            return  # **AI应用场景：**豆包的布局最多…而元宝则…: a line on another product says it of that one
        for obj in ctx.by_sentence[index] if subject is not None else []:
            if obj.cls in object_classes and obj.start >= match.end() and obj.key != subject.key \
                    and obj.label not in self.cue("notAnArea"):
                yield relate(subject, predicate, obj, sentence, ctx.doc, f"structure:field-{predicate}", 0.85)

    def _fields_of(self, label: str) -> Iterator[tuple[str, tuple[str, ...], frozenset[str]]]:
        """(property, subject classes, object classes) of each field a label names: it ends with the field's word,
        after at most MAX_LABEL_PREFIX characters (产品应用场景 is the 应用场景 field)."""
        parts = [LABEL_QUESTION.sub("", part.strip()) for part in LABEL_PARTS.split(label)]  # 底层模型/关键技术, 能生成什么
        for cue, field in FIELDS.items():
            for part in parts:
                word = find_cue(self.cue(cue), part)
                if word is not None and part.endswith(word) and len(part) - len(word) <= MAX_LABEL_PREFIX:
                    yield field
                    break

    @staticmethod
    def _another_product_first(ctx: DocumentContext, index: int, subject: Mention, value_start: int,
                               object_classes: frozenset[str]) -> bool:
        """True when a field's value names another product before anything of the field's classes."""
        for mention in (m for m in ctx.by_sentence[index] if m.start >= value_start):
            if mention.cls in object_classes:
                return False
            if mention.cls == "Product" and mention.key != subject.key:
                return True
        return False

    @staticmethod
    def _heading_entity(ctx: DocumentContext, index: int, classes: tuple[str, ...]) -> Mention | None:
        """The first entity of the preferred class named by the sentence's innermost heading."""
        named = ctx.heading_mentions.get(ctx.doc.sentences[index].section[-1], [])
        for cls in classes:
            for mention in named:
                if mention.cls == cls:
                    return mention
        return None
