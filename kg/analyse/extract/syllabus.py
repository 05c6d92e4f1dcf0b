"""Syllabus: the lists that say what a role must know, whom it works with and what it does — under a lead or heading
that says so, each list item is a fact about the role the lead (else the section, else the article) names:

- the labels of a list of what to learn or what a hiring manager screens on (做Agent产品经理，这一年我必须补的课 /
  面试Agent产品经理时，我主要看四点：) → requiresSkill (a skill) or shouldKnow (a product, technology or concept);
- the labels of a list of partners (我每天在跟谁打交道: **算法团队**：…) → worksWith;
- the skills on the lines of a list of duties (我的职责清单: 我要…，这是流程梳理) → requiresSkill."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import SentenceExtractor, negated, relate
from kg.analyse.extract.lines import LIST_LINE, LIST_MARKS, WH_QUESTION, line_span, list_lead, question_lead
from kg.core.model import Mention, Relation, Sentence

LABEL = re.compile(r"[ \t]*(?:[-*+•·]\s+|\d{1,2}[.、)）]\s*|[（(]\d{1,2}[)）]\s*)"
                   r"(?:\*\*\s*([^*\n]{1,24}?)\s*[。.：:]?\s*\*\*|([^*\n：:。，,]{1,16})[：:])")  # 1. **RAG。** / - RAG：
LISTS = (  # (cue word of the lead or heading, classes an item may name, read from the item's label only)
    ("syllabusLead", frozenset({"Skill", "Product", "Technology", "Concept"}), True),
    ("collaborationTrigger", frozenset({"Team", "Role"}), True),
    ("dutyList", frozenset({"Skill"}), False),
)
PREDICATE = {"Skill": "requiresSkill", "Team": "worksWith", "Role": "worksWith"}  # the rest: shouldKnow
CONFIDENCE = 0.8
ROLE_LABEL = re.compile(r"[ \t]*(?:[-*+•·]\s+|\d{1,2}[.、)）]\s*)?\*\*\s*([^*\n：:]{2,16}?)\s*(?:\*\*\s*[：:]|[：:]\s*\*\*)")
BRACKETED = re.compile(r"\s*(?:[（(][^）)\n]{0,12}[）)])?\s*")  # a head count or a note after the role: （3人）
MAX_LINE_SENTENCES = 5
MAX_LIST_SENTENCES = 40  # how many sentences back a list's lead may stand  # how many sentences back a line's label may stand


@register("syllabus")
class SyllabusExtractor(SentenceExtractor):
    """requiresSkill / shouldKnow / worksWith for the items of a list of what a role must know, works with or does."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """The facts the list item this sentence opens states about the role of its list, and the picks of a line
        labelled with a role."""
        text = ctx.doc.text
        line_start, _ = line_span(text, sentence.start)
        yield from self._picks(ctx, index, sentence, here, line_start)
        yield from self._hired(ctx, index, sentence, line_start)
        if sentence.is_heading or text[line_start:sentence.start].strip(LIST_MARKS) \
                or (label := LABEL.match(text, line_start)) is None and not LIST_LINE.match(text, line_start):
            return
        span = (label.span(1) if label.group(1) is not None else label.span(2)) if label else None
        for cue, classes, label_only in LISTS:
            named = [m for m in here if m.cls in classes and (not label_only or (m.start, m.end) == span)]
            role = self._role(ctx, index, sentence, cue) if named else None
            for thing in (m for m in named if role is not None and m.key != role.key):
                predicate = PREDICATE.get(thing.cls, "shouldKnow")
                yield relate(role, predicate, thing, sentence, ctx.doc, "structure:syllabus", CONFIDENCE)

    def _picks(self, ctx, index: int, sentence: Sentence, here: list[Mention], line_start: int) -> Iterator[Relation]:
        """A line labelled with a role (**AI训练师（3人）**：日常是数据标注和评测集构建) names the skills the role needs;
        under a heading or lead about picking tools (不同岗位怎么挑: **产品经理**：首推飞书智能伙伴和Kimi) the products and
        technologies it should know."""
        label = ROLE_LABEL.match(ctx.doc.text, line_start)
        if label is None or sentence.is_heading:
            return
        role = _label_role(ctx, index, label)
        if role is None or negated(self.cue, sentence.text) or self.has("hedge", sentence.text):
            return
        for skill in (m for m in here if m.cls == "Skill" and m.start >= label.end()):
            yield relate(role, "requiresSkill", skill, sentence, ctx.doc, "structure:role-duties", CONFIDENCE)
        heading = next((h for h in reversed(sentence.section) if h != ctx.doc.meta.title), "")
        lead = list_lead(ctx.doc.text, line_start) or ""
        if self._says("pickLead", heading) or self._says("pickLead", lead):
            for thing in (m for m in here if m.cls in ("Product", "Technology") and m.start >= label.end()):
                yield relate(role, "shouldKnow", thing, sentence, ctx.doc, "structure:role-picks", CONFIDENCE)

    def _hired(self, ctx, index: int, sentence: Sentence, line_start: int) -> Iterator[Relation]:
        """檀溪科技全年陆续招了这几类岗位： then 1. **AI产品经理（4人）**：… — a company (or kind of company) that the
        list's lead says hires, hires the role each item is labelled with."""
        label = ROLE_LABEL.match(ctx.doc.text, line_start)
        lead = list_lead(ctx.doc.text, line_start) if label is not None and not sentence.is_heading else None
        if lead is None or not self.has("organizationHiresTrigger", lead) and "招" not in lead or self.has("hedge", lead):
            return
        lead_start = ctx.doc.text.rfind(lead, 0, line_start)
        employer = next((m for i in range(max(0, index - MAX_LIST_SENTENCES), index) for m in ctx.by_sentence[i]
                         if m.cls in ("Organization", "CompanyType") and lead_start <= m.start < lead_start + len(lead)),
                        None)
        role = _label_role(ctx, index, label)
        if employer is not None and role is not None and sentence.start <= label.end() <= sentence.end:
            yield relate(employer, "hires", role, sentence, ctx.doc, "structure:hired-list", CONFIDENCE)

    def _role(self, ctx, index: int, sentence: Sentence, cue: str) -> Mention | None:
        """The list's role when its lead line (or else its section heading) holds the cue and hedges nothing: the role
        the lead names, else the section's, else the one the writer holds or the article is about."""
        lead = list_lead(ctx.doc.text, sentence.start) or question_lead(ctx.doc.text, sentence.start)
        heading = sentence.section[-1] if len(sentence.section) > 1 else ""
        if lead is not None and self._says(cue, WH_QUESTION.sub(r"\1", lead)):  # 你最看重什么？ asks what, it doubts nothing
            lead_start = ctx.doc.text.rfind(lead, 0, sentence.start)
            lead_end = lead_start + len(lead)
            in_lead = [i for i in range(index) if ctx.doc.sentences[i].end > lead_start
                       and ctx.doc.sentences[i].start < lead_end]
            cued = next((n for n, i in enumerate(in_lead) if self.has(cue, ctx.doc.sentences[i].text)), 0)
            for i in reversed(in_lead[cued:]):  # the last sentence naming a role, from the one with the cue on
                named = ctx.specific([m for m in ctx.by_sentence[i] if m.cls == "Role"])  # (not 数据产品经理的基本功是…。
                if named:  # 但Agent这套东西全是新的，我补了四门课：)
                    return named[0]
        elif not self._says(cue, heading):
            return None
        article_role = ctx.main_role if ctx.main_role is not None and ctx.about_role(ctx.main_role) else None
        return ctx.nearest(index, "Role") or ctx.narrator_role or article_role

    def _says(self, cue: str, text: str) -> bool:
        """True when a lead or heading holds a word of the cue and hedges nothing."""
        return bool(self.has(cue, text)) and not self.has("hedge", text)


def _label_role(ctx, index: int, label: re.Match) -> Mention | None:
    """The role a line's bold label names, a note in brackets allowed after it (**AI训练师（3人）**：)."""
    return next((m for i in range(max(0, index - MAX_LINE_SENTENCES), index + 1) for m in ctx.by_sentence[i]
                 if m.cls == "Role" and m.start == label.start(1)
                 and BRACKETED.fullmatch(ctx.doc.text, m.end, label.end(1))), None)
