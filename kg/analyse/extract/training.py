"""Training: a product trained with a technology is built on it — GPT-3.5用指令微调和RLHF训练, DeepSeek-R1…，用强化学习
训练出来, 它基于大规模强化学习训练 — for the product that is the clause's subject or the one an earlier clause opens with."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import SentenceExtractor, negated, part_around, relate
from kg.core.model import Mention, Relation

TRAINED_WITH = re.compile(r"(?:用|靠|通过|经过|采用|基于)(?:了)?(?:大规模|大量)?的?(□+(?:[、和与及]□+)*)(?:进行)?(?:训练|微调|训)(?:出来|而成)?"
                          r"(?![^，,。；;的]*的)")  # 用强化学习训练出来 (not 用强化学习训练的推理模型: a modifier)
SUBJECTLESS_TRAINED = re.compile(r"[\s*]*(?:它|其|该模型)?(?:也|都|同样|则|又|是|主要)*")  # …，同样靠强化学习训练出来


@register("training")
class TrainingExtractor(SentenceExtractor):
    """basedOn for the technologies a product is trained with."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """用 / 靠 / 通过 + technologies + 训练: the product that is the clause's subject (or the subject it goes on
        with, 它 included) is trained with, so based on, each of them."""
        masked = ctx.masked(index)
        if self.has("uncertainty", masked) or negated(self.cue, masked):
            return
        for trained in TRAINED_WITH.finditer(masked):
            product = self._trained(ctx, index, sentence, here, masked, trained.start())
            for tech in (m for m in here if m.cls == "Technology" and product is not None
                         and trained.start(1) <= m.start - sentence.start < trained.end(1)):
                yield relate(product, "basedOn", tech, sentence, ctx.doc, "pattern:trained-with", 0.75)

    @staticmethod
    def _trained(ctx, index, sentence, here, masked: str, at: int) -> Mention | None:
        """The product trained: the last one of the clause before the training words, when nothing makes it a
        modifier or a list item (的 / 、 / 和); else, for a clause with no subject of its own, the one it goes on with."""
        start, _ = part_around(masked, at)
        subjects = [m for m in here if m.cls == "Product" and sentence.start + start <= m.start
                    and m.end - sentence.start <= at]
        if subjects:
            return None if re.search(r"[的、和与]", masked[subjects[-1].end - sentence.start:at]) else subjects[-1]
        return ctx.clause_subject(index, sentence.start + start, "Product") \
            if SUBJECTLESS_TRAINED.fullmatch(masked[start:at]) else None
