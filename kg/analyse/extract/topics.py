"""What a sentence or clause is about: the entity it opens with, the one 它 stands for, its heading's, and the subject a
clause without its own goes on with — lookups DocumentContext mixes in."""

from __future__ import annotations

import re

from kg.analyse.extract.steps import DEVELOPS_INTO
from kg.core.model import Mention

MARKUP = "*` 　"
TOPIC_LEAD = MARKUP + "“”\"'《》「」-+•·0123456789.、)）"
HEADED_OPENING = re.compile(r"[^，,。；;]{0,12}?(?:出品|推出|自研|旗下|开发|打造|研发)|(?:还|也|都|同时|主要|可|能|可以|能够|支持|基于|采用)")
PRONOUN_LEAD = 5  # characters of a time phrase that may stand before 它 (开完会它…)
PRONOUNS = ("它", "其", "该产品", "这款产品", "这个产品", "该工具", "这款工具", "该模型", "这个模型")
EFFORT_LEAD = r"(?:(?:只要|只需)?(?:一句话|一句描述|一段描述|一段文字|一张图|一张照片|一键|几秒钟?|几分钟)(?:就|即可|便)?)?"  # 一句话就能…
CONTINUES_SUBJECT = re.compile(  # a clause that goes on with the subject before: 它基于…, 也能…, 同样采用…
    r"[\s*]*(?:它|其|该模型|该产品|这款产品|该工具)|[\s*]*" + EFFORT_LEAD + r"(?:还|也|都|同时|并|并且|同样|则|又)?"
    r"(?:可|能|可以|能够|支持|采用|基于|擅长|主打|主要|专门|直接|靠|依靠|改用|用的是|底层)")
SUBJECT_BREAK = re.compile(r"[，,；;。！？!?：:]|——")  # where a clause that may hold a subject begins
HEAD_LEAD = re.compile(r"[^，,；;。]{0,16}的(?:[^，,；;。的]{0,6}(?:产品|模型|工具|应用|助手|平台))?"  # OpenAI推出的ChatGPT,
                      r"|[^，,；;。的]{0,6}(?:叫做?|名叫|名为)")  # 主力产品叫帆语, 一条叫“青禾智服”: the name introduced
# 快手的可灵, MiniMax的视频产品海螺AI: the name is the head, the lead its modifier
MODIFIES_NEXT = re.compile(r"[\s*“”\"]*(?:的|、|和|与|及|或)")  # Midjourney的图片, A和B: the name is no subject on its own
BECAME = re.compile(DEVELOPS_INTO + r"|(?:改|变)(?:成|为|到)")  # X演进成了Y / X改成了Y: what goes on is Y
NOT_A_SUBJECT_LEAD = re.compile(r"不同于|和|与|像|比|用|跟|同|对|把|被|给|让|从|向|除了|关于|随着|如果|只要|涉及|通过|借助|利用")


class TopicLookups:
    """Topic and clause-subject lookups over a document's sentences (needs doc, by_sentence, heading_mentions and
    previous_sentence from the class that mixes it in)."""

    def topic(self, index: int, cls: str) -> Mention | None:
        """The entity of cls a sentence is about: its opening one (Perplexity是…), else by 它 the one before's or its heading's."""
        sentence = self.doc.sentences[index]
        opening = next((m for m in self.by_sentence[index] if m.start == self.by_sentence[index][0].start
                        and m.cls == cls), None)  # (Microsoft 365 Copilot, not the Microsoft it starts with)
        if opening is not None and not self.doc.text[sentence.start:opening.start].strip(TOPIC_LEAD):
            return opening
        lead = sentence.text.lstrip(TOPIC_LEAD)
        late_it = lead.find("它", 0, PRONOUN_LEAD + 1)  # 开完会它会自动生成…: a short time phrase before 它
        pronoun = lead.startswith(PRONOUNS) or late_it > 0 and not any(
            m.start < sentence.end - len(lead) + late_it for m in self.by_sentence[index])
        if pronoun and self.previous_sentence(index) is not None:
            return self.topic(index - 1, cls)
        headed = pronoun or cls in ("Product", "Technology") and HEADED_OPENING.match(lead)  # 快手自研的…, 可以…
        return self.heading_topic(index, cls) if headed and self.previous_sentence(index) is None else None

    def heading_topic(self, index: int, cls: str) -> Mention | None:
        """The one entity of cls the innermost heading of a sentence names, if it names exactly one."""
        heading = (self.doc.sentences[index].section or ("",))[-1]  # (the heading is about it: it opens the heading)
        named = {m.key: m for m in self.heading_mentions.get(heading, []) if m.cls == cls}
        return next(iter(named.values())) if len(named) == 1 and heading.lstrip(TOPIC_LEAD + "一二三四五六七八九十").startswith(
            next(iter(named.values())).surface) else None

    def clause_subject(self, index: int, clause_start: int, cls: str) -> Mention | None:
        """The subject a clause without its own goes on with: walking back over the clauses of the sentence that
        continue a subject (它基于…, 也能…), the mention of cls that opens a clause before them as its subject
        (OpenAI推出的ChatGPT引爆全网，它基于Transformer，能生成文本和代码 → ChatGPT), else the sentence's topic."""
        sentence, text = self.doc.sentences[index], self.doc.text
        breaks = list(SUBJECT_BREAK.finditer(sentence.text, 0, clause_start - sentence.start))
        starts = [sentence.start, *(sentence.start + m.end() for m in breaks)]
        if breaks and text[clause_start:].lstrip(TOPIC_LEAD).startswith(("它", "其")):  # …用的是X，它基于Y: X
            named = {m.key: m for m in self.by_sentence[index] if starts[-2] <= m.start < clause_start and m.cls == cls}
            if len(named) == 1 and not MODIFIES_NEXT.match(text, next(iter(named.values())).end):
                return next(iter(named.values()))
        pronoun = text[clause_start:].lstrip(TOPIC_LEAD).startswith(("它", "其"))
        for start, end in reversed(list(zip(starts, (sentence.start + m.start() for m in breaks)))):
            named = [m for m in self.by_sentence[index] if start <= m.start < end and m.cls == cls]
            opening = named[0] if len({m.key for m in named}) == 1 or named and not pronoun \
                and not text[start:named[0].start].strip(TOPIC_LEAD) and not BECAME.search(text, start, end) else None
            # (X发布了Y，它…: which one is 它? X已接入Y，接下来主要面向…: X goes on; X演进成了Y，底层…: Y does)
            lead = text[start:opening.start].strip(TOPIC_LEAD) if opening is not None else ""
            if opening is not None and not MODIFIES_NEXT.match(text, opening.end) \
                    and (not lead or HEAD_LEAD.fullmatch(lead) and not NOT_A_SUBJECT_LEAD.search(lead)):
                return opening
            if not CONTINUES_SUBJECT.match(text, start):
                return None
        return self.topic(index, cls)  # 它由阿里巴巴出品，目前…: every clause goes on with the one 它 stands for
