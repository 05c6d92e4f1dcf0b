"""…产品经理 roles, …能力 / 懂… skills and …团队 teams: names built from a head word and the content tokens
before it, kept only when they name something a person is or needs."""

from __future__ import annotations

import re

from kg.analyse.extract.lines import list_lead
from kg.analyse.extract.mentions import new_mention, overlaps
from kg.analyse.extract.people import SURNAMES
from kg.analyse.extract.open_vocabulary.shapes import (
    MAX_PREFIX_CHARS,
    NEVER_FIRST_TAGS,
    NOUN_TAGS,
    is_covered,
    is_name_part,
    is_nounish,
    is_verbish,
)
from kg.core.model import Document, Mention, Sentence, Token
from kg.core.normalize import is_cjk


EXPERIENCE = "经验"  # 游戏策划经验, 金融行业经验: experience of a known role or industry is a skill of its own
EXPERIENCE_OF = ("Role", "Industry")
MINDSETS = ("意识", "思维")  # 合规意识, AI思维: a person's attitude towards a known concept is a skill of its own
AI_ROLE_PREFIX = re.compile(r"(?<![A-Za-z0-9])(?:AIGC|AI|大模型) ?$")
MAX_PREFIX_TOKENS = 3
BOUND_TAGS = frozenset({"h"})  # 非|英语: a one-character prefix binds to the word after it
PREPOSITIONS = frozenset("对在和与跟把被给让向从问")
BODIES = frozenset({"部门", "单位", "机构", "机关"})  # 主管部门: an office, not a person in it
COPULAS = frozenset("成为是当做叫")  # one-character verbs jieba may tag as nouns (定位|成|测试工程师)
BOUND_PREFIXES = frozenset("跨泛超准伪亚")  # one-character prefixes of a compound (跨语言, 泛娱乐), not verbs
ADDRESSED = re.compile(rf"[A-Za-z]|[{SURNAMES}]")  # one letter or a surname before a title: 李经理 is a person
GLUED_LEADS = frozenset("只就都也还又才再招做当转要想需正将能得去来")  # 只招|全栈产品经理: an adverb or a verb jieba glued to the next word
GLUED_VERBS = frozenset("招转")  # 规模地招|AIGC运营, 先转|AIGC运营: a verb jieba glued to the words before it
JOB_BEFORE = re.compile(r"(?:招聘?|招募|当|转成了?|转型为|转为|成为|担任)(?:了|过)?(?:一名|一个|一位)?[\s*“”\"]*$")
JOB_AFTER = re.compile(r"[\s*“”\"]*(?:岗位|岗|职位)")
GROUP_WORDS = frozenset({"团队", "部门", "小组", "公司", "集团"})  # the people of a group, not a kind of role
SPEAKERS = frozenset({"我", "你", "他", "她", "我们", "你们", "他们", "她们", "大家"})
MODEL_CLASSES = frozenset({"Technology", "Product", "Organization", "CompanyType"})  # 'AI模型能力': a model's, not a skill
PERSONAL_HOLDERS = frozenset({"Organization", "Product", "Person"})  # 'OpenAI研究员' is a person at OpenAI, not a role
MAX_SKILL_PREFIX_CHARS = 6
MAX_TEAM_PREFIX_CHARS = 4  # 数据标注团队; a longer prefix is a description (负责大模型训练的团队)
TEAM_OWNERS = frozenset({"Organization", "Product", "Person", "CompanyType"})  # 字节团队 is a company's staff
SHORT_LINE = 40  # a list item or a line of a requirement list, not running prose
PERSON_SUBJECTS = ("我", "你", "他", "她", "候选人", "求职者", "从业者", "应聘者", "同学", "新人", "岗位")  # not 人: 人工智能
JOB_REQUIREMENT = ("任职要求", "岗位要求", "任职资格", "技能要求", "能力要求", "岗位职责", "职位要求")
PERSON_WORDS = ("我", "你", "他", "她", "人", "者", "们", "自己", "候选人", "角色", "岗位")
HOLDER_CLASSES = frozenset({"Technology", "Product", "Concept", "Organization", "CompanyType"})


