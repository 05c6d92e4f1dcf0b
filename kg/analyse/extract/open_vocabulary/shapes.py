"""Token and name shapes the open-vocabulary finders share: which tokens can sit in a name, which are
noun- or verb-like, and mentions indexed by position."""

from __future__ import annotations

from bisect import bisect_left

from kg.core.model import Mention, Token
from kg.core.normalize import is_cjk


MAX_PREFIX_CHARS = 10
NEVER_FIRST_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "t", "m", "mq", "r", "d", "p", "c", "f", "q", "s", "uj", "ul",
                              "uz", "ug", "uv", "ud", "y", "e", "o", "ad", "ag", "zg", "x"})
NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "vn", "an", "j", "eng"})
VERB_TAGS = frozenset({"v", "vd", "vg", "vi", "vq"})


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
    """Mentions indexed by start: those overlapping a span, in their list order, without scanning them all."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in self.order]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions sharing a character with [start, end), in list order."""
        lo, hi = bisect_left(self.starts, start - self.longest + 1), bisect_left(self.starts, end)
        return [self.mentions[i] for i in sorted(i for i in self.order[lo:hi] if self.mentions[i].end > start)]
