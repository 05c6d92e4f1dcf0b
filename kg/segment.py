"""Segmentation: a private jieba tokenizer that knows the lexicon, giving tokens with character offsets."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import jieba
from jieba.posseg import POSTokenizer

from kg.model import Token
from kg.ontology import Ontology

log = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)

USER_WORD_FREQ = 200_000  # high enough that jieba keeps every lexicon name whole


def _cache_dir(preferred: Path) -> str:
    """A private, writable folder for jieba's prefix-dictionary cache (never the shared /tmp/jieba.cache)."""
    target = Path(preferred) / "jieba"
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target):
            pass
        return str(target)
    except OSError as exc:
        fallback = tempfile.mkdtemp(prefix="kg-jieba-")
        log.warning("jieba cache folder %s is not writable (%s); using %s", target, exc, fallback)
        return fallback


def user_words(ontology: Ontology) -> list[str]:
    """Lexicon names jieba can hold as single tokens (jieba splits on spaces, so those are left to the matcher)."""
    words = set()
    for entry in ontology.entries:
        for name in (entry.label, *entry.aliases):
            if name and not any(ch.isspace() for ch in name):
                words.add(name)
    for cue in ("roleHead", "skillHead"):
        words.update(ontology.cue(cue))
    return sorted(words)


class Segmenter:
    """jieba with kg's user dictionary; one instance per process, built once."""

    def __init__(self, ontology: Ontology, cache_dir: Path) -> None:
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = _cache_dir(cache_dir)
        self._tokenizer.initialize()
        for word in user_words(ontology):
            self._tokenizer.add_word(word, USER_WORD_FREQ)
        self._tags = POSTokenizer(self._tokenizer).word_tag_tab  # word -> tag, from jieba's own dictionary

    def tokens(self, text: str, base: int = 0) -> tuple[Token, ...]:
        """Tokens of `text` with offsets shifted by `base`; whitespace tokens dropped."""
        return tuple(
            Token(base + start, base + end, word, self._tags.get(word, ""))
            for word, start, end in self._tokenizer.tokenize(text, HMM=True)
            if word.strip()
        )
