"""Introductions: unknown product names that the text introduces as products — a title in 《》 before a product
noun (《逆水寒》手游), a name given to a product (产品叫知行助手, 一款名为“妙笔”的工具), a quoted name right after
a product noun (AI应用“小猫补光灯”是…), a name that is 一款 product (秒哒是一款无代码开发工具), or a name
opening a clause that says who made it (妙笔，是云岫科技推出的文案产品)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import CLAUSE_BREAK, MARKUP
from kg.analyse.extract.mentions import by_sentence, new_mention, overlaps, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Document, Extraction, Mention, Sentence

PRODUCT_NOUN = r"(?:手游|游戏|App|APP|app|小程序|应用|软件|平台|工具|产品|助手|大模型|模型|插件|智能体|Agent)"
TITLED = re.compile(r"《([^《》\n]{1,20})》(?=" + PRODUCT_NOUN + ")")
NAMED = re.compile(r"(?:产品|工具|应用|平台|助手|模型|智能体)(?:叫做|名叫|名为|命名为|叫)[“\"「]?"
                   r"([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 ]{1,11}?)[”\"」]?(?=[，,。；;！？!?、（(\s]|是|的|$)")
QUOTED_NAME = r"[“\"「]([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .-]{0,15}?)[”\"」]"
NAMED_ITEM = re.compile(r"(?:一|另一|第一|第二|第三)(?:款|条)(?:产品线?|工具|应用)?(?:叫做|名叫|名为|叫)" + QUOTED_NAME)  # 一条叫“青禾智服”
NAMED_BEFORE = re.compile(r"(?:叫做|名叫|名为|叫|取名为?|命名为)" + QUOTED_NAME + r"的[^，,。；;]{0,8}?" + PRODUCT_NOUN)
NAMED_UNQUOTED = re.compile(r"(?:名叫|名为|叫做|取名为?|命名为)([^\W\d_的][^\W_的]{1,5}|[A-Za-z][A-Za-z0-9 .-]{1,15}?)的"
                            r"[^，,。；;的]{0,8}?" + PRODUCT_NOUN)  # 一款名为秒哒的无代码开发工具
NOUN_BEFORE = re.compile(r"的(?:AI|AIGC)?(?:应用|App|APP|工具|小程序|软件|智能体|助手)" + QUOTED_NAME
                         + r"(?=是|，|,|上线|推出|已经|在|。)")  # 最近出圈的AI应用“小猫补光灯”是…
MAKER_LEAD = r"[^，,。；;的]{1,10}?(?:推出|发布|开发|打造|自研)的"  # 携程推出的…
ONE_OF_A_KIND = re.compile(r"(?:^|(?<=[，,：:；;]))[\s*“\"「]*(?:" + MAKER_LEAD + ")?"
                           r"([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .-]{1,11}?)[”\"」]?"
                           r"(?:也|则|就|其实|本身)?是一款[^，,。；;]{0,12}?" + PRODUCT_NOUN)  # 秒哒是一款无代码开发工具
MADE_ONE = re.compile(r"(?:^|(?<=[，,：:；;]))[\s*“\"「]*" + MAKER_LEAD +
                      r"([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .-]{1,11}?)[”\"」]?"
                      r"是一(?:个|套)[^，,。；;]{0,12}?" + PRODUCT_NOUN)  # 携程推出的携程问道是一个旅游垂直大模型
MADE_AFTER_ORG = re.compile(r"(?:在\S{0,4}|最早|最先|首先|率先|今年|去年|前年|早年|后来|最近|近期|自己)?(?:推出|发布|开发|打造|研发|自研|上线)[^，。；的]{0,8}?的"
                            r"[^，。；]{0,16}?" + PRODUCT_NOUN  # 溪言是檀溪科技最早上线、也最先收费的AI产品
                            + r"|的(?:第[一二三四五六七八九十\d]+[个款]|主力|核心|旗舰|拳头|最新一?[个款]?)[^，。；]{0,6}?" + PRODUCT_NOUN)
# 溪画是檀溪科技的第二个产品
BOLD_LABEL = re.compile(r"[\s*\-+•·\d.、)）]*\*\*[“\"「]?([\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9 .-]{1,15}?)[”\"」]?\*\*\s*[：:]\s*")
OWNED_NAME = re.compile(r"的([\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{1,7}?)"
                        r"(?=走的是|基于|是一款|是一个|主要用于|专攻|专门用于|面向[^，,。；;]{0,8}(?:用户|企业|客户)|，前身是|的前身)")
OWNED_RULE = "introduced:owned-product"
COMMON_LEAD = set("新旧老大小该本此各每某其这那")
OWNER_WORD = re.compile(r"(?:他们|她们|它们|他们家|这家公司|该公司)$")  # 他们的律衡智审: the company just named
MADE_BY_LEAD = re.compile(r"(?:最早|最初|起初|早期|一开始)?(?:是)?由$")  # X由ORG打造: the name before 由 is its product
BUILT_BY = re.compile(r"(?:团队|公司)?(?:打造|开发|推出|研发|出品|发布)(?:的|了)?(?=[，,。；;]|$)")
GLOSS_END = re.compile(r"\s*(?:[，,。；;]|$)")  # the gloss is the product noun phrase alone: no 平台很多
BARE_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,10}")
NOT_A_NAME_START = set("这那它其该此他她我你们有更在于把被让给对从向如像而据就每也都还但下")  # 它也是百度推出的…
ADVERBS = "也都就则还又才却即便"
NOT_IN_A_NAME = re.compile(r"的|它|本身|当时|因为|由于|可以|称作|看起来|所以|但|本产品|^(?:产品|工具|应用|软件|平台|系统|项目|底层|背后|"
                           r"前者|后者|后来|目前|现在)$")  # 当时是一款…, 因为它是一款…, 产品是一款…
JUDGEMENT_START = set("不很太没好最非真挺超")  # 的工具“不好用”: a quoted judgement, not a name
CONFIDENCE = 0.7
UNTYPED_RULE = "open:latin-untyped"  # a Latin word the open vocabulary could not type: an introduction types it
GENERIC_LEAD = re.compile(r"^(?:AIGC|AI|智能)+")  # “AI文案”, “AIGC视频”: a kind of thing, not a name (AIGC tried first)
WORDS_IN_A_NAME = frozenset({"ContentType", "Concept", "Skill", "Technology", "Industry"})  # common words, not makers


@register("introductions")
class IntroductionExtractor:
    """Adds Product mentions for unknown names the text introduces as products."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found: list[Mention] = []
        replaced: set[Mention] = set()
        for sentence, known in zip(doc.sentences, by_sentence(state.mentions, doc.sentences)):
            for start, end, rule in self._introduced(doc, sentence, known):
                touching = [m for m in known + found if overlaps(m, start, end)]
                if self._a_new_name(doc.text[start:end]) and all(_word_in_name(m, start, end, known) for m in touching) \
                        and (rule != OWNED_RULE or self._uncommon(doc.text[start:end])):
                    found.append(new_mention(doc, start, end, "Product", rule, CONFIDENCE))
                    replaced.update(touching)  # 青禾文案助手 holds 文案, 美图云修Pro its maker 美图: the name is the whole
        return with_mentions(state, found, replaced)

    def _a_new_name(self, name: str) -> bool:
        """True for a name the lexicon does not know (a known one is already a mention of its own class) that is more
        than AI and a common word (“AI聊天”, “AI文案”)."""
        bare = GENERIC_LEAD.sub("", name)
        generic = bare != name and (self.resources.segmenter.dictionary_tags(bare) is not None
                                    or self.resources.lexicon.lookup(bare) is not None)
        return self.resources.lexicon.lookup(name) is None and not generic

    def _uncommon(self, name: str) -> bool:
        """True for a name the dictionary does not spell out of its own words (律衡智审, 京医千询, 九章大模型), and
        that opens with no word of judgement or reference (新功能, 该产品): 他们的产品 names nothing."""
        covered = sum(t.end - t.start for t in self.resources.segmenter.dictionary_words(name))
        return name[0] not in COMMON_LEAD and covered < len(name) - 1

    @staticmethod
    def _introduced(doc: Document, sentence: Sentence, known: list[Mention]) -> Iterator[tuple[int, int, str]]:
        """(start, end, rule) of each name the sentence introduces as a product."""
        for pattern, rule in ((TITLED, "introduced:titled-product"), (NAMED, "introduced:named-product"),
                              (NAMED_BEFORE, "introduced:named-product"), (NAMED_ITEM, "introduced:named-product"),
                              (NAMED_UNQUOTED, "introduced:named-product"), (NOUN_BEFORE, "introduced:quoted-product"),
                              (ONE_OF_A_KIND, "introduced:one-of-a-kind"), (MADE_ONE, "introduced:one-of-a-kind")):
            for match in pattern.finditer(sentence.text):
                name = match.group(1)
                if name[0] not in NOT_A_NAME_START | JUDGEMENT_START and not NOT_IN_A_NAME.search(name):
                    yield sentence.start + match.start(1), sentence.start + match.end(1), rule
        for match in OWNED_NAME.finditer(sentence.text):  # 京东健康的京医千询走的是另一条路, 他们的律衡智审基于RAG
            owner_end = sentence.start + match.start()
            if OWNER_WORD.search(sentence.text, 0, match.start()) or any(
                    m.cls == "Organization" and m.end == owner_end for m in known):
                yield sentence.start + match.start(1), sentence.start + match.end(1), OWNED_RULE
        for org in (m for m in known if m.cls == "Organization"):
            name = _clause_subject_before(doc.text, sentence, org)
            made = MADE_AFTER_ORG.match(doc.text, org.end) or MADE_BY_LEAD.search(doc.text, sentence.start, org.start) \
                and BUILT_BY.match(doc.text, org.end)
            glossed = BOLD_LABEL.fullmatch(doc.text, sentence.start, org.start)
            if name is not None and made and (not glossed or GLOSS_END.match(doc.text, made.end())):
                yield name[0], name[1], "introduced:made-by-clause"


