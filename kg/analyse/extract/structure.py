"""Structure: entities and facts a document states by its layout — technology lineages (发展路线：A-B-C), the
content type a '…生成' heading names, and words that imply a content type (生图 → 图像)."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from kg.analyse.extract import register
from kg.analyse.extract.context import MARKUP, find_cue, relate
from kg.analyse.extract.lexicon_match import generated_from
from kg.analyse.extract.mentions import by_sentence, lexicon_mention, new_mention, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention, Relation, Sentence

STAGE_SPLIT = re.compile(r"\s*(?:-(?![a-z])|—+|－|→|->|>)\s*")
ITEM_SPLIT = re.compile(r"/|和|、")
STAGE_PROSE = re.compile(r"[，,。；;！？!?：:（）()《》【】\[\]]|https?|www\.|\.html?|\d{4}年|\s{2}")
MAX_STAGE_CHARS = 24
STAGE_LABEL = re.compile(r"[ \t]*(?:[-*+•]\s+|\d{1,2}[.、)）]\s*)?(\*\*)?([^：:*\s][^：:*\n]{0,23})[：:](\*\*)?[ \t]*(\n|$)?")
MAX_LEAD_CHARS = 60  # a line that announces stages (AI的发展阶段：…分为三个阶段), not a paragraph
MAX_STAGE_LINES = 40  # how far after its lead a stage label may stand
MAX_STAGES = 8
CUE_RULE = "structure:content-cue"
MIN_MAKER_CHARS = 2
MIN_NAME_REST = 2  # 腾讯元宝 → 腾讯 + 元宝: the product's own name must remain
NAMED_CLASSES = frozenset({"Role", "Skill", "CompanyType", "Organization", "Product", "Team", "Industry"})


@register("structure")
class StructureExtractor:
    """Adds lineage stages and implied content types as mentions, and lineages as evolvesInto facts."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.cue = resources.ontology.cue
        self.content_cue = re.compile("|".join(map(re.escape, sorted(resources.ontology.content_cues))))

    def __call__(self, state: Extraction) -> Extraction:
        lineage_mentions, lineage_relations = self._lineages(state)
        stage_mentions, stage_relations = self._staged_labels(state, {r.evidence.start for r in lineage_relations})
        lineage_mentions, lineage_relations = lineage_mentions + stage_mentions, lineage_relations + stage_relations
        state = with_mentions(state, lineage_mentions + self._content_types(state) + self._content_cues(state)
                              + self._makers_in_names(state))
        return Extraction(state.document, state.tokens, state.mentions, state.relations + tuple(lineage_relations))

    def _lineages(self, state: Extraction) -> tuple[list[Mention], list[Relation]]:
        """发展路线：A-B-C → A evolvesInto B, B evolvesInto C; unknown stages become Technology mentions."""
        doc = state.document
        mentions, relations = [], []
        for sentence in doc.sentences:
            trigger = find_cue(self.cue("lineageTrigger"), sentence.text)
            colon = max(sentence.text.find("："), sentence.text.find(":"))
            if not trigger or colon < sentence.text.index(trigger):
                continue
            parts = _stages(sentence.text, colon + 1)
            if len(parts) < 2 or not all(_nameable_stage(text) for _, text in parts):
                continue  # prose after the colon, not a lineage
            stages = [self._stage(state, sentence, start, text) for start, text in parts]
            stages = [stage for stage in stages if stage]
            if not any(m.rule == "lexicon" for stage in stages for m in stage):
                continue  # no stage is a known technology: a chain of events, not a lineage
            for stage in stages:
                mentions.extend(m for m in stage if m.rule != "lexicon")
            for before, after in pairwise(stages):
                for a in before:
                    for b in after:
                        relations.append(relate(a, "evolvesInto", b, sentence, doc, "structure:lineage"))
        return mentions, relations

    def _staged_labels(self, state: Extraction, chained: set[int]) -> tuple[list[Mention], list[Relation]]:
        """A line announcing stages (AI的发展阶段：) followed by one label line per stage (决策式AI： / **生成式AI：**…):
        each stage evolves into the next; the announcing sentence is the evidence."""
        doc = state.document
        mentions, relations = [], []
        for index, lead in enumerate(doc.sentences):
            if lead.start in chained or len(lead.text) > MAX_LEAD_CHARS or not find_cue(self.cue("lineageTrigger"), lead.text):
                continue
            labels = self._stage_labels(doc, index)
            if not 2 <= len(labels) <= MAX_STAGES or not all(_nameable_stage(text) for _, _, text in labels):
                continue
            stages = [self._stage(state, sentence, offset, text) for sentence, offset, text in labels]
            if not all(stages) or not any(m.rule == "lexicon" for stage in stages for m in stage):
                continue
            mentions.extend(m for stage in stages for m in stage if m.rule != "lexicon")
            relations.extend(relate(a, "evolvesInto", b, lead, doc, "structure:stage-labels", 0.8)
                             for before, after in pairwise(stages) for a in before for b in after)
        return mentions, relations

    @staticmethod
    def _stage_labels(doc, index: int) -> list[tuple[Sentence, int, str]]:
        """(sentence, offset, name) of the stage labels after sentence `index`: a line that is only 'Name：', or a
        list item opening with a bold '**Name：**'; up to the next heading or bold title line."""
        labels = []
        for sentence in doc.sentences[index + 1: index + 1 + MAX_STAGE_LINES]:
            body = sentence.text.strip()
            if sentence.is_heading or body.startswith("**") and body.endswith("**") and "：" not in body:
                break
            line = doc.text.rfind("\n", 0, sentence.start) + 1
            match = STAGE_LABEL.match(doc.text, line)
            if match is None or match.start(2) < sentence.start or not (match.group(4) is not None
                                                                         or match.group(1) and match.group(3)):
                continue
            labels.append((sentence, match.start(2) - sentence.start, match.group(2).strip()))
        return labels

    def _stage(self, state: Extraction, sentence: Sentence, offset: int, text: str) -> list[Mention]:
        """The entities one lineage stage names: known ones by lexicon, others as new Technology mentions."""
        doc = state.document
        found = []
        for item_offset, item in _items(text):
            name = item
            for suffix in sorted(self.cue("stageSuffix"), key=len, reverse=True):
                if name.endswith(suffix) and len(name) > len(suffix):
                    name = name[: -len(suffix)]
            start = sentence.start + offset + item_offset
            entry = self.resources.lexicon.lookup(name) or (
                self.resources.lexicon.lookup(name[:-2]) if name.endswith(("生成", "合成")) and len(name) > 3 else None)
            if entry is not None:
                found.append(lexicon_mention(doc, start, start + len(name), entry, "lexicon"))
            elif name:
                found.append(new_mention(doc, start, start + len(name), "Technology", "structure:lineage-stage", 0.9))
        return found

    def _content_types(self, state: Extraction) -> list[Mention]:
        """The content type inside a '…生成' heading: 图像生成 also names 图像 (for the 产品代表 under it)."""
        found = []
        headings = [s for s in state.document.sentences if s.is_heading]  # disjoint, in text order
        starts = [h.start for h in headings]
        for mention in state.mentions:
            if mention.cls != "Technology" or not mention.surface.endswith("生成") \
                    or not _in_heading(headings, starts, mention.start):
                continue
            for cut in range(len(mention.surface) - 2, 0, -1):
                entry = self.resources.lexicon.lookup(mention.surface[:cut])
                if entry is not None and entry.cls == "ContentType":
                    found.append(lexicon_mention(state.document, mention.start, mention.start + cut, entry,
                                                 "structure:generated-content-type"))
                    break
        return found

    def _makers_in_names(self, state: Extraction) -> list[Mention]:
        """The organisation a known product's name starts with (腾讯元宝, 百度文库, Google Analytics), as a mention a
        made-by rule can use."""
        found = []
        for product in (m for m in state.mentions if m.cls == "Product" and m.rule == "lexicon"):
            for cut in range(len(product.surface) - MIN_NAME_REST, MIN_MAKER_CHARS - 1, -1):
                if not product.surface[cut - 1].isalnum() and product.surface[cut - 1].isascii():
                    continue  # 'Google ' or 'DeepSeek-': the shorter cut names the maker without the separator
                maker = self.resources.lexicon.lookup(product.surface[:cut])
                if maker is not None and maker.cls == "Organization" and _ends_a_word(product.surface, cut):
                    found.append(lexicon_mention(state.document, product.start, product.start + cut, maker,
                                                 "structure:maker-in-name"))
                    break
        return found

    def _content_cues(self, state: Extraction) -> list[Mention]:
        """Words that imply a content type (生图 → 图像), as content-type mentions a generates rule can use."""
        doc, found = state.document, []
        by_iri = self.resources.lexicon.by_iri
        cues = sorted((word, iri) for word, iri in self.resources.ontology.content_cues.items() if iri in by_iri)
        for sentence, inside in zip(doc.sentences, by_sentence(state.mentions, doc.sentences)):
            if not self.content_cue.search(sentence.text):
                continue  # (most sentences hold no content word: one pass says so)
            hits = [(sentence.start + at, word, iri) for word, iri in cues if (at := sentence.text.find(word)) >= 0]
            names = [m for m in inside if m.cls in NAMED_CLASSES]
            for start, word, iri in hits:
                if not any(m.start <= start and start + len(word) <= m.end for m in names) \
                        and not generated_from(doc.text, start, start + len(word)):
                    found.append(lexicon_mention(doc, start, start + len(word), by_iri[iri], CUE_RULE))
        return found


