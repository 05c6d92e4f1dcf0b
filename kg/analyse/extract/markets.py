"""Markets: the industries a product or technology is sold to or put to work in, stated with a market word in its
clause — 主要卖给电商和物流公司, 在证券和银行两条线上都跑起来了, 前者主攻证券场景, 禾查和禾伴都落在保险行业, 在银行里主要被
拿来… The thing is the product or technology the clause names before the word, else the subject the clause goes on
with (its sentence's opening name, 前者 / 后者 of two named just before)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import CLAUSE_BREAK, SentenceExtractor, find_cue, negated, relate
from kg.analyse.extract.mentions import coordinated
from kg.core.model import Mention, Relation

MARKET_WORD = re.compile(r"卖给|卖到|面向|主攻|专攻|专注于?|主打|落在|落到|用在|跑起来|跑通|铺开|铺得|拿来|拿它|接进|接入了?|服务于"
                         r"|落地|用得(?:最|很|比较|非常|特别|挺)?多|用得不少|最受欢迎|口碑不错|站住了?脚|摸进了?|打进了?|找到了位置"
                         r"|客户主要(?:是|在|来自)|用户主要(?:是|在|来自)|客户(?:是|来自)|用户(?:是|来自)")
GOES_ON = re.compile(r"[\s*]*(?:现在|目前|如今|今年|去年)?(?:前者|后者|它|其)?(?:主要|也|都|则|目前|现在|已经|同时|还|先|更|是|则是|已|接下来|今后|未来|算是)*"
                     r"(?:在[□和与及、]+(?:行业|领域|[两三四几]条线|[两三四几]个(?:行业|领域|场景))?(?:里|中|上)?(?:都|也|已经|已|主要)*"
                     r"|[□和与及、]+的?(?:创作者|从业者|团队|用户|客户|卖家|商家|朋友|公司)(?:都|也)?)?$")  # …，目前影视和短视频创作者用得最多
# …，主要卖给…; …，在高校和教育行业用得很多; 在证券和银行两条线上都跑起来了
AREA_TO_WORD = re.compile(r"(?:[和与及、\s]|两个|几个|三个|[两三四几]条线|行业|场景|领域|里|中|上|内|卖家|用户|客户|商家|团队|的?朋友|从业者|创作者"
                          r"|主要|也|都|已经|目前|已|被)*")  # 在餐饮和零售两个行业落地, 跨境电商卖家用得最多, 在银行里主要被拿来
SCENARIO = re.compile(r"[^，,。；;！？!?]{0,20}?场景")  # 面向智能办公场景, 智能客服、内容生产和内部知识问答这几个场景
PEOPLE = re.compile(r"群体|人群|人士|从业人员|从业者|人员")
FORMER_LATTER = re.compile(r"^[\s*]*(前者|后者)")
APPLIED = frozenset({"Product", "Technology"})
CONFIDENCE = 0.7
KIND_OF_THING = r"(?:垂直|行业|领域)?[^，,。；;□、和与及的]{0,4}?(?:大模型|模型|系统|助手|产品|工具|平台|应用|机器人)"
DESCRIBED_BEFORE = re.compile(KIND_OF_THING + r"[\s*“”\"「」]*")  # 医疗诊断系统MYCIN, 法律大模型衡律
DESCRIBED_AS = re.compile(r"[\s*]*(?:是|则是|也是|就是)(?:一个|一款|一套|一种|个|款)?[\s*]*")  # 携程问道是一个旅游垂直大模型
DESCRIBED_AFTER = re.compile(KIND_OF_THING)


@register("markets")
class MarketExtractor(SentenceExtractor):
    """appliedIn from a product or technology to the industries a market word of its clause names."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """appliedIn for each industry after a market word, clause by clause; a question states none."""
        if sentence.text.rstrip(" *").endswith(("？", "?")):
            return
        yield from _described_by_area(ctx, sentence, here)
        masked = ctx.masked(index)
        start = 0
        for end in [m.start() for m in CLAUSE_BREAK.finditer(masked)] + [len(masked)]:
            clause = masked[start:end]
            word = MARKET_WORD.search(clause)
            inside = [m for m in here if sentence.start + start <= m.start and m.end <= sentence.start + end]
            areas = [m for m in inside if m.cls == "Industry" or m.cls == "Concept" and SCENARIO.match(masked, m.end - sentence.start)]
            if word is not None and areas and not negated(self.cue, clause) and not find_cue(self.cue("hedge"), clause):
                thing = self._thing(ctx, index, sentence, here, inside, start, start + word.start())
                word_end = sentence.start + start + word.end()
                word_start = sentence.start + start + word.start()
                for thing, area in ((t, a) for t in _with_joined(ctx.doc.text, thing, inside, word_start) for a in areas
                                    if a.key != t.key and (
                        a.start >= word_end and "的" not in ctx.doc.text[word_end:a.start].removeprefix("的是")  # (专注米线的餐饮品牌)
                        and not PEOPLE.match(ctx.doc.text, a.end)  # (服务于互联网群体: people)
                        or a.end <= word_start and AREA_TO_WORD.fullmatch(_without(ctx.doc.text, areas, a.end, word_start)))):
                    yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:market", CONFIDENCE)
            start = end + 1

    @staticmethod
    def _thing(ctx, index, sentence, here: list[Mention], inside: list[Mention], start: int,
               word_at: int) -> Mention | None:
        """The product or technology a clause's market word is said of."""
        named = [m for m in inside if m.cls in APPLIED and m.end <= sentence.start + word_at]
        if named:
            return named[0]
        clause = ctx.masked(index)[start:word_at]
        if not GOES_ON.match(clause):
            return None  # 用户在抖音刷到广告: the clause has a subject of its own
        pair = FORMER_LATTER.match(clause)
        if pair is not None:
            before = list({m.key: m for m in here if m.cls in APPLIED and m.end <= sentence.start + start}.values())
            return (before[0] if pair.group(1) == "前者" else before[1]) if len(before) == 2 else None
        return ctx.clause_subject(index, sentence.start + start, "Product")


