"""Hiring by a named organisation: 字节跳动在招聘AI产品经理, 青禾数科在招A和B，另外招了两名C, a job post's heading naming
the organisation (or, in brackets, the kind of company) and the role — a mixin of CareerExtractor."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract.context import (
    BARE_HEADING,
    CLAUSE_BREAK,
    PLATFORM_PLACE,
    STATEMENT_BREAK,
    find_cue,
    leads_clause,
    negated,
    relate,
)
from kg.core.model import Mention, Relation, Sentence

JOB_OPENING = re.compile(r"\s*的?(?:岗位|职位|岗|招聘|JD)")  # …AI产品经理岗位, …AI产品经理的招聘信息
POSTING = re.compile(r"的?|(?:最近|近期|今年|去年|又|也|还|刚刚|已经|单独|专门)*(?:发布|放出|挂出|贴出|公布|开放|开设|新开|开)了?")
# 百度最近发布了…的招聘信息, 字节跳动今年还单独开了Agent产品经理的岗位
TITLE_AFTER = re.compile(r"负责人|专员|经理|总监|主管|官|HR")  # 招聘负责人: a title, not a hiring
HIRING_GOES_ON = re.compile(r"\s*(?:(?:另外|此外|同时|还|也|并|又)+(?:在|正在)?(?:招聘|招了|在招|招募|开放了|扩招)|正在招)")
# ，另外招了两名C / 云栈在扩编，正在招两个A
POSTS_THIS = re.compile(r"(?:都|也|还|同样|已经|今年|去年|最近|特别|最)*(?:挂过|挂出了?|开过|开放了?|放出了?|在招|招过|招聘过?|发布了?|爱招|"
                        r"抢着招)(?:不少|很多|一批)?((?:这类|这个|该|这种|此类)(?:岗位|职位|角色|方向|人))")
# 都挂过这类岗位, 今年都在招这个方向, 创业公司特别爱招这种人
HIRERS = frozenset({"Organization", "CompanyType"})
KIND_LABEL = re.compile(r"[\s>\-+•·\d.、)）]*\*\*([^*\n]{1,24}?)[。.]?\*\*[：:]?|[\s>\-+•·\d.、)）]*([^*\n：:]{1,24})[：:]")
WHO_HIRES = re.compile(r"[\s*]*(?:今年|去年|目前|现在|最近)?(?:在)?(?:招|招聘)(?:□+(?:、|和|与|及)?)+(?:岗位|职位)?的"
                       r"(?:公司|企业|单位|主要|大多|多半|基本)?[，,]?\s*(?:主要|大多|多半|基本)?(?:是|有|集中在)")
# 今年招AI搜索产品经理的，主要是…: the hirers follow
LEFT_JOB = re.compile(r"离开|辞去|辞职|离职|卸任|退出")
HIRERS_ONLY = re.compile(r"[\s*]*(?:我们|他们|不少|很多|许多|一些|越来越多的?)?□+(?:[、和与及](?:我们|他们)?□+)*(?:也|都|还|同样)*(?:在|正在)?"
                         r"(?:大量|疯狂|陆续|积极)?(?:招聘?|招人|扩招)(?:了|得最[多猛凶狠积极]|得多)?")
# …售前工程师和解决方案架构师，百度智能云、火山引擎都在大量招 / (**4. AI工程师** …) 外包公司和中小企业招得最猛


BOLD_TITLE = re.compile(r"[ \t>]*\*\*[^*\n]+\*\*[ \t]*$", re.M)  # > **衡屿电子｜AI硬件产品经理（AI眼镜方向）**


def _titles_a_post(text: str, sentence: Sentence) -> bool:
    """True for a heading, or a line that is bold as a whole, as job posts title each post (ORG｜ROLE)."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    return sentence.is_heading or BOLD_TITLE.match(text, line_start) is not None


