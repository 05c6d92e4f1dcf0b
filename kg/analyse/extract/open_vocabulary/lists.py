"""语音识别、语音合成、语音转换: unknown items of a 、-list take the class their known list-mates share; 具备文案写作、
系统设计和逻辑思维能力: the items of a list that shares one skill head are each a skill."""

from __future__ import annotations

import re

from kg.analyse.extract.mentions import new_mention
from kg.analyse.extract.open_vocabulary.shapes import (NEVER_FIRST_TAGS, Spans, is_covered, is_name_part, is_nounish,
                                                       is_verbish, list_noun_class)
from kg.core.model import Document, Mention, Sentence, Token


CLAUSE_ENDINGS = frozenset({"时", "时候", "之后", "以后", "之前", "以前", "期间"})  # 营销人沟通时: a clause of time
LIST_CLAUSE = re.compile(r"[，,。；;：:！？!?（）()]")
LIST_BREAKS = ("的", "了", "是", "和", "或", "等")
WEAKLY_LISTED = frozenset({"Concept"})
LOOSELY_LISTED = frozenset({"Industry", "ContentType"})
SKILL_LIST = re.compile(r"(?P<verb>具备|具有|拥有|掌握|要有|需要有)(?:(?:良好|扎实|较强|优秀|出色|一定)的?)?"
                        r"(?P<items>(?:[^、，,。；;：:（）()的]{2,8}?(?:、|和|及|与|以及)){1,5}[^、，,。；;：:（）()的]{2,8}?)"
                        r"(?:能力|技能|功底)(?=[，,。；;！!？?]|$)")  # each item shares the head: 文案写作能力, 系统设计能力
SKILL_ITEM_SEPARATOR = re.compile(r"、|和|及|与|以及")
DUTY_LIST = re.compile(r"(?P<verb>负责|进行|参与|主导|擅长|熟练|精通|做好|完成|要做|需要做)"
                       r"(?P<items>(?:[\u4e00-\u9fffA-Za-z]{2,6}?(?:、|和|及|与|以及)){0,5}[\u4e00-\u9fffA-Za-z]{2,6}?)"
                       r"(?=等|[，,。；;！!？?]|$)")  # 负责数据评估、异常发现和人工验证
DUTY_VERBS = frozenset({"负责", "擅长", "熟练", "精通", "主导"})  # the verbs after which one activity is a duty too
MIN_DUTY_CHARS = 4  # a modifier and an activity: 数据+评估; 评估 alone is a verb
LISTED_SKILL_CONFIDENCE = 0.7
INDUSTRY_LIST = re.compile(r"(?P<items>(?:[\u4e00-\u9fff]{2,5}(?:、|和|及|与|以及)){1,7}[\u4e00-\u9fff]{2,4})等(?:多个|多种|众多)?"
                           r"(?:行业|产业|垂直行业)")  # 落地在制造、矿山、铁路和气象等行业
LISTED_INDUSTRY_CONFIDENCE = 0.7
MIN_NOUNS_BESIDE_A_VERB = 2
MIN_LIST_ITEMS = 3
WORKED_ON = frozenset({"模型", "数据", "算法", "系统", "产品", "方案", "代码"})
ACTIVITY_TAGS = frozenset({"vn"})  # 工作, 服务, 创作: nouns made of verbs name activities
OWN_NOUN_OVERRIDES = {"Organization": {"Organization", "Product"}, "Concept": {"Industry"}}
# the list-mates' classes a list's own noun corrects: Loom of Notion、Loom、Zapier等公司 is a company, 生活助手 of
# 社交、教育、生活助手等应用场景 a scenario; 食品饮料、日化家清、精密制造等企业 stay industries


