"""Generation rules: which product generates which content type — a generating verb with the product as its subject
(生成 / 创作, 写 / 画), content types listed before the verb (支持文本、语音和视频生成), content made by a product named
after it (图片是由DALL·E 3生成的) and content words next to a product (文心一言绘图功能, 文生视频模型Sora) — a mixin of
PatternExtractor, whose _in_clause and _carries they use."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract.context import leads_clause, negated, part_around, relate
from kg.analyse.extract.mentions import COORDINATED
from kg.analyse.extract.structure import CUE_RULE
from kg.analyse.extract.topics import EFFORT_LEAD
from kg.core.model import Mention, Relation

WORK_ON_CONTENT = re.compile(r"排序|搜索|检索|识别|审核|分类|推荐|理解")  # 提供答案生成和网页排序: work on content, none made
CUE_GAP = 6  # characters allowed between a product and the content word after it
GENERATING = ("生成", "创作", "合成")
GENERATED_AFTER = re.compile(r"\s*(?:等)?(?:内容)?的?(?:生成|创作|合成)(?!器|式|模型|技术|能力)")  # 支持文本和视频生成
ALL_MADE = re.compile(r"\s*(?:都|也都)(?:能|可以|能够)(?:直接)?(?:生成|做出来|做出|出来|做|出)(?=\s*(?:[，,。；;！!]|$))")  # 图像和视频都能出
PRODUCT_CAN = re.compile(r"[\s*]*(?:还|也|都|同时)?(?:可|能|可以|能够|支持)[\s*]*")
CUE_THEN_NAME = re.compile(r"[\s*]*(?:大模型|模型|工具|产品|应用|平台|软件|App|APP)[\s*“\"]*")  # 文生视频模型Sora
SUBJECTLESS = re.compile(r"[\s*]*(?:(?:(?:该|这款|这个|这一)?(?:模型|产品|工具)|它|其)?" + EFFORT_LEAD + r"(?:还|也|都|同时|并|并且|又|同样|就)?(?:可|能|可以|能够|支持|采用|基于|擅长|主打"
                         r"|靠|依靠|依托|借助|依赖|改用|用的是|结合了|融合了|用(?=[^，,。；;]{1,12}?(?:训练|微调|蒸馏)))"
                         r"|(?:(?:它|其)的?)?(?:背后|底层|底座))")  # 它背后的技术是… / …，底层是…: the subject all along
CAN_DO = re.compile(r"[\s*]*(?:它|其)?(?:还|也|都|同时)?(?:能|可以|能够|可|支持)(?:[^□，,。；;]{0,4}?(?:也|还)(?:能|可以|支持))?")
WRITTEN_INTO = re.compile(r"在(?:画面|图片|图像|图|视频|海报)(?:里|中|上)")  # 在画面里写出英文文字: text drawn into an image
MADE_WITH = re.compile(r"[^，,。；;□]{0,6}?(?:是|都是|全是|均是|则是|就是)?(?:由|用|通过|借助)[\s*]*")  # 图片是由…
MADE_BY_VERB = re.compile(r"[\s*]*(?:来|直接)?(?:生成|创作|合成|画|制作|做|生产|渲染)(?:出来)?的")


MAKER_KIND = re.compile(r"(?:生成|创作|合成|制作)(?:大模型|模型|工具|产品|应用|平台|助手)|(?:大模型|模型)")  # 语音生成模型, 音乐大模型
AI_KIND = re.compile(r"(?:工具|产品|应用|助手)")  # AI视频产品: after AI + the content
DESCRIBED_GAP = re.compile(r"[\s*“”\"]*(?:[：:]|是|则是|也是|就是|(?:上线|推出|发布|更新)了?(?:新版|新一代|全新)?的?)[\s*]*"
                           r"(?:一个|一款|一套|个|款)?[^，,。；;：:]{0,14}?")  # 即梦上线了新版图片模型
HEADING_GLOSS = re.compile(r"[\s*“”\"]*[：:]([^，,。；;：:！？!?]{1,16})$")  # 溪画：商品图和海报


class GenerationRules:
    """The generates rules of PatternExtractor (a mixin: it needs _in_clause, _carries, has and cue)."""

    def _generates(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Product and content type in one clause with 生成 / 创作, or with 写 / 画 of which the product is the subject
        (WPS AI写周报, 它能画插画) → product generates content type."""
        for product, content in self._in_clause(ctx, index, here, "Product", "ContentType", "generatesTrigger"):
            if not WORK_ON_CONTENT.match(ctx.doc.text, content.end):
                yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generates", 0.8)
        for product, content in self._in_clause(ctx, index, here, "Product", "ContentType", "writesTrigger"):
            if not WRITTEN_INTO.search(ctx.doc.text, sentence.start, content.start):
                yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generates-writes", 0.75)
        yield from self._generates_before_verb(ctx, index, sentence, here)
        yield from self._generated_by(ctx, index, sentence, here)
        yield from _described_by_content(ctx, sentence, here)
        yield from _glossed_with_content(ctx, index, sentence, here)

    def _generated_by(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """图片是由DALL·E 3生成的 / 这些视频都是用可灵做的: content made by the product named after it."""
        masked = ctx.masked(index)
        if self.has("uncertainty", masked) or negated(self.cue, masked):
            return
        for content in (m for m in here if m.cls == "ContentType"):
            for product in (m for m in here if m.cls == "Product" and m.start >= content.end):
                gap = masked[content.end - sentence.start:product.start - sentence.start]
                if MADE_WITH.fullmatch(gap) and MADE_BY_VERB.match(masked, product.end - sentence.start):
                    yield relate(product, "generates", content, sentence, ctx.doc, "pattern:generated-by", 0.8)

    def _generates_before_verb(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Content types listed before the generating verb (MiniMax推出海螺AI，支持文本、语音和视频生成): the product
        that opens the clause, else the one the clauses before end with, or the topic."""
        masked = ctx.masked(index)
        if self.has("uncertainty", masked) or negated(self.cue, masked):
            return
        kinds = [m for m in here if m.cls == "ContentType"]
        for last in kinds:
            verb_at = last.end - sentence.start
            fronted = ALL_MADE.match(masked, verb_at) is not None  # 图像和视频都能出
            if not (last.rule == CUE_RULE and last.surface.endswith(GENERATING) or GENERATED_AFTER.match(masked, verb_at)
                    or fronted):
                continue
            listed = [last]
            while (previous := [m for m in kinds if m.end <= listed[0].start
                                and COORDINATED.match(ctx.doc.text[m.end:listed[0].start])]):
                listed.insert(0, previous[-1])
            subject = self._maker_of_list(ctx, index, sentence, here, masked, listed[0], fronted)
            for content in listed if subject is not None else []:
                yield relate(subject, "generates", content, sentence, ctx.doc, "pattern:generates-listed", 0.75)

    def _maker_of_list(self, ctx, index, sentence, here, masked: str, first: Mention, fronted: bool) -> Mention | None:
        """The product that makes a list of content types starting at `first`: the one opening its clause (X支持A和B
        生成), else, for a subjectless clause (支持A和B生成) or one the `fronted` list opens (…的即梦，图像和视频都能出),
        the sentence's topic or the product the clauses before end with."""
        start, _ = part_around(masked, first.start - sentence.start)
        inside = [m for m in here if m.cls == "Product" and sentence.start + start <= m.start < first.start]
        if inside:
            gap = masked[inside[0].end - sentence.start:first.start - sentence.start]
            return inside[0] if PRODUCT_CAN.fullmatch(gap) else None
        lead = masked[start:first.start - sentence.start]
        if not SUBJECTLESS.match(lead) and not (fronted and start and not lead.strip(" *")):
            return None
        topic = ctx.topic(index, "Product")  # 它基于云雀大模型，可以实现文本生成…: 它 is the subject all along
        carried = [m for m in here if m.cls == "Product" and m.end <= sentence.start + start
                   and self._carries(ctx.doc.text, sentence, m)]
        return topic or (carried[-1] if carried else ctx.clause_subject(index, sentence.start + start, "Product"))

    def _generates_by_cue(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """A product right before a word that implies a content type (文心一言绘图功能, Sora等视频生成模型) or right
        after it and a product noun (文生视频模型Sora), or the sentence's topic when a clause of its own says what it
        can do (即梦来自…，能文生图也能图生视频), in a sentence that does not deny it."""
        if negated(self.cue, ctx.masked(index, keep=CUE_RULE)):
            return
        for content in (m for m in here if m.rule == CUE_RULE):
            found = self._maker_of_cue(ctx, index, sentence, here, content)
            for maker in _coordinated_before(ctx.doc.text, here, found[0]) if found is not None else []:
                yield relate(maker, "generates", content, sentence, ctx.doc, found[1], found[2])

    @staticmethod
    def _maker_of_cue(ctx, index, sentence, here, content: Mention) -> tuple[Mention, str, float] | None:
        """(product, rule, confidence) of the product a content word says makes that content, or None."""
        text = ctx.doc.text
        listed = _first_listed_cue(text, here, content)  # 支持文生图和图生视频: the first of the list
        before = [m for m in here if m.end <= listed.start]
        if before and before[-1].cls == "Product" and len(text[before[-1].end:listed.start]) <= CUE_GAP \
                and not re.search(r"[、，,；;。“”]", text[before[-1].end:listed.start]):
            return before[-1], "pattern:generates-cue", 0.8  # 文心一言绘图功能
        named = [m for m in here if m.start >= content.end and m.cls == "Product"
                 and CUE_THEN_NAME.fullmatch(text[content.end:m.start])]
        if named:
            return named[0], "pattern:generates-cue", 0.8  # 文生视频模型Sora
        topic = ctx.topic(index, "Product")
        clause_start, _ = part_around(sentence.text, listed.start - sentence.start)
        if topic is not None and topic.end <= listed.start \
                and CAN_DO.fullmatch(sentence.text[clause_start:listed.start - sentence.start]):
            return topic, "pattern:generates-cue-topic", 0.75  # 即梦来自…，能文生图也能图生视频
        return None


def _coordinated_before(text: str, here: list[Mention], product: Mention) -> list[Mention]:
    """The product and those listed right before it (Suno和Udio是…AI音乐生成工具: both)."""
    listed = [product]
    while previous := [m for m in here if m.cls == "Product" and m.end <= listed[0].start
                       and COORDINATED.match(text[m.end:listed[0].start])]:
        listed.insert(0, previous[-1])
    return listed


def _first_listed_cue(text: str, here: list[Mention], content: Mention) -> Mention:
    """The first content word of the list that ends with `content` (文生图和图生视频), whatever names lie inside them."""
    cues = [m for m in here if m.rule == CUE_RULE]
    while (previous := [c for c in cues if c.end <= content.start and COORDINATED.match(text[c.end:content.start])]):
        content = min(previous, key=lambda c: c.start)
    return content


def _described_by_content(ctx, sentence, here: list[Mention]) -> Iterator[Relation]:
    """A product called a model or a maker of a kind of content — **CosyVoice**：阿里开源的语音生成模型, 天工SkyMusic是
    昆仑万维家的音乐大模型, 可灵是快手推出的AI视频产品 — generates it (a 短视频平台 hosts video, it makes none)."""
    text = ctx.doc.text
    for content in (m for m in here if m.cls == "ContentType"):
        lead = content.start - 2 if text.startswith("AI", content.start - 2) else content.start  # AI视频产品: AI leads
        kind = MAKER_KIND.match(text, content.end) or lead < content.start and AI_KIND.match(text, content.end)
        product = next((m for m in reversed(here) if m.cls == "Product" and m.end <= content.start), None)
        if kind and product is not None and leads_clause(sentence, product) \
                and DESCRIBED_GAP.fullmatch(text, product.end, lead) \
                and not any(m.cls in ("Product", "ContentType") and product.end <= m.start < content.start
                            and m.end <= content.start for m in here):  # (AI音乐 holds 音乐: no other content)
            yield relate(product, "generates", content, sentence, ctx.doc, "pattern:content-descriptor", 0.75)


def _glossed_with_content(ctx, index, sentence, here: list[Mention]) -> Iterator[Relation]:
    """### 2. 溪画：商品图和海报 / ## 7. 剪映：自动字幕和智能剪辑: a heading or a bold label that glosses a product with the
    kinds of content alone names what it makes."""
    if not sentence.is_heading:
        return
    product = next((m for m in here if m.cls == "Product"), None)
    if product is None or not HEADING_GLOSS.match(sentence.text.rstrip(" *"), product.end - sentence.start):
        return
    for content in (m for m in here if m.cls == "ContentType" and m.start > product.end):
        yield relate(product, "generates", content, sentence, ctx.doc, "structure:glossed-content", 0.75)
