"""Brands: a company's name without its suffix is the brand its products carry (砚池科技 → 砚池Code, 青杉教育 →
青杉批改助手). Wherever the article writes the brand glued to an English word (砚池Code, 镜语Motion) or to words ending
in a product head (青杉批改助手), that is a product of the company — never a brand glued to a generic word (百度AI,
美团APP), an acronym (腾讯PCG) or a name already known."""

from __future__ import annotations

import re

from kg.analyse.extract import register
from kg.analyse.extract.mentions import with_mentions, new_mention
from kg.analyse.extract.open_vocabulary.latin import COMMON_ENGLISH_ZIPF, common_english
from kg.analyse.extract.open_vocabulary.shapes import is_name_part, is_verbish
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention, Token

MIN_BRAND = 2
MAX_HEAD_WORDS = 3  # 青杉 + 批改 + 助手
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
CONFIDENCE = 0.7
NAME_PARTS = frozenset({"ContentType", "Concept", "Technology", "Industry"})  # words a brand may glue to: 砚池Code


@register("brands")
class BrandExtractor:
    """Adds Product mentions for brand-prefixed names of the companies an article names with a company suffix."""

    def __init__(self, resources: Resources) -> None:
        cue = resources.ontology.cue
        self.suffixes = tuple(sorted(cue("organizationSuffix") | cue("weakOrganizationSuffix"), key=len, reverse=True))
        self.heads = tuple(cue("productHead"))
        self.generic = cue("genericProductModifier") | cue("nameBreak")

    def __call__(self, state: Extraction) -> Extraction:
        brands = self._brands(state.mentions)
        if not brands:
            return state
        text = state.document.text
        taken = bytearray(len(text))
        for mention in state.mentions:
            taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
        words = {m.start: m for m in state.mentions if m.cls in NAME_PARTS}
        pattern = re.compile("|".join(map(re.escape, sorted(brands, key=lambda b: (-len(b), b)))))
        tokens = {t.start: (i, sentence) for sentence in state.tokens for i, t in enumerate(sentence)}
        found, replaced = [], set()
        for match in pattern.finditer(text):
            at = tokens.get(match.start())
            end = self._product_end(at, match.end()) if at else None
            if end is None or any(taken[match.start():match.end()]):
                continue
            glued = words.get(match.end())  # 砚池Code: the word Code is part of the name
            if glued is not None and glued.end <= end:
                taken[glued.start:glued.end] = bytes(glued.end - glued.start)
            if not any(taken[match.end():end]):
                found.append(new_mention(state.document, match.start(), end, "Product", "open:brand-product", CONFIDENCE))
                taken[match.start():end] = b"\x01" * (end - match.start())
                replaced.update({glued} if glued is not None and glued.end <= end else set())
        return with_mentions(state, found, replaced) if found else state

    def _brands(self, mentions: tuple[Mention, ...]) -> set[str]:
        """The brands of the article's companies: a company name minus its suffix, two characters at least."""
        brands = set()
        for org in (m for m in mentions if m.cls == "Organization"):
            suffix = next((s for s in self.suffixes if org.surface.endswith(s)), None)
            if suffix and len(org.surface) - len(suffix) >= MIN_BRAND:
                brands.add(org.surface[:-len(suffix)])
        return brands

    def _product_end(self, at: tuple[int, tuple[Token, ...]], brand_end: int) -> int | None:
        """End of a product name after the brand: an English word that is no name of its own (Code, Motion), or up
        to three words ending in a product head, none a verb but the head (批改助手)."""
        index, sentence = at
        after = [t for t in sentence[index:] if t.start >= brand_end]
        if not after or after[0].start != brand_end:
            return None
        first = after[0]
        if LATIN_WORD.fullmatch(first.text):
            named = common_english(first.text) >= COMMON_ENGLISH_ZIPF and not first.text.isupper()
            return first.end if named and first.text not in self.generic else None
        for count, token in enumerate(after[:MAX_HEAD_WORDS], 1):
            if not is_name_part(token.text) or token.text in self.generic:
                return None
            if token.text.endswith(self.heads):
                return token.end
            if is_verbish(token) and count == MAX_HEAD_WORDS:
                return None
        return None
