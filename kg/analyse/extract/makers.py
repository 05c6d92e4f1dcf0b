"""Makers: which organisation makes a product, from the ways a sentence says so — glued or possessive (百度文心一言,
百度家的文心一言), a made-by word before the product (OpenAI先后推出了ChatGPT、GPT-4和Sora), or after it (X是快手推出的…,
X由OpenAI开发。, X来自Anthropic, X是谷歌的…模型, X的开发商是Anthropic, 文心一言（百度）, 可灵（快手出品）)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import (
    CLAUSE_BREAK,
    MARKUP,
    STATEMENT_BREAK,
    SentenceExtractor,
    find_cue,
    leads_clause,
    part_around,
    relate,
)
from kg.analyse.extract.lines import LABEL_LEAD, line_span
from kg.analyse.extract.mentions import COORDINATED, coordinated
from kg.core.model import Mention, Relation, Sentence

DESCRIBED_MAKER = re.compile(r"(?:是|由|是由)[^，。；□]{0,8}(?:公司|企业|团队|厂商|实验室)")  # Suno是美国创业公司Suno Inc.开发的
MIN_NAME, MAX_DEFINED_MAKER = 2, 12  # the organisation a known product's definition opens with (字节跳动的短视频平台)
LINE_FROM = re.compile(r"的(?:模型|大模型|产品)?(?:也|则|已经)?从")  # Anthropic的模型从Claude 3.5 Sonnet升级到…
UPGRADES_ITS = re.compile(r"[\s*]*(?:则|也|又|还|已经|正式|去年|今年)*把[\s*“”\"]*")  # 蔚来则把NOMI…
UPGRADED_INTO = re.compile(r"[\s*“”\"]*(?:升级|迭代|更新|换代)(?:成|为|到)了?[\s*“”\"]*")  # …升级成了NOMI GPT
MADE_WORD_TO_PRODUCT = 12  # characters from a made-by word to the product it governs (推出了新一代旗舰模型X)
MADE_WORD_SPAN = 4  # characters after a listed product read for 的 or a made-by word
MADE_AFTER = re.compile(r"[^，,。；;！？!?、的]{0,8}?(?:推出|发布|开发|出品|研发|旗下|打造|上线|开源|提供|自研|做|主导)"
                        r"(?:(?:、[^，,。；;！？!?的]{0,8})?的|了?(?=[，,。；;！？!?]|$))")  # 檀溪科技最早上线、也最先收费的
OF_MAKER = re.compile(r"(?:公司|集团)?(?:家|自家)?的(?:[^，,。；;！？!?、的]{0,8}?(?:大模型|模型|产品|工具|应用|助手|平台|App|APP|智能体|引擎|作品)"
                      r"|(?=[，,；;。]))")  # X是谷歌的多模态大模型, **Replika**：Luka公司的老产品, **通义万相**：阿里的，…
GLOSS = re.compile(r"[：:]\s*(?:(?:北京|上海|深圳|杭州|广州|成都|南京|武汉|西安|苏州|合肥|厦门|美国|英国|法国|日本|韩国|德国|国内|海外|国外)的?)?")
PRONOUN_SUBJECT = re.compile(r"^(?:它|其)")  # Stable Diffusion，它出自Stability AI
RESTATED = re.compile(r"^(?:它|两个|两者|两款)?(?:也都|都|均)?(?=是)")  # 它是ORG做的 / 都是ORG自研的: the product(s) again
ORG_APPOSITION = re.compile(r"(?:的|旗下的?|自家的?|家的)?[^，,。；;！？!?、□的和与及或]{0,8}?(?:产品|App|APP|应用|大模型|模型|平台|工具|"
                            r"助手|智能体|引擎|浏览器|软件)[\s“\"《]*")  # 拼多多海外版产品Temu, 字节的另一款产品“豆包”
OWN = re.compile(r"(?:自家(?:的)?|(?:他们|它)(?:自己|自家|最早|最新|早期|新)?的)[^，,。；;！？!?、□的]{0,6}的?[\s“\"]*$")
# …给到了自家的豆包, 用自家可灵, 星核智能是…公司，他们最早的星核-1B…
ANOTHER_MAKER = re.compile(r"(?:创立|创办|成立)(?:了|的)?(?:一家)?(?:公司|企业)|收购|投资的|孵化的|离开|出走")
JOINTLY = re.compile(r"\s*(?:共同|联合|合作|一起|携手)")  # 西门子和微软合作推出: the listed organisations make it together
JOINT_SPAN = 6
LIKENED = re.compile(r"(?:仿|像|类似|对标|模仿|比如|例如)\s*$")  # 仿小红书的产品Lemon8 is no product of 小红书
MAKER_IN_BRACKETS = re.compile(r"[（(]\s*$")  # 文心一言（百度）
CLOSING_MAKER = re.compile(r"(?:出品|推出|开发|研发|旗下)?\s*[）)]")
CONTINUING = re.compile(r"\s*(?:并且?|又|还|同时|随后|接着|此外|也)")  # …，并上线了跃问: the same subject goes on
CONTINUED_VERB_SPAN = 6  # characters from 并/又… to the made-by word of the continued clause
NOT_MADE_AFTER_VERB = ("到", "给", "在", "至", "于")  # 并发布到QQ: publishing somewhere, not making
FROM_MAKER = ("来自", "出自", "背后是", "背后就是", "都出自", "均出自", "都来自", "均来自", "同样来自", "同样出自")
MAIN_PRODUCT = re.compile(r"[\s*]*(?:其|它的|他们的|他们自己的|自己的|它家的)?(?:主力|核心|主打|旗下|拳头)?产品(?:线)?(?:叫做?|是|为|名叫|有)"
                          r"[\s“\"「]*")  # …，主力产品叫帆语 / 主力产品是“衍语”系列
HEADED_MADE = re.compile(r"\s*(?:出品|推出|自研|旗下|开发|打造|研发|家的|自家的|做的)")  # 快手自研的…, OpenAI出品
MAKER_LABEL = re.compile(r"[\s*]*[：:][\s*“”\"]*")  # ORG： then its product
BOLD_LABEL = re.compile(r"\*\*[：:]|[：:]\*\*")  # - **智谱**：GLM-4，… : the organisation is the line's label
BOLD_LINE = re.compile(r"[\s\-+•·\d.、)）]*\*\*[^*\n]+\*\*[\s*]*")  # a whole line in bold: a sub-heading
EARLIEST = re.compile(r"^(?:最早|最初|起初|早期|一开始|最先)")
MAKER_OF_PRODUCT = re.compile(r"的?(?:开发商|开发者|出品方|研发方|所属公司|背后的公司|母公司)(?:是|为|：|:)?")  # X的开发商是ORG


@register("makers")
class MakerExtractor(SentenceExtractor):
    """madeBy between the organisations and the products of a sentence."""

    def __init__(self, resources) -> None:
        super().__init__(resources)
        self.lexicon = resources.lexicon

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Organisation glued to a product (百度文心一言), or organisation + 推出/发布 + product in one clause."""
        yield from self._own(ctx, sentence, ctx.masked(index), here)
        yield from self._main_product(ctx, sentence, ctx.masked(index), here)
        yield from _headed_maker(ctx, index, sentence, here)
        yield from _upgraded_by(ctx, sentence, here)
        yield from _labelled_by_maker(ctx, sentence, here)
        for org in (m for m in here if m.cls == "Organization"):
            for product in (m for m in here if m.cls == "Product"):
                gap = ctx.doc.text[org.end:product.start] if org.end <= product.start else None
                if product.start == org.start or (gap is not None and (gap.strip(MARKUP) in ("", "的", "家的", "系的")
                                                                       or LINE_FROM.fullmatch(gap.strip(MARKUP)))):
                    if gap == "" and self._made_elsewhere(product, org):
                        continue  # 发小红书抖音: two platforms glued in a list, not a maker and its product
                    yield relate(product, "madeBy", org, sentence, ctx.doc, "pattern:org-prefix")
                    possessed = gap is not None and gap.strip(MARKUP) in ("的", "家的") \
                        and _sole_maker(ctx.masked(index), sentence, org, here)  # (not 讯飞星火、文心一言…)
                    for listed in _listed_after(ctx.doc.text, product, here) if possessed else []:  # 字节跳动的即梦和扣子
                        yield relate(listed, "madeBy", org, sentence, ctx.doc, "pattern:org-prefix-list", 0.8)
                elif gap is not None and self._apposition(ctx.doc.text, gap, org, product, here):
                    yield relate(product, "madeBy", org, sentence, ctx.doc, "pattern:org-apposition", 0.8)
                elif gap is not None and not CLAUSE_BREAK.search(gap) and not gap.rstrip(MARKUP).endswith("在") \
                        and self._made_word_near(gap, ctx.masked(index)[org.end - sentence.start:product.start - sentence.start],
                                                 sentence.text.rstrip(MARKUP).endswith(("？", "?"))) \
                        and not find_cue(self.cue("notMadeByGap"), gap) and self._nearest_maker(ctx.doc.text, org, product, here):
                    yield relate(product, "madeBy", org, sentence, ctx.doc, "pattern:made-by", 0.9)
                    for partner in _partners_before(ctx.doc.text, org, here):  # 西门子和微软合作推出了X
                        yield relate(product, "madeBy", partner, sentence, ctx.doc, "pattern:made-by-joint", 0.85)
                elif gap is not None and self._continued(gap, ctx.masked(index), org, product, sentence, here):
                    yield relate(product, "madeBy", org, sentence, ctx.doc, "pattern:made-by-continued", 0.85)
                elif product.end <= org.start \
                        and self._made_by_after(ctx.doc.text, _list_end(ctx.doc.text, product, here), org):
                    yield relate(product, "madeBy", org, sentence, ctx.doc, "pattern:made-by-passive", 0.9)
                    for partner in _partners_after(ctx.doc.text, org, here):  # X：幂律智能和智谱联合发布的…
                        yield relate(product, "madeBy", partner, sentence, ctx.doc, "pattern:made-by-joint", 0.85)

    def _made_elsewhere(self, product: Mention, org: Mention) -> bool:
        """True when the lexicon defines a known product as the product of a known organisation of another family
        (抖音: 字节跳动的短视频平台)."""
        entry = self.lexicon.lookup(product.label) if product.iri else None
        definition = entry.definition if entry is not None else ""
        makers = [e for k in range(MIN_NAME, min(len(definition), MAX_DEFINED_MAKER) + 1)
                  if (e := self.lexicon.lookup(definition[:k])) is not None and e.cls == "Organization"]
        return bool(makers) and org.iri != makers[-1].iri and product.start != org.start \
            and org.label[:MIN_NAME] != makers[-1].label[:MIN_NAME]  # (阿里云通义听悟: 阿里巴巴's cloud arm)

    @staticmethod
    def _apposition(text: str, gap: str, org: Mention, product: Mention, here: list[Mention]) -> bool:
        """拼多多海外版产品Temu: a product noun between the organisation and the product, no other name in between,
        and the organisation not likened to (仿小红书的产品Lemon8)."""
        return bool(ORG_APPOSITION.fullmatch(gap)) and not LIKENED.search(text, 0, org.start) \
            and not any(m.cls in ("Organization", "Product") and org.end <= m.start < product.start for m in here)

    @staticmethod
    def _own(ctx, sentence, masked: str, here: list[Mention]) -> Iterator[Relation]:
        """字节仍然把最核心的资源给到了自家的豆包: a product called the subject's own is made by the organisation that
        opens the sentence as its subject."""
        subject = next((m for m in here if m.cls == "Organization"), None)
        if subject is None or not leads_clause(sentence, subject):
            return
        for product in (m for m in here if m.cls == "Product" and m.start >= subject.end):
            if OWN.search(masked, 0, product.start - sentence.start):
                yield relate(product, "madeBy", subject, sentence, ctx.doc, "pattern:made-by-own", 0.8)

    @staticmethod
    def _main_product(ctx, sentence, masked: str, here: list[Mention]) -> Iterator[Relation]:
        """云帆数科是一家做智能客服的SaaS公司，主力产品叫帆语: the product a later clause names as the company's is made
        by the organisation the sentence opens with."""
        subject = next((m for m in here if m.cls == "Organization"), None)
        if subject is None or not leads_clause(sentence, subject):
            return
        for product in (m for m in here if m.cls == "Product" and m.start >= subject.end):
            clause = CLAUSE_BREAK.split(masked[:product.start - sentence.start])[-1]
            if MAIN_PRODUCT.fullmatch(clause) and not any(
                    m.cls == "Organization" and subject.end <= m.start < product.start for m in here):
                yield relate(product, "madeBy", subject, sentence, ctx.doc, "pattern:made-by-main-product", 0.8)

    def _made_word_near(self, gap: str, masked_gap: str, question: bool = False) -> bool:
        """True when a made-by word stands in the gap close before the product, not counting the names listed between
        them (淘天旗下即时零售业务“小时达”正式升级为“淘宝闪购”: 旗下 governs 小时达, not 淘宝), no company founded or
        bought in between makes it (曾在百度…负责人吕聘创立公司Rabbit推出的R1), and a 做 word is not asked about."""
        trigger = find_cue(self.cue("madeByTrigger"), gap)
        if trigger is None or ANOTHER_MAKER.search(gap[:gap.rindex(trigger)]) or question and trigger.startswith("做"):
            return False  # (腾讯也做了一个“夸克”？ asks; 做 states a making only when nothing is asked)
        after = masked_gap[gap.rindex(trigger) + len(trigger):]
        return len(re.sub(r"[□、，,和与及\s]", "", after)) <= MADE_WORD_TO_PRODUCT

    def _continued(self, gap: str, masked: str, org: Mention, product: Mention, sentence, here) -> bool:
        """阶跃星辰发布了Step-2，并上线了跃问App: a later clause goes on (并 / 又 / 同时 …) with a made-by word right
        away, the organisation is the subject of the first clause, and no other organisation stands in between."""
        clauses = CLAUSE_BREAK.split(gap)
        going_on = CONTINUING.match(clauses[-1]) if len(clauses) > 1 else None
        if going_on is None or STATEMENT_BREAK.search(gap) or gap.startswith("的") \
                or not leads_clause(sentence, org) \
                or any(m.cls == "Organization" and org.end <= m.start < product.start for m in here):
            return False
        last = clauses[-1]
        trigger = find_cue(self.cue("madeByTrigger"), last[going_on.end():going_on.end() + CONTINUED_VERB_SPAN])
        if trigger is None or last[last.index(trigger, going_on.end()) + len(trigger):][:1] in NOT_MADE_AFTER_VERB:
            return False
        start = product.start - len(last) - sentence.start
        return self._made_word_near(last, masked[start:product.start - sentence.start])

    def _nearest_maker(self, text: str, org: Mention, product: Mention, here: list[Mention]) -> bool:
        """True when no other product or organisation stands between the maker and the product, except products
        listed together with it (英伟达推出的A100和H100: H100 too) that are neither makers nor modifiers themselves
        (快手旗下可灵AI、抖音旗下即梦AI; 360旗下的纳米搜索、钉钉的助理)."""
        named = [m for m in here if m.cls in ("Product", "Organization") and org.end <= m.start
                 and m.end <= product.start]
        if any(m.cls == "Organization" for m in named):
            return False
        run = [*named, product]
        listed = all(COORDINATED.match(text[a.end:b.start]) for a, b in zip(run, run[1:]))
        return listed and not (named and any(self._heads_something(text, m.end) for m in run))

    def _heads_something(self, text: str, end: int) -> bool:
        """True when a name is followed by 的 or a made-by word: it modifies or makes what follows."""
        after = text[end:end + MADE_WORD_SPAN].lstrip(MARKUP)
        return after.startswith("的") or any(after.startswith(word) for word in self.cue("madeByTrigger"))

    def _made_by_after(self, text: str, end: int, org: Mention) -> bool:
        """Product 是 / 由 organisation (在海外 / 面向用户) 推出的… or 由ORG开发。 (the made-by word follows the organisation
        closely), Product是ORG的…模型, Product来自ORG (它出自ORG), 即梦和豆包都出自ORG, Product（ORG）, a gloss
        **Product**：(深圳)ORG做的… / ORG的，…."""
        gap = EARLIEST.sub("", text[end:org.start].strip(MARKUP + "“”\"「」，, "))  # X，是ORG推出的… / X最早由ORG…
        gap = RESTATED.sub("", gap)  # X，它是ORG做的 / A和B，都是ORG自研的
        if PRONOUN_SUBJECT.sub("", gap).lstrip("则也都均") in FROM_MAKER or MAKER_OF_PRODUCT.fullmatch(gap) \
                or MAKER_IN_BRACKETS.fullmatch(text[end:org.start]) and CLOSING_MAKER.match(text, org.end):
            return True  # Claude来自Anthropic, X的开发商是Anthropic, 文心一言（百度）, 可灵（快手出品）
        glossed = GLOSS.fullmatch(text[end:org.start].strip(MARKUP + "“”\"")) is not None  # **扣子**：字节跳动推出的…
        if (gap in ("是", "也是", "则是", "就是") or glossed) and OF_MAKER.match(text, org.end):
            return True
        after = MADE_AFTER.match(text, org.end)
        return (gap in ("是", "由", "是由", "为", "也是", "则是", "就是") or glossed or DESCRIBED_MAKER.fullmatch(gap)) \
            and after is not None


