"""Essentials: what a sentence calls a role's foundation — 需求分析和数据分析能力都是AI产品经理的底线 (requiresSkill for
each skill), ChatGPT是AI产品经理的必备工具 (shouldKnow), 对大模型产品经理来说，数据分析能力是必备技能,
做AIGC产品经理，Prompt设计和数据分析缺一不可 — with the things
listed before 是 and the role after it (or in the 对…来说 / 做… frame before them) — and the things listed after
the foundation: Prompt工程师的核心能力是提示词设计, 对AI训练师来说，最重要的是数据标注经验."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import STATEMENT_BREAK, SentenceExtractor, negated, part_around, relate
from kg.analyse.extract.roles import named_anaphor
from kg.core.model import Mention, Relation

ESSENTIAL = (r"(?:底线|基本功|必备技能|必备能力|必备素养|核心能力|核心竞争力|基本要求|必修课|标配|基础能力|敲门砖|"
             r"必备工具|必备知识|入门必备)")
OF_ROLE = re.compile(r"^(?:都|也|则|就|更)?(?:是|成为|成了)(?:每个|每一个|一个|一名)?□+的" + ESSENTIAL)  # …是ROLE的底线
ROLE_NEEDS_IT = re.compile(  # X是每个ROLE都该会的 / X、Y，在ROLE这里一样都少不了
    r"(?:都|也)?是(?:每个|每一个|所有|任何|一个|一名)?□+(?:都|也)?(?:该|应该|应当|要|得|必须)(?:会|掌握|具备|懂|学会)的"
    r"|[，,]?\s*(?:在|对|对于)□+(?:这里|身上|来说|而言)?[，,]?\s*(?:一样|也|都|同样|更)*(?:缺一不可|必不可少|不可或缺|少不了|至关重要)")
INDISPENSABLE = (r"(?:缺一不可|必不可少|不可或缺|少不了|至关重要|(?:一定|必须|都)要(?:玩透|吃透|掌握|熟悉|了解|会用|懂))"
                 r"(?=[。！!；;，,]|$)")  # ends its clause: 对X来说，Suno和可灵一定要玩透
INDISPENSABLE_NEXT = re.compile(r"(?:能力|技能)?(?:都|也|更|则)?" + INDISPENSABLE)  # 技术写作和表达能力缺一不可
ESSENTIAL_AFTER = re.compile(r"^(?:能力|技能)?(?:都|也|则|就)?(?:今年|如今|现在|已经|早已|逐渐|慢慢)*"
                             r"(?:(?:是|成为|成了)(?:一项|一种|一个)?" + ESSENTIAL + "|" + INDISPENSABLE + ")")
FOR_ROLE = re.compile(r"(?:(?:对|对于)(?:□+的)?(?:一名|一个)?(□+)(?:而言|来说)|(?:如果|若)?(?:想要|要想|想|要)?(?:做|作为|当|成为)"
                      r"(?:一名|一个|一位|好)?(?:合格的|优秀的|好的|好)?(□+))[，,]\s*")  # 想要做好一名合格的B，
ESSENTIAL_NEXT = re.compile(r"的" + ESSENTIAL + r"(?:主要|都|也|其实|始终)?(?:是|就是|有|包括|在于|[：:])")  # ROLE的核心能力是X、Y
COUNTED = r"(?:[一两二三四五几][项个点种条])?"  # 最核心的两项能力
MOST_NEEDED = re.compile(r"(?:其中)?(?:最重要|最关键|最核心|最基本|最基础|最需要)的" + COUNTED + r"(?:能力|技能|素质|素养|一点)?(?:是|就是|[：:])")
ROLE_MOST = re.compile(r"(?:最重要|最关键|最核心|最基本|最需要)的" + COUNTED + r"(?:能力|技能|素质|素养)[，,]?(?:是|就是|[：:])")  # ROLE最核心的能力是X
FRAME_LEAD = re.compile(r"[\s*0-9.、)）（(•·-]*(?:\*\*[^*]{1,20}\*\*[：:]?)?\s*")  # a list mark, a bold label: 2. **做音视频的**：
LIST_GAP = re.compile(r"^(?:、|和|与|及|以及|，|,)$")
KNOWN = frozenset({"Product", "Technology", "Concept"})
GROUNDWORK = re.compile(r"(?:能力|技能)?(?:都|也|则|就|仍然|依然|还是|始终|反而)*(?:是|成了|成为)(?:这个岗位的|这类岗位的|该岗位的)?"
                        r"(?:一项|一种|一个)?(?:基本盘|底盘|底子|硬门槛|门槛|硬功夫|基本功|标配|底线|必修课|敲门砖)(?=[\s*”\"]*(?:[。！!；;，,]|$))")
# 编程能力是基本盘 / 写作能力和审美能力仍然是这个岗位的底子: a foundation whose role the context gives


@register("essentials")
class EssentialsExtractor(SentenceExtractor):
    """requiresSkill and shouldKnow from sentences that call skills or tools a role's foundation."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """requiresSkill (skills) or shouldKnow (other things) for each foundation the sentence names."""
        if len(here) < 2:
            return
        masked = ctx.masked(index)
        for role, things in [*self._foundations(sentence.start, masked, here), *self._groundwork(ctx, index, masked, here)]:
            for thing in things:
                start, end = part_around(masked, thing.start - sentence.start, STATEMENT_BREAK)
                if negated(self.cue, masked[start:end]):
                    continue  # …一定要玩透；做通用助手方向的，就不一定需要了: the other statement denies, not this one
                predicate = "requiresSkill" if thing.cls == "Skill" else "shouldKnow"
                yield relate(role, predicate, thing, sentence, ctx.doc, "pattern:essential", 0.8)

    def _groundwork(self, ctx, index: int, masked: str, here: list[Mention]) -> Iterator[tuple[Mention, list[Mention]]]:
        """(role, skills) for 'X、Y是基本盘' / 'X和Y缺一不可' in a sentence that names no role after them: the role it is
        about, else the role 这个岗位 stands for, the one the sentence before goes on with, the section's, else
        the last one the sentence before names."""
        base = ctx.doc.sentences[index].start
        last = next((m for m in here if m.cls == "Skill" and (GROUNDWORK.match(masked, m.end - base)
                                                               or INDISPENSABLE_NEXT.match(masked, m.end - base))), None)
        if last is None or any(m.cls == "Role" and m.start >= last.end for m in here):
            return
        own = ctx.subject_roles(index, ctx.specific([m for m in here if m.cls == "Role"]))[:1]  # 招开发者布道师，…，表达能力缺一不可
        role = next(iter(own), None) or named_anaphor(ctx, index, masked, self.cue) \
            or next(iter(ctx.continued_holders(index, self.cue)), None) or ctx.nearest(index, "Role") \
            or ctx.last_role_before(index)
        if role is not None:
            yield role, [m for m in _listed_before(base, masked, here, last) if m.cls == "Skill"]

    @staticmethod
    def _foundations(base: int, masked: str, here: list[Mention]) -> Iterator[tuple[Mention, list[Mention]]]:
        """(role, the skills and things listed just before 是) for each 'X、Y是ROLE的底线' or '对ROLE来说，X是必备…'."""
        frame = FOR_ROLE.search(masked)
        if frame is not None and not FRAME_LEAD.fullmatch(masked[:frame.start()]):
            frame = None  # the frame opens the sentence, after a list mark or a bold label at most (2. **做音视频的**：)
        framed = [m for m in here if frame is not None and m.cls == "Role" and m.end - base == max(frame.end(1), frame.end(2))]
        for last, following in zip(here, [*here[1:], None]):
            if last.cls not in KNOWN | {"Skill"}:
                continue
            rest = masked[last.end - base:]
            if following is not None and following.cls == "Role" and (OF_ROLE.match(rest) or ROLE_NEEDS_IT.match(rest)) \
                    and following.start == last.end + rest.index("□"):
                yield following, _listed_before(base, masked, here, last)
            elif framed and ESSENTIAL_AFTER.match(rest):
                yield framed[0], _listed_before(base, masked, here, last)
        for role in (m for m in here if m.cls == "Role"):  # ROLE的核心能力是X、Y / ROLE最核心的能力是X
            lead = ESSENTIAL_NEXT.match(masked, role.end - base) or ROLE_MOST.match(masked, role.end - base)
            if lead is not None:
                yield role, _listed_after(base, masked, here, lead.end())
        most = MOST_NEEDED.match(masked, frame.end()) if framed else None  # 对ROLE来说，最重要的是X和Y
        if most is not None:
            yield framed[0], _listed_after(base, masked, here, most.end())


def _listed_after(base: int, masked: str, here: list[Mention], at: int) -> list[Mention]:
    """The skills or things listed from offset `at` of the masked sentence on (是X、Y和Z → all three)."""
    listed: list[Mention] = []
    for mention in (m for m in here if m.start - base >= at):
        gap = masked[(listed[-1].end if listed else base + at) - base: mention.start - base].strip()
        if mention.cls not in KNOWN | {"Skill"} or (gap if not listed else not LIST_GAP.match(gap)):
            break
        listed.append(mention)
    return listed


def _listed_before(base: int, masked: str, here: list[Mention], last: Mention) -> list[Mention]:
    """The skills or things listed up to `last` (需求分析和数据分析能力 → both), in text order."""
    listed = [last]
    for mention in reversed([m for m in here if m.end <= listed[0].start]):
        if mention.cls not in KNOWN | {"Skill"} \
                or not LIST_GAP.match(masked[mention.end - base: listed[0].start - base].strip()):
            break
        listed.insert(0, mention)
    return listed
