"""Stages: a line of development told as timed steps joined by semicolons — 最早是专家系统，…；后来换成以BERT为代表的
预训练模型，…；2023年之后，大模型接过了接力棒 — evolvesInto from each step's name to the next one's, with the later
step's sentence as evidence. A step's name is the first technology, product or concept shortly after its time word
(or the means that task is done by: 以前的类案检索靠关键词检索)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import context_of, find_cue, negated, relate, with_relations
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention, Relation

FIRST_STEP = re.compile(r"[\s*]*(?:最早|最初|早期|起初|一开始|早先|以前|过去|第一步|第一阶段)")
NEXT_STEP = re.compile(r"[\s*]*(?:后来|之后|随后|再后来|再往后|往后|然后|接着|现在|如今|眼下|第[二三四五]步|第[二三四五]阶段"
                       r"|(?:\d{4}年|近几年|这两年|近两年)(?:之后|以后|后|起|开始))")
JOINED = ("；", ";")
MAX_GAP = 12  # characters between the time word and the step's name (以前的类案检索靠关键词检索)
MEANS_OF = re.compile(r"\s*(?:靠|用|依靠|采用|走的是|用的是|靠的是)\s*")  # 类案检索靠关键词检索: the task, then its means
EXAMPLE_OF = re.compile(r"\s*为代表的")  # 以BERT为代表的预训练模型: BERT stands for the step, the step is 预训练模型
STEP_CLASSES = frozenset({"Technology", "Product", "Concept"})
CONFIDENCE = 0.75


@register("stages")
class StageExtractor:
    """evolvesInto between the names of consecutive timed steps, sentences of one line joined by semicolons."""

    def __init__(self, resources: Resources) -> None:
        self.cue = resources.ontology.cue

    def __call__(self, state: Extraction) -> Extraction:
        ctx = context_of(state)
        relations = list(self._steps(ctx))
        return with_relations(state, [*state.relations, *relations]) if relations else state

    def _steps(self, ctx) -> Iterator[Relation]:
        """Walks each run of joined sentences that opens with a first step (最早 / 早期 / 以前…)."""
        sentences, text = ctx.doc.sentences, ctx.doc.text
        index = 0
        while index < len(sentences):
            older = self._step(ctx, index, FIRST_STEP)
            while older is not None and index + 1 < len(sentences) and sentences[index].text.rstrip(" *").endswith(JOINED) \
                    and "\n" not in text[sentences[index].end:sentences[index + 1].start]:
                index += 1
                newer = self._step(ctx, index, NEXT_STEP)
                if newer is None:
                    break
                if newer.key != older.key and newer.cls == older.cls:
                    yield relate(older, "evolvesInto", newer, sentences[index], ctx.doc, "pattern:stages", CONFIDENCE)
                older = newer
            index += 1

    def _step(self, ctx, index: int, marker: re.Pattern) -> Mention | None:
        """The name a sentence gives its step (after its last colon: 技术路线走了三步：最早是…), or None."""
        sentence, masked = ctx.doc.sentences[index], ctx.masked(index)
        lead_at = masked.rfind("：") + 1
        found = marker.match(masked, lead_at)
        if found is None or negated(self.cue, masked) or find_cue(self.cue("hedge"), masked):
            return None
        start = sentence.start + found.end()
        named = [m for m in ctx.by_sentence[index] if m.start >= start and m.cls in STEP_CLASSES]
        while len(named) > 1 and (EXAMPLE_OF.match(ctx.doc.text, named[0].end)
                                  or MEANS_OF.fullmatch(ctx.doc.text, named[0].end, named[1].start)):
            named = named[1:]  # (以BERT为代表的预训练模型, 以前的类案检索靠关键词检索: the step is the latter)
        if not named or named[0].start - start > MAX_GAP or re.search(r"[，,]", masked[found.end():named[0].start - sentence.start].lstrip("，, ")):
            return None
        return named[0]
