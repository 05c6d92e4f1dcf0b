"""Industry labels: a list item or heading labelled with an industry (- **广告**：可灵和即梦被大量用于广告片… /
## 三、法律：RAG几乎是标配) tells where the products and technologies it goes on to name are put to work — each is
applied in each labelled industry, unless the item denies it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import SentenceExtractor, find_cue, negated, relate
from kg.analyse.extract.lines import LABEL_LEAD, line_span
from kg.core.model import Mention, Relation

LABEL = re.compile(LABEL_LEAD.pattern + r"(?:[一二三四五六七八九十]{1,3}[、.．]\s*)?(?:\*\*)?(?P<label>[^：:\n*]{1,16})"
                   r"(?:\*\*)?\s*[：:](?:\*\*)?")
LABEL_FILLER = re.compile(r"^[\s、和与及/以及·“”\"行业领域]*$")  # 广告与电商, 金融行业: only industries in the label
APPLIED = frozenset({"Product", "Technology"})
CONFIDENCE = 0.7
MAX_ITEM_SENTENCES = 5  # how many sentences back the label of a sentence's line may stand


@register("industry_labels")
class IndustryLabelExtractor(SentenceExtractor):
    """appliedIn from the products and technologies of a line labelled with industries to those industries."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        start, end = line_span(ctx.doc.text, sentence.start)
        match = LABEL.match(ctx.doc.text, start, end)
        if match is None or match.end() > sentence.end:
            return
        nearby = [m for i in range(max(0, index - MAX_ITEM_SENTENCES), index + 1) for m in ctx.by_sentence[i]]
        industries = self._industries(ctx.doc.text, match, nearby)
        if not industries or negated(self.cue, sentence.text) or find_cue(self.cue("hedge"), sentence.text):
            return
        for thing in (m for m in here if m.cls in APPLIED and m.start >= match.end()):
            for industry in industries:
                yield relate(thing, "appliedIn", industry, sentence, ctx.doc, "structure:industry-label", CONFIDENCE)

    @staticmethod
    def _industries(text: str, match: re.Match, mentions: list[Mention]) -> list[Mention]:
        """The industries a label names, when it names nothing else."""
        label_start, label_end = match.span("label")
        inside = [m for m in mentions if label_start <= m.start and m.end <= label_end]
        if not inside or any(m.cls != "Industry" for m in inside):
            return []
        rest = "".join(ch for i, ch in enumerate(text[label_start:label_end], label_start)
                       if not any(m.start <= i < m.end for m in inside))
        return inside if LABEL_FILLER.match(rest) else []
