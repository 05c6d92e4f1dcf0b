"""Relations a sentence states: trigger words between typed mentions, scoped to a clause, with the section's
or the article's role when the sentence names none."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import (
    CLAUSE_BREAK,
    MARKUP,
    PLATFORM_PLACE,
    STATEMENT_BREAK,
    SentenceExtractor,
    clause_around,
    leads_clause,
    negated,
    part_around,
    relate,
)
from kg.analyse.extract.generating import SUBJECTLESS, GenerationRules
from kg.analyse.extract.hiring import JOB_OPENING
from kg.analyse.extract.lines import LABEL_LEAD
from kg.analyse.extract.mentions import between
from kg.analyse.extract.roles import narrower, restated_role
from kg.analyse.extract.structure import CUE_RULE
from kg.analyse.extract.topics import PRONOUNS
from kg.core.model import Mention, Relation, Sentence

INSTRUMENT = re.compile(r"(?:通过|借助|利用|用|在|把|将|和|与|跟)\s*$")  # 通过Discord生成图像: Discord is the means
INSTRUMENT_LIST = re.compile(r"(?:通过|借助|利用|使用|调用|用)\s*(?:□+\s*(?:、|和|与|及|以及|或|或者|,|，)\s*)+$")  # 使用A、B和C…生成
MODIFIER_OPENING = re.compile(r"具有|具备|带有|拥有")  # 生成具有3D一致性的视频: 3D describes the video
AGENT_BETWEEN = re.compile(r"允许|让|用户|创作者|作者|设计师|开发者")  # X允许创作者…，制作成短视频: the creator makes it
THIS_COMPANY = re.compile(r"[\s*]*(?:在)?(?:这类|这种|这些|这样的|此类|该类)(?:公司|企业)|[\s*]*在这里")  # 在这类公司，产品经理服务于…
DENIED_AFTER = re.compile(r"(?:出)?(?:的|了)?(?:并)?(?:不是|并非|不算)")  # NotebookLM生成的不是…播客
MODIFIER_END = re.compile(r"的[\s0-9A-Za-z]{0,6}$")  # a modifier ending in 的, or in 的 and a format (1080p, 4K)
FEATURE_CAN = re.compile(r"的(?:□+|AI)?(?:功能|能力|模块|插件)(?:也|还|都)?(?:可以|能|能够|支持)?(?:自动|直接|一键)?")
PART_IS = re.compile(r"\w{1,4}?(?:采用|使用|用)?的?(?:应该|其实|就|正)?是")  # 豆包的底层采用的应该是MoE架构
# the object is the head of a modifier built on another thing: 基于强化学习训练的推理模型
HEAD_OF_MODIFIER = re.compile(r"□[^□，,。]{0,4}(?:训练|构建|打造|开发|搭建|研发|改进|优化|微调)(?:出来|而成)?的[\s*]*$")
TRAINED = re.compile(r"\s*(?:技术|方法|算法)?(?:来|去)?(?:训练|预训练|后训练|微调|蒸馏|对齐|调优)(?:出来|而成|出)?")  # 用强化学习训练
ARCHITECTURE_OF = re.compile(r"[\s*]*(?:架构|结构)的[\s*“”\"]*")  # 开源了MoE架构的混元Large: the product built on it
BUILT_AS = re.compile(r"[\s*]*(?:是|也是|则是|同样是)(?:一个|一款|个|款)?(?:纯)?[^，,。；;□]{0,8}?的?[\s*]*$")  # Step-2是万亿参数的MoE模型
MODEL_NOUN = re.compile(r"[\s*]*(?:大模型|模型|架构)(?=[\s*]*(?:[，,。；;！!）)]|$))")
FRAME_END = re.compile(r"□[\s*]*(?:来说|而言|里|中|当中|这边)?[\s*]*$")  # the opening clause ends with the company type
FRAMED_HIRING = frozenset({"招聘", "招人", "招募", "在招", "急招", "招了", "招", "扩招", "在抢", "抢人"})
BOTH = re.compile(r"[\s*]*(?:这)?(?:(?P<count>[两三四五])(?:个|款|家)|两者|二者)(?:产品|工具|模型|应用)?(?:都|也都|均)")  # 两个都能…
COUNTS = {"两": 2, "三": 3, "四": 4, "五": 5}
POST_LEAD = re.compile(r"[\s*]*(?:这个岗位|该岗位|这类岗位|这一岗位|这个职位|该职位|它)")  # 这个岗位属于…
MAX_OBJECT_GAP = 8  # characters between a trigger word and the object it governs (采用了和□类似的□)
MAX_MODIFIED_GAP = 16  # … when the gap is a modifier ending in 的 (生成最长两分钟、1080p的视频)


@register("patterns")
class PatternExtractor(GenerationRules, SentenceExtractor):
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
            if len(inside) >= 2 and stated:
                at = sentence.start + masked.index(stated, start, end)  # A属于B / A、B都可以看作C的细分
                after = [m for m in inside if m.start >= at]
                parent = after[0] if after else inside[-1]
                for child in (m for m in inside if m.end <= min(at, parent.start) and narrower(m, parent)):
                    yield relate(child, "kindOf", parent, sentence, ctx.doc, "pattern:kind-of-up")
            elif len(inside) == 1 and stated and "□" not in masked[start:inside[0].start - sentence.start] \
                    and (subject := labelled if labelled is not None and labelled.end < sentence.start + start
                         else ctx.clause_subject(index, sentence.start + start, "Role")
                         or restated_role(masked, sentence.start + start, roles, sentence.start)
                         or self._post_referred(ctx, index, masked[start:inside[0].start - sentence.start])) is not None \
                    and narrower(subject, inside[0]):
                yield relate(subject, "kindOf", inside[0], sentence, ctx.doc, "pattern:kind-of-up")
            start = end + 1

    def _post_referred(self, ctx, index: int, lead: str) -> Mention | None:
        """The role a clause opening with 这个岗位 / 该岗位 / 它 refers to (这个岗位属于大模型产品经理序列): the post the
        section or the sentences before name."""
        if not POST_LEAD.match(lead):
            return None
        return ctx.anaphor(index, lead if not lead.lstrip(MARKUP).startswith("它") else "这个岗位", self.cue)

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
        yield from self._hires_in_frame(ctx, sentence, masked, here)
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
        served = [m for m in here if m.cls == "Team" and _last_said(
            STATEMENT_BREAK.split(masked[:m.start - sentence.start])[-1], self.cue("servesTrigger"), self.cue("collaborationTrigger"))]
        for company in companies:
            for team in served:  # (服务的是客户，实际上最常对接的是法务团队: whom one deals with is not whom one serves)
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
            before_b = _verb_unmasked(ctx.doc.text, masked, sentence.start, b, here)
            span = before_b[subjects[-1].end - sentence.start:] if subjects else ""
            if subjects and self.has(cue, ctx.doc.text[subjects[-1].end:b.start]) \
                    and self._subject_of_cue(cue, span) and not _denied(self.cue, span, self.has(cue, span)):
                yield subjects[-1], b
            elif subjects or not self._object_of_cue(cue, before_b[start:]) \
                    or negated(self.cue, before_b[start:]) \
                    or not (topical or SUBJECTLESS.match(masked, start)):
                continue  # (虽然不直接支持生成音频: the clause denies it of the topic too; 但使用了Markdown格式: no subject)
            elif (both := BOTH.match(masked, start)) is not None \
                    and (named := _last_named(ctx, index, first_cls, clause_start, COUNTS.get(both["count"], 2))):
                yield from ((a, b) for a in named)  # 可灵是…，即梦是…，两个都能直接生成视频 / …。这三个产品都能生成图像
            elif SUBJECTLESS.match(masked, start) \
                    and (continued := ctx.clause_subject(index, clause_start, first_cls)) is not None:
                yield continued, b  # OpenAI推出的ChatGPT引爆全网，它基于Transformer，能生成文本和代码
            elif topical and topic is not None and topic.end <= clause_start \
                    and not AGENT_BETWEEN.search(masked[max(topic.end - sentence.start, 0): start]):
                yield topic, b
            elif SUBJECTLESS.match(masked, start) and (carried := [a for a in here if a.cls == first_cls
                                                                    and a.end <= clause_start]) \
                    and self._carries(ctx.doc.text, sentence, carried[-1]):
                yield carried[-1], b  # 百川智能发布Baichuan 3，该模型采用MoE架构 / …发布Sora，可生成长达60秒的视频

    def _hires_in_frame(self, ctx, sentence, masked: str, here: list[Mention]) -> Iterator[Relation]:
        """在创业公司，基本只招全栈产品经理 / 银行、车企这些传统企业，这两年也开始招AI产品经理: the company types of an
        opening clause that only names them frame the sentence; a later clause with no employer of its own that hires
        a role says they hire it."""
        opening = CLAUSE_BREAK.split(masked)[0]
        end = sentence.start + len(opening)
        framed = [m for m in here if m.cls == "CompanyType" and m.end <= end]
        if not framed or not FRAME_END.search(opening) or any(m.cls in ("Role", "Organization") and m.end <= end for m in here) \
                or self.has("hiresTrigger", opening):
            return
        start = len(opening) + 1
        for stop in [b.start() for b in CLAUSE_BREAK.finditer(masked, start)] + [len(masked)]:
            inside = [m for m in here if sentence.start + start <= m.start and m.end <= sentence.start + stop]
            roles = [m for m in inside if m.cls == "Role"]
            if any(m.cls in ("CompanyType", "Organization") for m in inside) or not roles:
                break
            trigger = self.has("hiresTrigger", masked[start:roles[0].start - sentence.start])
            if trigger in FRAMED_HIRING:
                for company in framed:
                    for role in ctx.specific(roles):
                        yield relate(company, "hires", role, sentence, ctx.doc, "pattern:hires-framed", 0.75)
            start = stop + 1

    @staticmethod
    def _carries(text: str, sentence: Sentence, mention: Mention) -> bool:
        """True when a name can be the subject a later subjectless clause continues with: it ends its clause, is
        or a colon (…全模态模型Qwen2.5-Omni：能看图…，还能输出语音), is no modifier (Midjourney的图片), no tool a person
        handles (用户上传Midjourney…) and not what 它 is based on (它基于云雀大模型，可以…: 它 stays the subject)."""
        clause_start, clause_end = (sentence.start + x for x in part_around(sentence.text, mention.start - sentence.start))
        return text[mention.end:clause_end].strip(MARKUP + "“”\"")[:1] in ("", "：", ":") \
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
        if before.strip(MARKUP) == "的" and PART_IS.match(after) or FEATURE_CAN.fullmatch(before):
            before = ""  # Stable Diffusion的核心是潜在扩散模型, 剪映的AI功能可以自动生成字幕: the product's part
        if HEAD_OF_MODIFIER.search(after):
            return False  # 基于强化学习训练的推理模型: the model is what the product is, built on the first
        opened = [m.end() for m in MODIFIER_OPENING.finditer(after)]
        return not re.search(r"[的、]|上传|上线|输入|发布|推出|允许|(?<![后本原])来$|用户|创作者|作者|设计师", before) \
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
        yield from _built_as(ctx, sentence, here)


def _built_as(ctx, sentence: Sentence, here: list[Mention]) -> Iterator[Relation]:
    """MoE架构的混元Large / Step-2是万亿参数的MoE模型 / 星核-1B是个纯稠密模型: a product named as a model of a technology
    (or of its architecture) is based on it."""
    text = ctx.doc.text
    for tech in (m for m in here if m.cls == "Technology"):
        named = next((m for m in here if m.cls == "Product" and m.start >= tech.end), None)
        if named is not None and ARCHITECTURE_OF.fullmatch(text, tech.end, named.start):
            yield relate(named, "basedOn", tech, sentence, ctx.doc, "pattern:architecture-of", 0.8)
        subject = next((m for m in reversed(here) if m.cls == "Product" and m.end <= tech.start), None)
        if subject is not None and MODEL_NOUN.match(text, tech.end) and leads_clause(sentence, subject) \
                and BUILT_AS.fullmatch(text, subject.end, tech.start) \
                and not any(m.start >= subject.end and m.end <= tech.start for m in here):
            yield relate(subject, "basedOn", tech, sentence, ctx.doc, "pattern:built-as", 0.75)


def _last_said(text: str, said: frozenset[str], other: frozenset[str]) -> bool:
    """True when a word of `said` stands in text and no word of `other` after it (服务的对象…，也可能是X: served;
    服务的是客户，实际上最常对接的是X: dealt with)."""
    at = max((text.rfind(word) for word in said), default=-1)
    return at >= 0 and all(text.rfind(word) < at for word in other)


def _last_named(ctx, index: int, cls: str, before: int, count: int) -> list[Mention]:
    """The last `count` distinct mentions of cls named before offset `before`, in the sentence and the ones before it
    in its paragraph (…DALL-E 2…；Midjourney…。这三个产品都能…), in text order; none when fewer are named."""
    named: list[Mention] = []
    at, candidates = index, [m for m in ctx.by_sentence[index] if m.cls == cls and m.end <= before]
    while True:
        for mention in reversed(candidates):
            if len(named) < count and all(m.key != mention.key for m in named):
                named.insert(0, mention)
        if len(named) == count or ctx.previous_sentence(at) is None:
            return named if len(named) == count else []
        at -= 1
        candidates = [m for m in ctx.by_sentence[at] if m.cls == cls]


def _verb_unmasked(text: str, masked: str, offset: int, b: Mention, here: list[Mention]) -> str:
    """The masked sentence up to mention b, with the verb of a skill that holds b readable (Kimi可以写代码: 写代码 is
    a skill that holds the content type 代码, and 写 the verb that makes it)."""
    holder = next((m for m in here if m.start < b.start and m.end == b.end and m.cls == "Skill"), None)
    before = masked[:b.start - offset]
    return before if holder is None else before[:holder.start - offset] + text[holder.start:b.start]


def _denied(cue: Callable[[str], frozenset[str]], span: str, verb: str | None) -> bool:
    """True when the span from a subject to its object denies the verb: a negation before it (没有生成) or a
    denied copula after it (生成的不是…); 生成的不可信代码 only qualifies what is made."""
    at = span.find(verb) if verb else -1
    return at >= 0 and (negated(cue, span[:at]) is not None or DENIED_AFTER.match(span, at + len(verb)) is not None)
