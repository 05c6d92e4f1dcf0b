"""Per-document lookups the relation rules share: mentions by sentence, masked text, headings, roles."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property

from kg.analyse.extract.anaphora import RoleAnaphora
from kg.analyse.extract.clauses import (  # (re-exported: the rules read clauses through the context)
    CLAUSE_BREAK,
    STATEMENT_BREAK,
    clause_around,
    find_cue,
    negated,
    part_around,
    said_of,
)
from kg.analyse.extract.lines import BARE_HEADING, LIST_LINE, LIST_MARKS, line_span, list_lead
from kg.analyse.extract.mentions import COORDINATED, by_sentence
from kg.analyse.extract.roles import former_roles, main_role
from kg.analyse.extract.topics import MARKUP, NOT_A_SUBJECT_LEAD, TopicLookups
from kg.core.model import Document, Evidence, Extraction, Mention, Relation, Sentence

POST_ANAPHOR = re.compile(r"这个岗位|该岗位|这类岗位|这一岗位|这个职位|该职位|这个角色|这份工作")
LIST_ITEM = re.compile(r"\s*□+\s*")  # a clause that is one masked mention: an item of a comma list
PARTNER_OF = re.compile(r"[\s*“”\"]*(?:我|我们|他|她|他们|她们|你)?(?:每天|平时|经常|日常|常常|一直|也|还|都|要|得|需要)*"
                        r"(?:与|跟|同|和|向|给)")  # 与头部创作者交流，了解… / 我每天和创意总监泡在一起: the partners are not the subject
PLATFORM_PLACE = re.compile(r"\s*(?:平台)?(?:上|里)(?![市线])")  # BOSS上的岗位, ProductHunt上搜: a place, not an agent
TIME_CLAUSE_ENDS = ("后", "时", "前", "之后", "以后", "的时候", "之前", "以前", "方面", "层面")  # a clause of
# time or topic before the subject's
NARRATOR = re.compile(r"我(?!们)[^。；;！？!?\n]{0,14}?(?:现在|目前|如今)?(?:在[^，,。；;！？!?]{1,10})?"
                      r"(?:做|是|当|担任|成为|转型成|转型为|转成)了?(?:一名|一个|一位)?\s*$")
NARRATOR_REACH = 20  # characters before a role read for the first person's 我…做 (我现在在智谱做模型产品经理)
QUESTION_LINE = re.compile(r"[\s>*]*(?:问|Q\d*|提问)\s*[：:]")  # an interview's question: **问：…？**, Q：…？
HOLDER_LEAD = re.compile(r"[\s*\-+•·\d.、)）]*(?:答[：:])?(?:□+[、/和])*(?:作为|想做|要做|想当|做|当|成为|对于|对)?(?:每一?[个位名]|所有|一[个名位]|优秀的|合格的"
                         r"|[^，,。；;和与跟同]{2,12}的)?[\s*“”\"]*")  # 答：AI产品经理… / 做Agent产品经理，需要… / 甲方这边做采购的X
ADVICE = re.compile(r"[\s*]*(?:建议|务必|记得|最好|至少|一定要)")  # advice to the reader: a person is its subject
FIRST_PERSON = re.compile(r"^[\s*]*(?:答[：:]|A[：:])|我")  # an interview's answer speaks in the first person


SUBJECT_LEAD = 12  # characters a clause may hold before its subject (2024年7月在WAIC上阶跃星辰…)


def leads_clause(sentence: Sentence, mention: Mention) -> bool:
    """True when the mention opens its clause as its subject (不同于Meta…, 用字节新上线的…, 只要涉及到…智能体 do not)."""
    lead = CLAUSE_BREAK.split(sentence.text[:mention.start - sentence.start])[-1].strip(MARKUP)
    return len(lead) <= SUBJECT_LEAD and not NOT_A_SUBJECT_LEAD.search(lead)


def relate(subject: Mention, predicate: str, obj: Mention, sentence: Sentence, doc: Document, rule: str,
           confidence: float = 1.0) -> Relation:
    """A relation with the sentence as evidence."""
    evidence = Evidence(doc.doc_id, sentence.text, sentence.start, sentence.end, rule, sentence.section)
    return Relation(subject, predicate, obj, evidence, confidence)


def with_relations(state: Extraction, relations: list[Relation]) -> Extraction:
    """A new Extraction with these relations, free of duplicates and in document order."""
    unique = {(r.subject.key, r.predicate, r.object.key, r.evidence): r for r in relations}
    ordered = sorted(unique.values(), key=lambda r: (r.evidence.start, r.predicate, r.subject.key, r.object.key))
    return Extraction(state.document, state.tokens, state.mentions, tuple(ordered))


class DocumentContext(TopicLookups, RoleAnaphora):
    """Per-document lookups: mentions by sentence, headings of a section, the article's own role."""

    def __init__(self, state: Extraction) -> None:
        self.doc = state.document
        self.by_sentence = by_sentence(state.mentions, self.doc.sentences)
        self.heading_mentions: dict[str, list[Mention]] = {}
        for sentence, found in zip(self.doc.sentences, self.by_sentence):
            if sentence.is_heading:
                self.heading_mentions.setdefault(sentence.text, found)
        self.roles = [m for m in state.mentions if m.cls == "Role"]
        self.main_role = main_role(self.roles)
        self._masked: dict[tuple[int, str], str] = {}

    @cached_property
    def narrator_role(self) -> Mention | None:
        """The role the writer or interviewee first says they hold (我现在在智谱做模型产品经理)."""
        return next((m for m in self.roles if NARRATOR.search(
            self.doc.text[max(0, m.start - NARRATOR_REACH):m.start].split("\n")[-1])), None)

    def masked(self, index: int, keep: str = "") -> str:
        """The sentence with its mentions blanked out, so trigger words are never read inside names (深度学习 ≠ 学习);
        mentions found by the rule `keep`, or of the class `keep`, stay readable (生成图片 holds the word 生成, the
        skill 沟通协作 the word 协作). Computed once per sentence."""
        masked = self._masked.get((index, keep))
        if masked is None:
            sentence = self.doc.sentences[index]
            chars = list(sentence.text)
            for mention in (m for m in self.by_sentence[index] if keep not in (m.rule, m.cls)):
                chars[mention.start - sentence.start:mention.end - sentence.start] = "□" * (mention.end - mention.start)
            masked = self._masked[index, keep] = "".join(chars)
        return masked

    @cached_property
    def asked(self) -> list[int | None]:
        """Per sentence: the question of an interview (**问：…？** / Q：…？) whose answer it is part of, up to the next
        question or heading; None outside answers."""
        asked, question = [], None
        for index, sentence in enumerate(self.doc.sentences):
            if sentence.is_heading:
                question = None
            elif QUESTION_LINE.match(self.doc.text, self.doc.text.rfind("\n", 0, sentence.start) + 1) \
                    and sentence.text.rstrip(MARKUP).endswith(("？", "?")):
                question = index
                asked.append(None)
                continue
            asked.append(question)
        return asked

    def nearest(self, index: int, cls: str) -> Mention | None:
        """The first mention of cls in the question the sentence answers, else in its headings, innermost first (a
        heading that calls it 这个岗位 names the article's role)."""
        if (question := self.asked[index]) is not None:
            named = self.specific([m for m in self.by_sentence[question] if m.cls == cls]) if cls == "Role" \
                else [m for m in self.by_sentence[question] if m.cls == cls]
            if named:
                return named[0]
        sentence = self.doc.sentences[index]
        headings = [h for h in sentence.section if h != self.doc.meta.title]
        if sentence.is_heading:
            headings.append(sentence.text)
        for heading in reversed(headings):
            for mention in self.heading_mentions.get(heading, []):
                if mention.cls == cls:
                    return mention
        if cls == "Role" and headings and POST_ANAPHOR.search(headings[-1]) and self.main_role is not None \
                and self.about_role(self.main_role):
            return self.main_role  # ## 五、这个岗位要什么, in an article whose title names the post
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
        labels = {m.label for m in roles}
        return [m for m in roles if not any(o != m.label and o.endswith(m.label) for o in labels)]

    def about_a_person(self, index: int, cue: Callable[[str], frozenset[str]], bare_heading: bool = True) -> bool:
        """True when a sentence with no role of its own may take its section's or article's role: its opening clause
        has a person as subject (你需要了解…), it is an item of a list (a list under a role heading) or an answer, or
        it stands under a heading that asks what a role needs (## 四、AI硬件产品经理要会什么) or, with `bare_heading`,
        names only the role, and opens with no thing or company as subject."""
        sentence = self.doc.sentences[index]
        line = self.doc.text.rfind("\n", 0, sentence.start) + 1
        if LIST_LINE.match(self.doc.text, line) and not self.doc.text[line:sentence.start].strip(LIST_MARKS) \
                or self.asked[index] is not None:
            return True  # (an interviewee answers about the role they were asked about)
        clauses = CLAUSE_BREAK.split(self.masked(index))
        framed = len(clauses) > 1 and clauses[0].endswith(TIME_CLAUSE_ENDS)  # 每个版本出结果后，你还需要… / 工具方面，…
        opening = clauses[0] + ("，" + clauses[1] if framed else "")
        return find_cue(cue("personSubject"), opening) is not None or ADVICE.match(clauses[framed]) is not None \
            or self._under_requirement_heading(sentence, cue("requirementHeading"), bare_heading) \
            and find_cue(cue("thingSubject"), opening) is None  # (…要会什么: 很多公司了解… is still the companies')

    def _under_requirement_heading(self, sentence: Sentence, requirement_words: frozenset[str], bare: bool) -> bool:
        """True when the innermost heading above a sentence that names a role says what the role needs, or (if `bare`)
        names nothing but the role (**3. 对话算法工程师**: the section describes the post)."""
        for heading in reversed([h for h in sentence.section if h != self.doc.meta.title]):
            roles = [m.surface for m in self.heading_mentions.get(heading, []) if m.cls == "Role"]
            if roles:
                return find_cue(requirement_words, heading) is not None \
                    or bare and BARE_HEADING.fullmatch(re.sub("|".join(map(re.escape, roles)), "", heading)) is not None
        return False

    def narrator(self, text: str) -> Mention | None:
        """The role the writer or interviewee says they hold, when `text` (a clause opening) speaks in the first
        person (我…, 答：…)."""
        return self.narrator_role if self.narrator_role is not None and FIRST_PERSON.search(text) else None

    def about_role(self, role: Mention) -> bool:
        """True when the article is about this role: its title names it (转行AIGC产品经理到底需要什么要求), so 'we' and
        'you' in the body are people in that role."""
        title = self.doc.meta.title
        return bool(title) and (role.label in title or role.surface in title)

    def subject_roles(self, index: int, roles: list[Mention]) -> list[Mention]:
        """Of several roles a sentence names, the one it is about when the others are not listed with it (Agent产品经理
        属于AI应用产品经理，需要… → Agent产品经理; AI产品经理和数据分析师都需要… → both)."""
        left = former_roles(self.doc.text, roles)
        roles = [m for m in roles if not self._partner(index, m) and m not in left]
        topic = self.topic(index, "Role")
        if len(roles) < 2 or topic is None or topic not in roles:
            return roles
        after = [m for m in roles if m.start > topic.start]
        joined = after and COORDINATED.match(self.doc.text[topic.end:after[0].start])
        return roles if joined else [topic]

    def _partner(self, index: int, role: Mention) -> bool:
        """True when a role is the object of 与 / 跟 / 和 / 向 opening its clause: someone the subject deals with."""
        clause = CLAUSE_BREAK.split(self.doc.text[self.doc.sentences[index].start:role.start])[-1]
        return bool(PARTNER_OF.match(clause))

    def starts_list_line(self, index: int) -> bool:
        """True when the sentence starts a line that is a list item (1. / - / （1） / **X：**)."""
        start = self.doc.sentences[index].start
        line_start = line_span(self.doc.text, start)[0]
        return bool(LIST_LINE.match(self.doc.text, line_start)) and not self.doc.text[line_start:start].strip(LIST_MARKS)

    def list_lead_roles(self, index: int, cue: Callable[[str], frozenset[str]], stated: tuple[str, ...] = ()) \
            -> list[Mention]:
        """The roles the line introducing a sentence's list names as its subject (Prompt工程师的工具箱大概是这些：
        then 1. **对话模型**：…都要用熟), when the sentence is on a line of that list and the lead hedges nothing (and
        holds a word of a `stated` cue, when given)."""
        sentence = self.doc.sentences[index]
        line_start = line_span(self.doc.text, sentence.start)[0]
        if not LIST_LINE.match(self.doc.text, line_start):
            return []
        lead = list_lead(self.doc.text, sentence.start)
        if lead is None or find_cue(cue("hedge"), lead) or negated(cue, lead) \
                or stated and not any(find_cue(cue(c), lead) for c in stated):
            return []
        start = self.doc.text.rfind(lead, 0, line_start - 1)
        at = next((j for j in range(index - 1, -1, -1) if self.doc.sentences[j].start <= start), None)
        if at is None or self.doc.sentences[at].is_heading or self.doc.sentences[at].section != sentence.section:
            return []
        return self.specific([m for m in self.by_sentence[at] if m.cls == "Role" and start <= m.start
                              and HOLDER_LEAD.fullmatch(CLAUSE_BREAK.split(self.doc.text[start:m.start])[-1])
                              and not self._partner(at, m)])

    def continued_holders(self, index: int, cue: Callable[[str], frozenset[str]],
                          stated: tuple[str, ...] = ("requiresTrigger", "shouldKnowTrigger"), reach: int = 2) -> list[Mention]:
        """The roles that open a clause of the sentence before, on the same line, stating their requirements
        (AI产品经理的核心竞争力是…。想进大厂，最好亲手用过…), or what the `stated` cues say: a sentence that goes on with
        requirements (or collaborators) and names no holder keeps them — through `reach` sentences that name no role
        and go on stating (…。想进大厂，最好用过…。但一定要知道…)."""
        before = self.previous_sentence(index)
        if before is None or "\n" in self.doc.text[before.end:self.doc.sentences[index].start]:
            return []
        masked = self.masked(index - 1)
        if find_cue(cue("hedge"), masked):
            return []
        holders = [m for m in self.by_sentence[index - 1] if m.cls == "Role"
                   and HOLDER_LEAD.fullmatch(CLAUSE_BREAK.split(masked[:m.start - before.start])[-1])
                   and not self._partner(index - 1, m) and any(find_cue(cue(c), said_of(masked, m.end - before.start))
                                                               for c in stated)]
        if not holders and reach > 1 and all(m.cls != "Role" for m in self.by_sentence[index - 1]) \
                and any(find_cue(cue(c), masked) for c in stated):
            return self.continued_holders(index - 1, cue, stated, reach - 1)
        return self.specific(holders)

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


