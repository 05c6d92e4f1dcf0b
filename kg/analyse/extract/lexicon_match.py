"""The lexicon extractor: every known name, alias or spelling variant in a sentence becomes a mention."""

from __future__ import annotations

from kg.analyse.extract import register
from kg.analyse.extract.mentions import in_links, lexicon_mention, link_ranges, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction
from kg.core.normalize import is_cjk

RULE = "lexicon"
MODIFIED_TAGS = frozenset({"n", "vn", "nz", "ng", "j", ""})  # the noun an acronym qualifies (AI工具, AI岗位)


@register("lexicon")
class LexiconExtractor:
    """Finds lexicon entries on jieba token boundaries, not inside longer words, leftmost-longest."""

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        self.segmenter = resources.segmenter

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found = []
        for sentence, tokens in zip(doc.sentences, state.tokens):
            links = link_ranges(sentence)
            starts = {token.start: token for token in tokens}
            for match in self.lexicon.find(sentence.text, sentence.start, tokens, self.segmenter.dictionary_words):
                if not in_links(match.start, match.end, links) \
                        and not _acronym_modifier(doc.text, match.start, match.end, match.entry.cls, starts):
                    found.append(lexicon_mention(doc, match.start, match.end, match.entry, RULE))
        return with_mentions(state, found)


def _acronym_modifier(text: str, start: int, end: int, cls: str, starts: dict) -> bool:
    """True for a short Latin acronym of a concept glued to the Chinese noun it qualifies (AI工具, AI岗位, AI时代):
    the text speaks of tools or jobs, not of the concept (AI的发展, 入行AI, 用AI做… still name it)."""
    following = starts.get(end)
    return cls == "Concept" and text[start:end].isascii() and text[start:end].isupper() and end - start <= 3 \
        and following is not None and is_cjk(following.text[0]) and following.tag in MODIFIED_TAGS
