"""Content kinds: a ContentType is a kind of generated content, so a lexicon word such as 简历, 表格 or 邮件 names one
only where the text speaks of content — in a generates relation, in a clause about generating or content kinds
(可以生成视频, AIGC的内容类型), or listed with other content types (文本、图像、音频和视频). Elsewhere
(投简历之前, 整理成表格) the mention is dropped."""

from __future__ import annotations

from kg.analyse.extract import register
from kg.analyse.extract.context import context_of, find_cue, part_around
from kg.analyse.extract.mentions import COORDINATED, with_mentions
from kg.analyse.extract.resources import Resources
from kg.analyse.extract.structure import CUE_RULE
from kg.core.model import Extraction, Mention, Sentence


@register("content_kinds")
class ContentKindExtractor:
    """Removes ContentType mentions that stand for everyday things rather than kinds of generated content."""

    def __init__(self, resources: Resources) -> None:
        cue = resources.ontology.cue
        self.context_words = cue("contentContext") | cue("generatesTrigger")

    def __call__(self, state: Extraction) -> Extraction:
        ctx = context_of(state)
        related = {(m.start, m.key) for r in state.relations for m in (r.subject, r.object)}
        dropped = {m for index, sentence in enumerate(ctx.doc.sentences) for m in ctx.by_sentence[index]
                   if m.cls == "ContentType" and m.rule != CUE_RULE and (m.start, m.key) not in related
                   and not self._about_content(ctx.doc.text, sentence, m, ctx.by_sentence[index])}
        return with_mentions(state, [], dropped) if dropped else state

    def _about_content(self, text: str, sentence: Sentence, mention: Mention, here: list[Mention]) -> bool:
        """True when the mention's clause speaks of generating or of content kinds (or holds a content cue such as
        文生图), or the mention is listed with another content type."""
        start, end = part_around(sentence.text, mention.start - sentence.start)
        if find_cue(self.context_words, sentence.text[start:end]) \
                or any(m.rule == CUE_RULE and start <= m.start - sentence.start < end for m in here):
            return True
        kinds = [m for m in here if m.cls == "ContentType" and m is not mention]
        return any(COORDINATED.match(text[k.end:mention.start]) for k in kinds if k.end <= mention.start) \
            or any(COORDINATED.match(text[mention.end:k.start]) for k in kinds if k.start >= mention.end)
