"""Made with: the tools someone makes content with generate it — 用Midjourney、Stable Diffusion批量生产商品场景图和海报,
用通义千问写种草文案, 笔者用Runway生成的视频: the products listed after 用 / 借助 right before a making word generate the
content types the clause goes on to name; a doubt or a denial states nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import CLAUSE_BREAK, SentenceExtractor, negated, relate
from kg.core.model import Relation

TOOLS_THEN_MAKING = re.compile(r"(?:用|使用|借助|利用|拿)\s*(?P<tools>□+(?:\s*(?:、|和|与|及|或|或者)\s*□+)*)\s*(?:来|去)?"
                               r"(?:批量|快速|直接|自动)?(?:生成|生产|制作|做|画|写|出|剪|配)")  # 用A、B批量生产海报
CONFIDENCE = 0.75


@register("made_with")
class MadeWithExtractor(SentenceExtractor):
    """generates from the tools a clause makes content with to the content types it names after the making word."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        masked = ctx.masked(index)
        if self.has("uncertainty", masked) or negated(self.cue, masked):
            return
        for match in TOOLS_THEN_MAKING.finditer(masked):
            tools = [m for m in here if m.cls == "Product" and match.start() <= m.start - sentence.start < match.end("tools")]
            clause_end = next((b.start() for b in CLAUSE_BREAK.finditer(masked, match.end())), len(masked))
            for content in (m for m in here if m.cls == "ContentType"
                            and match.end() <= m.start - sentence.start < clause_end):
                for tool in tools:
                    yield relate(tool, "generates", content, sentence, ctx.doc, "pattern:made-with", CONFIDENCE)
