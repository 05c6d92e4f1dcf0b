"""Recurrences: a name an extractor discovered in one sentence names the same entity wherever else the article writes
it (知行助手 introduced once, then the subject of later sentences) — matched on word boundaries only, never inside a
longer word, a link or another mention."""

from __future__ import annotations

import dataclasses
import re

from kg.analyse.extract import register
from kg.analyse.extract.mentions import in_links, link_ranges, new_mention, with_mentions
from kg.analyse.extract.open_vocabulary.latin import version_after
from kg.analyse.extract.resources import Resources
from kg.analyse.extract.structure import CUE_RULE
from kg.core.model import Extraction, Mention

LATIN_EDGE = re.compile(r"[A-Za-z0-9]")
MIN_NAME_LENGTH = 2
UNTYPED_LATIN = "open:latin-untyped"
SHORT_FORM = re.compile(r"[A-Za-z]{0,3}\d[\w.]{0,4}")  # R1, V3, 4o: a version that stands for its product


@register("recurrences")
class RecurrenceExtractor:
    """Adds a mention at every other word-bounded occurrence of each discovered name of the article, in place of
    the shorter names found inside it there (its maker 美图 in 美图云修Pro, the content word 文案 in 妙笔文案助手)."""

    def __init__(self, resources: Resources) -> None:
        """Recurrences need no resources: the names come from the mentions found so far."""

    def __call__(self, state: Extraction) -> Extraction:
        first: dict[str, Mention] = {}
        for mention in state.mentions:
            if not mention.iri and mention.rule != CUE_RULE and len(mention.surface.strip()) >= MIN_NAME_LENGTH:
                first.setdefault(mention.surface, mention)
        short = _short_forms(state.mentions)
        added, replaced = [m for _, m in short], {m for m, _ in short}
        if not first:
            return with_mentions(state, added, replaced) if short else state
        text = state.document.text
        bounds = {edge for sentence in state.tokens for token in sentence for edge in (token.start, token.end)}
        taken = bytearray(len(text))  # 1 where a mention already stands
        for mention in state.mentions:
            taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
        links = [span for sentence in state.document.sentences for span in link_ranges(sentence)]
        names = re.compile("|".join(map(re.escape, sorted(first, key=lambda name: (-len(name), name)))))
        for match in names.finditer(text):
            start, end = match.span()
            if not _word_bounded(text, start, end, bounds) or in_links(start, end, links):
                continue
            name = first[match.group()]
            inside = [m for m in state.mentions if m.start < end and start < m.end] if any(taken[start:end]) else []
            if all(start <= m.start and m.end <= end and m.end - m.start < end - start
                   for m in inside):  # 美图云修Pro again, though its maker 美图 was found at its start
                added.append(dataclasses.replace(name, start=start, end=end))
                replaced.update(inside)
        versions = _versions(state, [m for m in (*state.mentions, *added) if m not in replaced], taken)
        extended = {m for _, m in versions}
        return with_mentions(state, [m for m in added if m not in extended] + [v for v, _ in versions],
                             replaced | extended)


def _versions(state: Extraction, mentions: list[Mention], taken: bytearray) -> list[tuple[Mention, Mention]]:
    """(versioned product, the mention it extends) for a discovered product written with a version right after it
    (启衡影语1.0, 声澜V3, 镜语Pro): a product of its own, as versions of lexicon products are."""
    text, pairs = state.document.text, []
    for mention in (m for m in mentions if m.cls == "Product" and not m.iri):
        match = version_after(text, mention.end, len(text))
        if match and not any(taken[mention.end:match.end()]):
            versioned = new_mention(state.document, mention.start, match.end(), "Product", "open:product-version",
                                    mention.confidence)
            pairs.append((versioned, mention))
    return pairs


def _word_bounded(text: str, start: int, end: int, bounds: set[int]) -> bool:
    """True when [start, end) begins and ends on token edges and no Latin letter or digit runs on past either end."""
    if start not in bounds or end not in bounds:
        return False
    before, after = text[start - 1:start], text[end:end + 1]
    return not (LATIN_EDGE.match(text[start]) and LATIN_EDGE.match(before)
                or LATIN_EDGE.match(text[end - 1]) and LATIN_EDGE.match(after))


def _short_forms(mentions: tuple[Mention, ...]) -> list[tuple[Mention, Mention]]:
    """(untyped mention, the product mention it stands for) for a short form with a digit that ends exactly one
    product named in the article after a hyphen or a space (R1 of DeepSeek-R1, V3 of DeepSeek-V3; 声澜V3 is a
    coined name of its own, found by the brands extractor before)."""
    products = {m.key: m for m in mentions if m.cls == "Product"}
    pairs = []
    for mention in (m for m in mentions if m.rule == UNTYPED_LATIN and SHORT_FORM.fullmatch(m.surface)):
        owners = [p for p in products.values() if re.search(rf"[-\s]{re.escape(mention.surface)}$", p.label, re.I)]
        if len(owners) == 1:
            pairs.append((mention, dataclasses.replace(owners[0], start=mention.start, end=mention.end,
                                                       surface=mention.surface)))
    return pairs
