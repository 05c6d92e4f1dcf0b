"""The lexicon extractor: every known name, alias or spelling variant in a sentence becomes a mention."""

from __future__ import annotations

from kg.analyse.extract import register
from kg.analyse.extract.mentions import in_links, lexicon_mention, link_ranges, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction

RULE = "lexicon"


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
            for match in self.lexicon.find(sentence.text, sentence.start, tokens, self.segmenter.dictionary_words):
                if not in_links(match.start, match.end, links):
                    found.append(lexicon_mention(doc, match.start, match.end, match.entry, RULE))
        return with_mentions(state, found)
