"""Family makers: a newer version of a product line is made by the maker of the version it evolves from (阿里云6月放出
Qwen2，9月升级为Qwen2.5 → Qwen2.5 madeBy 阿里云), with the sentence stating the step as evidence; only for versions of
one line (Qwen2 → Qwen2.5), never across lines (DeepSeek-V3 → DeepSeek-R1 keeps its own maker, if any is stated)."""

from __future__ import annotations

from kg.analyse.extract import register
from kg.analyse.extract.context import relate, with_relations
from kg.analyse.extract.resources import Resources
from kg.analyse.extract.versions import one_family
from kg.core.model import Extraction, Mention, Relation

CONFIDENCE = 0.75


@register("family_makers")
class FamilyMakerExtractor:
    """Adds madeBy from each newer version of an article's product lines to the maker of the older one."""

    def __init__(self, resources: Resources) -> None:
        """Family makers need no resources: they read the relations found so far."""

    def __call__(self, state: Extraction) -> Extraction:
        makers: dict[str, dict[str, Mention]] = {}
        for relation in state.relations:
            if relation.predicate == "madeBy":
                makers.setdefault(relation.subject.key, {})[relation.object.key] = relation.object
        steps = [r for r in state.relations if r.predicate == "evolvesInto" and r.subject.cls == r.object.cls == "Product"
                 and one_family(r.subject, r.object)]
        sentences = {s.start: s for s in state.document.sentences}
        added: list[Relation] = []
        while True:  # (Qwen2 → Qwen2.5 → Qwen3: the maker passes down the line)
            new = [(step, maker) for step in steps if step.object.key not in makers and step.evidence.start in sentences
                   for maker in makers.get(step.subject.key, {}).values()]
            if not new:
                break
            for step, maker in new:
                makers.setdefault(step.object.key, {})[maker.key] = maker
                added.append(relate(step.object, "madeBy", maker, sentences[step.evidence.start], state.document,
                                    "inferred:family-maker", CONFIDENCE))
        return with_relations(state, [*state.relations, *added]) if added else state