def _upgraded_by(ctx, sentence, here: list[Mention]) -> Iterator[Relation]:
    """蔚来则把NOMI升级成了NOMI GPT: the organisation that upgrades one product into another makes both."""
    text = ctx.doc.text
    for org in (m for m in here if m.cls == "Organization"):
        products = [m for m in here if m.cls == "Product" and m.start >= org.end]
        if len(products) < 2 or not UPGRADES_ITS.fullmatch(text, org.end, products[0].start):
            continue
        step = UPGRADED_INTO.fullmatch(text, products[0].end, products[1].start)
        for product in products[:2] if step else []:
            yield relate(product, "madeBy", org, sentence, ctx.doc, "pattern:made-by-upgrade", 0.8)


def _list_end(text: str, product: Mention, here: list[Mention]) -> int:
    """End of the last product listed with this one (即梦和豆包都出自…: 豆包's end for 即梦), or its own end."""
    listed = coordinated(text, product, [m for m in here if m.cls == "Product" and m.start >= product.end])
    return listed[-1].end if listed else product.end


def _partners_before(text: str, org: Mention, here: list[Mention]) -> list[Mention]:
    """The organisations listed right before this one as its partners in making (西门子和微软合作推出了X: 西门子)."""
    before = reversed([m for m in here if m.cls == "Organization" and m.end <= org.start])
    partners = coordinated(text, org, list(before), backward=True)
    return partners if partners and JOINTLY.match(text[org.end:org.end + JOINT_SPAN]) else []


