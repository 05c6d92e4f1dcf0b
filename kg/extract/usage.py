"""Where technology goes: a product or technology applied in an industry or scenario (大模型在医疗、金融领域的应用),
and a technology or concept that evolves into another (从决策式AI到生成式AI的转变, A 演进为 B), read clause by clause."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import register
from kg.extract.context import CLAUSE_BREAK, DocumentContext, find_cue, relate, with_relations
from kg.extract.resources import Resources
from kg.model import Extraction, Mention, Relation

APPLIED = frozenset({"Product", "Technology"})
AREAS = frozenset({"Industry"})  # a Concept (AI, AIGC, B端) read as an area is mostly wrong on real text
EVOLVING = frozenset({"Technology", "Product", "Concept"})
STEP_CLASSES = frozenset({("Technology", "Technology"), ("Technology", "Product"), ("Product", "Product"),
                          ("Concept", "Concept"), ("Technology", "Concept"), ("Concept", "Technology")})
STEP = re.compile(r"^[\s*“”\"]*(?:到|至|为|成|再到|然后到|进而到|演进为|发展为|进化为|升级为|演变为|迭代为|走向|迈向|过渡到|转向)[\s*“”\"]*$")
AFTER_AREA = 10  # characters after the area that may hold the trigger (…等领域的应用)


@register("usage")
class UsageExtractor:
    """appliedIn and evolvesInto between mentions of one clause, with trigger words from the ontology."""

    def __init__(self, resources: Resources) -> None:
        self.cue = resources.ontology.cue

    def __call__(self, state: Extraction) -> Extraction:
        ctx = DocumentContext(state)
        relations = list(state.relations)
        for index, sentence in enumerate(ctx.doc.sentences):
            here = ctx.by_sentence[index]
            if sentence.is_heading or len(here) < 2:
                continue
            masked = ctx.masked(index)
            if find_cue(self.cue("hedge"), masked) or find_cue(self.cue("negation"), masked):
                continue
            for clause in _clauses(masked, sentence.start, here):
                relations.extend(self._applied(ctx, sentence, clause))
                relations.extend(self._evolves(ctx, sentence, clause))
        return with_relations(state, relations)

    def _applied(self, ctx, sentence, clause: tuple[str, int, list[Mention]]) -> Iterator[Relation]:
        """X 应用于 / 用于 / 在 Y(、Z)等领域的应用: each product or technology before each industry or scenario after."""
        text, offset, inside = clause
        for thing in (m for m in inside if m.cls in APPLIED):
            for area in (m for m in inside if m.cls in AREAS and m.start > thing.end):
                span = text[thing.end - offset: area.end - offset + AFTER_AREA]
                if not find_cue(self.cue("appliedInTrigger"), span):
                    continue
                yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:applied-in", 0.8)

    def _evolves(self, ctx, sentence, clause: tuple[str, int, list[Mention]]) -> Iterator[Relation]:
        """从 A 到 B（再到 C）的演进 / A 演进为 B: consecutive stages joined by a step word, in a clause that speaks of
        development."""
        text, offset, inside = clause
        if not find_cue(self.cue("evolutionTrigger"), text):
            return
        stages = [m for m in inside if m.cls in EVOLVING]
        for a, b in zip(stages, stages[1:]):
            if a.key != b.key and (a.cls, b.cls) in STEP_CLASSES and STEP.match(text[a.end - offset: b.start - offset]):
                yield relate(a, "evolvesInto", b, sentence, ctx.doc, "pattern:evolves-into", 0.8)


def _clauses(masked: str, base: int, here: list[Mention]) -> list[tuple[str, int, list[Mention]]]:
    """(masked clause text, its document offset, the mentions inside it) for each clause of a sentence."""
    clauses, start = [], 0
    for match in [*CLAUSE_BREAK.finditer(masked), None]:
        end = match.start() if match else len(masked)
        inside = [m for m in here if base + start <= m.start and m.end <= base + end]
        if len(inside) >= 2:
            clauses.append((masked[start:end], base + start, inside))
        start = match.end() if match else end
    return clauses