def _in_heading(headings: list[Sentence], starts: list[int], at: int) -> bool:
    """True when offset `at` lies in one of the headings (one bisect, not a scan of every heading)."""
    index = bisect_right(starts, at) - 1
    return index >= 0 and at < headings[index].end


def _stages(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, text) of each stage of a lineage written after position `start`: A-B-C, A→B, A—B."""
    body = text[start:]
    stripped = body.lstrip(MARKUP)
    offset = start + len(body) - len(stripped)
    stages, position = [], 0
    for match in STAGE_SPLIT.finditer(stripped):
        stages.append((offset + position, stripped[position:match.start()]))
        position = match.end()
    stages.append((offset + position, stripped[position:]))
    return [(at, part.rstrip(MARKUP + "…。.")) for at, part in stages if part.strip(MARKUP + "…。.")]


def _nameable_stage(text: str) -> bool:
    """True for a stage that can be a name: short, no clause punctuation, no link."""
    return len(text) <= MAX_STAGE_CHARS and not STAGE_PROSE.search(text)


def _items(stage: str) -> list[tuple[int, str]]:
    """(offset, text) of the alternatives in one stage: 'GAN/VAE/Flow-base模型' → three items."""
    items, position = [], 0
    for match in ITEM_SPLIT.finditer(stage):
        items.append((position, stage[position:match.start()]))
        position = match.end()
    items.append((position, stage[position:]))
    return [(at, item.strip()) for at, item in items if item.strip()]


def _ends_a_word(name: str, cut: int) -> bool:
    """True when a prefix of a name ends at a word edge: any edge in Chinese, a space or case change in Latin
    (Google Analytics yes, Googlebot no)."""
    before, after = name[cut - 1], name[cut]
    return not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()) or after.isupper() \
        and before.islower() or name[cut:cut + 1] == " "
