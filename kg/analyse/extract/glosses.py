"""Glosses: coined product names the sentence glosses as products — a clause subject said to be one (禾伴是个数字人陪练,
萌芽智能做的阿糯是个桌面机器人, 它家的汇通小智是给理财经理用的投研助手), a name right after the product noun of a launch
(发布了法律大模型衡律，), a quoted name glossed after a dash (“问北辰”——一个知识库问答助手) and a clause subject built on a
known technology (问北辰基于RAG). The name must be more than dictionary words: 用户画像是一个工具 names nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import introductions, register
from kg.analyse.extract.slots import NAME_PARTS
from kg.analyse.extract.context import CLAUSE_BREAK, MARKUP
from kg.analyse.extract.mentions import by_sentence, new_mention, overlaps, with_mentions
from kg.analyse.extract.open_vocabulary.shapes import VERB_TAGS
from kg.analyse.extract.resources import Resources
from kg.core.model import Document, Extraction, Mention, Sentence, Token

HEADS = ("助手", "助理", "工具", "机器人", "陪练", "产品", "平台", "应用", "App", "APP", "app", "大模型", "模型", "系统", "插件",
         "智能体", "Agent", "数字人", "小程序", "软件", "引擎", "编辑器", "硬件", "设备", "眼镜", "耳机", "音箱", "学习机", "桌宠",
         "客服", "网站")  # the nouns a gloss of a product ends with
HEAD = "(?:" + "|".join(HEADS) + ")"
GLOSS_END = r"(?=[，,。；;：:！？!?（(—]|\*\*|$)"
IS_ONE = re.compile(r"(?:最早|最初|起初|原本|本来|一开始|如今|现在)?(?:也|则|就|其实|本身|本质上|只|只是)?是"
                    r"(?:一?(?:个|款|套|台)[^，,。；;！？!?]{0,20}?|[^，,。；;！？!?]{0,12}?(?:推出|做|出|开发|打造|上线|自研)的"
                    r"[^，,。；;！？!?]{0,10}?|给[^，,。；;！？!?]{1,8}用的[^，,。；;！？!?]{0,8}?)" + HEAD + GLOSS_END)  # 禾伴是个数字人陪练,
# 溪言是檀溪科技最早上线的AI产品, 汇通小智是给理财经理用的投研助手
LAUNCHED = re.compile(r"(?:推出|发布|上线|开源|打造|研发|自研)了?(?:(?![做是用让把将和与])[^，,。；;！？!?]){0,16}?" + HEAD +
                      r"([\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9 .-]{1,11}?)(?=[，,。；;）)]|$)")  # 发布了法律大模型衡律，
MADE_NAME = re.compile(r"(?:^|(?<=[，,；;]))[\s*“\"「]*([^，,。；;：:的是]{1,10}?)(?:推出|发布|开发|打造|自研|研发)的"
                       r"([\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9 .-]{1,11}?)[”\"」]?(?=[，,])")  # 网易推出的网易七鱼，
DASH_GLOSS = re.compile(introductions.QUOTED_NAME + r"\s*(?:——|:|：)\s*(?:一|这)(?:个|款|套)[^，,。；;]{0,20}?" + HEAD + GLOSS_END)
QUOTED_LAUNCH = re.compile(r"(?:(?:做了|推出了?|上线了?|发布了?|开发了|打造了?)一[款个][^，,。；;“”\"]{0,10}?|我负责的)"
                           + introductions.QUOTED_NAME + "(?!的)")  # 做了一款“青梧投研”, 我负责的“小行”; not “以练促学”的活动
BOLD_NAME = re.compile(r"[\s\-+•·\d.、)）]*\*\*([^*：:\n]{2,16}?)\*\*\s*[：:]\s*")
MAKER_GLOSS = re.compile(r"(?:[^，,。；;]{0,6}?的)?([^，,。；;的]{2,12}?)(做的|出品|的产品|的作品|推出的|发布的|开发的|打造的|"
                         r"自研的|旗下的|家的|[^，,。；;的]{1,6}发布的)")  # its maker, right after the label
GLOSS_REACH = 8  # characters after the maker where a product would make the gloss about it, not the label (技术选型)
GENERIC = re.compile(r"(?:产品|工具|平台|模型|应用|技术|方案|选型|能力|功能|特点|优势|定位|场景|团队|公司)$")
OWNED = re.compile(r"的([\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9 .-]{1,11}?)"
                   r"(?=能|可以|[，,]它|则|也|接入|主攻|用来|专门|跑在)")
LAUNCH_WORD = re.compile(r"推出|发布|上线|开源|打造|研发|自研|开发|做了|负责的")
QUOTE = re.compile(r"[“\"「]")
BUILT_ON_WORD = re.compile(r"基于|依托|构建在|建立在")
BUILT_ON = re.compile(r"(?:也|则|就|其实|同样|主要|底层)?(?:基于|依托于?|构建在|建立在)$")  # 问北辰基于RAG
OWNER = re.compile(r".*(?:的|：|:)")  # 萌芽智能做的阿糯, 它家的汇通小智: the name follows its owner
NAME_LEAD = re.compile(r"[\s*“”\"「」『』《》\-+•·]*(?:\d{1,2}[.、．)）]\s*)?[\s*“”\"「」『』《》]*"
                       r"(?:其中|另外|此外|同时|比如|例如|像是?|而|至于|还有)?[\s*“”\"「」]*")  # - 1. **“禾伴”, 其中讯飞晓医
NAME = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9 .-]{1,11}")
NOT_IN_A_NAME = re.compile(r"这|那|它|我|你|他|她|哪|什么|怎么|如何|已经|可以|就是|还是|只是|不是|也是|都是|主要|目前|现在|当时"
                           r"|(?:后|时|前)$")  # 爆火后, 之时: a time, not a name
FUNCTION_TAGS = frozenset({"d", "p", "c", "r", "y", "e", "m", "mq", "q", "f", "t", "uj", "ul", "uz", "ug", "uv", "ud", "ad",
                           "zg"})  # 主力也依然, 两者都不, 训练的: words around a name, never in it
ENDS_IN_HEAD = re.compile(HEAD + "$")
LATIN, HAN, UNCOVERED = re.compile(r"[A-Za-z]"), re.compile(r"[\u4e00-\u9fff]"), re.compile(r"\x00+")
HAN_END = re.compile(r"[\u4e00-\u9fff]+$")
CONFIDENCE = 0.7


@register("glosses")
class GlossExtractor:
    """Adds Product mentions for coined names a gloss, a launch or a technology they are built on types as products
    (replacing the words found inside them, and their maker at their start: 网易七鱼)."""

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        self.segmenter = resources.segmenter

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found: list[Mention] = []
        replaced: set[Mention] = set()
        for sentence, known, tokens in zip(doc.sentences, by_sentence(state.mentions, doc.sentences), state.tokens):
            for start, end, rule in _glossed(doc, sentence, known):
                touching = [m for m in known + found if overlaps(m, start, end)]
                if self._whole_words(doc.text, tokens, start, end, rule) and all(
                        m in known and start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
                        and (m.cls in NAME_PARTS or m.cls == "Organization" and m.start == start) for m in touching):
                    found.append(new_mention(doc, start, end, "Product", rule, CONFIDENCE))
                    replaced.update(touching)
        return with_mentions(state, found, replaced) if found else state

    def _whole_words(self, text: str, tokens: tuple[Token, ...], start: int, end: int, rule: str) -> bool:
        """True when text[start:end] begins (and, but before 是, ends) on a token edge and its words make a coined
        name."""
        edges = {edge for token in tokens for edge in (token.start, token.end)}
        words = [t for t in tokens if start <= t.start and t.end <= end]
        return start in edges and (end in edges or rule == "glossed:is-one") and self._coined(text[start:end], rule, words)

    def _coined(self, name: str, rule: str, words: list[Token]) -> bool:
        """True for a name the lexicon does not know, made of whole words of the sentence none of which is an adverb,
        pronoun, particle or verb (爆火后, 蜻蜓FM应该), that is a coined mix of Han and Latin (绘影Studio, 布景AI; not
        AI写作) or holds a run of two Han characters no dictionary word covers (禾伴, 汇通小智; not 用户画像, 交付物); one
        is enough after a dash (问北辰); a bold label its maker glosses may be any name that is no generic word."""
        if not NAME.fullmatch(name) or NOT_IN_A_NAME.search(name) or self.lexicon.lookup(name) is not None \
                or name[0] in introductions.NOT_A_NAME_START | introductions.COMMON_LEAD:
            return False
        verbs = VERB_TAGS if words and words[-1].text not in HEADS else frozenset()  # 康语导诊助手 holds a verb
        if any(word.tag in FUNCTION_TAGS | verbs for word in words) or words and words[0].tag in VERB_TAGS:
            return False
        if rule == "glossed:label":
            return not GENERIC.search(name)  # a bold label its maker glosses: a name, whatever its words (**夜话**)
        bare = ENDS_IN_HEAD.sub("", introductions.GENERIC_LEAD.sub("", name))  # AIGC对话助手 → 对话
        if not bare or self.lexicon.lookup(bare) is not None:
            return False
        if LATIN.search(bare) and HAN.search(name):  # 布景AI, 绘影Studio; not BP算法, Top50榜单: a kind of thing
            last = HAN_END.search(bare)
            return (bare != name or self.segmenter.dictionary_tags(bare) is None) \
                and not (last and LATIN.search(bare, 0, last.start()) and self.segmenter.dictionary_tags(last.group()))
        covered = bytearray(len(bare))
        for word in self.segmenter.dictionary_words(bare):
            covered[word.start:word.end] = b"\x01" * (word.end - word.start)
        longest = max((len(run) for run in UNCOVERED.findall(covered.decode("latin-1"))), default=0)
        return longest >= (1 if rule == "glossed:dash" else 2)


def _glossed(doc: Document, sentence: Sentence, known: list[Mention]) -> Iterator[tuple[int, int, str]]:
    """(start, end, rule) of each name the sentence glosses as a product (each pattern tried only where its words are)."""
    text, base = sentence.text, sentence.start
    for match in IS_ONE.finditer(text) if "是" in text else ():
        span = _clause_name(text, match.start())
        if span is not None:
            yield base + span[0], base + span[1], "glossed:is-one"
    launched = LAUNCH_WORD.search(text) is not None
    for match in LAUNCHED.finditer(text) if launched else ():
        yield base + match.start(1), base + match.end(1), "glossed:launched"
    for match in MADE_NAME.finditer(text) if launched else ():  # 网易推出的网易七鱼, not 腾讯最新发布的财报
        if any(m.cls == "Organization" and m.end == base + match.end(1) for m in known):
            yield base + match.start(2), base + match.end(2), "glossed:made"
    for pattern in (DASH_GLOSS, QUOTED_LAUNCH) if QUOTE.search(text) else ():
        for match in pattern.finditer(text):
            yield base + match.start(1), base + match.end(1), "glossed:dash"
    yield from _labelled(text, base, known)
    for org in (m for m in known if m.cls == "Organization"):  # 元坯科技的造物3D能…, 青禾软件的灵犀测，它能…
        owned = OWNED.match(text, org.end - base)
        if owned:
            yield base + owned.start(1), base + owned.end(1), "glossed:owned"
    for technology in (m for m in known if m.cls == "Technology") if BUILT_ON_WORD.search(text) else ():
        lead = BUILT_ON.search(text, 0, technology.start - base)
        span = _clause_name(text, lead.start()) if lead else None
        if span is not None:
            yield base + span[0], base + span[1], "glossed:built-on"


def _labelled(text: str, base: int, known: list[Mention]) -> Iterator[tuple[int, int, str]]:
    """A bold label its maker glosses (- **咕噜**：绒芽科技做的AI玩偶, **夜话**：微光互动出品), unless a product of its own
    follows the maker (**技术选型**：百度推出的文心一言)."""
    label = BOLD_NAME.match(text) if "**" in text else None
    made = MAKER_GLOSS.match(text, label.end()) if label else None
    if made is None or any(m.cls == "Product" and base + made.start() <= m.start < base + made.end() + GLOSS_REACH
                           for m in known):
        return
    if made.group(2) == "出品" or any(m.cls == "Organization" and m.end == base + made.end(1) for m in known):
        yield base + label.start(1), base + label.end(1), "glossed:label"


def _clause_name(text: str, end: int) -> tuple[int, int] | None:
    """(start, end) of the name that opens the clause ending at `end`, after its owner (X做的, 它家的, ORG：) if any."""
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, end)), default=0)
    head = text[clause_start:end]
    owner = OWNER.match(head)
    start = NAME_LEAD.match(text, clause_start + (owner.end() if owner else 0)).end()
    stop = end
    while stop > start and text[stop - 1] in MARKUP + "“”\"「」『』》":
        stop -= 1
    return (start, stop) if stop - start >= 2 else None
