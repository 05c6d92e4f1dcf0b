"""Fact sheets: lines of 'label：value' under a heading that names a product or technology (### 03 DALL·E 3 /
**出品方：** OpenAI / **能生成：** 图像 / **底层技术：** 基于扩散模型 / **适合场景：** 电商), read as facts about
the heading's entity, with the field label deciding the property."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import DocumentContext, SentenceExtractor, find_cue, negated, relate
from kg.core.model import Mention, Relation

FIELD_LINE = re.compile(r"[ \t]*(?:[-*+•·]\s+|\d{1,2}[.、)）]\s*)?(?:\*\*)?([^：:*\n]{1,10})[：:]")
MAX_LABEL_PREFIX = 3  # 产品应用场景 is the 应用场景 field; a longer label is prose that happens to end in one
# field cue → (property, subject classes in order of preference, object classes)
FIELDS = {
    "madeByField": ("madeBy", ("Product",), frozenset({"Organization"})),
    "generatesField": ("generates", ("Product",), frozenset({"ContentType"})),
    "basedOnField": ("basedOn", ("Product",), frozenset({"Technology"})),
    "appliedInField": ("appliedIn", ("Product", "Technology"), frozenset({"Industry", "Concept"})),
}


@register("fields")
class FieldExtractor(SentenceExtractor):
    """Facts from 'label：value' lines about the entity the innermost heading names."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """The fact a 'label：value' line under a heading states."""
        if not sentence.is_heading and sentence.section:
            yield from self._field(ctx, index)

    def _field(self, ctx: DocumentContext, index: int) -> Iterator[Relation]:
        """The facts one field line states, when its label is a known field and its heading names a subject."""
        sentence = ctx.doc.sentences[index]
        line_start = ctx.doc.text.rfind("\n", 0, sentence.start) + 1
        match = FIELD_LINE.match(ctx.doc.text, line_start, sentence.end)
        if match is None or not sentence.start < match.end() <= sentence.end:
            return  # not a field line, or a later sentence of one
        label = match.group(1).strip()
        for cue, (predicate, subject_classes, object_classes) in FIELDS.items():
            word = find_cue(self.cue(cue), label)
            if word is None or not label.endswith(word) or len(label) - len(word) > MAX_LABEL_PREFIX:
                continue
            if negated(self.cue, sentence.text) or any(find_cue(self.cue(doubt), sentence.text)
                                                       for doubt in ("hedge", "uncertainty")):
                return
            subject = self._heading_entity(ctx, index, subject_classes)
            if subject is None:
                return
            for obj in ctx.by_sentence[index]:
                if obj.cls in object_classes and obj.start >= match.end() and obj.key != subject.key \
                        and obj.label not in self.cue("notAnArea"):
                    yield relate(subject, predicate, obj, sentence, ctx.doc, f"structure:field-{predicate}", 0.85)
            return

    @staticmethod
    def _heading_entity(ctx: DocumentContext, index: int, classes: tuple[str, ...]) -> Mention | None:
        """The first entity of the preferred class named by the sentence's innermost heading."""
        named = ctx.heading_mentions.get(ctx.doc.sentences[index].section[-1], [])
        for cls in classes:
            for mention in named:
                if mention.cls == cls:
                    return mention
        return None
