"""The lexicon extractor: every known name, alias or spelling variant in a sentence becomes a mention, and so does
an industry one word names with its holder (保险 of 保险公司, 法律 of 法律咨询)."""

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
        self.industry_holders = tuple(sorted(resources.ontology.cue("industryHolder")))

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found = []
        for sentence, tokens in zip(doc.sentences, state.tokens):
            links = link_ranges(sentence)
            matches = self.lexicon.find(sentence.text, sentence.start, tokens, self.segmenter.dictionary_words)
            matches = [m for m, following in zip(matches, [*matches[1:], None]) if not _generates_next(m, following)]
            for match in matches:
                if not in_links(match.start, match.end, links):
                    found.append(lexicon_mention(doc, match.start, match.end, match.entry, RULE))
            for token in tokens:
                if len(token.text) > 2 and token.text.endswith(self.industry_holders) \
                        and not any(m.start < token.end and token.start < m.end for m in matches) \
                        and not in_links(token.start, token.end, links):
                    found.extend(self._industry_of_holder(doc, token))
        return with_mentions(state, found)

    def _industry_of_holder(self, doc, token) -> list:
        """The industry a one-word name of its holder starts with (保险公司, 法律咨询, 金融行业): a mention of it."""
        for holder in self.industry_holders:
            entry = self.lexicon.lookup(token.text[:-len(holder)]) if token.text.endswith(holder) else None
            if entry is not None and entry.cls == "Industry":
                return [lexicon_mention(doc, token.start, token.end - len(holder), entry, RULE)]
        return []


def _generates_next(match, following) -> bool:
    """True for a '…生成' technology right before a content type (图片生成视频: makes videos from pictures), where
    生成 is the verb of the phrase, not the end of a name."""
    return match.entry.cls == "Technology" and match.entry.label.endswith("生成") and following is not None \
        and following.start == match.end and following.entry.cls == "ContentType"
