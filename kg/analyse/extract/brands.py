"""Brands: a company's name without its suffix is the brand its products carry (砚池科技 → 砚池Code, 青杉教育 →
青杉批改助手); and a version glued to a word jieba does not know is a coined product (声澜V3). Wherever the article writes the brand glued to an English word (砚池Code, 镜语Motion) or to words ending
in a product head (青杉批改助手), that is a product of the company — never a brand glued to a generic word (百度AI,
美团APP), an acronym (腾讯PCG) or a name already known."""

from __future__ import annotations

import re

from kg.analyse.extract import register
from kg.analyse.extract.mentions import with_mentions, new_mention
from kg.analyse.extract.open_vocabulary.latin import COMMON_ENGLISH_ZIPF, common_english, version_after
from kg.analyse.extract.open_vocabulary.shapes import is_name_part, is_verbish
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention, Token
from kg.core.normalize import is_cjk

MIN_BRAND = 2
QUOTES = {"“": "”", "「": "」", "『": "』", "\"": "\""}  # opening quote → its closing one
MAX_QUOTED = 8  # characters of a quoted name after the brand
MAX_HEAD_WORDS = 3  # 青杉 + 批改 + 助手
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
BRAND_CODE = re.compile(r"-[A-Za-z0-9]+(?:\.\d+)?(?![A-Za-z0-9])|\d[A-Za-z]{1,2}(?![A-Za-z0-9])")  # 深澜-M2, 元造3D
CONFIDENCE = 0.7
UNTYPED_LATIN = "open:latin-untyped"
NAME_LEADS = "的了型款是和与及、把叫为"  # the Han characters a coined name may follow (模型声澜V3; not 暗中吐槽V3)
VERSION = re.compile(r"[Vv]\d+(?:\.\d+)*|\d+(?:\.\d+)?[Bb]")  # V3, V2.5, 3B
NAME_PARTS = frozenset({"ContentType", "Concept", "Technology", "Industry"})  # words a brand may glue to: 砚池Code
TAIL_TAGS = frozenset({"", "n", "nz", "vn", "v", "eng", "x"})  # name words: nouns, activities, words jieba does not know
MAX_TAIL_WORDS, MIN_TAIL, MIN_REPEATS = 2, 2, 2
COMPANY_WORDS = frozenset({"国际", "中国", "全球", "海外", "集团", "公司"})  # what a company's own name goes on with


