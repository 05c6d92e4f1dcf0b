"""Layers of the industry: what a sentence puts in 基础设施层 / 模型层 / 应用层, from a 'layer：members' list or from
A属于/处在L层 (with the list that opened the clause before when the clause opens with 都/也)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import CLAUSE_BREAK, MARKUP, SentenceExtractor, relate
from kg.analyse.extract.structure import CUE_RULE
from kg.core.model import Mention, Relation

LAYER_MEMBERS = frozenset({"Technology", "Product", "Concept"})
IN_LAYER = re.compile(r"(?:都|也|均|同样|则)?(?:属于|处在|处于|位于)(?:了)?[\s*]*$")
LIST_JOIN = re.compile(r"^[\s*]*(?:、|和|与|及|以及|，)?[\s*]*$")


@register("layers")
class LayerExtractor(SentenceExtractor):
    """inLayer between a technology, product or concept and a layer (a Concept whose name ends in 层)."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Members of a 'layer：members' line, then members a clause puts in a layer."""
        yield from self._layer(ctx, index, sentence, here)
        yield from self._layer_stated(ctx, index, sentence, here)

    def _layer(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """**基础设施层：**AI芯片、AI计算集群 → each listed entity inLayer 基础设施层."""
        colon = max(sentence.text.find("："), sentence.text.find(":"))
        layers = [m for m in here if m.cls == "Concept" and m.label.endswith("层") and m.end <= sentence.start + colon]
        if colon < 0 or not layers:
            return
        head = sentence.text[: colon].strip(MARKUP)
        if not head.endswith(layers[-1].surface.strip(MARKUP)):
            return
        for member in (m for m in here if m.start > sentence.start + colon and m.rule != CUE_RULE):
            yield relate(member, "inLayer", layers[-1], sentence, ctx.doc, "structure:layer-list")

    def _layer_stated(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """A 属于 / 处在 L层 → A inLayer L; a clause that opens with 都/也 takes the list that opened the clause before
        (GPT-4、文心一言这类通用大模型，都处在算法模型层)."""
        masked = ctx.masked(index)
        for layer in (m for m in here if m.cls == "Concept" and m.label.endswith("层")):
            clause_start = max((b.end() for b in CLAUSE_BREAK.finditer(masked, 0, layer.start - sentence.start)), default=0)
            lead = masked[clause_start: layer.start - sentence.start]
            verb = IN_LAYER.search(lead)
            if verb is None:
                continue
            verb_at = sentence.start + clause_start + verb.start()
            members = [m for m in here if m.cls in LAYER_MEMBERS and m is not layer and not m.label.endswith("层")
                       and sentence.start + clause_start <= m.start and m.end <= verb_at]
            if not members and not lead[: verb.start()].strip(" *□") and clause_start > 0:
                members = self._opening_list(ctx, here, sentence, masked, clause_start - 1)
            for member in members:
                yield relate(member, "inLayer", layer, sentence, ctx.doc, "pattern:in-layer", 0.85)

    @staticmethod
    def _opening_list(ctx, here, sentence, masked: str, clause_end: int) -> list[Mention]:
        """The members listed together at the start of the clause that ends at clause_end (A100和H100是…)."""
        start = max((b.end() for b in CLAUSE_BREAK.finditer(masked, 0, clause_end)), default=0)
        inside = [m for m in here if sentence.start + start <= m.start and m.end <= sentence.start + clause_end
                  and m.cls in LAYER_MEMBERS]
        chain: list[Mention] = []
        for member in inside:
            if chain and not LIST_JOIN.match(ctx.doc.text[chain[-1].end:member.start]):
                break
            chain.append(member)
        return chain
