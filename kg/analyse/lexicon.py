"""The lexicon matcher: finds known names in text by their normalised keys, on jieba token boundaries."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import ahocorasick
from rdflib import Graph

from kg.core.errors import OntologyError
from kg.core.model import Token
from kg.core.normalize import fold_text, is_cjk, is_word_char, match_key
from kg.core.ontology import LexiconEntry, Ontology, lexicon_entries


WORD_REACH = 6  # Han characters on each side of a name that the dictionary check segments with it
PERSON_SUFFIXES = "师员家者官手"  # 对话设计|师: the one-character end of a word for a person


@dataclass(frozen=True)
class Match:
    """A lexicon entry found at [start, end) of the source text."""

    start: int
    end: int
    entry: LexiconEntry


class Lexicon:
    """Every label and alias of the lexicon, indexed by match key; one key names one entry, except names that differ
    only in letter case (ReAct, the agent pattern; React, the UI library), told apart by their exact spelling."""

    def __init__(self, ontology: Ontology) -> None:
        self.by_key: dict[str, LexiconEntry] = {}
        self.by_spelling: dict[str, dict[str, LexiconEntry]] = {}  # key → exact spelling → entry, for cased twins
        for entry in ontology.entries:
            for name in (entry.label, *entry.aliases):
                self._index(match_key(name), entry, name)
        self._automaton = ahocorasick.Automaton()
        for key in self.by_key:
            self._automaton.add_word(key, len(key))
        self._automaton.make_automaton()
        self.by_iri = {entry.iri: entry for entry in ontology.entries}

    def _index(self, key: str, entry: LexiconEntry, name: str) -> None:
        """Add one key; the same key on two entries is a lexicon error."""
        if not key:
            return
        known = self.by_key.get(key)
        if known is not None and known.iri != entry.iri:
            spelled = self.by_spelling.setdefault(key, {_spelling(n): known for n in (known.label, *known.aliases)
                                                        if match_key(n) == key})
            if not all(_cased_twins(name, other) for other in spelled):
                raise OntologyError(
                    f"label {name!r} of {entry.iri} normalises like a label of {known.iri}",
                    where="ontology/lexicon*.ttl", fix="keep the label on one entry only, or spell the two differently",
                )
            spelled[_spelling(name)] = entry
            return
        self.by_key[key] = entry
        if key in self.by_spelling:
            self.by_spelling[key][_spelling(name)] = entry

    def lookup(self, name: str) -> LexiconEntry | None:
        """The entry a name denotes, if any."""
        return self._entry(match_key(name), name)

    def _entry(self, key: str, surface: str) -> LexiconEntry | None:
        """The entry of a key; of cased twins, the one spelled like the surface (else the first defined)."""
        spelled = self.by_spelling.get(key)
        if spelled is not None:
            return spelled.get(_spelling(surface), self.by_key.get(key))
        return self.by_key.get(key)

    def find(self, text: str, base: int, tokens: tuple[Token, ...],
             dictionary_words: Callable[[str, int], tuple[Token, ...]] | None = None) -> list[Match]:
        """Leftmost-longest matches in `text` (which starts at offset `base`), respecting word boundaries: at each
        position the longest key that sits on boundaries and not inside a longer word, then on after it.

        `tokens` are kg's segmentation (jieba with the lexicon as user dictionary): a Chinese edge must be a token
        edge. `dictionary_words` (Segmenter.dictionary_words) segments the Han text around a candidate with jieba's
        own dictionary: a name strictly inside one of its words is part of another word (科研 in 科研机构, 媒体 in
        流媒体), see _inside."""
        folded = fold_text(text, base)
        candidates: dict[int, list[int]] = {}  # folded start -> lengths of the keys found there (Aho-Corasick)
        for last, length in self._automaton.iter(folded.folded):
            candidates.setdefault(last - length + 1, []).append(length)
        if not candidates:
            return []
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        matches: list[Match] = []
        resume = 0
        for i in sorted(candidates):
            if i < resume:
                continue
            for length in sorted(candidates[i], reverse=True):
                start, end = folded.source_span(i, i + length)
                if not _on_boundaries(text, start - base, end - base, start in starts, end in ends):
                    continue
                if dictionary_words is not None and self._in_a_word(text, base, start, end, dictionary_words):
                    continue
                entry = self._entry(folded.folded[i:i + length], text[start - base:end - base])
                matches.append(Match(start, end, entry))
                resume = i + length
                break
        return matches

    def _in_a_word(self, text: str, base: int, start: int, end: int,
                   dictionary_words: Callable[[str, int], tuple[Token, ...]]) -> bool:
        """True when jieba's own dictionary, segmenting the name with the Han characters glued to its Han edges (up
        to WORD_REACH on each side), makes the name a piece of a longer word (see _inside)."""
        left, right = start - base, end - base
        if is_cjk(text[left]):
            while left > max(0, start - base - WORD_REACH) and is_cjk(text[left - 1]):
                left -= 1
        if is_cjk(text[right - 1]):
            while right < min(len(text), end - base + WORD_REACH) and is_cjk(text[right]):
                right += 1
        if (left, right) == (start - base, end - base):
            return False
        for word in dictionary_words(text[left:right], base + left):
            if word.start <= start and end <= word.end and (word.start, word.end) != (start, end):
                return self._inside(word, start, end)
            if start < word.start < end == word.end - 1 and word.text[-1] in PERSON_SUFFIXES:
                return True  # 对话设计 of 对话设计师: the name's end cuts off the suffix of a person's word
        return False

    def _inside(self, word: Token, start: int, end: int) -> bool:
        """True when the name at [start, end) is only a piece of the dictionary word `word` around it. Two kinds of
        word keep the name: a word made of lexicon names only (金融保险 = 金融 + 保险), and a modifier-head compound
        ending in the name whose modifier is a free word of two or more characters (国际金融, 产品图片: Chinese
        compounds are right-headed, so these are kinds of the name). A name before the head (科研 in 科研机构, 媒体
        in 媒体报道) or after a one-character bound morpheme (媒体 in 流媒体, 好未来 in 美好未来) is inside."""
        head, tail = word.text[:start - word.start], word.text[end - word.start:]
        if all(not part or match_key(part) in self.by_key for part in (head, tail)):
            return False
        return bool(tail) or len(head) < 2


def _spelling(name: str) -> str:
    """A name as written, up to Unicode width forms: what tells cased twins apart."""
    return unicodedata.normalize("NFKC", name)


def _cased_twins(name: str, other: str) -> bool:
    """True for two mixed-case spellings that differ only in letter case (ReAct, React); ALPHA GEN and Alpha Gen, or
    alpha-gen and Alpha Gen, are one name written two ways."""
    first, second = _spelling(name), _spelling(other)
    mixed = not any(word.isupper() or word.islower() for word in (first, second))
    return mixed and first != second and first.lower() == second.lower()


def checked_lexicon(ontology: Ontology, directory: Path, replacing: Mapping[str, Graph] | None = None) -> Lexicon:
    """The Lexicon of the lexicon*.ttl files under `directory` read now (a graph of `replacing` standing in for the
    file of that name), checked as `kg build` checks it: OntologyError for an entry without exactly one class and
    one non-empty Chinese label, an IRI defined twice, or a name (label or alias, normalised) on two entries."""
    return Lexicon(replace(ontology, entries=lexicon_entries(Path(directory), ontology.classes, replacing)))


def _on_boundaries(text: str, start: int, end: int, token_start: bool, token_end: bool) -> bool:
    """A Latin edge must not touch another Latin letter or digit; a Chinese edge must be a jieba token edge."""
    first, last = text[start], text[end - 1]
    latin = any(is_word_char(ch) for ch in text[start:end])
    if (is_word_char(first) or latin and not is_cjk(first)) and start > 0 and is_word_char(text[start - 1]):
        return False
    if (is_word_char(last) or latin and not is_cjk(last)) and end < len(text) and is_word_char(text[end]):
        return False
    if last.isdigit() and text[end:end + 1] in (".", "-") and text[end + 1:end + 2].isdigit():
        return False  # GLM-4 inside GLM-4.5: a version goes on
    return (token_start or not is_cjk(first)) and (token_end or not is_cjk(last))