@register("brands")
class BrandExtractor:
    """Adds Product mentions for brand-prefixed names of the companies an article names with a company suffix."""

    def __init__(self, resources: Resources) -> None:
        cue = resources.ontology.cue
        self.suffixes = tuple(sorted(cue("organizationSuffix") | cue("weakOrganizationSuffix"), key=len, reverse=True))
        self.heads = tuple(cue("productHead"))
        self.generic = cue("genericProductModifier") | cue("nameBreak")
        self.dictionary_tags = resources.segmenter.dictionary_tags
        self.predicates = cue("madeByTrigger") | cue("organizationHiresTrigger") | cue("nameBreak")
        self.company_words = frozenset(self.suffixes) | COMPANY_WORDS

    def __call__(self, state: Extraction) -> Extraction:
        state = self._coined_versions(state)
        brands = self._brands(state.mentions)
        if not brands:
            return state
        text = state.document.text
        taken = bytearray(len(text))
        for mention in state.mentions:
            taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
        pattern = re.compile("|".join(map(re.escape, sorted(brands, key=lambda b: (-len(b), b)))))
        tokens = {t.start: (i, sentence) for sentence in state.tokens for i, t in enumerate(sentence)}
        found, replaced = [], set()
        for match in pattern.finditer(text):
            at = tokens.get(match.start())
            if at is None and re.match(r"-?[A-Za-z0-9]", text[match.end():match.end() + 2]):
                at = tokens.get(match.end())  # 迭代出星核-3B: jieba glued 出星, the code after the brand still names it
            end = self._product_end(text, at, match.end()) if at else None
            if end is None or any(taken[match.start():match.end()]):
                continue
            versioned = version_after(text, end, at[1][-1].end)  # 栖光Lens 2, 元造3D 2.0, 启衡影语2.0
            end = versioned.end() if versioned else end
            glued = {m for m in state.mentions if match.end() <= m.start and m.end <= end
                     and (m.cls in NAME_PARTS or m.rule.startswith("open:"))}  # Code of 砚池Code, Lens 2 of 栖光Lens 2
            for word in glued:
                taken[word.start:word.end] = bytes(word.end - word.start)
            if not any(taken[match.end():end]):
                found.append(new_mention(state.document, match.start(), end, "Product", "open:brand-product", CONFIDENCE))
                taken[match.start():end] = b"\x01" * (end - match.start())
                replaced.update(glued)
        found += self._repeated_names(state, pattern, tokens, taken)
        return with_mentions(state, found, replaced) if found else state

    def _repeated_names(self, state: Extraction, pattern: re.Pattern, tokens: dict, taken: bytearray) -> list[Mention]:
        """启衡影语, 律衡检索, 拾光原型: a brand and one or two name words after it, the same at least twice in the
        article and never a word of making or hiring (启衡推出…) — a name the article keeps using, not a clause."""
        text = state.document.text
        spans: dict[str, list[tuple[int, int]]] = {}
        for match in pattern.finditer(text):
            at = tokens.get(match.start())
            if at is None or any(taken[match.start():match.end()]):
                continue
            index, sentence = at
            end = match.end()
            for token in [t for t in sentence[index:] if t.start >= match.end()][:MAX_TAIL_WORDS]:
                if token.start != end or not is_name_part(token.text) or token.text in self.generic \
                        or token.tag not in TAIL_TAGS or token.text in self.predicates or any(taken[token.start:token.end]) \
                        or token.text in self.company_words:  # (萌芽智能 where the company went unrecognised, 蚂蚁国际)
                    break
                end = token.end
            if end - match.end() >= MIN_TAIL:
                spans.setdefault(text[match.start():end], []).append((match.start(), end))
        found = []
        for name, places in sorted(spans.items()):
            for start, end in places if len(places) >= MIN_REPEATS else []:
                found.append(new_mention(state.document, start, end, "Product", "open:brand-product", CONFIDENCE))
                taken[start:end] = b"\x01" * (end - start)
        return found

    def _coined_versions(self, state: Extraction) -> Extraction:
        """声澜V3, 星核3B: a version glued to a Chinese word jieba does not know names a product with it."""
        text = state.document.text
        ends = {t.end: t for sentence in state.tokens for t in sentence}
        versions = [m for m in state.mentions if m.rule == UNTYPED_LATIN and VERSION.fullmatch(m.surface)]
        stems = set()
        for version in versions:
            word = ends.get(version.start)
            if word is not None and not word.tag and is_cjk(word.text[0]) and MIN_BRAND <= len(word.text) <= 4 \
                    and self.dictionary_tags(word.text) is None and _after_a_name_lead(text, word.start) \
                    and not any(m.start < version.start and m.end > word.start for m in state.mentions):
                stems.add(word.text)
        found = []
        for version in versions:  # 声澜V2 too, once 声澜V3 named the line, however jieba cut it
            stem = next((s for s in sorted(stems, key=len, reverse=True) if text.endswith(s, 0, version.start)), None)
            if stem is not None:
                found.append(new_mention(state.document, version.start - len(stem), version.end, "Product",
                                         "open:coined-version", CONFIDENCE))
        taken = [m for m in state.mentions if m.rule != UNTYPED_LATIN]
        found = [f for f in found if not any(m.start < f.end and f.start < m.end for m in taken)]
        replaced = {v for v in versions if any(f.end == v.end for f in found)}
        return with_mentions(state, found, replaced) if found else state

    def _brands(self, mentions: tuple[Mention, ...]) -> set[str]:
        """The brands of the article's companies: a company name minus its suffix, two characters at least."""
        brands = set()
        for org in (m for m in mentions if m.cls == "Organization"):
            suffix = next((s for s in self.suffixes if org.surface.endswith(s)), None)
            if suffix and len(org.surface) - len(suffix) >= MIN_BRAND:
                brands.add(org.surface[:-len(suffix)])
        return brands

    def _product_end(self, text: str, at: tuple[int, tuple[Token, ...]], brand_end: int) -> int | None:
        """End of a product name after the brand: the rest of a quoted name («衡律审»), a hyphenated code or a digit-led
        code (-M2, 3D), an English word that is no name of its own (Code, Motion), or up to three words ending in a
        product head or followed by a version, none a verb but the last (批改助手, 影语2.0)."""
        index, sentence = at
        closing = QUOTES.get(text[sentence[index].start - 1:sentence[index].start])
        if closing is not None:
            close = text.find(closing, brand_end, brand_end + MAX_QUOTED)
            if close > brand_end and is_name_part(text[brand_end:close]):
                return close  # 「衡律审」, “木棉导诊”: a quoted name the brand leads
        after = [t for t in sentence[index:] if t.start >= brand_end]
        if not after or after[0].start != brand_end:
            return None
        first = after[0]
        code = BRAND_CODE.match(text, brand_end)
        if code:
            return code.end()  # 深澜-M2, 星核-MoE, 元造3D
        if LATIN_WORD.fullmatch(first.text):
            named = common_english(first.text) >= COMMON_ENGLISH_ZIPF and not first.text.isupper()
            return first.end if named and first.text not in self.generic else None
        for count, token in enumerate(after[:MAX_HEAD_WORDS], 1):
            if not is_name_part(token.text) or token.text in self.generic:
                return None
            if token.text.endswith(self.heads) or version_after(text, token.end, token.end + 8):
                return token.end  # 青杉批改助手, 启衡影语2.0
            if is_verbish(token) and count == MAX_HEAD_WORDS:
                return None
        return None


def _after_a_name_lead(text: str, start: int) -> bool:
    """True when a word starts the text, follows a non-Han character, or one of the characters a name may follow."""
    before = text[start - 1:start]
    return not before or not is_cjk(before) or before in NAME_LEADS
