"""Corpus evidence for discovered names: how often and in how many articles a name's text occurs, and how varied
its neighbours are (left / right neighbour entropy, the classic Chinese new-word-discovery statistic), turned into
a small confidence adjustment.

A real name ("提示词工程", "AI Agent") stands between many different characters; a fragment ("懂数据" of 懂数据分析,
"电信运营" of 电信运营商) keeps one neighbour on one side, because it is a piece of a longer word. One Aho-Corasick
pass over every article finds every occurrence of every discovered name, so the cost is O(total text + occurrences).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import ahocorasick

# The policy; each threshold with its reason.
MIN_OCCURRENCES_FOR_ENTROPY = 4  # below this a name's neighbours are too few to tell a fixed one from chance
MIN_BOUNDARY_BITS = 1.0  # under 1 bit on a side, most occurrences share one neighbour: a piece of a longer word
FRAGMENT_PENALTY = -0.3  # enough to put any discovered name (at most 0.9) under the default bar of 0.6
MIN_CORPUS_DOCUMENTS = 20  # a one-off means something only where the name had many articles to recur in
ONE_OFF_PENALTY = -0.1  # a one-off of a corpus loses the weakest guesses (0.6, 0.65) to the review queue, not 0.7+
MIN_CORROBORATING_DOCUMENTS = 2  # extracted from two articles or more: corroborated, not a one-off
CORROBORATION_BONUS = 0.05  # a little: it ranks corroborated names higher, it never lifts a 0.5 guess over 0.6
MAX_DISCOVERED_CONFIDENCE = 0.95  # a discovered name stays below a lexicon entry (1.0)


@dataclass(frozen=True)
class NameStats:
    """How a name's text occurs across the articles of a build."""

    occurrences: int  # occurrences of any of its spellings, as a substring (Latin edges on word boundaries)
    documents: int  # articles whose text contains it
    left_entropy: float  # bits; a delimiter or the text's edge counts as a new neighbour each time
    right_entropy: float


def neighbour_entropy(neighbours: Mapping[str, int], open_edges: int = 0) -> float:
    """Shannon entropy (bits) of a name's neighbours on one side: `neighbours` counts the letters seen there,
    `open_edges` the times a delimiter or the edge of the text was, each counted as a distinct neighbour."""
    total = sum(neighbours.values()) + open_edges
    if total == 0:
        return 0.0
    entropy = open_edges / total * math.log2(total)
    for count in sorted(neighbours.values()):
        p = count / total
        entropy -= p * math.log2(p)
    return round(entropy + 0.0, 6)


def name_stats(texts: Sequence[str], spellings: Mapping[str, Iterable[str]]) -> dict[str, NameStats]:
    """NameStats of each name (key → its spellings as written) over `texts`, one per article. Latin letters match
    case-insensitively; spellings shorter than two characters are not searched (their names get no entry)."""
    owners: dict[str, list[str]] = defaultdict(list)
    for name in sorted(spellings):
        for spelling in sorted({_ascii_lower(s) for s in spellings[name]}):
            if len(spelling) >= 2:
                owners[spelling].append(name)
    if not owners:
        return {}
    patterns = sorted(owners)
    automaton = ahocorasick.Automaton()
    for index, pattern in enumerate(patterns):
        automaton.add_word(pattern, index)
    automaton.make_automaton()
    lengths = [len(p) for p in patterns]
    latin_first = [_latin(p[0]) for p in patterns]
    latin_last = [_latin(p[-1]) for p in patterns]
    owner_lists = [owners[p] for p in patterns]

    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    open_left: Counter = Counter()
    open_right: Counter = Counter()
    occurrences: Counter = Counter()
    documents: Counter = Counter()
    for text in texts:
        text = _ascii_lower(text)
        size = len(text)
        seen: set[str] = set()
        for last, index in automaton.iter(text):
            start = last - lengths[index] + 1
            before = text[start - 1] if start else ""
            after = text[last + 1] if last + 1 < size else ""
            if latin_first[index] and _latin(before) or latin_last[index] and _latin(after):
                continue  # inside a longer Latin word: 'GPT' in 'ChatGPT' is not an occurrence of GPT
            for name in owner_lists[index]:
                occurrences[name] += 1
                seen.add(name)
                if before.isalnum():
                    left[name][before] += 1
                else:
                    open_left[name] += 1
                if after.isalnum():
                    right[name][after] += 1
                else:
                    open_right[name] += 1
        documents.update(seen)
    return {name: NameStats(occurrences[name], documents[name], neighbour_entropy(left[name], open_left[name]),
                            neighbour_entropy(right[name], open_right[name]))
            for name in sorted(occurrences)}


def corpus_adjustment(stats: NameStats | None, mention_documents: int, corpus_documents: int,
                      in_a_fact: bool = False) -> float:
    """The confidence change corpus evidence earns a discovered name extracted from `mention_documents` of the
    `corpus_documents` articles of a build:

    - FRAGMENT_PENALTY when it occurs often enough to judge (MIN_OCCURRENCES_FOR_ENTROPY) and one side keeps
      nearly the same neighbour (under MIN_BOUNDARY_BITS): a piece of a longer word;
    - ONE_OFF_PENALTY when the build is a corpus (MIN_CORPUS_DOCUMENTS articles or more) and the name's text occurs
      in one article only, too rarely to judge its boundaries — unless a sentence states a fact about it
      (`in_a_fact`: 携程问道主要用于行程规划), which is evidence of its own;
    - CORROBORATION_BONUS when it was extracted from several articles and both sides vary;
    - 0 otherwise: a name of a small build, or one too rare to judge in a small build, is neither punished nor helped.
    """
    if stats is None:
        return 0.0
    if stats.occurrences < MIN_OCCURRENCES_FOR_ENTROPY:
        one_off = corpus_documents >= MIN_CORPUS_DOCUMENTS and stats.documents <= 1 and mention_documents <= 1 \
            and not in_a_fact
        return ONE_OFF_PENALTY if one_off else 0.0
    if min(stats.left_entropy, stats.right_entropy) < MIN_BOUNDARY_BITS:
        return FRAGMENT_PENALTY
    if mention_documents >= MIN_CORROBORATING_DOCUMENTS:
        return CORROBORATION_BONUS
    return 0.0


def adjusted_confidence(confidence: float, stats: NameStats | None, mention_documents: int,
                        corpus_documents: int, in_a_fact: bool = False) -> float:
    """A discovered name's confidence after corpus evidence, within [0, MAX_DISCOVERED_CONFIDENCE], to 2 places."""
    changed = confidence + corpus_adjustment(stats, mention_documents, corpus_documents, in_a_fact)
    return round(min(max(changed, 0.0), max(confidence, MAX_DISCOVERED_CONFIDENCE)), 2)


def _ascii_lower(text: str) -> str:
    """Text with ASCII letters lowercased and nothing else changed, so every offset stays where it was."""
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _latin(ch: str) -> bool:
    """True for an ASCII letter or digit (the empty string is not)."""
    return ch.isascii() and ch.isalnum()
