"""Relations a sentence states: trigger words between typed mentions, scoped to a clause, with the section's
or the article's role when the sentence names none."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import (
    CLAUSE_BREAK,
    COORDINATED,
    LIST_ITEM,
    MARKUP,
    PLATFORM_PLACE,
    SentenceExtractor,
    between,
    find_cue,
    narrower,
    negated,
    part_around,
    relate,
)
from kg.analyse.extract.structure import CUE_RULE
from kg.core.model import Mention, Relation, Sentence

CUE_GAP = 6  # characters allowed between a product and the content word after it
INSTRUMENT = re.compile(r"(?:通过|借助|利用|用|在|把|将|和|与|跟)\s*$")  # 通过Discord生成图像: Discord is the means
INSTRUMENT_LIST = re.compile(r"(?:通过|借助|利用|使用|调用|用)\s*(?:□+\s*(?:、|和|与|及|以及|,|，)\s*)+$")  # 使用A、B和C…生成
MODIFIER_OPENING = re.compile(r"具有|具备|带有|拥有")  # 生成具有3D一致性的视频: 3D describes the video
AGENT_BETWEEN = re.compile(r"允许|让|用户|创作者|作者|设计师|开发者")  # X允许创作者…，制作成短视频: the creator makes it
CONTINUED_ITEM = re.compile(r"^\s*(?:以及|还有|及|和|包括|甚至)")  # a clause that goes on with the list of the one before
THIS_COMPANY = re.compile(r"[\s*]*(?:在)?(?:这类|这种|这些|这样的|此类|该类)(?:公司|企业)|[\s*]*在这里")  # 在这类公司，产品经理服务于…
KNOW_WHAT = re.compile(r"是干什么的|是做什么的|是什么|的区别|有什么区别|有何区别|各自|怎么工作|如何工作|的原理|原理")
CAN_DO = re.compile(r"[\s*]*(?:它|其)?(?:还|也|都|同时)?(?:能|可以|能够|可|支持)(?:[^□，,。；;]{0,4}?(?:也|还)(?:能|可以|支持))?")
CATEGORY_LEAD = re.compile(r"(?:等|这些|这类|各种|各类|主流|[\d两几多十][个款种类])(?:主流|常见|常用)?的?$")
CATEGORY_NOUN = re.compile(r"(?:工具|产品|应用|App|APP|平台|架构|助手|软件)")
BA_LEAD = re.compile(r"把\s*(?:□+\s*(?:、|和|与|及|以及)\s*)*$")  # 把LangChain和Dify玩熟: 把 before the listed things
LISTED_AFTER = re.compile(r"^(?:\s*(?:、|和|与|及|以及)\s*□+)*\s*")
BA_KNOW = re.compile(r"(?:都|也|先)?(?:玩熟|用熟|玩透|学会|吃透|搞懂|摸透|弄懂|学透|用起来|上手|研究透|玩明白|搞明白|用明白|摸清楚)")
MODIFIER_END = re.compile(r"的[\s0-9A-Za-z]{0,6}$")  # a modifier ending in 的, or in 的 and a format (1080p, 4K)
MAX_OBJECT_GAP = 8  # characters between a trigger word and the object it governs (采用了和□类似的□)
MAX_MODIFIED_GAP = 16  # … when the gap is a modifier ending in 的 (生成最长两分钟、1080p的视频)


@register("patterns")
class PatternExtractor(SentenceExtractor):
    """Relations stated by a sentence (trigger words between typed mentions) or by structure (headings, lists)."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """What each of the rules reads in the sentence."""
        for rule in (self._representative, self._taxonomy, self._hires, self._serves, self._based_on,
                     self._generates, self._generates_by_cue, self._should_know):
            yield from rule(ctx, index, sentence, here)

    # ------------------------------------------------------------ helpers
    def _has(self, cue: str, text: str) -> str | None:
        """The longest word of a cue found in text, or None."""
        return find_cue(self.cue(cue), text)

    # ------------------------------------------------------------ structure rules
    def _representative(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """产品代表：X under a heading naming a content type → X generates it."""
        trigger = self._has("representativeTrigger", ctx.masked(index))
        if not trigger:
            return
        after = sentence.start + ctx.masked(index).index(trigger)
        content = ctx.nearest(index, "ContentType")
        for product in (m for m in here if m.cls == "Product" and m.start > after):
            if content is not None:
                yield relate(product, "generates", content, sentence, ctx.doc, "structure:representative-product")

    def _taxonomy(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """X 划分为 A 和 B → A, B kindOf X;  A、B 均属于这个范畴 (under heading X) → A, B kindOf X."""
        roles = [m for m in here if m.cls == "Role"]
        forward = self._has("kindOfTrigger", ctx.masked(index))
        back = self._has("kindOfBackTrigger", ctx.masked(index))
        if forward:
            at = sentence.start + ctx.masked(index).index(forward)
            parents = [m for m in roles if m.end <= at]
            if parents:
                for child in (m for m in roles if m.start >= at and narrower(m, parents[-1])):
                    yield relate(child, "kindOf", parents[-1], sentence, ctx.doc, "pattern:kind-of")
        if not back:
            yield from self._kind_of_up(ctx, index, sentence, roles)
        if back:
            at = sentence.start + ctx.masked(index).index(back)
            parents = [m for m in roles if m.start >= at] or [p for p in [ctx.nearest(index, "Role")] if p]
            for parent in parents:
                for child in (m for m in roles if m.end <= at and narrower(m, parent)):
                    yield relate(child, "kindOf", parent, sentence, ctx.doc, "pattern:kind-of-back")

    def _kind_of_up(self, ctx, index, sentence, roles) -> Iterator[Relation]:
        """A 属于 B / A 是 B 的一种 / A 也是 B 的一个细分方向, clause by clause: the clause's first role is a kind of the
        role that follows it."""
        masked = ctx.masked(index)
        start = 0
        for end in [b.start() for b in CLAUSE_BREAK.finditer(masked)] + [len(masked)]:
            inside = [m for m in roles if sentence.start + start <= m.start and m.end <= sentence.start + end]
            if len(inside) >= 2 and self._has("kindOfUpTrigger", masked[start:end]) \
                    and narrower(inside[0], inside[1]):
                yield relate(inside[0], "kindOf", inside[1], sentence, ctx.doc, "pattern:kind-of-up")
            start = end + 1

    # ------------------------------------------------------------ sentence rules
    def _stated_after_trigger(self, masked: str, sentence: Sentence, mention: Mention, cue: str) -> bool:
        """True when a cue word precedes the mention in its clause (a list after the cue counts), not negated."""
        clauses = CLAUSE_BREAK.split(masked[: mention.start - sentence.start])
        clause = clauses.pop()
        if not CONTINUED_ITEM.sub("", clause).strip(" □"):  # it opens its clause (了解 AI，机器学习 / …，以及□是怎么工作的)
            while clauses:
                previous = clauses.pop()
                clause = previous + "，" + clause
                if not LIST_ITEM.fullmatch(previous):
                    break
        trigger = self._has(cue, clause)
        if not trigger:
            return False
        return not negated(self.cue, clause[: clause.rindex(trigger)])

    def _known_about(self, masked: str, sentence: Sentence, mention: Mention) -> bool:
        """对 X 有深入了解 / 对 X 很熟悉 / 把 X 和 Y 玩熟: the know-word follows the thing (and the things listed with
        it), introduced by 对 or 把, in one clause."""
        start, end = mention.start - sentence.start, mention.end - sentence.start
        before = CLAUSE_BREAK.split(masked[:start])[-1]
        after = CLAUSE_BREAK.split(masked[end:])[0]
        if before.rstrip().endswith("对"):
            return bool(self._has("shouldKnowTrigger", after[:8]))
        return _mastered(before, after)

    def _hires(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Company type + hiring word + role in one clause (去模型厂做AI产品岗); or a role hired in a sentence right
        after the company type's own line (**1）有AIGC自研能力的公司。**招聘的“AIGC应用产品经理”)."""
        masked = ctx.masked(index)
        hedged = self._has("hedge", masked)  # 去模型厂是否比去业务厂做AI产品岗更有钱途？ compares, it states no hiring
        roles = [m for m in here if m.cls == "Role"]
        companies = [m for m in here if m.cls == "CompanyType"]
        strong = self._has("hiresStrongTrigger", masked) and len(companies) == 1 and not hedged
        specific = ctx.specific(roles)
        for company in companies:
            for role in roles:
                if self._same_clause(ctx, company, role) and self._has("hiresTrigger", between(masked, sentence,
                                                                                                company, role)) \
                        and not self._has("hedge", _clause_around(masked, company.start - sentence.start)):
                    yield relate(company, "hires", role, sentence, ctx.doc, "pattern:hires")
                elif strong and role in specific:
                    yield relate(company, "hires", role, sentence, ctx.doc, "pattern:hires-sentence", 0.7)
        if hedged:
            return
        opening = CLAUSE_BREAK.split(masked)[0]
        trigger = self._has("hiresTrigger", opening)
        if not companies and roles and trigger and not any(m.cls == "Organization" for m in here) \
                and not re.search(r"[^\s□*，,“”\"（）()]", opening[: opening.index(trigger)].replace("在", "")):
            # the sentence opens with the hiring word: its employer is the company type of the sentence before
            for company in (m for m in ctx.previous_mentions(index) if m.cls == "CompanyType"):
                for role in roles:
                    yield relate(company, "hires", role, sentence, ctx.doc, "pattern:hires-previous-sentence")

    @staticmethod
    def _same_clause(ctx, a: Mention, b: Mention) -> bool:
        """True when no clause break lies between two mentions."""
        lo, hi = min(a.end, b.end), max(a.start, b.start)
        return not CLAUSE_BREAK.search(ctx.doc.text[lo:hi])

    def _serves(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Company type + 服务的对象 + team → a PM there servesTeam the team; 在这类公司 / 在这里 + 服务于 + team takes the
        company type of the sentence before or of the section."""
        masked = ctx.masked(index)
        if not self._has("servesTrigger", masked):
            return
        companies = [m for m in here if m.cls == "CompanyType"]
        if not companies and THIS_COMPANY.match(masked):
            before = [m for m in ctx.previous_mentions(index) if m.cls == "CompanyType"]
            companies = before[-1:] or [m for m in [ctx.nearest(index, "CompanyType")] if m is not None]
        for company in companies:
            for team in (m for m in here if m.cls == "Team"):
                yield relate(company, "servesTeam", team, sentence, ctx.doc, "pattern:serves")

    def _in_clause(self, ctx, index, here, first_cls, second_cls, cue, topical: bool = True) \
            -> Iterator[tuple[Mention, Mention]]:
        """Pairs (a of first_cls, b of second_cls) in one clause whose text holds a cue word; a clause with the cue
        but without an `a` that is its subject takes the sentence's topic (Sora是…模型，基于DiT架构) when `topical`."""
        masked = ctx.masked(index, keep=CUE_RULE)
        if self._has("uncertainty", masked):
            return
        sentence = ctx.doc.sentences[index]
        topic = ctx.topic(index, first_cls)
        for b in (m for m in here if m.cls == second_cls):
            start = max((c.end() for c in CLAUSE_BREAK.finditer(masked, 0, b.start - sentence.start)), default=0)
            clause_start = sentence.start + start
            subjects = [a for a in here if a.cls == first_cls and clause_start <= a.start and a.end <= b.start
                        and not INSTRUMENT.search(ctx.doc.text[max(a.start - 3, clause_start):a.start])
                        and not INSTRUMENT_LIST.search(masked[start:a.start - sentence.start])]
            if topic is not None and PLATFORM_PLACE.match(ctx.doc.text, topic.end):
                topic = None
            if subjects and self._has(cue, ctx.doc.text[subjects[-1].end:b.start]) \
                    and self._subject_of_cue(cue, masked[subjects[-1].end - sentence.start: b.start - sentence.start]):
                yield subjects[-1], b
            elif topical and not subjects and topic is not None and topic.end <= clause_start \
                    and self._object_of_cue(cue, masked[start: b.start - sentence.start]) \
                    and not AGENT_BETWEEN.search(masked[topic.end - sentence.start: start]):
                yield topic, b

    def _subject_of_cue(self, cue: str, between: str) -> bool:
        """True when the text from a product to its object makes the product the subject of the cue word: no 的 that
        makes it a modifier (上线了首部AIGC制作的短剧), no list, no second verb of its own (上传…来生成)."""
        at = min((between.index(word) for word in self.cue(cue) if word in between), default=None)
        if at is None:
            return False  # the cue word is only inside a name (喜马拉雅创作者大会)
        before, after = between[:at], between[at:]
        if before.strip(MARKUP) == "的" and re.match(r"\w{1,4}是", after):
            before = ""  # Stable Diffusion的核心是潜在扩散模型: the product's part names what it is built on
        opened = [m.end() for m in MODIFIER_OPENING.finditer(after)]
        return not re.search(r"[的、]|上传|上线|输入|发布|推出|允许|来$|用户|创作者|作者|设计师", before) \
            and not (opened and "的" not in after[opened[-1]:])

    def _object_of_cue(self, cue: str, before: str) -> bool:
        """True when the text before an object ends with a cue word and a short gap free of a second verb
        (基于□和□ yes; 基于□和□来搭建 no)."""
        trigger = self._has(cue, before)
        if trigger is None:
            return False
        gap = re.sub("□+", "□", before[before.rindex(trigger) + len(trigger):])
        longest = MAX_MODIFIED_GAP if MODIFIER_END.search(gap) else MAX_OBJECT_GAP  # 生成最长两分钟的1080p视频
        return len(gap) <= longest and not re.search(r"[来去以并而让把将]", gap)

    def _based_on(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Product and technology in one clause with 基于 / 采用 → product basedOn technology."""
        for product, tech in self._in_clause(ctx, index, here, "Product", "Technology", "basedOnTrigger"):
            yield relate(product, "basedOn", tech, sentence, ctx.doc, "pattern:based-on", 0.8)
        for product, tech in self._in_clause(ctx, index, here, "Product", "Technology", "basedOnSubjectTrigger", False):
            yield relate(product, "basedOn", tech, sentence, ctx.doc, "pattern:based-on", 0.8)

    def _generates(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Product and content type in one clause with 生成 / 创作, or with 写 / 画 of which the product is the subject
        (WPS AI写周报, 它能画插画) → product generates content type."""
        for product, content in self._in_clause(ctx, index, here, "Product", "ContentType", "generatesTrigger"):
            yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generates", 0.8)
        for product, content in self._in_clause(ctx, index, here, "Product", "ContentType", "writesTrigger"):
            yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generates-writes", 0.75)

    def _generates_by_cue(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """A product right before a word that implies a content type (文心一言绘图功能, Sora等视频生成模型), or the
        sentence's topic when a clause of its own says what it can do (即梦来自…，能文生图也能图生视频), in a sentence
        that does not deny it."""
        if negated(self.cue, ctx.masked(index, keep=CUE_RULE)):
            return
        for content in (m for m in here if m.rule == CUE_RULE):
            listed = _first_listed_cue(ctx.doc.text, here, content)  # 支持文生图和图生视频: the first of the list
            before = [m for m in here if m.end <= listed.start]
            product = before[-1] if before else None
            gap = ctx.doc.text[product.end:listed.start] if product else ""
            if product is not None and product.cls == "Product" and len(gap) <= CUE_GAP \
                    and not re.search(r"[、，,；;。“”]", gap):
                yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generates-cue", 0.8)
            elif (topic := ctx.topic(index, "Product")) is not None and topic.end <= listed.start \
                    and CAN_DO.fullmatch(sentence.text[part_around(sentence.text, listed.start - sentence.start)[0]:
                                                       listed.start - sentence.start]):
                yield relate(topic, "generates", content, sentence, ctx.doc, "pattern:generates-cue-topic", 0.75)

    def _should_know(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Role + 了解 / 使用过 + products or technologies in one clause → the role should know them."""
        masked = ctx.masked(index)
        things = [m for m in here if m.cls in ("Product", "Technology", "Concept")
                  and not _names_a_category(ctx.doc.text, sentence, m)
                  and (self._stated_after_trigger(masked, sentence, m, "shouldKnowTrigger")
                       or self._known_about(masked, sentence, m) or self._knows_what(masked, sentence, m))
                  and not self._has("hedge", _clause_around(masked, m.start - sentence.start))]
        if not things:
            return
        roles, rule, confidence = ctx.roles_for(index, here)
        roles = ctx.subject_roles(index, roles)
        posted = ctx.posted_role(index, things[0].start, self.cue) if rule else None
        if posted is not None:
            roles, rule, confidence = [posted], "-posted-role", 0.85  # 这类岗位要求候选人熟练使用…
        elif rule == "-main-role" or rule and not ctx.about_a_person(index, self.cue("personSubject")):
            return  # the section's role only for a person subject (你需要了解…) or a list item; never the article's
        for role in roles:
            for thing in things:
                if rule or self._knower(masked, sentence, here, role, thing):
                    yield relate(role, "shouldKnow", thing, sentence, ctx.doc, f"pattern:should-know{rule}",
                                 confidence * 0.9)

    def _knower(self, masked: str, sentence: Sentence, here: list[Mention], role: Mention, thing: Mention) -> bool:
        """True when a role named in the sentence is the one who knows: it comes before the know-word, and no
        organisation or person between them is the subject instead (OpenAI CEO表示，OpenAI已经掌握…AGI)."""
        if role.end > thing.start:
            return False
        subjects = [m for m in here if m.cls in ("Organization", "Person") and role.end <= m.start and m.end <= thing.start]
        if any(not any(o is not m and o.start <= m.start and m.end <= o.end for o in here) for m in subjects):
            return False  # (an organisation inside a product's name, DeepSeek-R1, is no subject)
        between = masked[role.end - sentence.start: thing.start - sentence.start]
        if not CLAUSE_BREAK.search(between) and _mastered(between, CLAUSE_BREAK.split(masked[thing.end - sentence.start:])[0]):
            return True  # AI产品经理要把Coze和Dify都玩透
        return self._has("shouldKnowTrigger", between) is not None or self._has("knowWhatTrigger", between) is not None

    def _knows_what(self, masked: str, sentence: Sentence, mention: Mention) -> bool:
        """知道Embedding和向量数据库是干什么的 / 明白A和B的区别: a bare know-word counts when the clause asks what the
        things are or how they differ (咱们都知道… does not)."""
        after = CLAUSE_BREAK.split(masked[mention.end - sentence.start:])[0]
        return KNOW_WHAT.search(after) is not None and self._stated_after_trigger(masked, sentence, mention,
                                                                                   "knowWhatTrigger")


def _mastered(before: str, after: str) -> bool:
    """True for 把 X (和 Y) 玩熟 / 吃透, given the masked clause text before and after the thing."""
    return bool(BA_LEAD.search(before) and BA_KNOW.match(LISTED_AFTER.sub("", after)))


def _names_a_category(text: str, sentence: Sentence, mention: Mention) -> bool:
    """True for a word that only qualifies a kind of tool after a list or a count (…等主流AIGC工具, 两款大模型产品,
    10个AI工具): the things to know are the ones listed, not the qualifier."""
    before = text[max(sentence.start, mention.start - 4):mention.start]
    return bool(CATEGORY_LEAD.search(before) and CATEGORY_NOUN.match(text, mention.end))


def _first_listed_cue(text: str, here: list[Mention], content: Mention) -> Mention:
    """The first content word of the list that ends with `content` (文生图和图生视频), whatever names lie inside them."""
    cues = [m for m in here if m.rule == CUE_RULE]
    while (previous := [c for c in cues if c.end <= content.start and COORDINATED.match(text[c.end:content.start])]):
        content = min(previous, key=lambda c: c.start)
    return content


def _clause_around(masked: str, offset: int) -> str:
    """The clause of a masked sentence that holds an offset, with its closing mark (你懂大模型微调吗？)."""
    start, end = part_around(masked, offset)
    return masked[start:end + 1]
