"""The lexicon extractor: every known name, alias or spelling variant in a sentence becomes a mention, and so does
an industry one word names with its holder (保险 of 保险公司, 法律 of 法律咨询)."""

from __future__ import annotations

import re

from kg.analyse.extract import register
from kg.analyse.extract.mentions import in_links, lexicon_mention, link_ranges, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction

RULE = "lexicon"
GENERATING = ("生成",)
NAME_HEAD_AFTER = re.compile(r"\s*(?:技术|模型|能力|功能|工具|算法|领域|方向|赛道|平台|产品|应用|服务|方面|场景)")
SOURCE_BEFORE = re.compile(r"(?:根据|依据|基于|通过|输入|用|把|将|从|由)\s*$")  # 根据文本生成…: 文本 is the input


@register("lexicon")
class LexiconExtractor:
    """Finds lexicon entries on jieba token boundaries, not inside longer words, leftmost-longest."""

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        self.segmenter = resources.segmenter
        cue = resources.ontology.cue
        self.industry_holders = tuple(sorted(cue("industryHolder")))
        self.making_verbs = tuple(sorted(cue("writesTrigger") | cue("generatesTrigger"), key=lambda w: (-len(w), w)))

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found = []
        for sentence, tokens in zip(doc.sentences, state.tokens):
            links = link_ranges(sentence)
            matches = self.lexicon.find(sentence.text, sentence.start, tokens, self.segmenter.dictionary_words)
            matches = [m for m, following in zip(matches, [*matches[1:], None]) if not _generates_next(m, following)
                       and not generated_from(doc.text, m.start, m.end)]
            for match in matches:
                if not in_links(match.start, match.end, links):
                    found.append(lexicon_mention(doc, match.start, match.end, match.entry, RULE))
                    found.extend(self._content_of_skill(doc, match))
            for token in tokens:
                if len(token.text) > 2 and token.text.endswith(self.industry_holders) \
                        and not any(m.start < token.end and token.start < m.end for m in matches) \
                        and not in_links(token.start, token.end, links):
                    found.extend(self._industry_of_holder(doc, token))
        return with_mentions(state, found)

    def _content_of_skill(self, doc, match) -> list:
        """The content type a skill named by a verb and its object holds (代码 of 写代码, 文案 of 写文案): a mention of
        it too, so that a product said to 写代码 generates code (content_kinds drops it where nothing is made)."""
        surface = doc.text[match.start:match.end]
        verb = next((v for v in self.making_verbs if surface.startswith(v)), None)
        entry = self.lexicon.lookup(surface[len(verb):]) if match.entry.cls == "Skill" and verb else None
        if entry is None or entry.cls != "ContentType":
            return []
        return [lexicon_mention(doc, match.start + len(verb), match.end, entry, RULE)]

    def _industry_of_holder(self, doc, token) -> list:
        """The industry a one-word name of its holder starts with (保险公司, 法律咨询, 金融行业): a mention of it."""
        for holder in self.industry_holders:
            entry = self.lexicon.lookup(token.text[:-len(holder)]) if token.text.endswith(holder) else None
            if entry is not None and entry.cls == "Industry":
                return [lexicon_mention(doc, token.start, token.end - len(holder), entry, RULE)]
        return []


def generated_from(text: str, start: int, end: int) -> bool:
    """True for a name holding 生成 after a word that makes what comes before 生成 the source (根据文本生成长达…的视频,
    用文字生成图片): 生成 is the verb of the phrase — unless a head noun follows that makes the whole a name again
    (通过图像生成技术, 用文本生成模型)."""
    if not any(word in text[start:end] for word in GENERATING) or SOURCE_BEFORE.search(text, max(0, start - 3), start) is None:
        return False
    return not NAME_HEAD_AFTER.match(text, end)


def _generates_next(match, following) -> bool:
    """True for a '…生成' technology right before a content type (图片生成视频: makes videos from pictures), where
    生成 is the verb of the phrase, not the end of a name."""
    return match.entry.cls == "Technology" and match.entry.label.endswith("生成") and following is not None \
        and following.start == match.end and following.entry.cls == "ContentType"
