"""What a role should know: products, technologies and concepts a sentence says someone in the role should know,
learn or have used — after a know-word (了解并使用过ChatGPT), before one (对X很熟悉, 把X和Y玩熟), or as what to
understand (知道Embedding是干什么的) — held by the role the sentence, the posting before it or its section names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.clauses import clause_and_concession
from kg.analyse.extract.context import (
    CLAUSE_BREAK,
    LIST_ITEM,
    SentenceExtractor,
    clause_around,
    negated,
    relate,
)
from kg.analyse.extract.roles import named_anaphor
from kg.core.model import Mention, Relation, Sentence

CONTINUED_ITEM = re.compile(r"^\s*(?:以及|还有|及|和|包括|甚至)")  # a clause that goes on with the list of the one before
KNOW_WHAT = re.compile(r"是干什么的|是做什么的|是什么|的区别|有什么区别|有何区别|各自|分别|怎么工作|如何工作|的原理|原理"
                       r"|适合什么|适用于什么|怎么选")  # 知道微调和RAG分别适合什么问题
CATEGORY_LEAD = re.compile(r"(?:等|这些|这类|各种|各类|主流|[\d两几多十][个款种类])(?:主流|常见|常用)?的?$")
CATEGORY_NOUN = re.compile(r"(?:工具|产品|应用|App|APP|平台|架构|助手|软件)")
WAS_A = re.compile(r"(?:是|做|当|担任|成为)(?:了)?(?:一名|一个|一位)?\s*$")  # the role is what someone is or was
BA_LEAD = re.compile(r"把\s*(?:□+\s*(?:、|和|与|及|以及|或)\s*)*$")  # 把LangChain和Dify玩熟: 把 before the listed things
LISTED_AFTER = re.compile(r"^(?:\s*(?:、|和|与|及|以及|或)\s*□+)*\s*")
DOING_FRAME = re.compile(r"(?:^|[：:，,])\s*(?:如果|要是)?(?:你)?(?:想|要)?(?:做|当|转|转型|转行|成为|从事|入行)\s*$")  # 做AI产品运营，一定要用过…
FRAME_TIME = re.compile(r"^(?:的话|之前|以前|之后|前|时|的时候)")  # 转AI产品经理之前，…
OPENS_CLAUSE = re.compile(r"^\s*(?:□+\s*(?:、|和|与|及|以及|或)\s*)*$")  # the things (and those listed before) open it
KNOWN_AFTER = re.compile(r"(?:[^，,。；;□]{0,3}的[^，,。；;□]{0,6}|[这那][^，,。；;□]{0,6})?(?:都|也|最好|至少)?(?:得|要|需要|必须|应该)"
                         r"(?:亲手|亲自|认真|好好|天天|每天|经常|多)?(?:懂|会用|会|了解|熟悉|掌握|用过|玩过|搞懂|弄懂|吃透|体验过|试过|搭过|"
                         r"弄明白|搞明白|弄清楚|搞清楚|"
                         r"跑通过|玩熟|用熟|玩透|上手|熟(?!悉)|用(?![在于到来]))")  # …的原理都得懂 / Kimi和DeepSeek-R1得天天用 / MoE、推理模型背后的取舍要弄明白
THINGS_ALONE = re.compile(r"[\s*“”\"]*□+(?:[\s*“”\"]*(?:、|和|与|及|以及)[\s*“”\"]*□+)+[\s*“”\"]*"  # ChatGPT、Kimi、豆包
                          r"(?:(?:等|这些|这几[个款种]|这[两三四五][个款种])(?:模型|大模型|工具|产品|应用|平台)?)?")  # …这几个模型
KNOWER_LAST = re.compile(r"^[\s*]*(?:每一个|每个|所有|任何)?(?:一名|一个)?□")  # the next clause opens with the role
KNOWER_TAIL = " *…！!"  # what may follow the know-word that ends the clause
DASH = re.compile(r"—+|--+")
KNOWABLE = frozenset({"Product", "Technology", "Concept"})
BUILT_ON = re.compile(r"(?:在|用)\s*(?:□+\s*(?:、|和|与|及|以及|或)\s*)*$")  # 在Dify或扣子上搭个原型
BUILT_AFTER = re.compile(r"\s*(?:上|里)?\s*(?:搭|做|跑|写|出)")
HAVING = re.compile(r"(?:有|具备|具有)[^□]{0,6}$|(?:有|具备|具有)[^，,。；;]{0,4}(?:□+\s*(?:、|和|与|及|或|以及)\s*)*$")
EXPERIENCE = re.compile(r"\s*(?:等|这类[^，,。；;□]{0,6})?的?(?:相关|实际|实操)?(?:使用|搭建|开发|应用|落地|项目|调优|部署|实战|"
                        r"二次开发|上手)?经验")  # the thing (and those listed with it) before 经验, after 有 / 具备
ROLE_LABEL = re.compile(r"^[\s*\-+•·\d.、)）]*□+(?:\s*(?:、|和|/)\s*□+)*[\s*]*[：:][\s*]*")  # a line labelled with roles
ADVISED = re.compile(r"建议|最好|至少|务必|一定要|要|得|应该|需要|必须")  # a modal or advice: what one should know
QUALIFIES_NEXT = re.compile(r"的[\s*“”\"]*□")  # 开源的Label Studio: an idea that only qualifies the next name
BA_KNOW = re.compile(r"(?:都|也|先)?(?:玩熟|用熟|玩透|学会|吃透|搞懂|摸透|弄懂|学透|用起来|上手|研究透|玩明白|搞明白|用明白|摸清楚)")


@register("knowing")
class KnowingExtractor(SentenceExtractor):
    """shouldKnow from a role, a know-word and the things it governs."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Role + 了解 / 使用过 + products or technologies in one clause → the role should know them."""
        masked = ctx.masked(index)
        yield from self._fronted(ctx, sentence, masked, here)
        things = [m for m in here if m.cls in ("Product", "Technology", "Concept")
                  and not _names_a_category(ctx.doc.text, sentence, m)
                  and not (m.cls == "Concept" and QUALIFIES_NEXT.match(masked, m.end - sentence.start))
                  and (self._stated_after_trigger(masked, sentence, m, "shouldKnowTrigger")
                       or self._known_about(masked, sentence, m) or self._knows_what(masked, sentence, m))
                  and not self.has("hedge", clause_and_concession(masked, m.start - sentence.start))]
        if not things:
            yield from self._listed_tools(ctx, index, sentence, masked, here)
            return
        roles, rule, confidence = ctx.roles_for(index, here)
        roles = ctx.subject_roles(index, roles)
        posted = ctx.posted_role(index, things[0].start, self.cue) if rule else None
        anaphor = named_anaphor(ctx, index, masked[:things[0].start - sentence.start], self.cue) if rule else None
        if posted is not None:
            roles, rule, confidence = [posted], "-posted-role", 0.85  # 这类岗位要求候选人熟练使用…
        elif anaphor is not None:
            roles, rule, confidence = [anaphor], "-anaphor", 0.85  # 技术上，这个岗位应该了解Embedding…
        elif rule and (listed := ctx.list_lead_roles(index, self.cue)):
            roles, rule, confidence = listed, "-list-lead", 0.8  # Prompt工程师的工具箱是这些：\n1. …都要用熟
        elif rule and (continued := ctx.continued_holders(index, self.cue)) and self._advised(masked, things[0], sentence):
            roles, rule, confidence = continued, "-continued", 0.8  # …AI产品经理的核心竞争力是…。想进大厂，最好用过…
        elif (rule == "-main-role" or not roles) and ctx.asked[index] is not None and ctx.narrator_role is not None \
                and self._advised(masked, things[0], sentence):
            roles, rule, confidence = [ctx.narrator_role], "-interviewee", 0.75  # 问：有什么建议？答：…都要用过
        elif rule == "-main-role" or rule and not ctx.about_a_person(index, self.cue):
            return  # the section's role only for a person subject (你需要了解…) or a list item; never the article's
        for role in roles:
            for thing in things:
                if rule or self._knower(masked, sentence, here, role, thing):
                    yield relate(role, "shouldKnow", thing, sentence, ctx.doc, f"pattern:should-know{rule}",
                                 confidence * 0.9)

    def _listed_tools(self, ctx, index: int, sentence: Sentence, masked: str, here: list[Mention]) -> Iterator[Relation]:
        """The products and technologies an item of a list opens with (its label and first clause), when the lead of
        the list names a role and its tools or what it should know (Prompt工程师的工具箱大概是这些： then
        2. **编排平台**：Dify和扣子): the role should know them."""
        if not ctx.starts_list_line(index) or self.has("hedge", masked) or negated(self.cue, masked):
            return
        opening = CLAUSE_BREAK.split(masked)[0]
        label_end = sentence.start + max(opening.find("："), opening.find(":"))  # **编排平台**：the kind, not a tool
        things = [m for m in here if m.end <= sentence.start + len(opening)
                  and (m.cls == "Product" or m.cls == "Technology" and m.start > label_end)]
        for role in ctx.list_lead_roles(index, self.cue, ("toolkitLead", "shouldKnowTrigger")) if things else []:
            for thing in things:
                yield relate(role, "shouldKnow", thing, sentence, ctx.doc, "structure:tool-list", 0.7)

    def _fronted(self, ctx, sentence: Sentence, masked: str, here: list[Mention]) -> Iterator[Relation]:
        """ChatGPT、Kimi、豆包，每一个AI产品经理都应该深度用过: a clause of things alone, then a clause where a role
        ends with a know-word, the things its object put first."""
        parts = CLAUSE_BREAK.split(masked)
        for listed, clause, offset in zip(parts, parts[1:], _clause_offsets(parts)[1:]):
            if not THINGS_ALONE.fullmatch(listed) or not KNOWER_LAST.search(clause):
                continue
            clause = DASH.split(clause)[0]  # …都应该深度用过——不是随便问两句
            trigger = self.has("shouldKnowTrigger", clause)
            roles = [m for m in here if m.cls == "Role" and offset <= m.start - sentence.start < offset + len(clause)]
            if trigger is None or not roles or not clause.rstrip(KNOWER_TAIL).endswith(trigger) \
                    or negated(self.cue, clause) or self.has("hedge", clause):
                continue
            things = [m for m in here if m.cls in KNOWABLE and m.end - sentence.start <= offset - 1
                      and m.start - sentence.start >= offset - 1 - len(listed)]
            for thing in things:
                yield relate(roles[0], "shouldKnow", thing, sentence, ctx.doc, "pattern:should-know-fronted", 0.75)

    @staticmethod
    def _advised(masked: str, thing: Mention, sentence: Sentence) -> bool:
        """True when the clause of the first thing to know says it must or should be known (最好用过, 至少要搭过,
        建议先把…玩熟), not that someone does (我们用了…)."""
        return ADVISED.search(clause_around(masked, thing.start - sentence.start)) is not None

    def _knower(self, masked: str, sentence: Sentence, here: list[Mention], role: Mention, thing: Mention) -> bool:
        """True when a role named in the sentence is the one who knows: it comes before the know-word, and no
        organisation or person between them is the subject instead (OpenAI CEO表示，OpenAI已经掌握…AGI)."""
        if role.end > thing.start:
            return False
        subjects = [m for m in here if m.cls in ("Organization", "Person") and role.end <= m.start and m.end <= thing.start
                    and masked[m.end - sentence.start:m.end - sentence.start + 1] != "的"]  # (OpenAI的ChatGPT: a maker)
        if any(not any(o is not m and o.start <= m.start and m.end <= o.end for o in here) for m in subjects):
            return False  # (an organisation inside a product's name, DeepSeek-R1, is no subject)
        between = masked[role.end - sentence.start: thing.start - sentence.start]
        before_role = masked[:role.start - sentence.start]
        if CLAUSE_BREAK.search(between) and WAS_A.search(before_role) and not DOING_FRAME.search(before_role):
            return False  # 我原本是一名UI设计师，后来开始学习Midjourney: what the person was, not who should know
        frame_end = FRAME_TIME.sub("", between.strip()).strip()
        if DOING_FRAME.search(before_role) and frame_end[:1] in "，," and (
                OPENS_CLAUSE.match(frame_end[1:]) or _mastered(frame_end[1:], CLAUSE_BREAK.split(masked[thing.end - sentence.start:])[0])):
            return True  # 做多模态产品经理，扩散模型…都得懂 / 想做X，至少要把A和B用熟: the frame's role knows them
        after = CLAUSE_BREAK.split(masked[thing.end - sentence.start:])[0]
        if not CLAUSE_BREAK.search(between) and (_mastered(between, after) or _built_with(between, after)):
            return True  # AI产品经理要把Coze和Dify都玩透 / 最好能自己在Dify或扣子上搭个原型
        if _experienced(CLAUSE_BREAK.split(between)[-1], after):
            return True  # 在招Agent产品经理，要有扣子或Dify的搭建经验: the sentence's role has the experience
        labelled = ROLE_LABEL.match(masked)
        if (labelled and role.end - sentence.start <= labelled.end() or not before_role.strip(" *")) \
                and _known_after(CLAUSE_BREAK.split(masked[:thing.start - sentence.start])[-1], after):
            return True  # **剪辑师**：可灵、即梦至少要玩熟 / 评测工程师要会搭评测体系，C-Eval这类基准也得熟
        return self.has("shouldKnowTrigger", between) is not None or self.has("knowWhatTrigger", between) is not None

    def _knows_what(self, masked: str, sentence: Sentence, mention: Mention) -> bool:
        """知道Embedding和向量数据库是干什么的 / 明白A和B的区别: a bare know-word counts when the clause asks what the
        things are or how they differ (咱们都知道… does not)."""
        after = CLAUSE_BREAK.split(masked[mention.end - sentence.start:])[0]
        return KNOW_WHAT.search(after) is not None and self._stated_after_trigger(masked, sentence, mention,
                                                                                   "knowWhatTrigger")


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
        trigger = self.has(cue, clause)
        if not trigger:
            return False
        return not negated(self.cue, clause[: clause.rindex(trigger)])

    def _known_about(self, masked: str, sentence: Sentence, mention: Mention) -> bool:
        """对 X 有深入了解 / 对 X 很熟悉 / 把 X 和 Y 玩熟 / X和Y的原理都得懂 / 在 X 上搭…: the know-word follows the thing
        (and the things listed with it), introduced by 对, 把, 在 or 用 or opening the clause, in one clause."""
        start, end = mention.start - sentence.start, mention.end - sentence.start
        before = CLAUSE_BREAK.split(masked[:start])[-1]
        after = CLAUSE_BREAK.split(masked[end:])[0]
        if before.rstrip().endswith("对"):
            return bool(self.has("shouldKnowTrigger", after[:8]))
        if _experienced(before, after):
            return True  # 要有扣子或Dify的搭建经验, 有LangChain开发经验者优先
        return _mastered(before, after) or _built_with(before, after) or _known_after(before, after)


