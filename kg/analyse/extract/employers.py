"""Employers: unknown company names the text shows hiring or names after a company type — the subject of a clause
that hires a role (序元数据在招聘数据标注员, 星绘智能正在招聘算法工程师) and a name set after a company type
(一家AI创业公司序元数据，…). Generic subjects (公司在招聘, 很多企业都在招聘) stay out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import introductions, register
from kg.analyse.extract.mentions import by_sentence, new_mention, overlaps, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention, Sentence, Token

NAME = r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·&]{1,9}?"
HIRING_SUBJECT = re.compile(rf"(?:^|[，,；;：:、]\s*)(?:\*\*)?(?:(?:今年|去年|目前|最近|近期|现在|如今|眼下)\s*)?({NAME})(?:\*\*)?(?:也|还|都|则){{0,2}}"
                            r"(?:正在|在|近期|最近|今年|已经|开始)?(?:大量|高薪|急)?(?:招聘|招募|开招|在招)")
LISTED_BEFORE = re.compile(rf"(?:^|(?<=[，,；;：:、]))\s*({NAME})$")  # a name listed before the hiring subject
AFTER_COMPANY_TYPE = re.compile(rf"({NAME})(?=[，,（(]|在|正在|也)")  # 各家大厂八仙过海。 ends in a predicate
ONE_COMPANY = ("一家", "这家", "那家", "某家")  # 一家AI创业公司序元数据: one company, then its name (各家 is many)
NAME_TAGS = ("n", "nz", "nr", "nrt", "nt", "ns", "eng", "", "vn")  # nouns and words jieba does not know (跃然创新)
MAX_NAME_TOKENS = 3
NOT_A_NAME_START = introductions.NOT_A_NAME_START | set("每各某很多")  # 每家公司, 很多企业
GENERIC = re.compile(r"(?:公司|企业|大厂|厂商|厂|团队|部门|平台|机构|我们|他们|大家|行业|市场|岗位)$")
CONFIDENCE = 0.7


@register("employers")
class EmployerExtractor:
    """Adds Organization mentions for unknown names that hire a role or follow a company type."""

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        self.descriptive = resources.ontology.cue("descriptiveModifier")

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found: list[Mention] = []
        for sentence, tokens, known in zip(doc.sentences, state.tokens, by_sentence(state.mentions, doc.sentences)):
            for start, end, rule in _candidates(sentence, known):
                name = doc.text[start:end]
                if _made_of_nouns(start, end, tokens) and self._a_name(name) \
                        and not any(overlaps(m, start, end) for m in known + found):
                    found.append(new_mention(doc, start, end, "Organization", rule, CONFIDENCE))
        return with_mentions(state, found)

    def _a_name(self, name: str) -> bool:
        """True for what can be a company's own name: unknown to the lexicon, not generic, not described."""
        return (name[0] not in NOT_A_NAME_START and not GENERIC.search(name) and self.lexicon.lookup(name) is None
                and not any(word in name for word in self.descriptive))


def _made_of_nouns(start: int, end: int, tokens: tuple[Token, ...]) -> bool:
    """True when [start, end) is one to three whole tokens, each a noun or a word jieba does not know (最近, 通过
    and 百万年薪 are not names)."""
    inside = [token for token in tokens if start <= token.start < end]
    return (bool(inside) and inside[0].start == start and inside[-1].end == end and len(inside) <= MAX_NAME_TOKENS
            and all(token.tag in NAME_TAGS for token in inside))


def _candidates(sentence: Sentence, known: list[Mention]) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) of each name the sentence shows hiring a role it names, or sets after a company type."""
    roles = [m for m in known if m.cls == "Role"]
    for match in HIRING_SUBJECT.finditer(sentence.text):
        clause_end = re.search(r"[，,；;。！？!?]|$", sentence.text[match.end():]).start() + match.end()
        if any(match.end() <= m.start - sentence.start < clause_end for m in roles):
            yield sentence.start + match.start(1), sentence.start + match.end(1), "employer:hiring-subject"
            start = match.start(1)
            while sentence.text[start - 1:start] == "、" and (listed := LISTED_BEFORE.search(sentence.text, 0, start - 1)):
                yield sentence.start + listed.start(1), sentence.start + listed.end(1), "employer:hiring-subject"
                start = listed.start(1)  # 有赞、微盟也都在招AI产品经理: each listed name hires
    for company_type in (m for m in known if m.cls == "CompanyType"):
        if not sentence.text[:company_type.start - sentence.start].endswith(ONE_COMPANY):
            continue
        match = AFTER_COMPANY_TYPE.match(sentence.text, company_type.end - sentence.start)
        if match is not None:
            yield sentence.start + match.start(1), sentence.start + match.end(1), "employer:after-company-type"
