"""Name normalisation: one match key per surface form, and a normalised view of text that maps back to offsets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that never matter for identity: spaces, hyphens and dashes, underscores, dots between
# words in names like "Leonardo.Ai" are kept (they separate versions: "FLUX.1"), middle dots are not.
_SEPARATORS = frozenset(" \t\u3000\u00a0_-\u00b7\u30fb\u2027*")  # "*": markdown emphasis inside names


# Default-ignorable code points outside category Cf (Unicode DerivedCoreProperties): invisible fillers and joiners.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0") | frozenset(map(chr, range(0x180B, 0x1810))) \
    | frozenset(map(chr, range(0xFE00, 0xFE10)))


def _is_ignorable(ch: str) -> bool:
    """True for characters dropped from match keys: separators, format and control characters."""
    if ch in _SEPARATORS or ch in _INVISIBLE:
        return True
    category = unicodedata.category(ch)
    return category in ("Cf", "Cc", "Pd", "Zs", "Zl", "Zp") or ch == "\u00ad"


def _fold(ch: str) -> str:
    """The normalised form of one character: NFKC then casefold ('' when ignorable)."""
    if _is_ignorable(ch):
        return ""
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(c for c in folded if not _is_ignorable(c))


class _FoldTable(dict):
    """Memoised _fold: a text repeats a few thousand distinct characters, so each is folded once per process."""

    def __missing__(self, ch: str) -> str:
        self[ch] = folded = _fold(ch)
        return folded


fold = _FoldTable().__getitem__


@lru_cache(maxsize=1 << 16)  # names repeat: the same few thousand are keyed again and again
def match_key(text: str) -> str:
    """Identity key of a name: 'Ｓｔａｂｌｅ－Diffusion' and 'stable diffusion' share 'stablediffusion'."""
    return "".join(fold(ch) for ch in text)


@lru_cache(maxsize=1 << 16)
def clean_label(text: str) -> str:
    """A display label: NFC, format/bidi/zero-width characters removed, markdown markup removed (strip_markdown),
    whitespace collapsed and trimmed."""
    kept = []
    for ch in unicodedata.normalize("NFC", text):
        category = unicodedata.category(ch)
        if (category in ("Cf", "Cc") and ch not in "\t\n") or ch in _INVISIBLE:
            continue
        kept.append(" " if ch.isspace() or category == "Zs" else ch)
    return " ".join(strip_markdown("".join(kept)).split())


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~|<>])")  # \* → a literal *
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) and ![alt](url) → text
_MD_LINK_TAIL = re.compile(r"\]\([^)\s]*\)?")  # the rest of a link a name was cut from: "Sora](https://…"
_MD_RUNS = re.compile(r"\*{2,}|_{2,}|~{2,}|`+")  # bold, strikethrough, code spans
_MD_BLOCK = re.compile(r"^\s*(?:#+|>+|[-*+](?=\s))\s*")  # heading, quote and list-item markers
_MD_CLOSING_HASHES = re.compile(r"(\s*)#+$")
_ESCAPED_BASE = 0xF0000  # escaped characters wait in a private-use plane while markup is removed


def strip_markdown(name: str) -> str:
    """A name without the markdown markup a span of article text can carry: **bold** / __bold__ / ~~struck~~,
    `code`, [text](url) and ![alt](url), heading (#…#), quote (>) and list-item markers, single *…* or _…_
    emphasis around it, a stray * or _ at its edges ("A*" keeps its star). Backslash escapes become the character
    they protect (A\\*算法 → A*算法). Article text is never changed: offsets into it stay exact."""
    placeholders = not any(ord(ch) >= _ESCAPED_BASE for ch in name)  # (not when it has such characters itself)
    protected = _MD_ESCAPE.sub(lambda m: chr(_ESCAPED_BASE + ord(m.group(1))) if placeholders else m.group(1), name)
    protected = _MD_LINK_TAIL.sub("", _MD_LINK.sub(r"\1", protected))
    if protected.startswith("[") and "]" not in protected:
        protected = protected[1:]
    if protected.endswith("]") and "[" not in protected:
        protected = protected[:-1]
    protected = _MD_RUNS.sub("", protected)
    heading = protected.lstrip().startswith("#")
    while (stripped := _MD_BLOCK.sub("", protected, count=1)) != protected:
        protected = stripped
    protected = protected.strip()
    closing = _MD_CLOSING_HASHES.search(protected)
    at = closing.start() if closing else 0
    if heading and at and (closing.group(1) or not is_word_char(protected[at - 1])):
        protected = protected[:at]  # "## 标题 ##", "#话题#" (but "## C#" keeps its #)
    if len(protected) > 2 and protected[0] == protected[-1] and protected[0] in "*_":
        protected = protected[1:-1]
    if protected[:1] in ("*", "_"):
        protected = protected[1:]
    if protected[-1:] == "_" or protected[-1:] == "*" and not (len(protected) > 1 and is_word_char(protected[-2])):
        protected = protected[:-1]
    if not placeholders:
        return protected
    return "".join(chr(ord(ch) - _ESCAPED_BASE) if ord(ch) >= _ESCAPED_BASE else ch for ch in protected)


@dataclass(frozen=True)
class FoldedText:
    """Text folded character by character; origin[i] is the offset in the source of folded[i]."""

    folded: str
    origin: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [s, e) covering folded[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1


def fold_text(text: str, base: int = 0) -> FoldedText:
    """Fold a text for matching, remembering where each folded character came from (offset by base)."""
    pieces = list(map(fold, text))
    folded = "".join(pieces)
    if len(folded) == len(text) and "" not in pieces:  # the common case: one folded character per source character
        return FoldedText(folded, tuple(range(base, base + len(text))))
    origin = [base + index for index, piece in enumerate(pieces) for _ in piece]
    return FoldedText(folded, tuple(origin))


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (BMP and supplementary planes)."""
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF or 0xF900 <= code <= 0xFAFF


def is_word_char(ch: str) -> bool:
    """True for a Latin letter or digit, the characters a Latin name must not be glued to."""
    return ch.isascii() and ch.isalnum()
