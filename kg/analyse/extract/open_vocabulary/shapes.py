"""Token and name shapes the open-vocabulary finders share: which tokens can sit in a name, which are
noun- or verb-like, and mentions indexed by position."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property

from kg.core.model import Mention, Token
from kg.core.normalize import is_cjk


MAX_PREFIX_CHARS = 10
NEVER_FIRST_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "t", "m", "mq", "r", "d", "p", "c", "f", "q", "s", "uj", "ul",
                              "uz", "ug", "uv", "ud", "y", "e", "o", "ad", "ag", "zg", "x"})
NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "vn", "an", "j", "eng"})
VERB_TAGS = frozenset({"v", "vd", "vg", "vi", "vq"})
LIST_NOUN = re.compile(r"[^，,。；;！？!?：:]{0,40}?等(?:[^，,。；;！？!?的]{0,6}的)?[^，,。；;！？!?]{0,4}?"
                       r"(?P<noun>公司|企业|厂商|品牌|机构|应用场景|场景)")
LIST_NOUN_CLASSES = {"公司": "Organization", "企业": "Organization", "厂商": "Organization", "品牌": "Organization",
                     "机构": "Organization", "应用场景": "Concept", "场景": "Concept"}


def list_noun_class(text: str, end: int, limit: int) -> str | None:
    """The class a list's own noun gives its items, read after the list item ending at `end` and before `limit` (the
    sentence's end): Notion、Zapier、Robinhood 和 Front 等公司 → Organization; 搜索、办公、生活助手等这些核心的应用场景 →
    Concept; else None."""
    found = LIST_NOUN.match(text, end, limit)
    return LIST_NOUN_CLASSES[found.group("noun")] if found else None


def is_name_part(text: str) -> bool:
    """True for a token that can sit inside a name: Chinese or Latin letters and digits only."""
    return all(is_cjk(ch) or ch.isascii() and ch.isalnum() for ch in text)


def is_nounish(token: Token) -> bool:
    """True for a noun-like token: a dictionary noun, Latin letters, or an unknown Chinese word of 2+ characters."""
    if token.text.isascii():
        return token.text.isalnum()
    return token.tag in NOUN_TAGS or (not token.tag and len(token.text) >= 2)


def is_verbish(token: Token) -> bool:
    """True for a verb by jieba's dictionary."""
    return token.tag in VERB_TAGS


def is_covered(token: Token, known: list[Mention]) -> bool:
    """True when a known mention covers the token."""
    return any(m.start <= token.start and token.end <= m.end for m in known)


class Spans:
    """Mentions indexed by start: those overlapping a span, in their list order, without scanning them all (the
    index is built at the first question: most sentences ask none)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions

    @cached_property
    def _index(self) -> tuple[list[int], list[int], int]:
        """Mention positions in order of start, their starts, and the longest mention's length."""
        order = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
        return order, [self.mentions[i].start for i in order], max((m.end - m.start for m in self.mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions sharing a character with [start, end), in list order."""
        order, starts, longest = self._index
        lo, hi = bisect_left(starts, start - longest + 1), bisect_left(starts, end)
        return [self.mentions[i] for i in sorted(i for i in order[lo:hi] if self.mentions[i].end > start)]