def _mastered(before: str, after: str) -> bool:
    """True for 把 X (和 Y) 玩熟 / 吃透, given the masked clause text before and after the thing."""
    return bool(BA_LEAD.search(before) and BA_KNOW.match(LISTED_AFTER.sub("", after)))


def _known_after(before: str, after: str) -> bool:
    """True for X和Y的原理都得懂 / X这类基准也得熟: the things open the clause (after a role label or a lead-in's colon) and a
    know-word follows them, given the masked clause text before and after the thing."""
    lead_in_dropped = re.split(r"[：:]", ROLE_LABEL.sub("", before))[-1]  # (建议是：…)
    return bool(OPENS_CLAUSE.match(lead_in_dropped) and KNOWN_AFTER.match(LISTED_AFTER.sub("", after)))


def _experienced(before: str, after: str) -> bool:
    """True for 有 / 具备 X (或 Y) 的…经验, given the masked clause text before and after the thing."""
    return bool(HAVING.search(before) and EXPERIENCE.match(LISTED_AFTER.sub("", after)))


def _built_with(before: str, after: str) -> bool:
    """True for 在 X (或 Y) 上搭… / 用 X 做…, given the masked clause text before and after the thing."""
    return bool(BUILT_ON.search(before) and BUILT_AFTER.match(LISTED_AFTER.sub("", after)))


def _names_a_category(text: str, sentence: Sentence, mention: Mention) -> bool:
    """True for a word that only qualifies a kind of tool after a list or a count (…等主流AIGC工具, 两款大模型产品,
    10个AI工具): the things to know are the ones listed, not the qualifier."""
    before = text[max(sentence.start, mention.start - 4):mention.start]
    return bool(CATEGORY_LEAD.search(before) and CATEGORY_NOUN.match(text, mention.end))


def _clause_offsets(parts: list[str]) -> list[int]:
    """Offset of each clause of a sentence split at its clause breaks (one break character between clauses)."""
    offsets, at = [], 0
    for part in parts:
        offsets.append(at)
        at += len(part) + 1
    return offsets