class ListedNames:
    """Types unknown items of a 、-list by their list-mates (_listed).

    A mixin of OpenVocabularyExtractor, whose __init__ reads the cue words it uses."""

    # ------------------------------------------------------------ 语音识别、语音合成、语音转换: typed by list-mates
    def _listed(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], taken: list[Mention]):
        """Unknown items of a 、-list take the class most of the known items share (语音识别、语音转换、语音增强)."""
        spans = Spans(taken)
        for items in _lists(sentence):
            known, unknown = [], []
            for start, end in items:
                first = (start, end) == items[0]
                start = self._after_lead(doc.text, start, end)
                inside = spans.overlapping(start, end)
                ending = [m for m in inside if m.end == end and m.start >= start]
                if ending and (ending[0].start == start or first):
                    known.append((ending[0].cls, ending[0].surface))  # a first item may have a lead-in: 用于…
                    continue
                if first:
                    start = _after_verb(tokens, start, end)  # 支持上传PDF、表格、PPT: the verb leads the list in
                    inside = spans.overlapping(start, end)
                if all(start <= m.start and m.end <= end for m in inside) and self._nameable(doc.text[start:end]) \
                        and self._only_name_tokens(tokens, start, end, inside) and not _acts_on(tokens, start, end):
                    unknown.append((start, end, inside))
            own = list_noun_class(doc.text, items[-1][1], sentence.end)  # 等公司 / 等场景: what the list says it holds
            for start, end, inside, cls in self._list_classes(doc.text, items, known, unknown, own):
                if all(m.cls != cls for m in inside):
                    confidence = self._listed_confidence(doc, sentence, start, cls)
                    yield new_mention(doc, start, end, cls, "open:list-coordination", confidence), inside

    def _industry_list(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], taken: list[Mention]):
        """制造、矿山、铁路和气象等行业: the unknown items of a list its own noun calls industries are industries."""
        spans = Spans(taken)
        for match in INDUSTRY_LIST.finditer(sentence.text):
            nouns, verbs = 0, []
            for text, start, end in _items(doc, sentence, match):
                start = _after_function_words(tokens, start, end)
                inside = [t for t in tokens if start <= t.start < end]
                if spans.overlapping(start, end) or self.lexicon.lookup(doc.text[start:end]):
                    nouns += 1
                    continue
                if end - start < 2 or not self._only_name_tokens(tokens, start, end, []):
                    continue
                if all(is_nounish(t) and t.tag not in ACTIVITY_TAGS for t in inside):
                    nouns += 1
                    yield new_mention(doc, start, end, "Industry", "open:industry-list", LISTED_INDUSTRY_CONFIDENCE), []
                elif len(inside) == 1 and inside[0].tag == "v" and end - start == 2:
                    verbs.append((start, end))  # 制造 names the sector among nouns (制造、矿山、铁路和气象等行业)
            for start, end in verbs if nouns >= MIN_NOUNS_BESIDE_A_VERB else []:  # 吃饭、睡觉、工作等: activities
                yield new_mention(doc, start, end, "Industry", "open:industry-list", LISTED_INDUSTRY_CONFIDENCE), []

    def _skill_list(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], taken: list[Mention]):
        """Each item of a list a person must have that ends in one skill head (具备文案写作、系统设计和逻辑思维能力) is
        a skill, replacing the lexicon words inside it (文案 of 文案写作)."""
        spans = Spans(taken)
        for match in SKILL_LIST.finditer(sentence.text):
            if not self._wanted_of_a_person(doc, sentence, sentence.start + match.end("verb")):
                continue  # 模型具备图像理解、语音识别和代码生成能力: a model's capabilities
            for item, start, end in _items(doc, sentence, match):
                inside = spans.overlapping(start, end)
                if any(m.cls == "Skill" or m.start <= start and end <= m.end for m in inside) \
                        or not self._nameable(item) or not self._only_name_tokens(tokens, start, end, inside):
                    continue
                yield new_mention(doc, start, end, "Skill", "open:skill-list", LISTED_SKILL_CONFIDENCE), inside

    def _duty_list(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], taken: list[Mention]):
        """Each item of what a person must do or be good at that ends in an activity (负责数据评估、异常发现和人工验证,
        需要进行归纳总结和流程梳理) is a skill; one activity alone only after 负责 / 擅长 / 精通 (进行实际验证 is a
        step of a process)."""
        spans = Spans(taken)
        heads = tuple(self.activity_heads)
        for match in DUTY_LIST.finditer(sentence.text):
            items = _items(doc, sentence, match)
            if len(items) == 1 and match.group("verb") not in DUTY_VERBS \
                    or not self._wanted_of_a_person(doc, sentence, sentence.start + match.end("verb")):
                continue  # 进行实际验证: one step of a process, not a duty
            for item, start, end in items:
                inside = spans.overlapping(start, end)
                if len(item) < MIN_DUTY_CHARS or not item.endswith(heads) \
                        or any(m.cls == "Skill" or m.start <= start and end <= m.end for m in inside) \
                        or not self._only_name_tokens(tokens, start, end, inside):
                    continue
                yield new_mention(doc, start, end, "Skill", "open:skill-activity", LISTED_SKILL_CONFIDENCE), inside

    def _listed_confidence(self, doc: Document, sentence: Sentence, start: int, cls: str) -> float:
        """How far a list item's class can be trusted: a list of concepts is a list of anything; a listed skill is
        a skill only where a person needs it (对话能力、记忆能力 of an agent are not); areas and content types from
        lists are often clauses, so they need a second article to pass."""
        if cls in WEAKLY_LISTED:
            return 0.5
        if cls == "Skill":
            return 0.7 if self._wanted_of_a_person(doc, sentence, start) else 0.45
        return 0.6 if cls in LOOSELY_LISTED else 0.7

    def _after_lead(self, text: str, start: int, end: int) -> int:
        """Start of a list item after a lead-in word (如餐饮连锁 → 餐饮连锁, 包括销售 → 销售)."""
        for length in self.lead_lengths:
            if text[start:start + length] in self.leads and end - start - length >= 2:
                return start + length
        return start

    def _only_name_tokens(self, tokens: tuple[Token, ...], start: int, end: int, inside: list[Mention]) -> bool:
        """True when the span starts and ends on token boundaries and holds no function word or clause opener."""
        within = [tok for tok in tokens if start <= tok.start and tok.end <= end]
        if not within or within[0].start != start or within[-1].end != end or within[-1].text in CLAUSE_ENDINGS:
            return False
        return not any((tok.text in self.breaks or tok.text in self.leads or tok.tag in NEVER_FIRST_TAGS)
                       and not is_covered(tok, inside) for tok in within)
    @staticmethod
    def _list_classes(text: str, items, known: list[tuple[str, str]], unknown, own: str | None):
        """Class for each unknown item: the one the list's own noun names (`own`) where it corrects the class the
        known items agree on, else that agreed class, or that of a known item with the same head (Chinese compounds
        are head-final: 图像处理 is like 自然语言处理)."""
        classes = [cls for cls, _ in known]
        agreed = max(sorted(set(classes)), key=classes.count) if classes else ""
        majority = classes.count(agreed) >= 2 and classes.count(agreed) * 3 >= len(classes) * 2
        for start, end, inside in unknown:
            head = text[end - 2:end]
            same_head = [cls for cls, name in known if len(name) > 2 and name.endswith(head)]
            if own is not None and majority and agreed in OWN_NOUN_OVERRIDES.get(own, ()):
                yield start, end, inside, own
            elif same_head or majority:
                yield start, end, inside, same_head[0] if same_head else agreed

    def _nameable(self, text: str) -> bool:
        """True for a short run of letters that is not a function word nor opens with a descriptive one: a plausible name."""
        shortest = 2 if text.isascii() else 3  # two-character Chinese items are mostly plain words: 训练、部署
        return shortest <= len(text) <= 8 and is_name_part(text) and not any(w in text for w in LIST_BREAKS) \
            and text not in self.breaks and not any(text.startswith(word) for word in self.descriptive if len(word) > 1)
        # (专业团队: a described group, not a name)