class HeadedNames:
    """Finds roles, skills and teams from their head words (_headed, _ai_roles).

    A mixin of OpenVocabularyExtractor, whose __init__ reads the cue words it uses."""

    # ------------------------------------------------------------ …产品经理 roles and …能力 / 懂… skills
    def _headed(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """Role and skill names built from a head token and the content tokens before it (or a one-character head
        whose word a lexicon name took apart: 对话设计|师)."""
        for index, token in enumerate(tokens):
            if token.text[-1] not in self.head_ends and token.text not in self.skill_leads:
                continue  # (most tokens: no head can end them)
            glued = index > 0 and len(token.text) == 1 and tokens[index - 1].end == token.start
            role_head = token.text.endswith(self.role_heads) \
                or glued and (tokens[index - 1].text + token.text).endswith(self.role_heads)
            if role_head or token.text in self.skill_heads or token.text in self.team_heads:
                cls = "Role" if role_head else "Team" if token.text in self.team_heads else "Skill"
                found = self._with_prefix(doc, sentence, tokens, index, known, cls)
                if found is not None:
                    yield found
            elif token.text.endswith(self.context_role_heads):
                found = self._with_prefix(doc, sentence, tokens, index, known, "Role")
                if found is not None and _said_to_be_a_job(doc.text, sentence, found[0]):
                    yield found
            elif token.text in self.skill_leads and index + 1 < len(tokens):
                found = self._lead_skill(doc, sentence, tokens, index, known)
                if found is not None:
                    yield found

    def _ai_roles(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A known role behind AI / AIGC / 大模型 is the AI variant of that role (AI游戏策划, AIGC运营)."""
        for role in (m for m in known if m.cls == "Role" and m.rule == "lexicon"):
            prefix = AI_ROLE_PREFIX.search(doc.text, max(sentence.start, role.start - 5), role.start)
            if prefix is not None and not any(m is not role and overlaps(m, prefix.start(), role.end) for m in known
                                              if m.cls != "Concept" and m.cls != "Technology"):
                inside = [m for m in known if overlaps(m, prefix.start(), role.end)]
                yield new_mention(doc, prefix.start(), role.end, "Role", "open:ai-prefixed-role", 0.8), inside

    def _prefix_start(self, tokens: tuple[Token, ...], index: int, known: list[Mention], cls: str) -> int:
        """Index of the first token of the name that ends with the head tokens[index]."""
        first = index
        chars = 0
        while first > 0 and index - first < MAX_PREFIX_TOKENS:
            before = tokens[first - 1]
            if before.end == tokens[first].start and self._bound_lead(before, known):
                if len(before.text) == 1 and first < index:
                    first += 1  # 非|英语内容创作者: the word after a one-character prefix belongs to it
                break
            if before.end != tokens[first].start or before.text in self.breaks or not is_name_part(before.text) \
                    or cls == "Role" and (before.text.endswith(self.role_heads) or before.text in COPULAS):
                break  # (评测工程师定位成测试工程师: a role before is a name of its own, 成 links the two)
            if not (is_nounish(before) or is_covered(before, known) or cls == "Skill" and is_verbish(before)):
                break
            if first > 1 and tokens[first - 2].text in SPEAKERS and not is_covered(before, known):
                break  # 让我总结AI产品经理…: after a pronoun comes what the person does, not a part of the name
            chars += len(before.text)
            if chars > MAX_PREFIX_CHARS:
                break
            first -= 1
        if cls == "Role" and first > 0 and tokens[first - 1].text in BOUND_PREFIXES \
                and tokens[first - 1].end == tokens[first].start:
            first -= 1  # 跨|语言创作者: a prefix jieba takes for a verb belongs to the role's name
        while first < index and not (cls == "Role" and tokens[first].text in BOUND_PREFIXES) and (
                (is_verbish(tokens[first]) or cls == "Role" and tokens[first].tag == "vn" and first + 1 < index)
                and not is_covered(tokens[first], known)
                or self._opens_clause(tokens[first].text) or tokens[first].tag in NEVER_FIRST_TAGS):
            first += 1
        return first

    @staticmethod
    def _bound_lead(token: Token, known: list[Mention]) -> bool:
        """True for a lone prefix (非), an unknown two-character word opening with a preposition, an adverb or a verb
        (对大 of 品牌对大主播, 只招 of 只招全栈产品经理), an unknown word ending with 招 / 转 (先转 of 先转AIGC运营) or a
        group word (团队 of 在团队算法科学家), not a known name."""
        return not is_covered(token, known) and is_cjk(token.text[0]) and (
            len(token.text) == 1 and token.tag in BOUND_TAGS
            or token.tag == "" and len(token.text) == 2 and token.text[0] in PREPOSITIONS | GLUED_LEADS
            or token.tag == "" and len(token.text) >= 2 and token.text[-1] in GLUED_VERBS
            or token.text in GROUP_WORDS)

    def _opens_clause(self, text: str) -> bool:
        """True for a token that is or starts with a clause-opening word (如, 例如, 考验, 初为…), or a lone digit."""
        return text in self.leads or text[:1].isdigit() or any(text.startswith(w) and len(w) > 1 for w in self.leads)

    def _well_formed(self, cls: str, prefix: str, inside: list[Mention], start: int) -> bool:
        """A name, not a description: a Role prefix names no organisation, product or person and no descriptive
        modifier (人类设计师, OpenAI研究员); a Skill prefix is short and names no model, product or holder."""
        if any(word in prefix for word in self.descriptive):
            return False
        if cls == "Role":
            return not any(m.cls in PERSONAL_HOLDERS and m.start == start for m in inside)
        if cls == "Team":
            return len(prefix) <= MAX_TEAM_PREFIX_CHARS and not any(m.cls in TEAM_OWNERS for m in inside)
        return len(prefix) <= MAX_SKILL_PREFIX_CHARS and not any(m.cls in MODEL_CLASSES for m in inside) \
            and not prefix.startswith(tuple(self.skill_leads))  # (懂不懂)算法模型知识: 懂 is the verb, not the name

    def _wanted_of_a_person(self, doc: Document, sentence: Sentence, start: int) -> bool:
        """True when a skill-like name is a person's: not 'X的…能力' of a thing, and either after a requirement word
        in its clause or in a short list line under a heading about what a role needs (任职要求, 技能要求)."""
        clause = re.split(r"[，,。；;！？!?]", doc.text[sentence.start:start])[-1]
        if clause.rstrip("*").endswith("的") and not clause.rstrip("*")[:-1].endswith(PERSON_WORDS + self.role_heads):
            return False
        said = doc.text[sentence.start:start]
        if any(word in clause for word in self.requires) and (
                any(word in said for word in PERSON_SUBJECTS + JOB_REQUIREMENT) or any(head in said for head in self.role_heads)
                or any(head in h for h in sentence.section[1:] for head in self.role_heads)):
            return True  # a requirement stated of a person or a role, not of a model, a product or a company
        if sentence.end - sentence.start > SHORT_LINE:
            return False
        lead = list_lead(doc.text, sentence.start) or ""
        return any(word in heading for heading in sentence.section[1:] for word in self.requirement_headings) \
            or any(word in lead for word in self.requires)

    def _head_runs_on(self, tokens: tuple[Token, ...], index: int) -> bool:
        """True when the head's last character and the lone character glued after it make a word (智能投顾问答: 问答),
        or a word for a body follows it (主管部门), so the head is no head."""
        head = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.start == head.end and following.text in BODIES:
            return True  # 行业主管部门: the body in charge, not a person
        return following is not None and following.start == head.end and len(following.text) == 1 \
            and is_cjk(following.text) and self.dictionary_tags(head.text[-1] + following.text) is not None

    def _with_prefix(self, doc, sentence, tokens, index, known, cls) -> tuple[Mention, list[Mention]] | None:
        """A Role / Skill spanning prefix tokens + head token, replacing lexicon mentions it strictly contains."""
        first = self._prefix_start(tokens, index, known, cls)
        if cls == "Role" and self._head_runs_on(tokens, index):
            return None
        if first == index and not (cls == "Role" and self._headed_word(tokens[index], known)):
            return None  # (客户经理, 总经理: one dictionary word with its own modifier is a role name)
        start, end = tokens[first].start, tokens[index].end
        inside = [m for m in known if overlaps(m, start, end)]
        if any(m.start < start or m.end > end for m in inside):
            return None
        if any(m.start == start and m.end == end for m in inside):
            return None
        if not self._well_formed(cls, doc.text[start:tokens[index].start], inside, start):
            return None
        if cls == "Role" and ADDRESSED.fullmatch(doc.text[start:tokens[index].start]):
            return None  # L经理, 张经理: a person addressed by a title, not a role
        if cls == "Skill" and (_only_known_prefix(inside, start, tokens[index].start)
                               and not (tokens[index].text == EXPERIENCE and inside[0].cls in EXPERIENCE_OF)
                               and not (tokens[index].text in MINDSETS and inside[0].cls == "Concept")
                               or doc.text[start:tokens[index].start] in self.not_personal
                               or self._held_by_company(doc.text, end) or self._held_by_thing(doc.text, start, known)):
            return None
        rule = f"open:{cls.lower()}-head"
        if cls == "Team":
            prefix = doc.text[start:tokens[index].start]
            confidence = 0.7 if prefix.endswith(tuple(self.team_functions)) or self._domain_prefix(
                inside, start, tokens[index].start) else 0.5
        elif cls == "Role":
            confidence = 0.8
        else:
            confidence = 0.65 if self._wanted_of_a_person(doc, sentence, start) else 0.45
        return new_mention(doc, start, end, cls, rule, confidence), inside
    def _headed_word(self, token: Token, known: list[Mention]) -> bool:
        """True for one dictionary noun that is a role head with a modifier of its own (客户经理, 总经理), no known name."""
        head = next((h for h in self.role_heads if token.text.endswith(h)), "")
        return token.tag in NOUN_TAGS and len(token.text) > len(head) > 0 and not is_covered(token, known)

    @staticmethod
    def _domain_prefix(inside: list[Mention], start: int, head_start: int) -> bool:
        """True when a known name of the domain fills the prefix of a team (算法团队, 数据标注团队): 专业团队, A团队,
        七人小组 describe a group rather than name a function."""
        return any(m.start == start and m.end == head_start for m in inside) or any(
            m.start == start for m in inside) and any(m.end == head_start for m in inside)

    def _held_by_thing(self, text: str, start: int, known: list[Mention]) -> bool:
        """True for 'X的…能力' where X is a company, model or concept, or a company word leads the clause."""
        clause = re.split(r"[，,。；;！？!?]", text[max(0, start - 20):start])[-1]
        if any(word in clause for word in self.capability_holders):
            return True
        owner = clause.rfind("的")
        return owner >= 0 and len(clause) - owner <= 4 and any(
            m.end == start - len(clause) + owner and m.cls in HOLDER_CLASSES for m in known)

    def _held_by_company(self, text: str, end: int) -> bool:
        """True for 'X能力的公司': a capability of a company, not a person's skill."""
        after = re.split(r"[，,。；;：:！？!?]", text[end:end + 12].replace("*", ""), maxsplit=1)[0]
        return after.startswith("的") and any(w in after for w in self.capability_holders)

    def _lead_skill(self, doc, sentence, tokens, index, known) -> tuple[Mention, list[Mention]] | None:
        """懂X: the lead word and one or two content tokens after it; 懂X评估, where an activity follows, is the
        activity (功耗评估)."""
        last = index + 1
        if tokens[last].text in self.breaks or not is_nounish(tokens[last]):
            return None
        activity = last + 1 < len(tokens) and tokens[last + 1].start == tokens[last].end \
            and tokens[last + 1].text in self.activity_heads
        if activity:
            start, end = tokens[last].start, tokens[last + 1].end
            if any(overlaps(m, start, end) for m in known):
                return None
            return new_mention(doc, start, end, "Skill", "open:skill-lead-activity", 0.6), []
        if last + 1 < len(tokens) and tokens[last + 1].text not in self.breaks and is_name_part(tokens[last + 1].text) \
                and tokens[last + 1].start == tokens[last].end and len(tokens[last].text) == 1:
            last += 1
        start, end = tokens[index].start, tokens[last].end
        inside = [m for m in known if overlaps(m, start, end)]
        if inside:
            return None
        stated = self._wanted_of_a_person(doc, sentence, start) or any(m.cls == "Role" for m in known)
        return new_mention(doc, start, end, "Skill", "open:skill-lead", 0.6 if stated else 0.5), []


def _only_known_prefix(inside: list[Mention], start: int, head_start: int) -> bool:
    """True when the prefix before a skill head is exactly one known entity (ROI分析 + 能力 stays ROI分析)."""
    before = [m for m in inside if m.end <= head_start]
    return len(before) == 1 and before[0].start == start and before[0].end == head_start


def _said_to_be_a_job(text: str, sentence: Sentence, mention: Mention) -> bool:
    """True when the text calls the name a job: 在招|智能体生态运营, 担任|文库BU负责人, 法律专家|岗位 (not 做|账号运营)."""
    return bool(JOB_BEFORE.search(text, sentence.start, mention.start)) or bool(JOB_AFTER.match(text, mention.end))
