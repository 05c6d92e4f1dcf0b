"""Clauses and cue words: where a sentence's clauses and statements break, and which cue word a text holds."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

CLAUSE_BREAK = re.compile(r"[，,；;。！？!?]")
STATEMENT_BREAK = re.compile(r"[；;。！？!?]")  # a statement runs over commas, not past these


@lru_cache(maxsize=4096)  # (the rules of a sentence ask the same question of the same text many times)
def find_cue(words: frozenset[str], text: str) -> str | None:
    """The longest cue word found in text (ties: the smallest, so the answer never depends on set order), or None."""
    ordered, any_word = _longest_first(words)
    if any_word.search(text) is None:
        return None  # (most texts hold no word of a cue: one pass over the text says so)
    for word in ordered:
        if word in text:
            return word
    return None


def negated(cue: Callable[[str], frozenset[str]], text: str) -> str | None:
    """The negation word in text (不一定, 无需…), read past words that hold 不 and negate nothing (不断, 不同)."""
    if find_cue(cue("negation"), text) is None:
        return None
    for word in _longest_first(cue("notNegation"))[0]:
        text = text.replace(word, "□" * len(word))
    return find_cue(cue("negation"), text)


@lru_cache(maxsize=256)
def _longest_first(words: frozenset[str]) -> tuple[tuple[str, ...], re.Pattern]:
    """Cue words longest first, then in code-point order, and a pattern finding any of them: computed once per cue."""
    ordered = tuple(sorted(words, key=lambda word: (-len(word), word)))
    return ordered, re.compile("|".join(map(re.escape, ordered)))


def part_around(text: str, offset: int, breaks: re.Pattern = CLAUSE_BREAK) -> tuple[int, int]:
    """(start, end) of the part of a sentence between two breaks (clauses by default, statements with
    STATEMENT_BREAK) that holds an offset; end is the position of the closing break, or the text's end."""
    start = max((m.end() for m in breaks.finditer(text, 0, offset)), default=0)
    end = next((m.start() for m in breaks.finditer(text, offset)), len(text))
    return start, end


def clause_around(masked: str, offset: int) -> str:
    """The clause of a masked sentence that holds an offset, with its closing mark (你懂大模型微调吗？)."""
    start, end = part_around(masked, offset)
    return masked[start:end + 1]


CONCESSION = re.compile(r"[\s*]*(?:但|但是|不过|可是)")  # X是加分项，但我们不卡这一条: the next clause takes it back


def clause_and_concession(masked: str, offset: int) -> str:
    """The clause that holds an offset, and the next clause too when it opens with 但 / 不过 (a concession that may
    take the first back)."""
    start, end = part_around(masked, offset)
    if end < len(masked) and CONCESSION.match(masked, end + 1):
        end = part_around(masked, end + 1)[1]
    return masked[start:end + 1]


def said_of(masked: str, end: int) -> str:
    """The clause a mention ending at `end` stands in, and the next one when the mention ends its own or a frame (做Agent
    产品经理，需要… / 对大模型应用产品经理来说，…成了基本功: what is said of it)."""
    clause = clause_around(masked, end)
    frame = FRAME_CLOSE.match(masked, end)
    end = frame.end() - 1 if frame else end
    return clause + clause_around(masked, end + 1) if masked[end:end + 1] in ("，", ",") else clause


FRAME_CLOSE = re.compile(r"(?:来说|而言)[，,]")
