"""Chinese compound names: products glued to an organisation (百度千帆大模型平台) and company names with a
company suffix (云岫科技)."""

from __future__ import annotations

import re

from kg.analyse.extract.mentions import new_mention, overlaps
from kg.analyse.extract.open_vocabulary.shapes import MAX_PREFIX_CHARS, is_name_part, is_verbish
from kg.core.model import Document, Mention, Sentence, Token
from kg.core.normalize import is_cjk


GENERIC_LATIN = frozenset({"AI", "AIGC", "APP", "GPT", "LLM"})
DESCRIBED = re.compile(r"首个|首款|第[一二三四五]|原生|最新|新一代|下一代|旗舰|全新|最强|最大|唯一|自研|开源的")
PROPER_TAGS = frozenset({"", "x", "nr", "nrt", "nrfg", "ns", "nz"})  # a word jieba does not know, or a name
MIN_ORG_NAME, MAX_ORG_NAME = 2, 4
NOT_A_NAME_END = set("在和的是与了把被从向对给于里")  # 吴嘉在集团: a person and a preposition before the suffix
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

    def _suffixed_orgs(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A Chinese company name: a proper-name token the dictionary does not know (or tags as a place or name), glued to
        a company suffix (云岫科技, 某某集团); 人工智能 or 大数据 start with common words and are left alone."""
        for index, token in enumerate(tokens):
            if token.text not in self.org_suffixes or index == 0:
                continue
            first = index
            while first > 0 and index - first < 2 and tokens[first - 1].end == tokens[first].start \
                    and tokens[first - 1].tag in PROPER_TAGS and all(is_cjk(ch) for ch in tokens[first - 1].text):
                first -= 1
            start, name = tokens[first].start, doc.text[tokens[first].start:token.start]
            lead = next((w for w in self.leads if name.startswith(w) and len(name) - len(w) >= MIN_ORG_NAME), "")
            start, name = start + len(lead), name[len(lead):]  # 一家叫云岫科技的公司: jieba glues 叫 to the name
            last = index  # 物美科技集团: a second suffix belongs to the name
            while last + 1 < len(tokens) and tokens[last + 1].text in self.org_suffixes \
                    and tokens[last + 1].start == tokens[last].end:
                last += 1
            if first == index or not MIN_ORG_NAME <= len(name) <= MAX_ORG_NAME or name[0] in NOT_A_NAME_START \
                    or name[-1] in NOT_A_NAME_END \
                    or any(word in name for word in self.descriptive) or any(overlaps(m, start, tokens[last].end) for m in known):
                continue
            yield new_mention(doc, start, tokens[last].end, "Organization", "open:org-suffix", 0.7), []

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


def _is_latin_word_of(text: str) -> bool:
    """True for a bare 'AI' / 'AIGC'-like generic Latin modifier (腾讯AI助手 describes, it does not name)."""
    return text.upper() in GENERIC_LATIN
