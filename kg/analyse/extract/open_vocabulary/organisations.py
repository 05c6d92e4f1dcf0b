"""Chinese compound names: products glued to an organisation (百度千帆大模型平台) and company names with a
company suffix (云岫科技)."""

from __future__ import annotations

import re

from kg.analyse.extract.mentions import new_mention, overlaps
from kg.analyse.extract.open_vocabulary.shapes import MAX_PREFIX_CHARS, is_name_part, is_nounish, is_verbish
from kg.core.model import Document, Mention, Sentence, Token
from kg.core.normalize import is_cjk


GENERIC_LATIN = frozenset({"AI", "AIGC", "APP", "GPT", "LLM"})
DESCRIBED = re.compile(r"首个|首款|第[一二三四五]|原生|最新|新一代|下一代|旗舰|全新|最强|最大|唯一|自研|开源的")
PROPER_TAGS = frozenset({"", "x", "nr", "nrt", "nrfg", "ns", "nz"})  # a word jieba does not know, or a name
UNKNOWN_TAGS = frozenset({"", "x", "nr", "nrt", "nrfg", "nz"})  # no place: 中国汽车, 上海教育 name sectors
NAME_TAGS = frozenset({"n", "nr", "nz", "ns", "", "x", "v", "m"})  # a name of common words: 砚池/n, 拾/v 月/m
NOUN_AFTER = frozenset({"n", "nz", "ng", "an", "vn", ""})
SUFFIX_WORD_CLASSES = frozenset({"Industry", "Concept", "Technology"})  # 汽车, 教育 and 智能 alone are domain words
COMPANY_COUNTERS = ("一家", "另一家", "这家", "那家")
HIRING_AFTER = re.compile(r"(?:那边|这边|今年|去年|最近|目前)?(?:也|还|都|正)?(?:在招|招了|招的|招聘)")  # 萌芽智能那边招的是…
MIN_ORG_NAME, MAX_ORG_NAME = 2, 4
MAX_KIND_PREFIX = 6
NOT_A_KIND_START = set("这那该每各某本贵我你他她它自所母子分总一两几多此其同原前新老大小全整")  # 这家公司, 子公司, 大公司
KIND_TAGS = frozenset({"n", "nz", "ng", "j", "eng"})  # what a kind of company is named by: common nouns
KIND_CONTEXT = re.compile(r"(?:一家|几家|多家|两家|各家|某家|一些|不少|很多|许多|大量|众多|部分|头部|中小|传统|大型|小型|中型|新兴|"
                          r"初创|各类|这类|此类|的)[\s*]*$")  # 一家电商公司: a kind, where a common noun alone may be a verb (参观公司)
KIND_PREFIX_CLASSES = frozenset({"Industry", "Concept", "Technology", "ContentType"})  # 电商公司, 大模型应用公司
NOT_A_NAME_END = set("在和的是与了把被从向对给于里做搞")  # 吴嘉在集团, 专做医疗: a person and a preposition or a verb
NOT_A_NAME_START = set("这那有更招在于举一是的和与把被让给对从向如像而据经")  # 这是影眸科技, 招入公司: a clause, not a name