def _clause_subject_before(text: str, sentence: Sentence, org: Mention) -> tuple[int, int] | None:
    """Span of a bare name that opens the organisation's clause and is said to be its product: 'X，是ORG…' / 'X是ORG…'."""
    before = text[sentence.start:org.start]
    label = BOLD_LABEL.fullmatch(before)  # *   **腾讯广告妙思**：腾讯推出的广告创意平台
    if label is not None:
        return sentence.start + label.start(1), sentence.start + label.end(1)
    made_by = MADE_BY_LEAD.search(before)  # 灵医大模型由百度打造 / CoCounsel最早由…
    if made_by is None and not before.endswith("是"):
        return None
    head = before[:made_by.start()] if made_by else before[:-1].rstrip("，, ")  # X，是… and X是… alike
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(head)), default=0)
    name = head[clause_start:].strip(MARKUP + "“”\"「」").rstrip(ADVERBS)  # 妙笔也是… → 妙笔
    if not BARE_NAME.fullmatch(name) or name[0] in NOT_A_NAME_START or NOT_IN_A_NAME.search(name):
        return None  # (底层是有道自研的子曰大模型: what lies under it, not a name)
    start = sentence.start + head.index(name, clause_start)
    return start, start + len(name)


def _word_in_name(mention: Mention, start: int, end: int, known: list[Mention]) -> bool:
    """True for a known common word strictly inside the name (文案 in 青禾文案助手), its maker at its start (美图), a
    role name found in its tail (智能经理 in AI入驻智能经理), or the name itself found without a type (CoCounsel, an
    untyped Latin word)."""
    if mention in known and (mention.start, mention.end) == (start, end):
        return mention.rule == UNTYPED_RULE
    return mention in known and start <= mention.start and mention.end <= end \
        and (mention.cls in WORDS_IN_A_NAME or mention.cls == "Organization" and mention.start == start
             or mention.cls == "Role" and mention.rule.startswith("open:") and mention.start > start)
