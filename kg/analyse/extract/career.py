"""Career relations a text states about people: which role requires which skill, which organization hires a role,
whom a role works with — read clause by clause, with the holder of a
requirement found in the clause, an anaphor (前者/后者/该岗位), or the section the sentence sits in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import (
    CLAUSE_BREAK,
    LIST_ITEM,
    MARKUP,
    STATEMENT_BREAK,
    context_of,
    find_cue,
    negated,
    relate,
    with_relations,
)
from kg.analyse.extract.hiring import OrganizationHiring
from kg.analyse.extract.lines import LIST_LINE, WH_QUESTION
from kg.analyse.extract.resources import Resources
from kg.analyse.extract.roles import named_anaphor
from kg.core.model import Extraction, Mention, Relation, Sentence

VERB_SKILL = ("懂", "会")  # skills named by their verb (懂业务, 会写Prompt)
MODAL_END = re.compile(r"(?:要|得|必须|应该|应当)(?=[\s□、和与及]*$)")  # 得 before such a skill (and those listed before it)
SPEAKER = re.compile(r"(?:跟|对|和|向)?[^，,。；;]{0,4}?(?:说|表示|认为|坦言|指出|透露|强调)[，,：:]")  # a role that speaks
MAX_LIST_LINES = 15  # how far back a list line looks for the line that introduces its list
DEMANDED = re.compile(r"[\s*”\"]*(?:的要求(?:也|都)?(?:比较|很|非常|更|极|越来越|特别)?高|(?:也|都)?有(?:一定|较高|很高|更高|硬性)?的?要求)")
# 这个方向对B端经验的要求比较高 / 对数据分析能力有一定要求: what comes after 对 is required
HOLDER_GAP = 24  # characters allowed between a role and the requirement word it is the subject of
IT_IS = re.compile(r"[\s*]*它(?:本质上|其实|也)?(?:是|属于|算是)")  # 它 opening the sentence is the post spoken of, not a thing
CONTINUATION = re.compile(r"^[\s□*]*(?:还|也|并且|同时|而且|更|另外|此外)?(?:要|得|需要|需)?[\s□*]*$")  # 还要懂业务: same subject
SINGLED_OUT = re.compile(r"^\s*(?:尤其是|特别是|尤其|包括|比如|例如|以及|还有|甚至|(?:我|个人)?(?:觉得|认为)?(?:主要|其实|就)?是|我会列出|"
                         r"无非是|不外乎)[\s*“”\"]*(?:\s*□+\s*(?:、|和|与|及|以及))*\s*$")  # …能力，尤其是X / 核心能力，我觉得是X
PARTNER_CLASSES = frozenset({"Team", "Role"})
FORMER_ROLE = re.compile(r"[\s*“”\"]*(?:[、和]\s*\S{2,10}?)?(?:转过来|转来|转行|转岗|转型|出身|背景)")  # …工程师转过来的
PARTNER_OPENER = re.compile(r"(?:和|与|跟着|跟|同|对接|配合|协同|联动|拉通|拉上|协调|推动|支持|指导|反馈给|最多的是|最多的就是|主要是"
                            r"|(?:对接|打交道|合作|协作|沟通)(?:得|最多|最密|最频繁|最常)*的(?:就)?是(?:[^，,。；;□]{0,6}的)?)"
                            r"[\s*]*(?=□)")  # …最常对接的是客户那边的法务团队
BESIDES = re.compile(r"[\s*]*除了?[\s*]*□+(?:[\s*]*[、和与及][\s*]*□+)*[\s*]*(?:以外|之外)?[，,]")  # 除了研发团队，…
COMMENT_AFTER_COMMA = re.compile(r"[\s*]*(?:主要|其实|基本|一般|通常)?(?:就)?是")
PARTNER_JOINER = re.compile(r"^[\s*]*(?:、|和|与|及|以及|，|,)?[\s*]*$")
THING_CLASSES = frozenset({"Organization", "CompanyType", "Product", "Technology", "Concept"})


@register("career")
class CareerExtractor(OrganizationHiring):
    """requiresSkill, hires (by an organization) and worksWith, from clauses and job-post structure."""

    def __init__(self, resources: Resources) -> None:
        self.cue = resources.ontology.cue

    def __call__(self, state: Extraction) -> Extraction:
        ctx = context_of(state)
        job_post = all(find_cue(self.cue(cue), ctx.doc.text) for cue in ("jobDutiesSection", "jobPostSection"))
        relations = list(state.relations)
        for index, sentence in enumerate(ctx.doc.sentences):
            here = ctx.by_sentence[index]
            if not sentence.is_heading:
                relations.extend(self._requires(ctx, index, sentence, here, job_post))
                relations.extend(self._works_with(ctx, index, sentence, here))
                relations.extend(self._listed_partners(ctx, index, sentence, here))
            relations.extend(self._organization_hires(ctx, index, sentence, here, job_post))
        return with_relations(state, relations)

    # ------------------------------------------------------------ requiresSkill
    def _requires(self, ctx, index, sentence, here, job_post) -> Iterator[Relation]:
        """Each skill stated after a requirement word (or listed under a requirements heading) goes to its holder."""
        masked = ctx.masked(index)
        for skill in (m for m in here if m.cls == "Skill"):
            offset, statement = self._statement(masked, sentence, skill)
            trigger = find_cue(self.cue("requiresTrigger"), statement)
            if trigger is None and skill.surface.startswith(VERB_SKILL) and (modal := MODAL_END.search(statement)):
                trigger = modal.group()  # AI产品经理得懂业务、懂模型: the skill holds the verb the modal governs
            if trigger is None and statement.rstrip(" *“\"").endswith("对") \
                    and DEMANDED.match(masked, skill.end - sentence.start):
                trigger = "对"
            if trigger is None and (role := self._asked_about(ctx, index)) is not None:
                yield relate(role, "requiresSkill", skill, sentence, ctx.doc, "structure:answer", 0.8)
                continue
            if trigger is None:
                roles = self._listed_requirement(ctx, index, sentence)
                if roles is not None:
                    yield from self._to_listed_roles(ctx, index, sentence, skill, roles)
                continue
            at = statement.rindex(trigger)
            if self._hedged(statement, at, masked, sentence, skill):
                continue
            trigger_at = sentence.start + offset + at
            opening = STATEMENT_BREAK.split(masked[: offset + at])[-1]  # the statement's text before the trigger
            for role, rule, confidence in self._holders(ctx, index, here, opening, trigger_at):
                yield relate(role, "requiresSkill", skill, sentence, ctx.doc, rule, confidence)

    def _asked_about(self, ctx, index: int) -> Mention | None:
        """The role of an interview question that asks what the role requires (问：AI产品经理最看重什么？), for the
        sentences of its answer that deny and hedge nothing (答：第一是技术理解…)."""
        question = ctx.asked[index]
        if question is None:
            return None
        asked = WH_QUESTION.sub(r"\1", ctx.masked(question))
        if not find_cue(self.cue("requiresTrigger"), asked) or find_cue(self.cue("hedge"), asked) \
                or negated(self.cue, ctx.masked(index)) or find_cue(self.cue("hedge"), ctx.masked(index)):
            return None
        return ctx.nearest(index, "Role")

    @staticmethod
    def _statement(masked: str, sentence: Sentence, mention: Mention) -> tuple[int, str]:
        """(offset in the sentence, text) of the mention's clause up to the mention, extended back over the comma
        list it continues (了解 AI，机器学习) and over the clause before when it opens with the mention."""
        end = mention.start - sentence.start
        clauses = CLAUSE_BREAK.split(masked[:end])
        kept = clauses.pop()
        while clauses and (not kept.strip(" □") or LIST_ITEM.fullmatch(kept.split("，")[0]) or SINGLED_OUT.match(kept)):
            previous = clauses.pop()
            kept = previous + "，" + kept
            if not LIST_ITEM.fullmatch(previous):
                break
        return end - len(kept), kept

    def _hedged(self, statement: str, at: int, masked: str, sentence: Sentence, skill: Mention) -> bool:
        """True when the requirement is negated before its word, or hedged, questioned or compared in its clause."""
        if negated(self.cue, statement[:at]):
            return True
        after = CLAUSE_BREAK.split(masked[skill.end - sentence.start:])[0]
        return bool(find_cue(self.cue("hedge"), statement + after) or re.search(r"比.{1,12}更", statement + after))

    def _holders(self, ctx, index, here, opening, trigger_at) -> list[tuple[Mention, str, float]]:
        """The roles a requirement is stated of: named just before the requirement word, an anaphor, or the section's
        (or article's) role when the subject is a person word or nothing — never when it is a company or a model."""
        named = ctx.specific([m for m in here if m.cls == "Role" and m.end <= trigger_at
                              and trigger_at - m.end <= HOLDER_GAP
                              and not STATEMENT_BREAK.search(ctx.doc.text[m.end:trigger_at])
                              and not FORMER_ROLE.match(ctx.doc.text, m.end)  # (执业律师转过来的: where they came from)
                              and not SPEAKER.match(ctx.doc.text, m.end)])  # (创始人跟我们说，…: who says it)
        own_clause = re.split(r"[，,]", opening)[-1]
        pair = list({m.key: m for m in named if m.end <= trigger_at - len(own_clause)}.values())[-2:]
        former, latter = (find_cue(self.cue(cue), own_clause) for cue in ("formerRole", "latterRole"))
        if len(pair) == 2 and (former or latter):
            return [(pair[0] if former else pair[1], "pattern:requires-anaphor", 0.85)]  # 在招A和B，前者要会…，后者更看重…
        this_post = next((w for w in self.cue("thisRole") if opening.lstrip(MARKUP).startswith(w)), None) \
            or ("这个岗位" if IT_IS.match(opening) else None)  # 它是大模型应用产品经理里的一个细分，…要有编程能力
        if named and this_post is not None and (anaphor := named_anaphor(ctx, index, this_post, self.cue)) is not None:
            return [(anaphor, "pattern:requires-anaphor", 0.85)]  # 这个岗位是从研发工程师里分化出来的，要求…
        if named:  # Agent产品经理属于AI应用产品经理，需要…: the subject needs it, however far before
            stated = ctx.specific([m for m in here if m.cls == "Role" and m.end <= trigger_at
                                   and not STATEMENT_BREAK.search(ctx.doc.text[m.end:trigger_at])])
            named = [m for m in ctx.subject_roles(index, stated) if m in named or m is stated[0]]
            return [(role, "pattern:requires", 0.9) for role in named]
        anaphor = ctx.anaphor(index, opening, self.cue)
        if anaphor is not None:
            return [(anaphor, "pattern:requires-anaphor", 0.85)]
        posted = ctx.posted_role(index, trigger_at, self.cue)
        if posted is not None:
            return [(posted, "pattern:requires-posted-role", 0.8)]
        clause_start = trigger_at - len(own_clause)  # a thing in an earlier clause is an object (要熟练使用X，还要…)
        if not find_cue(self.cue("personSubject"), own_clause) and (find_cue(self.cue("thingSubject"), opening) or any(
                m.cls in THING_CLASSES and max(clause_start, trigger_at - HOLDER_GAP) <= m.start < trigger_at
                for m in here)):
            return []  # 对企业来说，需要快速验证; but 模型出结果后，你还需要进行效果评估 is the person's
        if CONTINUATION.match(re.split(r"[，,]", opening)[-1]):
            earlier = ctx.specific([m for m in here if m.cls == "Role" and m.end <= trigger_at
                                    and not STATEMENT_BREAK.search(ctx.doc.text[m.end:trigger_at])
                                    and not FORMER_ROLE.match(ctx.doc.text, m.end)])
            if earlier:
                return [(earlier[0], "pattern:requires-continued", 0.85)]  # …需要具备A，还要懂B
        continued = ctx.continued_holders(index, self.cue)  # AI产品经理的核心竞争力是A。想进大厂，还要懂B
        if continued and not re.search(r"[它其]", opening):  # (其已经具备了…: a thing's ability)
            return [(role, "pattern:requires-continued", 0.8) for role in continued]
        section = ctx.nearest(index, "Role")
        if section is not None and ctx.about_a_person(index, self.cue):
            return [(section, "pattern:requires-section-role", 0.8)]
        if find_cue(self.cue("personSubject"), opening) and ctx.main_role is not None and ctx.about_role(ctx.main_role):
            return [(ctx.main_role, "pattern:requires-main-role", 0.7)]
        return []

    def _list_lead(self, ctx, index: int, cues: tuple[str, ...] = ("requiresTrigger", "jobPostSection")) -> int | None:
        """Index of the line that introduces the list a list line belongs to (…有如下的要求：), when it holds a word of
        one of the cues; None otherwise."""
        j = index - 1
        while j >= 0 and index - j <= MAX_LIST_LINES and not self._introduces(ctx, j) \
                and (_on_list_line(ctx.doc.text, ctx.doc.sentences[j].start) or not ctx.doc.sentences[j].text.strip()):
            j -= 1
        if j < 0 or index - j > MAX_LIST_LINES or ctx.doc.sentences[j].is_heading:
            return None
        lead = ctx.masked(j)
        stated = any(find_cue(self.cue(cue), lead) for cue in cues)
        return j if self._introduces(ctx, j) and stated and not find_cue(self.cue("hedge"), lead) else None

    @staticmethod
    def _introduces(ctx, index: int) -> bool:
        """True when the sentence ends in a colon: it introduces what follows (任职要求： / **任职要求：**)."""
        return ctx.masked(index).rstrip(" *").endswith(("：", ":"))

    def _listed_requirement(self, ctx, index: int, sentence: Sentence) -> list[Mention] | None:
        """For a list line of requirements, the roles they are of ([] = the section's); None when it is not one:
        a list line under a heading about what a role needs (技能要求) or after a line that introduces requirements."""
        masked = ctx.masked(index)
        if not ctx.starts_list_line(index) or find_cue(self.cue("hedge"), masked) \
                or find_cue(self.cue("thingSubject"), masked):
            return None
        lead = self._list_lead(ctx, index)
        if lead is not None:
            return ctx.specific([m for m in ctx.by_sentence[lead] if m.cls == "Role"])
        return [] if any(find_cue(self.cue("jobPostSection"), h) for h in sentence.section[1:][-2:]) else None

    @staticmethod
    def _to_listed_roles(ctx, index, sentence, skill, roles) -> Iterator[Relation]:
        """The skill as a requirement of the roles the list's lead names, else of the section's role, else of the
        article's role when its title names it."""
        article_role = ctx.main_role if ctx.main_role is not None and ctx.about_role(ctx.main_role) else None
        for role in roles or [ctx.nearest(index, "Role") or article_role]:
            if role is not None:
                yield relate(role, "requiresSkill", skill, sentence, ctx.doc, "structure:requirement-list", 0.8)

    # ------------------------------------------------------------ worksWith
    def _works_with(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """A role and the teams or roles it collaborates with, in one clause with a collaboration word: 与A、B和C共同推进 /
        和算法团队紧密协作 / 打交道最多的是A、B和C, or with none in a sentence going on with the partners of a role
        the one before names. The holder is a role named before the partners (not one of them), else that role, else
        the section's role, else the article's role when a person is the subject."""
        masked = ctx.masked(index, keep="Skill")  # 与研发团队沟通协作: the skill 沟通协作 is also the collaboration word
        going_on = not any(m.cls == "Role" for m in here) and ctx.continued_holders(index, self.cue, ("collaborationTrigger",))
        for clause_start, clause in _clause_spans(masked):
            stated = clause.split("：")[0]
            clause = stated if PARTNER_OPENER.search(stated) else clause  # (…和算法团队：模板效果不好时… explains)
            if not (find_cue(self.cue("collaborationTrigger"), clause) or going_on) or negated(self.cue, clause) \
                    or find_cue(self.cue("hedge"), clause):
                continue  # (…要和算法团队对齐指标；上线前和研发团队排期: the sentence goes on with the partners)
            opener = PARTNER_OPENER.search(clause)
            if opener is None:
                continue
            at = sentence.start + clause_start + opener.end()
            partners = _chain(ctx.doc.text, [m for m in here if m.cls in PARTNER_CLASSES and m.start >= at], at)
            holder = self._collaborator(ctx, index, sentence, here, at - len(opener.group()), clause)
            if holder is None or any(m.key == holder.key and _after_opener(ctx.doc.text, sentence, m) for m in here):
                continue  # the fallback role is itself a partner in this sentence
            besides = BESIDES.match(masked)  # 除了研发团队，AI产品经理还要和算法工程师一起…: the ones set aside too
            named_first = [m for m in here if m.cls in PARTNER_CLASSES and besides is not None
                           and sentence.start <= m.start < sentence.start + besides.end()] if clause_start else []
            for partner in partners + named_first:
                if partner.key != holder.key:
                    yield relate(holder, "worksWith", partner, sentence, ctx.doc, "pattern:works-with", 0.8)

    def _listed_partners(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """The teams of a list line under a line that introduces collaborators (你可能会涉及合作的团队有：)."""
        if not ctx.starts_list_line(index):
            return
        lead = self._list_lead(ctx, index, ("collaborationTrigger",))
        if lead is None:
            return
        named = ctx.specific([m for m in ctx.by_sentence[lead] if m.cls == "Role"])
        holder = named[-1] if named else ctx.nearest(index, "Role") or ctx.main_role
        for partner in (m for m in here if m.cls == "Team"):
            if holder is not None:
                yield relate(holder, "worksWith", partner, sentence, ctx.doc, "structure:partner-list", 0.75)

    def _collaborator(self, ctx, index, sentence, here, opener_at, clause) -> Mention | None:
        """The role that collaborates: the last specific role before the partner list that is not itself a partner
        of an earlier opener, else the section's role, else the article's when the subject is a person or absent."""
        named = [m for m in ctx.specific([m for m in here if m.cls == "Role"]) if m.end <= opener_at
                 and not _after_opener(ctx.doc.text, sentence, m)
                 and not FORMER_ROLE.match(ctx.doc.text, m.end)]  # 从后端工程师转过来的: where people came from
        if named:
            return named[-1]
        anaphor = named_anaphor(ctx, index, ctx.masked(index)[:opener_at - sentence.start], self.cue)
        if anaphor is not None:
            return anaphor  # 这类岗位日常要和医生、算法团队打交道
        continued = ctx.continued_holders(index, self.cue, ("collaborationTrigger", "requiresTrigger", "shouldKnowTrigger"))
        if continued:
            return continued[0]  # 评测产品经理每天要和算法团队对齐指标；上线前和研发团队排期 / X要会…。日常要跟…打交道
        section = ctx.nearest(index, "Role")
        if section is not None and ctx.about_a_person(index, self.cue, bare_heading=False):
            return section  # (a section named by a role may tell a story: 跟开发团队沟通时… is the writer's)
        if find_cue(self.cue("thingSubject"), clause):
            return None
        narrator = ctx.narrator(ctx.doc.text[sentence.start:opener_at])  # 答：跟预训练团队、对齐团队打交道最多
        article_role = ctx.main_role if ctx.main_role is not None and ctx.about_role(ctx.main_role) else None
        if narrator is not None and (article_role is None or narrator.label != article_role.label
                                     and narrator.label.endswith(article_role.label)):
            return narrator  # (the interviewee's 模型产品经理 is more precise than the title's 产品经理)
        return article_role

def _clause_spans(masked: str) -> list[tuple[int, str]]:
    """(offset, text) of each clause of a masked sentence; a comma before 主要是 / 就是 only parts a topic from what
    is said of it (传统产品经理的协作对象，主要是研发、设计和运营), so the two stay one clause."""
    spans, start = [], 0
    for match in [*CLAUSE_BREAK.finditer(masked), None]:
        end = match.start() if match else len(masked)
        if spans and masked[start - 1] in "，," and COMMENT_AFTER_COMMA.match(masked, start):
            spans[-1] = (spans[-1][0], masked[spans[-1][0]:end])
        else:
            spans.append((start, masked[start:end]))
        start = match.end() if match else end
    return spans


def _chain(text: str, mentions: list[Mention], at: int) -> list[Mention]:
    """The mentions listed one after another from position `at` (A、B和C), stopping at the first gap of prose."""
    chain: list[Mention] = []
    for mention in mentions:
        gap = text[chain[-1].end if chain else at: mention.start]
        if not PARTNER_JOINER.match(gap) or chain and any(overlaps_mention(m, mention) for m in chain):
            break
        chain.append(mention)
    return chain


def _after_opener(text: str, sentence: Sentence, mention: Mention) -> bool:
    """True when a partner word (和 / 与 / 跟…) comes right before the mention: it is someone's partner."""
    return bool(PARTNER_OPENER.search(text[max(mention.start - 6, sentence.start):mention.start] + "□"))


def overlaps_mention(a: Mention, b: Mention) -> bool:
    """True when two mentions share a character."""
    return a.start < b.end and b.start < a.end


def _on_list_line(text: str, start: int) -> bool:
    """True when the offset lies on a line that is a list item, at its start or in a later sentence of the item."""
    return bool(LIST_LINE.match(text, text.rfind("\n", 0, start) + 1))