def _partners_after(text: str, org: Mention, here: list[Mention]) -> list[Mention]:
    """The organisations listed right after this one that make a product with it (幂律智能和智谱联合发布的: 智谱)."""
    partners = coordinated(text, org, [m for m in here if m.cls == "Organization" and m.start >= org.end])
    return partners if partners and JOINTLY.match(text[partners[-1].end:partners[-1].end + JOINT_SPAN]) else []


def _headed_maker(ctx, index: int, sentence, here: list[Mention]) -> Iterator[Relation]:
    """**2. 可灵** ⏎ 快手自研的视频大模型…: a paragraph under a product's heading that opens with an organisation and
    a made-by word names the product's maker."""
    product = ctx.heading_topic(index, "Product") if ctx.previous_sentence(index) is None else None
    org = next((m for m in here if m.cls == "Organization"), None)
    if product is not None and org is not None and not sentence.text[:org.start - sentence.start].strip(MARKUP) \
            and HEADED_MADE.match(ctx.doc.text, org.end) and not any(m.cls == "Product" for m in here if m.end <= org.start):
        yield relate(product, "madeBy", org, sentence, ctx.doc, "structure:headed-maker", 0.8)


def _labelled_by_maker(ctx, sentence, here: list[Mention]) -> Iterator[Relation]:
    """**6. OpenAI：GPT-4o能自己画图了**: a heading, a bold line or a line whose bold label is an organisation
    (- **智谱**：GLM-4，…) names its products first — the product right after the label and those listed with it."""
    text = ctx.doc.text
    line_start, line_end = line_span(text, sentence.start)
    line = text[line_start:line_end]
    label = next((m for m in here if m.cls == "Organization"), None)
    if label is None or not (sentence.is_heading or BOLD_LINE.fullmatch(line) or BOLD_LABEL.match(text, label.end)) \
            or LABEL_LEAD.fullmatch(text[line_start:label.start]) is None or not MAKER_LABEL.match(text, label.end):
        return
    after = MAKER_LABEL.match(text, label.end).end()
    first = next((m for m in here if m.cls == "Product" and m.start == after), None)
    for product in [first, *coordinated(text, first, [m for m in here if m.cls == "Product" and m.start > after])] \
            if first is not None else []:
        yield relate(product, "madeBy", label, sentence, ctx.doc, "structure:maker-label", 0.8)


def _listed_after(text: str, product: Mention, here: list[Mention]) -> list[Mention]:
    """The products listed right after a product (即梦和扣子), up to the first organisation listed (百度的文心一言和阿里的
    通义千问: the next product has a maker of its own)."""
    following = [m for m in here if m.cls in ("Product", "Organization") and m.start >= product.end]
    return list(itertools.takewhile(lambda m: m.cls == "Product", coordinated(text, product, following)))


def _sole_maker(masked: str, sentence: Sentence, org: Mention, here: list[Mention]) -> bool:
    """True when no other organisation is named in the clause of `org` (百度的千帆、阿里的百炼、Dify: a list of makers
    and their products, where a bare item is no product of the one before)."""
    start, end = (sentence.start + x for x in part_around(masked, org.start - sentence.start))
    return not any(m.cls == "Organization" and m.key != org.key and start <= m.start < end for m in here)
