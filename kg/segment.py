"""Segmentation: jieba's dictionary and HMM through jieba-rs, knowing the lexicon, giving tokens with offsets."""

from __future__ import annotations

import functools

import jieba
import rjieba

from kg.model import Token
from kg.ontology import Ontology

USER_WORD_FREQ = 200_000  # high enough that jieba keeps every lexicon name whole


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
    """jieba-rs (rjieba: jieba's dictionary and HMM, in Rust) with kg's user dictionary; built once per process."""

    def __init__(self, ontology: Ontology) -> None:
        self._tokenizer = rjieba.Jieba()
        for word in user_words(ontology):
            self._tokenizer.add_word(word, USER_WORD_FREQ, None)
        self._tags = _dictionary_tags()

    def tokens(self, text: str, base: int = 0) -> tuple[Token, ...]:
        """Tokens of `text` with offsets shifted by `base`; whitespace tokens dropped."""
        tags = self._tags
        return tuple(
            Token(base + start, base + end, word, tags.get(word, ""))
            for word, start, end in self._tokenizer.tokenize(text, "default", True)
            if word.strip()
        )


@functools.cache
def _dictionary_tags() -> dict[str, str]:
    """Word → part-of-speech tag from jieba's own dictionary file (the tags jieba.posseg starts from)."""
    tags = {}
    with jieba.get_dict_file() as lines:
        for raw in lines:
            word, _, tag = raw.decode("utf-8").strip().split(" ")
            tags[word] = tag
    return tags
