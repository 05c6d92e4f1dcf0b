"""Scenarios: where a text says a product or technology is used — 用于智能问答, 用在了视频的自动字幕上, 在客服、营销等场景
落地 — the unknown noun phrases it names there become Concept mentions (智能NPC, 自动字幕, 剧情生成), so that usage can
apply the thing to them. A scenario is a short noun phrase: it starts with a noun (or 智能 / 自动 / AI) and holds no
function word, no generic word on its own (业务, 场景) and no known name of another class, and a product or
technology comes before it in the sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.mentions import by_sentence, new_mention, overlaps, with_mentions
from kg.analyse.extract.open_vocabulary.shapes import is_nounish, is_verbish
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention, Sentence, Token

PHRASE = r"[\u4e00-\u9fffA-Za-z0-9]{2,8}?"
AFTER_USE = re.compile(r"(?:用于|用在|应用于|应用在|应用到|落地到|落地于|落地在|落到|部署在|部署到|服务于|适用于|常见于|多见于"
                       r"|(?:拿|用)它来?做"
                       r"|用得最多的(?:是|还是)(?:[一二两三四五几][类个种])?[：:]?)了?"
                       r"(?:[\u4e00-\u9fff]{0,4}的|[\u4e00-\u9fff]{1,8}(?:上|中|里|内)的)?"  # 用于企业内部的智能问答 / 平台上的
                       rf"(?P<items>{PHRASE}(?:(?:、|和|及|与){PHRASE}){{0,4}})"
                       r"(?=等|上|中|里|场景|领域|方面|环节|这类|这些|之类|[，,。；;！!？?）)]|$)")
BEFORE_SCENE = re.compile(rf"在(?P<items>{PHRASE}(?:(?:、|和|及|与){PHRASE}){{0,4}})(?:等?(?:场景|领域)"  # 在客服、营销等场景落地
                          r"|(?:里|中|上)(?:跑通|落地|试点|用起来))")  # 在合同审查里跑通了第一个客户
ITEM_SEPARATOR = re.compile(r"、|和|及|与")
SCENE_NOUN = re.compile(r"等?(?:场景|领域)")
SCENARIO_LEADS = frozenset({"智能", "自动", "AI", "辅助"})
MODIFIER_TAGS = frozenset({"a", "b", "l"})  # 合同审查 and 自动化编程 open with words jieba tags as adjectives or idioms
GENERIC = frozenset({"能力", "产品", "公司", "内容", "工作", "技术", "模型", "数据", "用户", "业务", "平台", "工具", "行业",
                     "团队", "场景", "方向", "领域", "方面", "环节", "问题", "方式", "过程", "项目", "系统", "服务", "功能",
                     "层面", "应用", "目标", "社会", "建设", "实际", "场合", "情况", "环境", "流程", "部分", "阶段", "关键"})
PERSON_ENDINGS = ("师", "员", "者", "家", "人", "客户", "用户", "商", "群体", "人群")  # 服务于专业的视频编辑师: people served, not a scenario
CONFIDENCE = 0.65
COMPOUND_CHARS = 4  # a dictionary noun this long is a phrase of its own (海报设计), unless an industry opens it
APPLIED = frozenset({"Product", "Technology"})
AREA_CLASSES = frozenset({"Industry", "Concept"})
REPLACEABLE = frozenset({"ContentType", "Industry"})  # 自动字幕 holds 字幕, 酒店推荐 酒店: the scenario is the whole phrase
WEAK = 0.6  # and an untyped Latin word below the bar (NPC of 智能NPC)


@register("scenarios")
class ScenarioExtractor:
    """Adds Concept mentions for the unknown scenarios a text puts products and technologies to work in."""

    def __init__(self, resources: Resources) -> None:
        self.breaks = resources.ontology.cue("nameBreak") | resources.ontology.cue("nameLead")

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found: list[Mention] = []
        replaced: set[Mention] = set()
        for sentence, tokens, known in zip(doc.sentences, state.tokens, by_sentence(state.mentions, doc.sentences)):
            for start, end in self._scenarios(sentence, tokens, known):
                touching = [m for m in known + found if overlaps(m, start, end)]
                if all(start <= m.start and m.end <= end and (m.start, m.end) != (start, end)
                       and (m.cls in REPLACEABLE and (m.cls != "Industry" or m.start == start) or m.confidence < WEAK)
                       for m in touching):  # 酒店推荐 is a scenario; 专业广告 stays the industry 广告
                    found.append(new_mention(doc, start, end, "Concept", "open:scenario", CONFIDENCE))
                    replaced.update(touching)
        return with_mentions(state, found, replaced)

    def _scenarios(self, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]) -> Iterator[tuple[int, int]]:
        """Document spans of the well-formed noun phrases listed after a use verb or before 等场景."""
        for pattern in (AFTER_USE, BEFORE_SCENE):
            for match in pattern.finditer(sentence.text):
                if not any(m.cls in APPLIED and m.start < sentence.start + match.start() for m in known):
                    continue  # 这笔钱用于研发投入: nothing the text applies
                at = sentence.start + match.start("items")
                items = ITEM_SEPARATOR.split(match.group("items"))
                grounded = pattern is BEFORE_SCENE and any(  # 在客服、营销等场景: one word will do beside a known area
                    m.cls in AREA_CLASSES and sentence.start + match.start("items") <= m.start < sentence.start + match.end()
                    for m in known)
                fewest = 1 if grounded else 2  # 在实际场景中, 在主题、活动等领域: lone words are no names
                named_scene = SCENE_NOUN.match(sentence.text, match.end("items"))  # 用在软件开发场景: an idiom will do
                for item in items:
                    led = any(m.cls == "Industry" and m.start == at for m in known)  # 法律咨询: the industry 法律 is the area
                    if self._well_formed(tokens, at, at + len(item), fewest, compound=not led,
                                         idiom=named_scene is not None):
                        yield at, at + len(item)
                    at += len(item) + 1

    def _well_formed(self, tokens: tuple[Token, ...], start: int, end: int, fewest_words: int,
                     compound: bool = True, idiom: bool = False) -> bool:
        """True for a span of whole tokens that opens with a noun (or a scenario lead, or a modifier of a noun) and
        ends with a noun or an activity (剧情生成, 内容审核), with no function or generic word; one long dictionary noun
        (or, before 场景, an idiom: 软件开发) will do when `compound` (海报设计)."""
        inside = [t for t in tokens if start <= t.start and t.end <= end]
        one_long = compound and len(inside) == 1 and len(inside[0].text) >= COMPOUND_CHARS
        if len(inside) < fewest_words and not (one_long and (is_nounish(inside[0]) or idiom and inside[0].tag == "l")) \
                or not inside or inside[0].start != start or inside[-1].end != end:
            return False
        first, last = inside[0], inside[-1]
        leads = is_nounish(first) or first.text in SCENARIO_LEADS or first.tag in MODIFIER_TAGS and len(inside) > 1 \
            or one_long and idiom
        return leads and (is_nounish(last) or is_verbish(last) or one_long and idiom) \
            and not last.text.endswith(PERSON_ENDINGS) \
            and not any(t.text in self.breaks or t.text in GENERIC for t in inside)
