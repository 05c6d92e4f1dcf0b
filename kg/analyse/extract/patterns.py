"""Relations a sentence states: trigger words between typed mentions, scoped to a clause, with the section's
or the article's role when the sentence names none."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import (
    CLAUSE_BREAK,
    COORDINATED,
    MARKUP,
    PLATFORM_PLACE,
    SentenceExtractor,
    between,
    clause_around,
    negated,
    part_around,
    relate,
)
from kg.analyse.extract.hiring import JOB_OPENING
from kg.analyse.extract.lines import LABEL_LEAD
from kg.analyse.extract.roles import narrower, restated_role
from kg.analyse.extract.structure import CUE_RULE
from kg.analyse.extract.topics import PRONOUNS
from kg.core.model import Mention, Relation, Sentence

CUE_GAP = 6  # characters allowed between a product and the content word after it
INSTRUMENT = re.compile(r"(?:通过|借助|利用|用|在|把|将|和|与|跟)\s*$")  # 通过Discord生成图像: Discord is the means
INSTRUMENT_LIST = re.compile(r"(?:通过|借助|利用|使用|调用|用)\s*(?:□+\s*(?:、|和|与|及|以及|或|或者|,|，)\s*)+$")  # 使用A、B和C…生成
MODIFIER_OPENING = re.compile(r"具有|具备|带有|拥有")  # 生成具有3D一致性的视频: 3D describes the video
AGENT_BETWEEN = re.compile(r"允许|让|用户|创作者|作者|设计师|开发者")  # X允许创作者…，制作成短视频: the creator makes it
THIS_COMPANY = re.compile(r"[\s*]*(?:在)?(?:这类|这种|这些|这样的|此类|该类)(?:公司|企业)|[\s*]*在这里")  # 在这类公司，产品经理服务于…
GENERATING = ("生成", "创作", "合成")
GENERATED_AFTER = re.compile(r"\s*(?:等)?(?:内容)?的?(?:生成|创作|合成)(?!器|式|模型|技术|能力)")  # 支持文本和视频生成
PRODUCT_CAN = re.compile(r"[\s*]*(?:还|也|都|同时)?(?:可|能|可以|能够|支持)[\s*]*")
DENIED_AFTER = re.compile(r"(?:出)?(?:的|了)?(?:并)?(?:不是|并非|不算)")  # NotebookLM生成的不是…播客
CUE_THEN_NAME = re.compile(r"[\s*]*(?:大模型|模型|工具|产品|应用|平台|软件|App|APP)[\s*“\"]*")  # 文生视频模型Sora
SUBJECTLESS = re.compile(r"[\s*]*(?:(?:该模型|该产品|这款产品|它|其)?(?:还|也|都|同时|并|并且|又|同样)?(?:可|能|可以|能够|支持|采用|基于|擅长|主打"
                         r"|靠|依靠|改用|用的是|结合了|融合了|用(?=[^，,。；;]{1,12}?(?:训练|微调|蒸馏)))"
                         r"|(?:它|其)的?(?:背后|底层|底座|核心))")  # 它背后的技术是…: 它 is the subject all along
CAN_DO = re.compile(r"[\s*]*(?:它|其)?(?:还|也|都|同时)?(?:能|可以|能够|可|支持)(?:[^□，,。；;]{0,4}?(?:也|还)(?:能|可以|支持))?")
MODIFIER_END = re.compile(r"的[\s0-9A-Za-z]{0,6}$")  # a modifier ending in 的, or in 的 and a format (1080p, 4K)
PART_IS = re.compile(r"\w{1,4}?(?:采用|使用|用)?的?(?:应该|其实|就|正)?是")  # 豆包的底层采用的应该是MoE架构
WRITTEN_INTO = re.compile(r"在(?:画面|图片|图像|图|视频|海报)(?:里|中|上)")  # 在画面里写出英文文字: text drawn into an image
MADE_WITH = re.compile(r"[^，,。；;□]{0,6}?(?:是|都是|全是|均是|则是|就是)?(?:由|用|通过|借助)[\s*]*")  # 图片是由…
MADE_BY_VERB = re.compile(r"[\s*]*(?:来|直接)?(?:生成|创作|合成|画|制作|做|生产|渲染)(?:出来)?的")
# the object is the head of a modifier built on another thing: 基于强化学习训练的推理模型
HEAD_OF_MODIFIER = re.compile(r"□[^□，,。]{0,4}(?:训练|构建|打造|开发|搭建|研发|改进|优化|微调)(?:出来|而成)?的[\s*]*$")
TRAINED = re.compile(r"\s*(?:技术|方法|算法)?(?:来|去)?(?:训练|预训练|后训练|微调|蒸馏|对齐|调优)(?:出来|而成|出)?")  # 用强化学习训练
MAX_OBJECT_GAP = 8  # characters between a trigger word and the object it governs (采用了和□类似的□)
MAX_MODIFIED_GAP = 16  # … when the gap is a modifier ending in 的 (生成最长两分钟、1080p的视频)


@register("patterns")
class PatternExtractor(SentenceExtractor):
    """Relations stated by a sentence (trigger words between typed mentions) or by structure (headings, lists)."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """What each of the rules reads in the sentence (none reads a sentence without mentions: each relates one)."""
        if not here:
            return
        for rule in (self._representative, self._taxonomy, self._hires, self._serves, self._based_on,
                     self._generates, self._generates_by_cue):
            yield from rule(ctx, index, sentence, here)

    # ------------------------------------------------------------ structure rules
    def _representative(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """产品代表：X under a heading naming a content type → X generates it."""
        trigger = self.has("representativeTrigger", ctx.masked(index))
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
        if not roles:
            return
        forward = self.has("kindOfTrigger", ctx.masked(index))
        back = self.has("kindOfBackTrigger", ctx.masked(index))
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
        role that follows it; in a list item labelled with a role (**Agent产品经理：** …，是AI应用产品经理的一个分支) a
        clause that names only the wider role says it of the label, else of the role an earlier clause opens with
        (Prompt工程师归在算法组，可以理解成算法工程师的一个分支)."""
        masked = ctx.masked(index)
        labelled = roles[0] if roles and LABEL_LEAD.fullmatch(masked[:roles[0].start - sentence.start]) else None
        start = 0
        for end in [b.start() for b in CLAUSE_BREAK.finditer(masked)] + [len(masked)]:
            inside = [m for m in roles if sentence.start + start <= m.start and m.end <= sentence.start + end]
            stated = bool(inside) and self.has("kindOfUpTrigger", masked[start:end])
            if len(inside) >= 2 and stated and narrower(inside[0], inside[1]):
                yield relate(inside[0], "kindOf", inside[1], sentence, ctx.doc, "pattern:kind-of-up")
            elif len(inside) == 1 and stated and "□" not in masked[start:inside[0].start - sentence.start] \
                    and (subject := labelled if labelled is not None and labelled.end < sentence.start + start
                         else ctx.clause_subject(index, sentence.start + start, "Role")
                         or restated_role(masked, sentence.start + start, roles, sentence.start)) is not None \
                    and narrower(subject, inside[0]):
                yield relate(subject, "kindOf", inside[0], sentence, ctx.doc, "pattern:kind-of-up")
            start = end + 1

    # ------------------------------------------------------------ sentence rules
    def _hires(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Company type + hiring word + role in one clause (去模型厂做AI产品岗); or a role hired in a sentence right
        after the company type's own line (**1）有AIGC自研能力的公司。**招聘的“AIGC应用产品经理”)."""
        masked = ctx.masked(index)
        hedged = self.has("hedge", masked)  # 去模型厂是否比去业务厂做AI产品岗更有钱途？ compares, it states no hiring
        roles = [m for m in here if m.cls == "Role"]
        companies = [m for m in here if m.cls == "CompanyType"]
        strong = self.has("hiresStrongTrigger", masked) and len(companies) == 1 and not hedged
        specific = ctx.specific(roles)
        for company in companies:
            for role in roles:
                gap = between(masked, sentence, company, role)  # (互联网大厂的AI产品经理岗位: its opening for the role)
                if self._same_clause(ctx, company, role) and (self.has("hiresTrigger", gap) or company.end <= role.start
                                                              and gap == "的" and JOB_OPENING.match(ctx.doc.text, role.end)) \
                        and not self.has("hedge", clause_around(masked, company.start - sentence.start)):
                    yield relate(company, "hires", role, sentence, ctx.doc, "pattern:hires")
                elif strong and role in specific:
                    yield relate(company, "hires", role, sentence, ctx.doc, "pattern:hires-sentence", 0.7)
        if hedged:
            return
        opening = CLAUSE_BREAK.split(masked)[0]
        trigger = self.has("hiresTrigger", opening)
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
        if not self.has("servesTrigger", masked):
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
        but without an `a` that is its subject takes, when `topical`, the sentence's topic (Sora是…模型，基于DiT架构)
        or, opening with no subject of its own, the last `a` of the clauses before (…发布Sora，可生成…的视频)."""
        masked = ctx.masked(index, keep=CUE_RULE)
        if all(m.cls != second_cls for m in here) or self.has("uncertainty", masked):
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
            span = masked[subjects[-1].end - sentence.start: b.start - sentence.start] if subjects else ""
            if subjects and self.has(cue, ctx.doc.text[subjects[-1].end:b.start]) \
                    and self._subject_of_cue(cue, span) and not _denied(self.cue, span, self.has(cue, span)):
                yield subjects[-1], b
            elif not topical or subjects or not self._object_of_cue(cue, masked[start: b.start - sentence.start]) \
                    or negated(self.cue, masked[start: b.start - sentence.start]):
                continue  # (虽然不直接支持生成音频: the clause denies it of the topic too)
            elif SUBJECTLESS.match(masked, start) \
                    and (continued := ctx.clause_subject(index, clause_start, first_cls)) is not None:
                yield continued, b  # OpenAI推出的ChatGPT引爆全网，它基于Transformer，能生成文本和代码
            elif topic is not None and topic.end <= clause_start \
                    and not AGENT_BETWEEN.search(masked[max(topic.end - sentence.start, 0): start]):
                yield topic, b
            elif SUBJECTLESS.match(masked, start) and (carried := [a for a in here if a.cls == first_cls
                                                                    and a.end <= clause_start]) \
                    and self._carries(ctx.doc.text, sentence, carried[-1]):
                yield carried[-1], b  # 百川智能发布Baichuan 3，该模型采用MoE架构 / …发布Sora，可生成长达60秒的视频

    @staticmethod
    def _carries(text: str, sentence: Sentence, mention: Mention) -> bool:
        """True when a name can be the subject a later subjectless clause continues with: it ends its clause, is
        no modifier (Midjourney的图片), no tool a person handles (用户上传Midjourney…) and not what 它 is based on
        (它基于云雀大模型，可以…: 它 stays the subject)."""
        clause_start, clause_end = (sentence.start + x for x in part_around(sentence.text, mention.start - sentence.start))
        return not text[mention.end:clause_end].strip(MARKUP + "“”\"") \
            and not text[clause_start:mention.start].lstrip(MARKUP).startswith(PRONOUNS) \
            and not AGENT_BETWEEN.search(text[clause_start:mention.start]) \
            and not re.search(r"上传|输入|用|借助|通过", text[clause_start:mention.start])

    def _subject_of_cue(self, cue: str, between: str) -> bool:
        """True when the text from a product to its object makes the product the subject of the cue word: no 的 that
        makes it a modifier (上线了首部AIGC制作的短剧), no list, no second verb of its own (上传…来生成)."""
        at = min((between.index(word) for word in self.cue(cue) if word in between), default=None)
        if at is None:
            return False  # the cue word is only inside a name (喜马拉雅创作者大会)
        before, after = between[:at], between[at:]
        if before.strip(MARKUP) == "的" and PART_IS.match(after):
            before = ""  # Stable Diffusion的核心是潜在扩散模型: the product's part names what it is built on
        if HEAD_OF_MODIFIER.search(after):
            return False  # 基于强化学习训练的推理模型: the model is what the product is, built on the first
        opened = [m.end() for m in MODIFIER_OPENING.finditer(after)]
        return not re.search(r"[的、]|上传|上线|输入|发布|推出|允许|来$|用户|创作者|作者|设计师", before) \
            and not (opened and "的" not in after[opened[-1]:])

    def _object_of_cue(self, cue: str, before: str) -> bool:
        """True when the text before an object ends with a cue word and a short gap free of a second verb
        (基于□和□ yes; 基于□和□来搭建 no)."""
        trigger = self.has(cue, before)
        if trigger is None:
            return False
        gap = re.sub("□+", "□", before[before.rindex(trigger) + len(trigger):])
        longest = MAX_MODIFIED_GAP if MODIFIER_END.search(gap) else MAX_OBJECT_GAP  # 生成最长两分钟的1080p视频
        return len(gap) <= longest and not re.search(r"[来去以并而让把将]", gap)

    def _based_on(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Product and technology in one clause with 基于 / 采用, or with 用 / 靠 and a training word after the technology
        (同样用强化学习训练) → product basedOn technology."""
        for product, tech in self._in_clause(ctx, index, here, "Product", "Technology", "basedOnTrigger"):
            yield relate(product, "basedOn", tech, sentence, ctx.doc, "pattern:based-on", 0.8)
        for product, tech in self._in_clause(ctx, index, here, "Product", "Technology", "basedOnSubjectTrigger", False):
            yield relate(product, "basedOn", tech, sentence, ctx.doc, "pattern:based-on", 0.8)
        for product, tech in self._in_clause(ctx, index, here, "Product", "Technology", "trainedWithTrigger"):
            if TRAINED.match(ctx.doc.text, tech.end):  # 同样用强化学习训练 / 靠蒸馏压出来
                yield relate(product, "basedOn", tech, sentence, ctx.doc, "pattern:trained-with", 0.8)

    def _generates(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Product and content type in one clause with 生成 / 创作, or with 写 / 画 of which the product is the subject
        (WPS AI写周报, 它能画插画) → product generates content type."""
        for product, content in self._in_clause(ctx, index, here, "Product", "ContentType", "generatesTrigger"):
            yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generates", 0.8)
        for product, content in self._in_clause(ctx, index, here, "Product", "ContentType", "writesTrigger"):
            if not WRITTEN_INTO.search(ctx.doc.text, sentence.start, content.start):
                yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generates-writes", 0.75)
        yield from self._generates_before_verb(ctx, index, sentence, here)
        yield from self._generated_by(ctx, index, sentence, here)

    def _generated_by(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """图片是由DALL·E 3生成的 / 这些视频都是用可灵做的: content made by the product named after it."""
        masked = ctx.masked(index)
        if self.has("uncertainty", masked) or negated(self.cue, masked):
            return
        for content in (m for m in here if m.cls == "ContentType"):
            for product in (m for m in here if m.cls == "Product" and m.start >= content.end):
                gap = masked[content.end - sentence.start:product.start - sentence.start]
                if MADE_WITH.fullmatch(gap) and MADE_BY_VERB.match(masked, product.end - sentence.start):
                    yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generated-by", 0.8)

    def _generates_before_verb(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Content types listed before the generating verb (MiniMax推出海螺AI，支持文本、语音和视频生成): the product
        that opens the clause, else the one the clauses before end with, or the topic."""
        masked = ctx.masked(index)
        if self.has("uncertainty", masked) or negated(self.cue, masked):
            return
        kinds = [m for m in here if m.cls == "ContentType"]
        for last in kinds:
            verb_at = last.end - sentence.start
            if not (last.rule == CUE_RULE and last.surface.endswith(GENERATING) or GENERATED_AFTER.match(masked, verb_at)):
                continue
            listed = [last]
            while (previous := [m for m in kinds if m.end <= listed[0].start
                                and COORDINATED.match(ctx.doc.text[m.end:listed[0].start])]):
                listed.insert(0, previous[-1])
            subject = self._maker_of_list(ctx, index, sentence, here, masked, listed[0])
            for content in listed if subject is not None else []:
                yield relate(subject, "generates", content, sentence, ctx.doc, "pattern:generates-listed", 0.75)

    def _maker_of_list(self, ctx, index, sentence, here, masked: str, first: Mention) -> Mention | None:
        """The product that makes a list of content types starting at `first`: the one opening its clause (X支持A和B
        生成), else, for a subjectless clause (支持A和B生成), the sentence's topic or the product the clauses before
        end with."""
        start, _ = part_around(masked, first.start - sentence.start)
        inside = [m for m in here if m.cls == "Product" and sentence.start + start <= m.start < first.start]
        if inside:
            gap = masked[inside[0].end - sentence.start:first.start - sentence.start]
            return inside[0] if PRODUCT_CAN.fullmatch(gap) else None
        if not SUBJECTLESS.match(masked[start:first.start - sentence.start]):
            return None
        topic = ctx.topic(index, "Product")  # 它基于云雀大模型，可以实现文本生成…: 它 is the subject all along
        carried = [m for m in here if m.cls == "Product" and m.end <= sentence.start + start
                   and self._carries(ctx.doc.text, sentence, m)]
        return topic or (carried[-1] if carried else ctx.clause_subject(index, sentence.start + start, "Product"))

    def _generates_by_cue(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """A product right before a word that implies a content type (文心一言绘图功能, Sora等视频生成模型) or right
        after it and a product noun (文生视频模型Sora), or the sentence's topic when a clause of its own says what it
        can do (即梦来自…，能文生图也能图生视频), in a sentence that does not deny it."""
        if negated(self.cue, ctx.masked(index, keep=CUE_RULE)):
            return
        for content in (m for m in here if m.rule == CUE_RULE):
            found = self._maker_of_cue(ctx, index, sentence, here, content)
            if found is not None:
                yield relate(found[0], "generates", content, sentence, ctx.doc, found[1], found[2])

    @staticmethod
    def _maker_of_cue(ctx, index, sentence, here, content: Mention) -> tuple[Mention, str, float] | None:
        """(product, rule, confidence) of the product a content word says makes that content, or None."""
        text = ctx.doc.text
        listed = _first_listed_cue(text, here, content)  # 支持文生图和图生视频: the first of the list
        before = [m for m in here if m.end <= listed.start]
        if before and before[-1].cls == "Product" and len(text[before[-1].end:listed.start]) <= CUE_GAP \
                and not re.search(r"[、，,；;。“”]", text[before[-1].end:listed.start]):
            return before[-1], "pattern:generates-cue", 0.8  # 文心一言绘图功能
        named = [m for m in here if m.start >= content.end and m.cls == "Product"
                 and CUE_THEN_NAME.fullmatch(text[content.end:m.start])]
        if named:
            return named[0], "pattern:generates-cue", 0.8  # 文生视频模型Sora
        topic = ctx.topic(index, "Product")
        clause_start, _ = part_around(sentence.text, listed.start - sentence.start)
        if topic is not None and topic.end <= listed.start \
                and CAN_DO.fullmatch(sentence.text[clause_start:listed.start - sentence.start]):
            return topic, "pattern:generates-cue-topic", 0.75  # 即梦来自…，能文生图也能图生视频
        return None


def _denied(cue: Callable[[str], frozenset[str]], span: str, verb: str | None) -> bool:
    """True when the span from a subject to its object denies the verb: a negation before it (没有生成) or a
    denied copula after it (生成的不是…); 生成的不可信代码 only qualifies what is made."""
    at = span.find(verb) if verb else -1
    return at >= 0 and (negated(cue, span[:at]) is not None or DENIED_AFTER.match(span, at + len(verb)) is not None)


def _first_listed_cue(text: str, here: list[Mention], content: Mention) -> Mention:
    """The first content word of the list that ends with `content` (文生图和图生视频), whatever names lie inside them."""
    cues = [m for m in here if m.rule == CUE_RULE]
    while (previous := [c for c in cues if c.end <= content.start and COORDINATED.match(text[c.end:content.start])]):
        content = min(previous, key=lambda c: c.start)
    return content