def _after_verb(tokens: tuple[Token, ...], start: int, end: int) -> int:
    """Start of the first item of a list after the verbs glued before it (支持上传PDF → PDF), two characters left."""
    while (first := next((tok for tok in tokens if tok.start == start), None)) is not None \
            and is_verbish(first) and len(first.text) > 1 and end - first.end >= 2:  # (爱优腾芒 keeps its 爱)
        start = first.end
    return start


def _acts_on(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    """True for a verb and the generic thing it works on (构建模型, 清洗数据): a step of work, not a name."""
    within = [tok for tok in tokens if start <= tok.start and tok.end <= end]
    return len(within) == 2 and is_verbish(within[0]) and within[1].text in WORKED_ON


def _lists(sentence: Sentence) -> list[list[tuple[int, int]]]:
    """Document spans of the items of each 、-separated list (three items or more) in a sentence."""
    lists = []
    position = 0
    for clause in LIST_CLAUSE.split(sentence.text):
        offset = sentence.start + position
        position += len(clause) + 1
        if clause.count("、") < 2:
            continue
        items, at = [], 0
        for raw in clause.split("、"):
            text = raw.split("等")[0].strip(" *“”\"'「」【】")  # 音频处理等领域 → 音频处理
            if text:
                start = offset + at + raw.index(text)
                items.append((start, start + len(text)))
            at += len(raw) + 1
        if len(items) >= MIN_LIST_ITEMS:  # (、、 alone lists nothing)
            lists.append(items)
    return lists


def _items(doc: Document, sentence: Sentence, match: re.Match) -> list[tuple[str, int, int]]:
    """(text, start, end) of each item of a list match's `items` group, split at 、 / 和 / 及 / 与 / 以及."""
    at, items_end = sentence.start + match.start("items"), sentence.start + match.end("items")
    found = []
    for item in SKILL_ITEM_SEPARATOR.split(match.group("items")):
        start, end = at, at + len(item)
        at = end + len(SKILL_ITEM_SEPARATOR.match(doc.text, end)[0]) if end < items_end else end
        found.append((item, start, end))
    return found


def _after_function_words(tokens: tuple[Token, ...], start: int, end: int) -> int:
    """Start of an item after the last verb or preposition glued before it (落地在矿山 → 矿山)."""
    for token in (t for t in tokens if start <= t.start < end):
        if token.tag.startswith(("v", "p", "d", "c", "u")) and end - token.end >= 2:
            start = token.end
    return start
