"""Departments: bare department names listed as teams become Team mentions — 法务，商标，安全等部门 (each a 部门),
软件研发团队，如前后端，测试，运维等 (each a team of the kind named before 如), and 与业务、研发、设计等各方沟通 (names the
lexicon knows as teams, in a clause that says they work together, as does 和研发一起排期 for one name). A name the lexicon knows (研发 → 研发团队 through
its alias 研发部门) links to that entry; another is named after the list's noun (商标 → 商标部门)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import find_cue
from kg.analyse.extract.mentions import by_sentence, lexicon_mention, new_mention, overlaps, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Document, Extraction, Mention, Sentence, Token
from kg.core.ontology import LexiconEntry

ITEM = r"(?:(?:(?!和|及|与)[\u4e00-\u9fff]){1,4}|[A-Za-z]{2,4})"  # 设计和运营: two items, not 设计和运 + 营
ITEMS = rf"{ITEM}(?:\s*(?:[、，,/]|和|及|与)\s*{ITEM})+"
CLOSED_LIST = re.compile(rf"({ITEMS})等[^\W\d_有在地的]{{0,6}}?(团队|部门|同事|同学|小组)(?![\u4e00-\u9fff]{{0,2}}(?:系统|数据|平台))")
EXEMPLIFIED = re.compile(rf"[，,]?\s*(?:如|比如|例如|包括)\s*({ITEMS})")
COLLABORATION = re.compile(rf"(?:和|与|跟|同|对接|协调|配合|(?:协作|合作|配合)对象[，,]?\s*(?:主要|通常|一般)?(?:是|有|包括))\s*({ITEMS})")
PERSON_BEFORE = re.compile(r"(?:我|我们|你|他|她|他们|她们|要|得|需要|经常|每天|平时|日常|常常|会|都|也|还)\s*$")  # a person's partner
ONE_PARTNER = re.compile(rf"(?:和|与|跟|同)\s*({ITEM})\s*(?=一起|共同|对齐|沟通|协作|合作|配合|对接|打交道|联调)")  # 和研发一起排期
LIST_ITEM = re.compile(r"[^、，,/\s和及与]+")
TEAM_SUFFIXES = ("团队", "部门", "组", "侧", "部", "方", "")
LEADING_TAGS = ("v", "p", "c", "d", "r")  # 涵盖计划、采购 / 实现销售、运营: the verb before a list is not its first item
PLACE_OR_PERSON_TAGS = ("ns", "nr", "nrt")  # 上海、深圳、新加坡等地均有团队 lists places
NOT_A_DEPARTMENT = re.compile(r"^(?:其他|其它|相关|各|各个|各类|各种|不同|多个|一些)|[部局委院厅处署]$")
CONFIDENCE = 0.7


@register("departments")
class DepartmentExtractor:
    """Adds Team mentions for the bare department names of a list of teams."""

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        self.collaboration = resources.ontology.cue("collaborationTrigger")

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found: list[Mention] = []
        for sentence, tokens, known in zip(doc.sentences, state.tokens, by_sentence(state.mentions, doc.sentences)):
            for items, noun, rule in self._lists(sentence, tokens, known):
                spans = [span for span in (_name_start(items[0], tokens), *items[1:])
                         if span is not None and not _place_or_person(span, tokens)]
                teams = [self._team(doc, tokens, start, end, noun, rule) for start, end in spans]
                if not noun and None in teams:
                    continue  # 和业务、技术、管理: a list of collaborators counts only when every item is a team
                found.extend(m for m in teams if m is not None and not NOT_A_DEPARTMENT.search(m.surface)
                             and not any(overlaps(k, m.start, m.end) for k in known + found))
        return with_mentions(state, found)

    def _lists(self, sentence: Sentence, tokens: tuple[Token, ...],
               known: list[Mention]) -> Iterator[tuple[list[tuple[int, int]], str, str]]:
        """(item spans, noun, rule) of each list the sentence marks as a list of teams; noun is the list's own word
        for a team ('' when only names the lexicon knows as teams count)."""
        text = sentence.text
        for match in CLOSED_LIST.finditer(text) if "等" in text else ():  # (a closed list ends with 等)
            yield from _items(sentence, match, match.group(2), "department:closed-list")
        for team in (m for m in known if m.cls == "Team"):
            match = EXEMPLIFIED.match(text, team.end - sentence.start)
            if match is not None:
                yield from _items(sentence, match, "团队", "department:exemplified")
        if find_cue(self.collaboration, text):
            starts = {token.start - sentence.start for token in tokens}
            for match in COLLABORATION.finditer(text):
                if match.start() in starts and match.start(1) in starts:  # 协同过滤 holds 同 but not as a word
                    yield from _items(sentence, match, "", "department:collaborators")
            roles_end = {m.end - sentence.start for m in known if m.cls == "Role"}
            for match in ONE_PARTNER.finditer(text):  # (模型和数据一起打包: a thing's partner is no team)
                if match.start() in starts and match.start(1) in starts and self.lexicon.lookup(match.group(1)) is None \
                        and (match.start() in roles_end or PERSON_BEFORE.search(text, 0, match.start())):
                    yield [(sentence.start + match.start(1), sentence.start + match.end(1))], "", "department:collaborators"

    def _team(self, doc: Document, tokens: tuple[Token, ...], start: int, end: int, noun: str,
              rule: str) -> Mention | None:
        """The known team a bare name stands for, else a new team named with the list's noun (None without one)."""
        word_ends = {token.end for token in tokens}
        for cut in range(end, start + 1, -1):  # 和研发、设计紧密协作: the item ends where a known team's name does
            entry = self._known_team(doc.text[start:cut]) if cut in word_ends else None
            if entry is not None:
                return lexicon_mention(doc, start, cut, entry, rule)
        name = doc.text[start:end]
        if not noun or self.lexicon.lookup(name) is not None:
            return None  # a name the lexicon knows as something else (数据 is a Concept) stays that
        label = name + ("部门" if noun == "部门" else "团队")
        return new_mention(doc, start, end, "Team", rule, CONFIDENCE, label=label)

    def _known_team(self, name: str) -> LexiconEntry | None:
        """The lexicon's team whose label or alias is the name with a team word after it (研发 → 研发部门)."""
        for suffix in TEAM_SUFFIXES:
            entry = self.lexicon.lookup(name + suffix)
            if entry is not None and entry.cls == "Team":
                return entry
        return None