_last_context: list[tuple[Document, tuple[Mention, ...], DocumentContext]] = []


def context_of(state: Extraction) -> DocumentContext:
    """The DocumentContext of a state, shared by the extractors in a row that add relations only: it depends on the
    document and its mentions, which they leave as they are (one entry is kept, per process)."""
    if _last_context and _last_context[0][0] is state.document and _last_context[0][1] is state.mentions:
        return _last_context[0][2]
    ctx = DocumentContext(state)
    _last_context[:] = [(state.document, state.mentions, ctx)]
    return ctx

class SentenceExtractor:
    """Base of the extractors that add the relations each sentence states, one sentence at a time: a subclass
    defines `read`; the cue words of the ontology are at hand as `self.cue`."""

    def __init__(self, resources) -> None:
        self.cue = resources.ontology.cue

    def __call__(self, state: Extraction) -> Extraction:
        ctx = context_of(state)
        relations = list(state.relations)
        for index, sentence in enumerate(ctx.doc.sentences):
            if ctx.by_sentence[index]:  # a relation holds at least one name of its sentence
                relations.extend(self.read(ctx, index, sentence, ctx.by_sentence[index]))
        return with_relations(state, relations)

    def read(self, ctx: DocumentContext, index: int, sentence: Sentence, here: list[Mention]) -> Iterable[Relation]:
        """The relations one sentence states (`here`: its mentions in text order)."""
        raise NotImplementedError

    def has(self, cue: str, text: str) -> str | None:
        """The longest word of the ontology cue `cue` found in text, or None."""
        return find_cue(self.cue(cue), text)