class OrganizationHiring:
    """hires from an organisation (or a job post's kind of company) to a role; needs cue() from the extractor."""

    def _organization_hires(self, ctx, index, sentence, here, job_post) -> Iterator[Relation]:
        """字节跳动在招聘AI产品经理 / AI产品经理——谁在招：网易 (a hiring word between the organization and the role,
        in one clause), or a job post's heading naming both the organization (or, in brackets after the role, the kind
        of company) and the role."""
        masked = ctx.masked(index)
        roles = ctx.specific([m for m in here if m.cls == "Role"])
        for org in (m for m in here if m.cls == "Organization" and not PLATFORM_PLACE.match(ctx.doc.text, m.end)):
            for role in roles:
                lo, hi = min(org.end, role.end), max(org.start, role.start)
                span = masked[max(lo - sentence.start, 0): max(hi - sentence.start, 0)]
                clause = self._clause_of(masked, sentence, org, role)
                if clause is None and self._hiring_goes_on(masked, sentence, org, role):
                    yield relate(org, "hires", role, sentence, ctx.doc, "pattern:organization-hires-continued", 0.8)
                if clause is None or find_cue(self.cue("hedge"), clause) or find_cue(self.cue("uncertainty"), clause) \
                        or negated(self.cue, span):
                    continue
                if self._hiring_word(span) or org.end <= role.start and self._posted_role(ctx.doc.text, org, role, clause):
                    yield relate(org, "hires", role, sentence, ctx.doc, "pattern:organization-hires", 0.85)
                elif job_post and _titles_a_post(ctx.doc.text, sentence) and len(span.strip(" □*—-|｜（）()")) <= 1:
                    yield relate(org, "hires", role, sentence, ctx.doc, "structure:job-post-heading", 0.8)
        yield from self._hiring_the_roles_before(ctx, index, sentence, here)
        yield from self._hiring_the_section_role(ctx, index, sentence, here)
        yield from self._hiring_under_a_kind(ctx, index, sentence, here)
        yield from self._hirers_named_after(ctx, index, sentence, here)
        yield from self._hiring_this_post(ctx, index, sentence, here)
        if job_post and _titles_a_post(ctx.doc.text, sentence):  # 数据标注员（AI创业公司）: the kind that posts the job
            for company in (m for m in here if m.cls == "CompanyType"):
                for role in (r for r in roles if ctx.doc.text[r.end:company.start].strip(" *") in ("（", "(")):
                    yield relate(company, "hires", role, sentence, ctx.doc, "structure:job-post-heading", 0.8)

    def _hiring_the_roles_before(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """法律科技公司是招法律AI产品经理的主力，幂律智能、衡律科技都在招 / Agent产品经理很抢手，不少AI创业公司都在招: a
        clause of organisations or company types that only says they hire hires the roles of the clause before it."""
        masked = ctx.masked(index)
        clauses = _clause_bounds(masked)
        for (before, _), (start, end) in zip(clauses, clauses[1:]):
            hirers = [m for m in here if m.cls in HIRERS and start <= m.start - sentence.start < end]
            if not hirers or not HIRERS_ONLY.fullmatch(masked[start:end]) \
                    or masked.count("□", start, end) != sum(m.end - m.start for m in hirers):
                continue  # (something besides organisations is named there)
            statement = masked[before:start]
            if negated(self.cue, statement) or find_cue(self.cue("hedge"), statement):
                continue
            roles = ctx.specific([m for m in here if m.cls == "Role" and before <= m.start - sentence.start < start])
            for org in hirers:
                for role in roles:
                    yield relate(org, "hires", role, sentence, ctx.doc, "pattern:organizations-hire-them", 0.8)

    def _hiring_the_section_role(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """**4. AI工程师** ⏎ 外包公司和中小企业招得最猛，…: a clause of organisations or company types that only says they
        hire, in a sentence that names no role, hires the role of the section's heading."""
        if sentence.is_heading or any(m.cls == "Role" for m in here):
            return
        masked = ctx.masked(index)
        for start, end in _clause_bounds(masked):
            hirers = [m for m in here if m.cls in HIRERS and start <= m.start - sentence.start < end]
            if hirers and HIRERS_ONLY.fullmatch(masked[start:end]) and not find_cue(self.cue("hedge"), masked) \
                    and not negated(self.cue, masked[start:end]) \
                    and masked.count("□", start, end) == sum(m.end - m.start for m in hirers) \
                    and (role := ctx.nearest(index, "Role")) is not None:
                for org in hirers:
                    yield relate(org, "hires", role, sentence, ctx.doc, "pattern:organizations-hire-section-role", 0.75)

    def _hiring_under_a_kind(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """**手机厂商**：招得最多。今年我们公司就在招A和B / ## 三、创业公司 … 栖光科技在招C: under a label or a heading that
        names only a kind of company (or after a first clause that says the kind hires: AI硬件公司这一年招了不少人，…), a
        role hired in a sentence that names no other kind is one that kind hires."""
        if sentence.is_heading:
            return
        masked = ctx.masked(index)
        kinds = [m for m in here if m.cls == "CompanyType"]
        first_clause = CLAUSE_BREAK.split(masked)[0]
        if kinds and leads_clause(sentence, kinds[0]) and kinds[0].end - sentence.start <= len(first_clause) \
                and self._hiring_word(first_clause) and len(kinds) == 1 \
                and not any(m.cls == "Role" and m.end - sentence.start <= len(first_clause) for m in here):
            kind = kinds[0]  # AI硬件公司这一年招了不少人，跃然创新、绒芽科技都在招AI玩具产品经理
        elif kinds:
            return
        else:
            kind = _labelling_kind(ctx, index, sentence)
        for role in ctx.specific([m for m in here if m.cls == "Role"]) if kind is not None else []:
            start = max((m.end() for m in CLAUSE_BREAK.finditer(masked, 0, role.start - sentence.start)), default=0)
            lead = masked[start:role.start - sentence.start]
            if self._hiring_word(lead) and not negated(self.cue, lead) and not find_cue(self.cue("hedge"), lead):
                yield relate(kind, "hires", role, sentence, ctx.doc, "structure:hiring-under-a-kind", 0.75)

    def _hirers_named_after(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """今年招AI搜索产品经理的，主要是两类公司：互联网大厂（百度、字节跳动…）和AI搜索创业公司: those who hire a role,
        named after 是 in the statement that opens with hiring it."""
        masked = ctx.masked(index)
        opening = WHO_HIRES.match(masked)
        if opening is None or negated(self.cue, masked) or find_cue(self.cue("hedge"), masked):
            return
        end = sentence.start + opening.end()
        roles = ctx.specific([m for m in here if m.cls == "Role" and m.end <= end])
        stop = STATEMENT_BREAK.search(masked, opening.end())
        hirers = [m for m in here if m.cls in HIRERS and m.start >= end
                  and (stop is None or m.start < sentence.start + stop.start())]
        for hirer in hirers:
            for role in roles:
                yield relate(hirer, "hires", role, sentence, ctx.doc, "pattern:hirers-named-after", 0.8)

    def _hiring_this_post(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """MiniMax、字节跳动、阅文集团今年都挂过这类岗位 / 创业公司特别爱招这种人: organisations (or kinds of company)
        that post or hire 这类岗位 hire the role it stands for (the last role named before)."""
        masked = ctx.masked(index)
        for start, end in _clause_bounds(masked):
            clause = masked[start:end]
            post = POSTS_THIS.search(clause)
            if post is None or negated(self.cue, clause) or find_cue(self.cue("hedge"), clause):
                continue
            hirers = [m for m in here if m.cls in HIRERS and start <= m.start - sentence.start < start + post.start()]
            role = ctx.anaphor(index, post.group(1), self.cue)
            for org in hirers if role is not None else []:
                yield relate(org, "hires", role, sentence, ctx.doc, "pattern:organization-hires-anaphor", 0.8)

    def _hiring_goes_on(self, masked: str, sentence: Sentence, org: Mention, role: Mention) -> bool:
        """青禾数科在招A和B，另外招了两名C: a later clause of the statement goes on hiring (另外 / 还 / 同时 + a hiring
        word first) for an organisation that opens its clause and hires in it."""
        lo, hi = org.end - sentence.start, role.start - sentence.start
        if lo > hi or STATEMENT_BREAK.search(masked[lo:hi]) or not leads_clause(sentence, org):
            return False
        own = CLAUSE_BREAK.split(masked[lo:hi])[0]
        role_clause = CLAUSE_BREAK.split(masked[lo:hi])[-1]
        return self._hiring_word(own) and bool(HIRING_GOES_ON.match(role_clause)) \
            and not negated(self.cue, role_clause) and not find_cue(self.cue("hedge"), role_clause)

    def _hiring_word(self, span: str) -> bool:
        """True when a hiring word stands in the span, not as part of a title (招聘负责人, 招聘专员)."""
        trigger = find_cue(self.cue("organizationHiresTrigger"), span)
        if trigger is None:
            return span.rstrip(" □*").endswith("招")  # 在给CodeBuddy招开发者布道师: 招 right before the role
        return not TITLE_AFTER.match(span, span.index(trigger) + len(trigger))

    @staticmethod
    def _posted_role(text: str, org: Mention, role: Mention, clause: str) -> bool:
        """科大讯飞的交互设计实习生岗位, 百度最近发布了AI产品经理的招聘信息: the organisation's own opening for the role,
        not one someone left."""
        return bool(POSTING.fullmatch(text[org.end:role.start].strip())) and bool(JOB_OPENING.match(text, role.end)) \
            and not LEFT_JOB.search(clause)

    @staticmethod
    def _clause_of(masked: str, sentence: Sentence, a: Mention, b: Mention) -> str | None:
        """The masked clause holding both mentions, or None when a clause break lies between them."""
        lo, hi = min(a.start, b.start) - sentence.start, max(a.end, b.end) - sentence.start
        if CLAUSE_BREAK.search(masked[lo:hi]):
            return None
        start = max((m.end() for m in CLAUSE_BREAK.finditer(masked, 0, lo)), default=0)
        end = next((m.start() for m in CLAUSE_BREAK.finditer(masked, hi)), len(masked))
        return masked[start:end]


def _clause_bounds(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a masked sentence, the breaks between them left out."""
    breaks = list(CLAUSE_BREAK.finditer(masked))
    return list(zip([0, *(m.end() for m in breaks)], [*(m.start() for m in breaks), len(masked)]))


def _labelling_kind(ctx, index: int, sentence: Sentence) -> Mention | None:
    """The kind of company that labels the sentence's line in bold (**手机厂商**：…), or that the innermost heading
    above it names and nothing else (## 三、创业公司)."""
    line = ctx.doc.text.rfind("\n", 0, sentence.start) + 1
    label = KIND_LABEL.match(ctx.doc.text, line)
    first = index  # (the label stands in the line's first sentence)
    while first > 0 and ctx.doc.sentences[first - 1].start >= line:
        first -= 1
    if label is not None:
        group = 1 if label.group(1) is not None else 2  # (bold, or plain before a colon)
        return next((m for m in ctx.by_sentence[first] if m.cls == "CompanyType"
                     and label.start(group) <= m.start and m.end == label.end(group)), None)
    heading = next((h for h in reversed(sentence.section) if h != ctx.doc.meta.title), None)
    kinds = [m for m in ctx.heading_mentions.get(heading, []) if m.cls == "CompanyType"] if heading else []
    bare = len(kinds) == 1 and BARE_HEADING.fullmatch(heading.replace(kinds[0].surface, "")) is not None
    return kinds[0] if bare else None