def _items(sentence: Sentence, match: re.Match, noun: str, rule: str) -> Iterator[tuple[list[tuple[int, int]], str, str]]:
    """The document spans of the items of the list in a match's first group, with the list's noun and rule; in a list
    joined by 、 a comma ends a clause, not an item (打通信息壁垒，实现销售、运营、产品等部门)."""
    group, offset = match.group(1), sentence.start + match.start(1)
    if "、" in group:
        cut = max(group.rfind("，", 0, group.index("、")), group.rfind(",", 0, group.index("、"))) + 1
        group, offset = group[cut:], offset + cut
    items = [(offset + item.start(), offset + item.end()) for item in LIST_ITEM.finditer(group)]
    if len(items) > 1:
        yield items, noun, rule


def _name_start(span: tuple[int, int], tokens: tuple[Token, ...]) -> tuple[int, int] | None:
    """A list's first item without the words before it (区分了销售 → 销售, 涵盖计划 → 计划): the pattern cannot see
    where the word before the list ends. None when the item starts inside a word that runs on into it (数据中心网络,
    cut to 中心网络) with no particle to end that word's phrase."""
    start, end = span
    inside = [token for token in tokens if start <= token.start < end]
    after_particle = [i + 1 for i, token in enumerate(inside) if token.tag.startswith("u")]
    if not inside or inside[0].start != start and not after_particle:
        return None
    inside = inside[max(after_particle, default=0):]
    while len(inside) > 1 and inside[0].tag.startswith(LEADING_TAGS):
        inside = inside[1:]
    return (inside[0].start, end) if inside else None


def _place_or_person(span: tuple[int, int], tokens: tuple[Token, ...]) -> bool:
    """True when the item is one word that names a place or a person."""
    return any(token.start == span[0] and token.end == span[1] and token.tag in PLACE_OR_PERSON_TAGS
               for token in tokens)
