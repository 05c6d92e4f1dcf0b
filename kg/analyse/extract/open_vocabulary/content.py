"""生成一份审查意见书, 能生成庭审笔录摘要和裁判文书初稿: an unknown name ending with a content head (摘要, 报告, 意见书…)
right after a verb for what a machine makes (生成, 转成…), and the names coordinated with it, are kinds of generated content."""

from __future__ import annotations

from kg.analyse.extract.mentions import new_mention, overlaps
from kg.analyse.extract.open_vocabulary.shapes import NEVER_FIRST_TAGS, is_name_part, is_nounish, is_verbish
from kg.core.model import Document, Mention, Sentence, Token

QUANTITY_TAGS = frozenset({"m", "mq", "q"})  # 一份, 一段, 几张: a measure word between the verb and the name
DRAFTS = frozenset({"初稿", "草稿", "初版", "样稿", "小样", "终稿"})  # 裁判文书初稿: the draft of a裁判文书
JOINERS = frozenset({"和", "、", "与", "及", "以及", "或"})
MAX_MODIFIER_CHARS = 12  # 生成穿着同款衣服的模特图: a modifier ending in 的 between the verb and the name
MAX_NAME_CHARS = 8
MIN_NAME_CHARS = 3
CONFIDENCE = 0.6


class GeneratedContent:
    """Finds kinds of content named as what something generates (_generated_kinds).

    A mixin of OpenVocabularyExtractor, whose __init__ reads the cue words it uses."""

    def _generated_kinds(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """Each unknown name with a content head that a content verb governs, alone or in a coordinated list."""
        for index, token in enumerate(tokens):
            if token.text not in self.content_verbs:
                continue
            at = _past_quantity(tokens, index + 1)
            if self._content_name(doc, tokens, at, self._name_run(tokens, at), known) is None:
                at = _past_modifier(tokens, at)  # (生成设计稿的时候: the name comes first)
            while at < len(tokens):
                end = self._name_run(tokens, at)
                found = self._content_name(doc, tokens, at, end, known)
                if found is not None:
                    yield found
                if end < len(tokens) and tokens[end].text in DRAFTS:
                    end += 1
                if end >= len(tokens) or tokens[end].text not in JOINERS:
                    break
                at = end + 1

    def _name_run(self, tokens: tuple[Token, ...], at: int) -> int:
        """Index after the glued run of name tokens starting at `at` (up to a draft word or a break)."""
        end = at
        while end < len(tokens) and is_name_part(tokens[end].text) and tokens[end].text not in DRAFTS \
                and tokens[end].text not in JOINERS and tokens[end].text not in self.breaks \
                and (is_nounish(tokens[end]) or is_verbish(tokens[end])) \
                and (end == at or tokens[end - 1].end == tokens[end].start):
            end += 1
        return end

    def _content_name(self, doc, tokens, at, end, known) -> tuple[Mention, list[Mention]] | None:
        """The name tokens[at:end] when it ends with a content head after a prefix that opens with no verb, is new and
        ends with no known name."""
        if end - at < 2 or tokens[at].tag in NEVER_FIRST_TAGS or is_verbish(tokens[at]) \
                or not tokens[end - 1].text.endswith(self.content_heads):  # (写作文、翻译文章: 翻译 is the verb)
            return None
        start, stop = tokens[at].start, tokens[end - 1].end
        if not MIN_NAME_CHARS <= stop - start <= MAX_NAME_CHARS:
            return None
        inside = [m for m in known if overlaps(m, start, stop)]
        if any(m.start < start or m.end > stop or m.end == stop for m in inside):
            return None  # (持仓分析图表: the known 图表 stays the name; a name reaching out belongs elsewhere)
        return new_mention(doc, start, stop, "ContentType", "open:content-head", CONFIDENCE), inside


def _past_quantity(tokens: tuple[Token, ...], at: int) -> int:
    """Index of the first token at or after `at` that is no measure word (一份, 几张)."""
    while at < len(tokens) and tokens[at].tag in QUANTITY_TAGS:
        at += 1
    return at


def _past_modifier(tokens: tuple[Token, ...], at: int) -> int:
    """Index of the token after a short modifier starting at `at` that ends in 的 and holds no punctuation
    (穿着同款衣服的); `at` itself when there is none."""
    for end in range(at, len(tokens)):
        if tokens[end].end - tokens[at].start > MAX_MODIFIER_CHARS or not is_name_part(tokens[end].text) \
                and tokens[end].text != "的":
            return at
        if tokens[end].text == "的":
            return end + 1
    return at
