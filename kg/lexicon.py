"""The lexicon matcher: finds known names in text by their normalised keys, on jieba token boundaries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import ahocorasick
from rdflib import Graph

from kg.errors import OntologyError
from kg.model import Token
from kg.normalize import fold_text, is_cjk, is_word_char, match_key
from kg.ontology import LexiconEntry, Ontology, lexicon_entries


@dataclass(frozen=True)
class Match:
    """A lexicon entry found at [start, end) of the source text."""

    start: int
    end: int
    entry: LexiconEntry


class Lexicon:
    """Every label and alias of the lexicon, indexed by match key; one key names one entry."""

    def __init__(self, ontology: Ontology) -> None:
        self.by_key: dict[str, LexiconEntry] = {}
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
            raise OntologyError(
                f"label {name!r} of {entry.iri} normalises like a label of {known.iri}",
                where="ontology/lexicon*.ttl", fix="keep the label on one entry only",
            )
        self.by_key[key] = entry

    def lookup(self, name: str) -> LexiconEntry | None:
        """The entry a name denotes, if any."""
        return self.by_key.get(match_key(name))

    def find(self, text: str, base: int, tokens: tuple[Token, ...]) -> list[Match]:
        """Leftmost-longest matches in `text` (which starts at offset `base`), respecting word boundaries: at each
        position the longest key that sits on boundaries, then on after it."""
        folded = fold_text(text, base)
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        candidates: dict[int, list[int]] = {}  # folded start -> lengths of the keys found there (Aho-Corasick)
        for last, length in self._automaton.iter(folded.folded):
            candidates.setdefault(last - length + 1, []).append(length)
        matches: list[Match] = []
        resume = 0
        for i in sorted(candidates):
            if i < resume:
                continue
            for length in sorted(candidates[i], reverse=True):
                start, end = folded.source_span(i, i + length)
                if _on_boundaries(text, start - base, end - base, start in starts, end in ends):
                    matches.append(Match(start, end, self.by_key[folded.folded[i:i + length]]))
                    resume = i + length
                    break
        return matches


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
    return (token_start or not is_cjk(first)) and (token_end or not is_cjk(last))