class OrganisationNames:
    """Finds organisation-prefixed products and suffixed company names (_org_products, _suffixed_orgs).

    A mixin of OpenVocabularyExtractor, whose __init__ reads the cue words it uses."""

    # ------------------------------------------------------------ 百度千帆大模型平台, 字节Coze
    def _org_products(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """Product names glued to an organisation name: tokens after it up to a product head word."""
        for org in (m for m in known if m.cls == "Organization"):
            end = self._product_end(tokens, org.end)
            if end is None:
                continue
            inside = [m for m in known if m is not org and overlaps(m, org.start, end)]
            if any(m.start < org.end or m.end > end for m in inside) or any(m.cls == "Product" for m in inside):
                continue
            if not self._names_a_product(doc.text[org.end:end], inside):
                continue
            yield new_mention(doc, org.start, end, "Product", "open:org-prefixed-product", 0.8), inside

    def _names_a_product(self, rest: str, inside: list[Mention]) -> bool:
        """True when the words after the organisation name something (千帆大模型平台), not describe it (旗下AI助手,
        自研大模型, 电商平台: a known word or a generic modifier before a product head)."""
        if rest.startswith(tuple(self.generic_modifiers)) or re.search(r"[各两几三四多][大家款个]", rest) \
                or DESCRIBED.search(rest):
            return False  # 小米各大APP, 阿里京东两大电商平台: a group of products; 百度首个原生多模态大模型: a description
        head = next((h for h in sorted(self.product_heads, key=len, reverse=True) if rest.endswith(h)), "")
        modifier = rest[: len(rest) - len(head)].strip()
        return bool(modifier) and not any(m.surface == modifier for m in inside) and not _is_latin_word_of(modifier)

    # ------------------------------------------------------------ 电商公司, 游戏公司, 4A公司
    def _company_kinds(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A kind of company named by what it does: a short prefix of dictionary nouns or a known domain name glued to
        公司 / 企业 / 厂商 (电商公司, 游戏公司, 4A公司); an unknown prefix names one company (美图公司), a pronoun or
        a determiner a particular one (这家公司, 我们公司)."""
        for index, token in enumerate(tokens):
            if not token.text.endswith(self.company_heads):
                continue
            head = next(h for h in self.company_heads if token.text.endswith(h))
            first = index
            while token.text == head and first > 0 and index - first < 2 and tokens[first - 1].end == tokens[first].start \
                    and is_nounish(tokens[first - 1]) and tokens[first - 1].text not in self.breaks:
                first -= 1
            start, end = tokens[first].start, token.end
            start = next((m.start for m in known if m.end == end - len(head) and m.start < start
                          and m.cls in KIND_PREFIX_CLASSES), start)  # 医疗AI公司: a known name of several tokens
            prefix = doc.text[start:end - len(head)]
            inside = [m for m in known if overlaps(m, start, end)]
            if not 1 <= len(prefix) <= MAX_KIND_PREFIX or prefix[0] in NOT_A_KIND_START or self._opens_clause(prefix) \
                    or any(m.start < start or m.end > end or m.cls not in KIND_PREFIX_CLASSES for m in inside):
                continue
            named = any((m.start, m.end) == (start, start + len(prefix)) for m in inside)
            tags = [self.dictionary_tags(prefix)] if first == index else [t.tag for t in tokens[first:index]]
            common = len(prefix) > 1 and (prefix.isascii() and prefix.isalnum()
                                          or all(tag in KIND_TAGS for tag in tags))
            if named or common and KIND_CONTEXT.search(doc.text, max(sentence.start, start - 4), start):
                yield new_mention(doc, start, end, "CompanyType", "open:company-kind", 0.7 if named else 0.6), inside

    def _suffixed_orgs(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A Chinese company name: a proper-name token the dictionary does not know (or tags as a place or name), glued to
        a company suffix (云岫科技, 某某集团); 人工智能 or 大数据 start with common words and are left alone. Where the
        words around say a company is named (南京的砚池科技, 另一家拾月科技, 星核智能是一家…), a name of common words
        will do; a weaker suffix (智能, 汽车) names a company only after a name jieba does not know or there."""
        for index, token in enumerate(tokens):
            weak = token.text in self.weak_org_suffixes
            if not (weak or token.text in self.org_suffixes) or index == 0 \
                    or weak and index + 1 < len(tokens) and tokens[index + 1].tag in NOUN_AFTER \
                    and all(is_cjk(ch) for ch in tokens[index + 1].text):
                continue  # 全屋智能生态, 智能大屏: a word of a longer phrase
            first = _without_place(tokens, self._name_start(tokens, index, UNKNOWN_TAGS if weak else PROPER_TAGS), index)
            if first == index:
                first = _without_place(tokens, self._name_start(tokens, index, NAME_TAGS), index)
                first = first if self._company_named_here(doc.text, sentence, tokens, first, index) else index
            start, name = tokens[first].start, doc.text[tokens[first].start:token.start]
            lead = next((w for w in self.leads if name.startswith(w) and len(name) - len(w) >= MIN_ORG_NAME), "")
            start, name = start + len(lead), name[len(lead):]  # 一家叫云岫科技的公司: jieba glues 叫 to the name
            done = name.rfind("了") + 1  # 选了云帆数科: a verb and 了 glued to the name are none of it
            start, name = start + done, name[done:]
            last = index  # 物美科技集团: a second suffix belongs to the name
            while last + 1 < len(tokens) and tokens[last + 1].text in self.org_suffixes \
                    and tokens[last + 1].start == tokens[last].end:
                last += 1
            end = tokens[last].end
            suffix_words = [m for m in known if token.start <= m.start and m.end <= end and m.cls in SUFFIX_WORD_CLASSES]
            if first == index or not MIN_ORG_NAME <= len(name) <= MAX_ORG_NAME or name[0] in NOT_A_NAME_START \
                    or name[-1] in NOT_A_NAME_END or self.dictionary_tags(doc.text[start:end]) \
                    or any(word in name for word in self.descriptive) \
                    or any(overlaps(m, start, end) for m in known if m not in suffix_words):
                continue
            yield new_mention(doc, start, end, "Organization", "open:org-suffix", 0.7), suffix_words  # 北辰汽车 ≠ 汽车

    @staticmethod
    def _name_start(tokens: tuple[Token, ...], suffix: int, tags: frozenset[str]) -> int:
        """Index of the first of at most two Chinese tokens with these tags glued before the suffix (the suffix's
        own index when there is none)."""
        first = suffix
        while first > 0 and suffix - first < 2 and tokens[first - 1].end == tokens[first].start \
                and tokens[first - 1].tag in tags and all(is_cjk(ch) for ch in tokens[first - 1].text):
            first -= 1
        return first

    @staticmethod
    def _company_named_here(text: str, sentence: Sentence, tokens: tuple[Token, ...], first: int, suffix: int) -> bool:
        """True when the words around a name of common words and a company suffix say it names a company: a place
        right before it (南京的砚池科技, 杭州拾光互动), 一家 / 另一家 before it, 是一家 after it, or a hiring verb after it
        (萌芽智能在招对话产品经理: who hires is a company)."""
        if first == suffix:
            return False
        before = tokens[max(0, first - 2):first]
        place = bool(before) and (before[-1].tag == "ns" or len(before) == 2 and before[0].tag == "ns"
                                  and before[1].text == "的")
        lead = text[max(sentence.start, tokens[first].start - 3):tokens[first].start]
        return place or lead.endswith(COMPANY_COUNTERS) or text.startswith("是一家", tokens[suffix].end) \
            or HIRING_AFTER.match(text, tokens[suffix].end) is not None

    def _product_end(self, tokens: tuple[Token, ...], position: int) -> int | None:
        """End of the last product head word in the run of name tokens starting exactly at `position`."""
        end = None
        limit = position + MAX_PREFIX_CHARS
        for token in tokens:
            if token.start < position:
                continue
            if token.start != position or token.end > limit or token.text in self.breaks or not is_name_part(token.text) \
                    or (is_verbish(token) or token.text in self.leads) and not token.text.endswith(tuple(self.product_heads)):
                break
            if any(token.text.endswith(head) for head in self.product_heads):
                end = token.end
            position = token.end
        return end


def _without_place(tokens: tuple[Token, ...], first: int, suffix: int) -> int:
    """The name's first token without the city it may start with (深圳心屿科技, 杭州镜湖智能: the city says where the
    company is, it is not its name; 上海电气 keeps its city, 电气 being a common word)."""
    if suffix - first == 2 and tokens[first].tag == "ns" and tokens[first + 1].tag in ("", "ns", "nz") \
            and len(tokens[first + 1].text) >= MIN_ORG_NAME:
        return first + 1
    return first


def _is_latin_word_of(text: str) -> bool:
    """True for a bare 'AI' / 'AIGC'-like generic Latin modifier (腾讯AI助手 describes, it does not name)."""
    return text.upper() in GENERIC_LATIN
