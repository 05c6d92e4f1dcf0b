"""Syllabus: a list whose items open with a label naming what a role must learn or is screened on — under a lead or
a heading that says so (做Agent产品经理，这一年我必须补的课 / 面试Agent产品经理时，我主要看四点：), each item's label
is a requirement of the role: a skill (requiresSkill) or a product, technology or concept to know (shouldKnow)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import LIST_MARKS, SentenceExtractor, list_lead, relate
from kg.core.model import Mention, Relation

LABEL = re.compile(r"[ \t]*(?:[-*+•·]\s+|\d{1,2}[.、)）]\s*|[（(]\d{1,2}[)）]\s*)"
                   r"(?:\*\*\s*([^*\n]{1,24}?)\s*[。.：:]?\s*\*\*|([^*\n：:。，,]{1,16})[：:])")  # 1. **RAG。** / - RAG：
LABELLED = frozenset({"Skill", "Product", "Technology", "Concept"})
CONFIDENCE = 0.8


@register("syllabus")
class SyllabusExtractor(SentenceExtractor):
    """requiresSkill / shouldKnow for the labels of a list of what a role must learn or is screened on."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """The label of the list item this sentence opens, as a requirement of the role its lead or heading names."""
        text = ctx.doc.text
        line_start = text.rfind("\n", 0, sentence.start) + 1
        opens_item = not sentence.is_heading and not text[line_start:sentence.start].strip(LIST_MARKS)
        label = LABEL.match(text, line_start) if opens_item else None
        if label is None:
            return
        span = label.span(1) if label.group(1) is not None else label.span(2)
        named = [m for m in here if (m.start, m.end) == span and m.cls in LABELLED]
        role = self._role(ctx, index, sentence) if named else None
        for thing in named if role is not None else []:
            predicate = "requiresSkill" if thing.cls == "Skill" else "shouldKnow"
            yield relate(role, predicate, thing, sentence, ctx.doc, "structure:syllabus", CONFIDENCE)

    def _role(self, ctx, index: int, sentence) -> Mention | None:
        """The list's role: the one its lead line names (else the section's) when the lead says the items are required
        or to be learned; the section's when its heading says so."""
        lead = list_lead(ctx.doc.text, sentence.start)
        if lead is not None and self._says_required(lead):
            lead_end = ctx.doc.text.rfind(lead, 0, sentence.start) + len(lead)
            last = max(i for i in range(index) if ctx.doc.sentences[i].start < lead_end)  # the sentence with the colon
            named = [m for m in ctx.by_sentence[last] if m.cls == "Role"]
            return next(iter(ctx.specific(named)), None) or ctx.nearest(index, "Role")
        heading = sentence.section[-1] if len(sentence.section) > 1 else ""
        return ctx.nearest(index, "Role") if self._says_required(heading) else None

    def _says_required(self, text: str) -> bool:
        """True when a lead or heading says what follows is required or to be learned, and hedges nothing."""
        return bool(self.has("syllabusLead", text)) and not self.has("hedge", text)
