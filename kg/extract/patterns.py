"""Typed relations from trigger words and document structure, each with its evidence sentence and rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import register
from kg.extract.mentions import in_sentence, lexicon_mention, new_mention, with_mentions
from kg.extract.resources import Resources
from kg.model import Document, Evidence, Extraction, Mention, Relation, Sentence

CLAUSE_BREAK = re.compile(r"[，,；;。！？!?]")
LIST_ITEM = re.compile(r"\s*□+\s*")  # a clause that is one masked mention: an item of a comma list
STAGE_SPLIT = re.compile(r"\s*(?:-(?![a-z])|—+|－|→|->|>)\s*")
ITEM_SPLIT = re.compile(r"/|和|、")
MARKUP = "*` 　"
CUE_RULE = "structure:content-cue"
NAMED_CLASSES = frozenset({"Role", "Skill", "CompanyType", "Organization", "Product", "Team", "Industry"})
CUE_GAP = 6  # characters allowed between a product and the content word after it


@register("patterns")
class PatternExtractor:
    """Relations stated by a sentence (trigger words between typed mentions) or by structure (headings, lists)."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.cue = resources.ontology.cue

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        lineage_mentions, lineage_relations = self._lineages(state)
        state = with_mentions(state, lineage_mentions + self._content_types(state) + self._content_cues(state))
        context = _Context(state)
        relations = list(lineage_relations)
        for index, sentence in enumerate(doc.sentences):
            here = context.by_sentence[index]
            for rule in (self._layer, self._representative, self._taxonomy, self._requires, self._hires, self._serves,
                         self._made_by, self._based_on, self._generates, self._generates_by_cue,
                         self._should_know):
                relations.extend(rule(context, index, sentence, here))
        unique = {(r.subject.key, r.predicate, r.object.key, r.evidence): r for r in relations}
        ordered = sorted(unique.values(), key=lambda r: (r.evidence.start, r.predicate, r.subject.key, r.object.key))
        return Extraction(state.document, state.tokens, state.mentions, tuple(ordered))

    # ------------------------------------------------------------ helpers
    def _has(self, cue: str, text: str) -> str | None:
        """The first cue word found in text (longest first), or None."""
        for word in sorted(self.cue(cue), key=len, reverse=True):
            if word in text:
                return word
        return None

    @staticmethod
    def _relate(subject: Mention, predicate: str, obj: Mention, sentence: Sentence, doc: Document, rule: str,
                confidence: float = 1.0) -> Relation:
        """A relation with the sentence as evidence."""
        evidence = Evidence(doc.doc_id, sentence.text, sentence.start, sentence.end, rule, sentence.section)
        return Relation(subject, predicate, obj, evidence, confidence)

    # ------------------------------------------------------------ structure rules
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
            yield self._relate(member, "inLayer", layers[-1], sentence, ctx.doc, "structure:layer-list")

    def _representative(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """产品代表：X under a heading naming a content type → X generates it."""
        trigger = self._has("representativeTrigger", ctx.masked(index))
        if not trigger:
            return
        after = sentence.start + ctx.masked(index).index(trigger)
        content = ctx.nearest(index, "ContentType")
        for product in (m for m in here if m.cls == "Product" and m.start > after):
            if content is not None:
                yield self._relate(product, "generates", content, sentence, ctx.doc, "structure:representative-product")

    def _lineages(self, state: Extraction) -> tuple[list[Mention], list[Relation]]:
        """发展路线：A-B-C → A evolvesInto B, B evolvesInto C; unknown stages become Technology mentions."""
        doc = state.document
        mentions, relations = [], []
        for sentence in doc.sentences:
            trigger = self._has("lineageTrigger", sentence.text)
            colon = max(sentence.text.find("："), sentence.text.find(":"))
            if not trigger or colon < sentence.text.index(trigger):
                continue
            stages = [self._stage(state, sentence, start, text) for start, text in _stages(sentence.text, colon + 1)]
            stages = [stage for stage in stages if stage]
            for stage in stages:
                mentions.extend(m for m in stage if m.rule != "lexicon")
            for before, after in zip(stages, stages[1:]):
                for a in before:
                    for b in after:
                        relations.append(self._relate(a, "evolvesInto", b, sentence, doc, "structure:lineage"))
        return mentions, relations

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
        headings = [s for s in state.document.sentences if s.is_heading]
        for mention in state.mentions:
            if mention.cls != "Technology" or not mention.surface.endswith("生成") \
                    or not any(h.start <= mention.start < h.end for h in headings):
                continue
            for cut in range(len(mention.surface) - 2, 0, -1):
                entry = self.resources.lexicon.lookup(mention.surface[:cut])
                if entry is not None and entry.cls == "ContentType":
                    found.append(lexicon_mention(state.document, mention.start, mention.start + cut, entry,
                                                 "structure:generated-content-type"))
                    break
        return found

    def _content_cues(self, state: Extraction) -> list[Mention]:
        """Words that imply a content type (生图 → 图像), as content-type mentions a generates rule can use."""
        doc, found = state.document, []
        by_iri = self.resources.lexicon.by_iri
        for sentence in doc.sentences:
            for word, iri in sorted(self.resources.ontology.content_cues.items()):
                at = sentence.text.find(word)
                start = sentence.start + at
                inside_name = any(m.start <= start and start + len(word) <= m.end and m.cls in NAMED_CLASSES
                                  for m in state.mentions)
                if at >= 0 and iri in by_iri and not inside_name:
                    found.append(lexicon_mention(doc, start, start + len(word), by_iri[iri], CUE_RULE))
        return found

    def _taxonomy(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """X 划分为 A 和 B → A, B kindOf X;  A、B 均属于这个范畴 (under heading X) → A, B kindOf X."""
        roles = [m for m in here if m.cls == "Role"]
        forward = self._has("kindOfTrigger", ctx.masked(index))
        back = self._has("kindOfBackTrigger", ctx.masked(index))
        if forward:
            at = sentence.start + ctx.masked(index).index(forward)
            parents = [m for m in roles if m.end <= at]
            if parents:
                for child in (m for m in roles if m.start >= at and _narrower(m, parents[-1])):
                    yield self._relate(child, "kindOf", parents[-1], sentence, ctx.doc, "pattern:kind-of")
        up = self._has("kindOfUpTrigger", ctx.masked(index))
        if up and not back:
            at = sentence.start + ctx.masked(index).index(up)
            children = [m for m in roles if m.end <= at]
            parents = [m for m in roles if m.start >= at]
            if children and parents and self._same_clause(ctx, children[-1], parents[0]):
                if _narrower(children[-1], parents[0]):
                    yield self._relate(children[-1], "kindOf", parents[0], sentence, ctx.doc, "pattern:kind-of-up")
        if back:
            at = sentence.start + ctx.masked(index).index(back)
            parents = [m for m in roles if m.start >= at] or [p for p in [ctx.nearest(index, "Role")] if p]
            for parent in parents:
                for child in (m for m in roles if m.end <= at and _narrower(m, parent)):
                    yield self._relate(child, "kindOf", parent, sentence, ctx.doc, "pattern:kind-of-back")

    # ------------------------------------------------------------ sentence rules
    def _requires(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Role + requirement word + skill in one clause (or a list after it), unless negated; the role may come from
        the section heading when that heading asks what a role needs, or be the article's main role."""
        if sentence.is_heading:
            return
        masked = ctx.masked(index)
        skills = [m for m in here if m.cls == "Skill" and self._stated_after_trigger(masked, sentence, m,
                                                                                    "requiresTrigger")]
        if not skills and self._section_asks(sentence):
            skills = [m for m in here if m.cls == "Skill" and m.iri]  # under a heading: known skills only
        if not skills:
            return
        roles, rule, confidence = ctx.roles_for(index, here)
        for role in roles:
            for skill in skills:
                yield self._relate(role, "requiresSkill", skill, sentence, ctx.doc, f"pattern:requires{rule}", confidence)

    def _stated_after_trigger(self, masked: str, sentence: Sentence, mention: Mention, cue: str) -> bool:
        """True when a cue word precedes the mention in its clause (a list after the cue counts), not negated."""
        clauses = CLAUSE_BREAK.split(masked[: mention.start - sentence.start])
        clause = clauses.pop()
        if not clause.strip(" □"):  # the mention opens its clause: it may continue a comma list (了解 AI，机器学习)
            while clauses:
                previous = clauses.pop()
                clause = previous + "，" + clause
                if not LIST_ITEM.fullmatch(previous):
                    break
        trigger = self._has(cue, clause)
        if not trigger:
            return False
        return not self._has("negation", clause[: clause.rindex(trigger)])

    def _known_about(self, masked: str, sentence: Sentence, mention: Mention) -> bool:
        """对 X 有深入了解 / 对 X 很熟悉: the know-word follows the thing, introduced by 对, in one clause."""
        start, end = mention.start - sentence.start, mention.end - sentence.start
        before = CLAUSE_BREAK.split(masked[:start])[-1]
        after = CLAUSE_BREAK.split(masked[end:])[0]
        return before.rstrip().endswith("对") and bool(self._has("shouldKnowTrigger", after[:8]))

    def _section_asks(self, sentence: Sentence) -> bool:
        """True when the innermost heading (not the article title) is about what a role needs or does."""
        inner = sentence.section[1:][-1:] if len(sentence.section) > 1 else ()
        return any(self._has("requirementHeading", heading) for heading in inner)

    def _hires(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Company type + hiring word + role in one clause (去模型厂做AI产品岗); or a role hired in a sentence right
        after the company type's own line (**1）有AIGC自研能力的公司。**招聘的“AIGC应用产品经理”)."""
        masked = ctx.masked(index)
        roles = [m for m in here if m.cls == "Role"]
        companies = [m for m in here if m.cls == "CompanyType"]
        strong = self._has("hiresStrongTrigger", masked)
        specific = ctx.specific(roles)
        for company in companies:
            for role in roles:
                if self._same_clause(ctx, company, role) and self._has("hiresTrigger", _between(masked, sentence,
                                                                                                company, role)):
                    yield self._relate(company, "hires", role, sentence, ctx.doc, "pattern:hires")
                elif strong and role in specific:
                    yield self._relate(company, "hires", role, sentence, ctx.doc, "pattern:hires-sentence", 0.7)
        if not companies and roles and self._has("hiresTrigger", CLAUSE_BREAK.split(masked)[0]):
            for company in (m for m in ctx.previous_mentions(index) if m.cls == "CompanyType"):
                for role in roles:
                    yield self._relate(company, "hires", role, sentence, ctx.doc, "pattern:hires-previous-sentence")

    @staticmethod
    def _same_clause(ctx, a: Mention, b: Mention) -> bool:
        """True when no clause break lies between two mentions."""
        lo, hi = min(a.end, b.end), max(a.start, b.start)
        return not CLAUSE_BREAK.search(ctx.doc.text[lo:hi])

    def _serves(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Company type + 服务的对象 + team → a PM there servesTeam the team."""
        trigger = self._has("servesTrigger", ctx.masked(index))
        if not trigger:
            return
        for company in (m for m in here if m.cls == "CompanyType"):
            for team in (m for m in here if m.cls == "Team"):
                yield self._relate(company, "servesTeam", team, sentence, ctx.doc, "pattern:serves")

    def _made_by(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Organisation glued to a product (百度文心一言), or organisation + 推出/发布 + product in one clause."""
        for org in (m for m in here if m.cls == "Organization"):
            for product in (m for m in here if m.cls == "Product"):
                gap = ctx.doc.text[org.end:product.start] if org.end <= product.start else None
                if product.start == org.start or (gap is not None and gap.strip(MARKUP) in ("", "的")):
                    yield self._relate(product, "madeBy", org, sentence, ctx.doc, "pattern:org-prefix")
                elif gap is not None and not CLAUSE_BREAK.search(gap) and self._has("madeByTrigger", gap):
                    yield self._relate(product, "madeBy", org, sentence, ctx.doc, "pattern:made-by", 0.9)
                elif product.end <= org.start and self._made_by_after(ctx.doc.text, product, org):
                    yield self._relate(product, "madeBy", org, sentence, ctx.doc, "pattern:made-by-passive", 0.9)

    def _made_by_after(self, text: str, product: Mention, org: Mention) -> bool:
        """Product 是 / 由 organisation 推出的…: the made-by word comes right after the organisation."""
        gap = text[product.end:org.start].strip(MARKUP + "“”\"")
        after = text[org.end:org.end + 4]
        return gap in ("是", "由", "是由", "为", "来自") and any(after.startswith(w) for w in self.cue("madeByTrigger"))

    def _in_clause(self, ctx, here, first_cls, second_cls, cue) -> Iterator[tuple[Mention, Mention]]:
        """Pairs (a of first_cls, b of second_cls) in one clause whose text holds a cue word."""
        for a in (m for m in here if m.cls == first_cls):
            for b in (m for m in here if m.cls == second_cls):
                lo, hi = min(a.start, b.start), max(a.end, b.end)
                span = ctx.doc.text[lo:hi]
                if not CLAUSE_BREAK.search(span) and self._has(cue, span):
                    yield a, b

    def _based_on(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Product and technology in one clause with 基于 / 采用 → product basedOn technology."""
        for product, tech in self._in_clause(ctx, here, "Product", "Technology", "basedOnTrigger"):
            yield self._relate(product, "basedOn", tech, sentence, ctx.doc, "pattern:based-on", 0.8)

    def _generates(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Product and content type in one clause with 生成 / 创作 → product generates content type."""
        for product, content in self._in_clause(ctx, here, "Product", "ContentType", "generatesTrigger"):
            yield self._relate(product, "generates", content, sentence, ctx.doc, "pattern:generates", 0.8)

    def _generates_by_cue(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """A product right before a word that implies a content type (文心一言绘图功能), or the one product of the
        sentence before when this sentence names none (…Stable-Diffusion相关的课程。试了几下生图)."""
        for content in (m for m in here if m.rule == CUE_RULE):
            before = [m for m in here if m.end <= content.start and m is not content]
            product = before[-1] if before else None
            gap = ctx.doc.text[product.end:content.start] if product else ""
            if product is not None and product.cls == "Product" and len(gap) <= CUE_GAP \
                    and not re.search(r"[、，,；;。“”]", gap):
                yield self._relate(product, "generates", content, sentence, ctx.doc, "pattern:generates-cue", 0.8)
            elif not any(m.cls == "Product" for m in here) and (previous := ctx.previous_sentence(index)):
                products = [m for m in ctx.by_sentence[index - 1] if m.cls == "Product"]
                if len(products) == 1:
                    both = Sentence(previous.start, sentence.end, ctx.doc.text[previous.start:sentence.end],
                                    sentence.section)
                    yield self._relate(products[0], "generates", content, both, ctx.doc,
                                       "pattern:generates-cue-previous-sentence", 0.7)

    def _should_know(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Role + 了解 / 使用过 + products or technologies in one clause → the role should know them."""
        masked = ctx.masked(index)
        things = [m for m in here if m.cls in ("Product", "Technology")
                  and self._stated_after_trigger(masked, sentence, m, "shouldKnowTrigger")
                  or m.cls in ("Product", "Technology", "Concept") and self._known_about(masked, sentence, m)]
        if not things:
            return
        roles, rule, confidence = ctx.roles_for(index, here)
        for role in roles:
            for thing in things:
                yield self._relate(role, "shouldKnow", thing, sentence, ctx.doc, f"pattern:should-know{rule}",
                                   confidence * 0.9)


def _between(masked: str, sentence: Sentence, a: Mention, b: Mention) -> str:
    """The masked sentence text between two mentions."""
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return masked[max(lo - sentence.start, 0): max(hi - sentence.start, 0)]


class _Context:
    """Per-document lookups: mentions by sentence, headings of a section, the article's own role."""

    def __init__(self, state: Extraction) -> None:
        self.doc = state.document
        self.by_sentence = [in_sentence(state.mentions, s) for s in self.doc.sentences]
        self.heading_mentions: dict[str, list[Mention]] = {}
        for sentence, found in zip(self.doc.sentences, self.by_sentence):
            if sentence.is_heading:
                self.heading_mentions.setdefault(sentence.text, found)
        self.main_role = _main_role([m for m in state.mentions if m.cls == "Role"])

    def masked(self, index: int) -> str:
        """The sentence with its mentions blanked out, so trigger words are never read inside names (深度学习 ≠ 学习)."""
        sentence = self.doc.sentences[index]
        chars = list(sentence.text)
        for mention in self.by_sentence[index]:
            for i in range(mention.start - sentence.start, mention.end - sentence.start):
                chars[i] = "□"
        return "".join(chars)

    def nearest(self, index: int, cls: str) -> Mention | None:
        """The first mention of cls in the sentence's headings, innermost heading first."""
        sentence = self.doc.sentences[index]
        headings = [h for h in sentence.section if h != self.doc.meta.title]
        if sentence.is_heading:
            headings.append(sentence.text)
        for heading in reversed(headings):
            for mention in self.heading_mentions.get(heading, []):
                if mention.cls == cls:
                    return mention
        return None

    def roles_for(self, index: int, here: list[Mention]) -> tuple[list[Mention], str, float]:
        """Roles a sentence speaks about: its own (the specific ones), else its section's, else the article's main role."""
        specific = self.specific([m for m in here if m.cls == "Role"])
        if specific:
            return specific, "", 0.9
        section_role = self.nearest(index, "Role")
        if section_role is not None:
            return [section_role], "-section-role", 0.8
        if self.main_role is not None:
            return [self.main_role], "-main-role", 0.7
        return [], "", 0.0

    @staticmethod
    def specific(roles: list[Mention]) -> list[Mention]:
        """Roles without the generic heads of other roles in the list (产品经理 goes when AIGC产品经理 is there)."""
        return [m for m in roles if not any(o.label != m.label and o.label.endswith(m.label) for o in roles)]

    def previous_sentence(self, index: int) -> Sentence | None:
        """The sentence before, when it is in the same paragraph (no blank line or heading between)."""
        if index == 0:
            return None
        before, here = self.doc.sentences[index - 1], self.doc.sentences[index]
        if before.is_heading or before.section != here.section or "\n\n" in self.doc.text[before.end:here.start]:
            return None
        return before

    def previous_mentions(self, index: int) -> list[Mention]:
        """Mentions of the sentence before, when it is in the same section."""
        if index == 0 or self.doc.sentences[index - 1].section != self.doc.sentences[index].section:
            return []
        return self.by_sentence[index - 1]


def _main_role(roles: list[Mention]) -> Mention | None:
    """The role an article is about: its most mentioned role, a specific one before a generic head (产品经理)."""
    counts: dict[str, int] = {}
    for role in roles:
        counts[role.key] = counts.get(role.key, 0) + 1
    first = {role.key: role for role in reversed(roles)}
    generic = {r.key for r in roles if any(o.label != r.label and o.label.endswith(r.label) for o in roles)}
    ranked = sorted(counts, key=lambda key: (key in generic, -counts[key], key))
    return first[ranked[0]] if ranked else None


def _narrower(child: Mention, parent: Mention) -> bool:
    """True unless child is the parent or a generic head of it (产品经理 is never a kind of 大模型产品经理)."""
    return child.key != parent.key and not parent.label.endswith(child.label)


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


def _items(stage: str) -> list[tuple[int, str]]:
    """(offset, text) of the alternatives in one stage: 'GAN/VAE/Flow-base模型' → three items."""
    items, position = [], 0
    for match in ITEM_SPLIT.finditer(stage):
        items.append((position, stage[position:match.start()]))
        position = match.end()
    items.append((position, stage[position:]))
    return [(at, item.strip()) for at, item in items if item.strip()]