def _with_joined(text: str, thing: Mention | None, inside: list[Mention], before: int) -> list[Mention]:
    """The thing and the products or technologies joined to it by 和 / 与 / 、 before the market word (禾查和禾伴都落在
    保险行业: both)."""
    if thing is None:
        return []
    return [thing, *coordinated(text, thing, [m for m in inside if m.cls in APPLIED and thing.end <= m.start and m.end <= before])]


def _without(text: str, areas: list[Mention], start: int, end: int) -> str:
    """text[start:end] with the areas inside it taken out (the rest of a list of areas)."""
    kept, at = [], start
    for area in sorted((a for a in areas if start <= a.start and a.end <= end), key=lambda a: a.start):
        kept.append(text[at:area.start])
        at = area.end
    return "".join(kept) + text[at:end]


def _described_by_area(ctx, sentence, here: list[Mention]) -> Iterator[Relation]:
    """A product called a model, system or tool of an industry — 医疗诊断系统MYCIN, 法律大模型衡律, 携程问道是一个旅游
    垂直大模型 — is applied in that industry."""
    text = ctx.doc.text
    for area in (m for m in here if m.cls == "Industry"):
        after = DESCRIBED_BEFORE.match(text, area.end)
        named = next((m for m in here if m.cls == "Product" and after is not None and m.start == after.end()), None)
        if named is not None:
            yield relate(named, "appliedIn", area, sentence, ctx.doc, "pattern:area-descriptor", CONFIDENCE)
        subject = next((m for m in reversed(here) if m.cls == "Product" and m.end <= area.start), None)
        if subject is not None and DESCRIBED_AS.fullmatch(text, subject.end, area.start) \
                and DESCRIBED_AFTER.match(text, area.end):
            yield relate(subject, "appliedIn", area, sentence, ctx.doc, "pattern:area-descriptor", CONFIDENCE)
