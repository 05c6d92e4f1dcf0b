"""Segmentation: jieba's dictionary and HMM through jieba-rs, knowing the lexicon, giving tokens with offsets."""

from __future__ import annotations

import functools

import jieba
import rjieba

from kg.core.model import Token
from kg.core.ontology import Ontology

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
        self._dictionary = rjieba.Jieba()  # jieba's own dictionary only: the words it knows without kg's names
        self._tags = _dictionary_tags()

    def tokens(self, text: str, base: int = 0) -> tuple[Token, ...]:
        """Tokens of `text` with offsets shifted by `base`; whitespace tokens dropped."""
        tags = self._tags
        return tuple(map(Token._make, (  # (_make: cheaper than Token(...), and there is one per word of the corpus)
            (base + start, base + end, word, tags.get(word, ""))
            for word, start, end in self._tokenizer.tokenize(text, "default", True)
            if word.strip()
        )))

    def dictionary_tags(self, word: str) -> str | None:
        """The part-of-speech tag jieba's own dictionary gives the word, or None for a word it does not hold."""
        return self._tags.get(word)

    def dictionary_words(self, text: str, base: int = 0) -> tuple[Token, ...]:
        """The words jieba's own dictionary finds in `text` (no lexicon names, no HMM guesses), offsets shifted by
        `base`: what segmentation knows before kg's user dictionary, whose high frequencies cut names out of longer
        words (文本 out of 文本框, 科研 out of 科研机构). Single characters and whitespace are dropped."""
        return tuple(map(Token._make, (
            (base + start, base + end, word, "")
            for word, start, end in self._dictionary.tokenize(text, "default", False)
            if end - start > 1 and word.strip()
        )))


@functools.cache
def _dictionary_tags() -> dict[str, str]:
    """Word → part-of-speech tag from jieba's own dictionary file (the tags jieba.posseg starts from)."""
    tags = {}
    with jieba.get_dict_file() as lines:
        for raw in lines:
            word, _, tag = raw.decode("utf-8").strip().split(" ")
            tags[word] = tag
    return tags
