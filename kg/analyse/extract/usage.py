"""Where technology goes: a product or technology applied in an industry or scenario (大模型在医疗、金融领域的应用),
and a technology or concept that evolves into another (从决策式AI到生成式AI的转变, A 演进为 B), read clause by clause."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register, steps
from kg.analyse.extract.context import CLAUSE_BREAK, SentenceExtractor, find_cue, leads_clause, negated, relate
from kg.analyse.extract.scenarios import SCENE_NOUN
from kg.analyse.extract.versions import one_family, released_in_turn
from kg.core.model import Mention, Relation

APPLIED = frozenset({"Product", "Technology"})
AREAS = frozenset({"Industry"})  # a Concept (AI, AIGC, B端) read as an area is mostly wrong on real text
SCENARIOS = frozenset({"Industry", "Concept"})  # areas after a use verb or with a scenario word (智能客服场景)
USE_VERB = re.compile(r"(?:应用于|应用在|应用到|运用于|运用在|用于|用在|用到|(?:用来|拿来|(?:拿|用)它来?)做(?![一个款种套张份些])|"
                      r"用得最多的(?:是|还是|就是)|服务于|落地于|落地到|落地在|落到|落在|卖给|卖到|部署在|部署到|引入到|"
                      r"集成到|集成在|融入到|嵌入到|适用于|适合用于|适合用在|常见于|多见于)了?")  # 接入 / 引入 alone take what is brought in, not where
SCENARIO_AFTER = re.compile(r"^(?:等|(?:等|这类|这些|这几类)[^，,。；;□]{0,6}?的?(?=行业|领域|场景))?(?:行业|领域|场景|业务|方面)?(?:应用场景)?(?:中|里|上)?(?:的|被|得到|获得|有|已经|已|也|都|正在|逐步|陆续){0,2}"
                            r"(?:广泛|大量|大规模|普遍|深度|快速|率先|最先|最早|首先)?(?:应用|落地|用得|使用|普及|运用|渗透|跑通|试点)")  # 在游戏美术中被大量使用 / 在家居、服装这类重视觉的行业用得很多
RESHAPES = re.compile(r"[\s*]*(?:正在|将|已经|也|会|逐步|全面|深刻|彻底)*(?:重塑|颠覆|改造|渗透(?:到|进)?|走进)了?[\s*]*")
AREA_OF_THING = re.compile(r"[\s*]*((?:□+[\s*]*(?:、|和|与|及)[\s*]*)*□+)(?:行业|领域)?(?:都|也)?是(?:接入|引入|采用|部署|使用)?(□+)(?:技术)?"
                           r"(?:(?:最先|最早|最快|率先)?(?:落地|应用|渗透|普及)?[^，,。；;□]{0,6}的(?:[一二两三四五六几]个)?(?:行业|领域|场景|方向)"
                           r"|[^，,。；;□]{0,6}的(?:应用|落地)(?:场景|领域|方向)?(?:之一)?)")  # 政务、金融和医疗是接入R1最快的三个行业
THING_TO_PLACE = re.compile(r"[\s□*]*(?:技术|模型|大模型|产品|工具)?(?:主要|也|都|还|已经|目前)*")  # 文生图技术在广告行业…
AGENT_OF_BA = re.compile(r"[^，,。；;]*?(?:将|把).+$")  # X将AI技术应用于…: X applies another thing
PUT_TO_WORK = re.compile(r"[\s*]*(?:来|去)?(?:做|搞|实现|处理|进行|打造)了?[\s*]*$")  # 用大模型做风控: 大模型 applied in 风控
TAKEN_UP = re.compile(r"(?:用|利用|借助|使用|采用)[\s*]*$")
ADOPTS = re.compile(r"[\s*]*(?:行业|领域)?(?:也|已经|已|正在|开始|纷纷|都|率先|逐步|大规模|广泛|全面)*(?:引入|采用|使用|部署|接入|拥抱|用上)了?"
                    r"[^，,。；;□]{0,8}?$")  # 金融行业已经开始引入大模型: the industry takes the thing up
SCENE_IN = re.compile(SCENE_NOUN.pattern + r"(?:中|里|下)")  # 能在智能客服场景中自己查询订单: the scene word says where
TOOK_IT_UP = re.compile(r"(?:换上|接入|用上|引入|部署|上线)了?它[\s*]*$")  # 银行的智能客服都换上了它
AIMED_AT = re.compile(r"面向[\s*]*$")  # Copilot是一款面向制造业的AI助手
AIMED_MODIFIES = re.compile(r"(?:行业|领域)?的[^，,。；;的]{0,8}")  # 面向制造业的AI助手Copilot
AIMED_OF = re.compile(r"(?:是|为)?(?:一款|一个|一种|专门)?[\s*]*面向")  # Copilot是一款面向制造业…
PLUS = re.compile(r"\s*[+＋]\s*")  # 大模型+教育, AI＋医疗: the technology put to work in the industry
SUBJECTLESS_USE = re.compile(r"[\s*]*(?:(?:□+|官方|团队|他们)?(?:称|说|表示|介绍)(?=它))?(?:它|其|该产品|该模型|该工具)?(?:主要|也|都|还|可以|能够|可|能|被(?:广泛|大量|普遍)?|已经|目前|"
                             r"最常|则|更多|专门|专)*")  # …，被广泛用在在线问诊上 (not 广泛应用于 after a list of techniques);
# …，百度称它适合用在…: the maker's word about it
PRONOUN_SUBJECT = re.compile(r"[\s*]*(?:它|其|该产品|这款产品|该工具|这款工具|该模型)(?:目前|主要|也|都|还|已经)*")
PLACE_MODIFIER = re.compile(r"[\s*]*(?:(?:国内|海外|国外|全球|美国|欧美|日本)的?)?[\s*]*")  # 在海外的教育行业
INDUSTRY_FRAME = re.compile(r"(?:^|(?<=[，,]))[\s*]*在□+(?:行业|领域|赛道|场景)?(?:中|里|内)?[，,]"  # 比如，在电商行业，…
                            r"|^[\s*#]*□+(?:行业|领域)?[\s*]*[：:](?=[^：:]*?(?:应用|运用|采用|使用|借助|引入|接入|部署|落地|上线|推出|植入))")
# …: the clause after is set there; 金融行业：某银行应用知识图谱技术 labels what follows with the industry
AREA_JOINER = re.compile(r"^(?:、|和|与|及|以及|或|跟|，)$")
MODIFIER_OF = re.compile(r"^(?:行业|领域|场景|业务)?的(?=□|$)")  # 电商行业的智能客服: 电商 only narrows 智能客服
CLAUSE_END = re.compile(r"[\s*“”\"」]*[，,；;]")  # a name right before a clause break ends its clause
JOINED_BY = re.compile(r"[\s*“”\"]*(?:、|和|与|及|以及|跟)[\s*“”\"]*")  # A和B结合: joined, not listed by a comma
DESCRIBED_KIND = re.compile(r"(?:最早|最初|一开始|起初)?(?:只)?(?:是|也是|则是)(?:一个|一款|个|款)?(?:纯)?(?:[^，,。；;]{1,12}的)?[\s*]*")
# X是个纯…, 衍语最早是一个只能生成文本的对话模型
BASED_ON_LEAD = re.compile(r"(?:基于|依托|采用|依靠|靠|借助)[\s*“”\"]*$")  # what a product is built on is no subject
AFTER_AREA = 10  # characters after the area (the last of a list of areas) that may hold the trigger (…等领域的应用)
AREA_OF = re.compile(r"(?:行业|领域|赛道)?的")  # 医疗领域的大模型应用: between the area and the thing…
APPLICATION = re.compile(r"的?(?:应用|落地|实践)")  # …and right after the thing


@register("usage")
class UsageExtractor(SentenceExtractor):
    """appliedIn and evolvesInto between mentions of one clause, with trigger words from the ontology."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Where the sentence's things are applied and how they evolve, clause by clause; never in a heading or a
        hedge, and never in a denied clause (successions and frames: never in a sentence with a denial)."""
        if len(here) < 2:
            return
        masked = ctx.masked(index)
        clauses = _clauses(masked, sentence.start, here, minimum=1)
        if sentence.is_heading:  # 五、应用形态：从Chatbot到Copilot，再到Agent: a heading states a lineage, nothing else
            if steps.HEADING_LINEAGE.search(masked) and not negated(self.cue, masked):
                yield from self._succession(ctx, sentence, masked, here)
                for clause in clauses:
                    yield from self._evolves(ctx, sentence, clause)
            return
        if not find_cue(self.cue("hedge"), masked) and not negated(self.cue, masked):
            yield from self._framed(ctx, sentence, masked, here)
            yield from self._succession(ctx, sentence, masked, here)
        topic = ctx.topic(index, "Product") or ctx.topic(index, "Technology")
        opening = next((m for m in here if m.cls in APPLIED), None)  # what the sentence speaks of, if its subject
        opening = opening if opening is not None and leads_clause(sentence, opening) \
            and not BASED_ON_LEAD.search(ctx.doc.text, max(0, opening.start - 6), opening.start) else None
        for before, clause in zip([None, *clauses], clauses):
            if find_cue(self.cue("hedge"), clause[0]) or negated(self.cue, clause[0]):
                continue  # …用在海报设计上，终于不用再手动修字了: a hedge or a denial holds for its own clause
            yield from self._applied(ctx, sentence, clause)
            yield from self._used_for(ctx, sentence, clause, before, topic, opening, here)
            yield from self._evolves(ctx, sentence, clause)

    def _framed(self, ctx, sentence, masked: str, here: list[Mention]) -> Iterator[Relation]:
        """在电商行业，基于Stable Diffusion搭的工作流几乎是标配: a sentence opening with an industry as its frame
        applies the products and technologies of the clause after it in that industry."""
        frame = next(INDUSTRY_FRAME.finditer(masked), None)
        if frame is None:
            return
        areas = [m for m in here if m.cls in AREAS and sentence.start + frame.start() <= m.start
                 and m.end <= sentence.start + frame.end()]
        following = CLAUSE_BREAK.search(masked, frame.end())
        clause_end = sentence.start + (following.start() if following else len(masked))
        things = [m for m in here if m.cls in APPLIED and sentence.start + frame.end() <= m.start and m.end <= clause_end]
        for area in areas[:1] if len(areas) == 1 else []:
            for thing in things:
                yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:industry-frame", 0.7)

    def _applied(self, ctx, sentence, clause: tuple[str, int, list[Mention]]) -> Iterator[Relation]:
        """X 应用于 / 用于 / 在 Y(、Z)等领域的应用: each product or technology before each industry or scenario after;
        Y领域的X应用: the industry before the thing whose application the clause speaks of; Y是X落地最快的行业 /
        Y是X最成熟的应用之一; X正在重塑Y; X+Y."""
        text, offset, inside = clause
        areas = [m for m in inside if m.cls in AREAS]
        stated = AREA_OF_THING.match(text)  # 教育是大模型落地最快的行业之一
        thing = next((m for m in inside if stated and m.start - offset == stated.start(2) and m.cls in APPLIED), None)
        for area in (m for m in inside if thing and stated.start(1) <= m.start - offset < stated.end(1)):
            if area.cls in AREAS:
                yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:area-of-thing", 0.75)
        listed_with = [m for m in inside if m.cls in SCENARIOS]  # 在代码生成、智能客服、广告等场景: 代码生成 is a place too
        for thing in (m for m in inside if m.cls in APPLIED and not _listed(text, offset, m, listed_with)):
            for area in (m for m in areas if PLUS.fullmatch(text[thing.end - offset: m.start - offset])):
                yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:plus-area", 0.75)
            for area in (m for m in areas if m.end <= thing.start):
                if AREA_OF.fullmatch(text[area.end - offset: thing.start - offset]) \
                        and APPLICATION.match(text, thing.end - offset):
                    yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:area-application", 0.75)
            first = self._chain(text, offset, [m for m in areas if m.start > thing.end])  # 重塑电商、教育和医疗行业
            reshaped = first and RESHAPES.fullmatch(text[thing.end - offset: first[0].start - offset])
            for area in (m for m in areas if m.start > thing.end):
                list_end = self._chain(text, offset, [m for m in areas if m.start >= area.start])[-1].end
                span = text[thing.end - offset: list_end - offset + AFTER_AREA]
                if not (reshaped and area in first or find_cue(self.cue("appliedInTrigger"), span)) \
                        or MODIFIER_OF.match(text[area.end - offset:]) and "□" in text[area.end - offset:][:4]:
                    continue
                yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:applied-in", 0.8)

    def _used_for(self, ctx, sentence, clause, before, topic: Mention | None, opening: Mention | None,
                  here: list[Mention]) -> Iterator[Relation]:
        """X 主要用于 / 把 X 用在了 A(、B) / X 在 A 场景的落地 / X 在(海外的) A 行业用得最多 / 它在 A 行业…: the product
        or technology nearest before the use word (or the one the sentence opens with, when the clause has no
        subject of its own: BloombergGPT，基于…，主要用于…; or the topic 它 stands for), and each area after it that
        is not a modifier of the next (电商行业的智能客服 → 智能客服)."""
        text, offset, inside = clause
        verb = USE_VERB.search(text)
        if verb is not None:
            areas = [m for m in inside if m.cls in SCENARIOS and m.start >= offset + verb.end()]
            things = [m for m in inside if m.cls in APPLIED and m.end <= offset + verb.start()
                      and not AGENT_OF_BA.match(text, m.end - offset, verb.start())]  # 腾讯视频将AI技术应用于…
            if not things and before is not None and (SUBJECTLESS_USE.fullmatch(text[:verb.start()]) or "它" in verb.group()):
                things = [opening] if opening is not None and opening.end <= offset \
                    else _clause_final(ctx.doc.text, here, offset)
            yield from self._to_areas(ctx, sentence, text, offset, things[-1:], areas)
        yield from self._taken_up(ctx, sentence, clause)
        if TOOK_IT_UP.search(text):  # …最快的三个行业，不少地方的政务热线和银行的智能客服都换上了它: 它 is the thing before
            earlier = [m for m in here if m.cls in APPLIED and m.end <= offset]
            areas = [m for m in inside if m.cls in SCENARIOS]
            yield from self._to_areas(ctx, sentence, text, offset, earlier[-1:], areas)
        for at in (m.start() for m in re.finditer("在", text)):
            things = [m for m in inside if m.cls in APPLIED and m.end <= offset + at
                      and THING_TO_PLACE.fullmatch(text[m.end - offset: at])]
            if not things and topic is not None and topic.end <= sentence.start and PRONOUN_SUBJECT.fullmatch(text[:at]):
                things = [topic]  # Gamma是…工具。它在海外的教育和咨询行业用得很多
            elif not things and before is not None and opening is not None and opening.end <= offset \
                    and SUBJECTLESS_USE.fullmatch(text[:at]):
                things = [opening]  # X是一个法律大模型，(它)在合同审查里跑通了…
            chain = self._chain(text, offset, [m for m in inside if m.cls in SCENARIOS and m.start >= offset + at])
            if things and chain and PLACE_MODIFIER.fullmatch(text[at + 1: chain[0].start - offset]) \
                    and (SCENARIO_AFTER.match(text[chain[-1].end - offset:]) or SCENE_IN.match(text[chain[-1].end - offset:])):
                yield from self._to_areas(ctx, sentence, text, offset, things[-1:], chain)

    def _taken_up(self, ctx, sentence, clause) -> Iterator[Relation]:
        """用大模型做风控 (the thing put to work in an area), 金融行业已经开始引入大模型 (an industry opening the clause takes
        the thing up), 面向制造业的AI助手Copilot / Copilot是面向制造业的助手 (the thing aimed at an industry)."""
        text, offset, inside = clause
        things = [m for m in inside if m.cls in APPLIED]
        for thing in things:
            before, after = text[:thing.start - offset], text[thing.end - offset:]
            put = PUT_TO_WORK.match(after) if TAKEN_UP.search(before) else None
            area = next((m for m in inside if put and m.cls in SCENARIOS and m.start == thing.end + put.end()), None)
            if area is not None and area.label not in self.cue("notAnArea"):
                yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:put-to-work", 0.75)
            adopter = next((m for m in inside if m.cls in AREAS and m.end <= thing.start), None)
            if adopter is not None and not text[:adopter.start - offset].strip(" *□、和与及") \
                    and ADOPTS.fullmatch(text[adopter.end - offset:thing.start - offset]):
                yield relate(thing, "appliedIn", adopter, sentence, ctx.doc, "pattern:industry-adopts", 0.75)
            for area in (m for m in inside if m.cls in AREAS and AIMED_AT.search(text[:m.start - offset])):
                if area.end <= thing.start and AIMED_MODIFIES.fullmatch(text[area.end - offset:thing.start - offset]) \
                        or thing.end <= area.start and AIMED_OF.fullmatch(text[thing.end - offset:area.start - offset]):
                    yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:aimed-at", 0.75)

    def _to_areas(self, ctx, sentence, text, offset, things, areas) -> Iterator[Relation]:
        """appliedIn from the thing to each area that is not a modifier of the mention after it."""
        areas = [m for m in areas if m.label not in self.cue("notAnArea")]
        for thing in things:
            for area, following in zip(areas, [*areas[1:], None]):
                gap = text[area.end - offset: following.start - offset] if following else ""
                if following is not None and MODIFIER_OF.match(gap + "□") and area.cls != "Industry":
                    continue  # (an industry that narrows a scenario is still where the thing is used)
                yield relate(thing, "appliedIn", area, sentence, ctx.doc, "pattern:used-for", 0.8)

    @staticmethod
    def _chain(text: str, offset: int, areas: list[Mention]) -> list[Mention]:
        """The areas joined to the first one by list words (智能客服和AI编程), in order."""
        chain = areas[:1]
        for area in areas[1:]:
            if not AREA_JOINER.match(text[chain[-1].end - offset: area.start - offset].strip(" *")):
                break
            chain.append(area)
        return chain

    def _succession(self, ctx, sentence, masked: str, here: list[Mention]) -> Iterator[Relation]:
        """B取代了A / A被B取代 / B是A的升级版 / B的前身是A / B是在A的基础上发展起来的 / 在A的基础上训出了B /
        B是从A发展而来的 /
        A，后来演进成了B / A之后出现了B (no products) / 作为A的下一代，B…, and for versions
        of one family (GPT-3, GPT-4) 从A到B，再到C / A之后是B / 继A之后…推出了B / 先后推出了A和B (ascending versions): the
        older one evolves into the newer,
        for two consecutive technologies, products or concepts."""
        stages = [m for m in here if m.cls in steps.EVOLVING]
        stages = [m for m, before in zip(stages, [None, *stages]) if not _describes(masked, sentence.start, before, m)]
        for a, b in zip(stages, stages[1:]):
            gap, after = masked[a.end - sentence.start: b.start - sentence.start], masked[b.end - sentence.start:]
            if a.key == b.key or (a.cls, b.cls) not in steps.STEP_CLASSES and (b.cls, a.cls) not in steps.STEP_CLASSES:
                continue
            before = masked[:a.start - sentence.start]
            if steps.AS_SUCCESSOR.fullmatch(gap) and before.rstrip(" *").endswith("作为"):
                yield relate(a, "evolvesInto", b, sentence, ctx.doc, "pattern:succession", 0.8)
            elif steps.REPLACED.fullmatch(gap) or steps.SUCCESSOR_OF.fullmatch(gap) and steps.UPGRADE.match(after) \
                    or steps.FORMERLY.fullmatch(gap) \
                    or steps.GREW_FROM.fullmatch(gap) and steps.BASE_OF_GROWTH.match(after) \
                    or steps.CAME_FROM.fullmatch(gap) and steps.GREW_OUT.match(after):
                yield relate(b, "evolvesInto", a, sentence, ctx.doc, "pattern:succession", 0.8)
            elif steps.PASSIVE_REPLACED.fullmatch(gap) and steps.REPLACING.match(after) \
                    or steps.LATER_STEP.fullmatch(gap) \
                    or steps.BUILT_ON_BASE.fullmatch(gap) and before.rstrip(" *").endswith("在") \
                    or steps.TOWARDS.fullmatch(gap) and steps.MOVING_ON.match(after) or steps.RE_MADE.fullmatch(gap) \
                    or (steps.LATER_ONE.fullmatch(gap) or steps.SWITCHED.fullmatch(gap)) \
                    and "Product" not in (a.cls, b.cls) \
                    or steps.CAME_AFTER.fullmatch(gap) and "Product" not in (a.cls, b.cls):
                yield relate(a, "evolvesInto", b, sentence, ctx.doc, "pattern:succession", 0.8)
            elif steps.VERSION_STEP.fullmatch(gap) \
                    and ("Product" not in (a.cls, b.cls) or sentence.is_heading and a.cls == "Technology") \
                    and ("从" in before and (steps.LINE_OF_STEPS.search(before)
                                            or sentence.is_heading and "Technology" in (a.cls, b.cls))
                         or gap.startswith(("，再到", "，又到")) and steps.STEPPED_BEFORE.search(before)):
                yield relate(a, "evolvesInto", b, sentence, ctx.doc, "pattern:succession", 0.75)  # 从RNN到LSTM，再到GPT系列
            elif steps.COMBINED.fullmatch(gap):  # 扩散模型和Transformer结合，演进为DiT: each of the joined ones
                for joined in [*_joined_before(ctx.doc.text, a, stages), a]:
                    yield relate(joined, "evolvesInto", b, sentence, ctx.doc, "pattern:succession", 0.75)
            elif one_family(a, b) and (steps.VERSION_STEP.fullmatch(gap) and "从" in before
                                        or steps.FOLLOWED_BY.fullmatch(gap) or steps.CAME_AFTER.fullmatch(gap)
                                        or steps.SUCCEEDED.fullmatch(gap) and before.endswith("继")
                                        or steps.SERIES_GAP.fullmatch(gap) and released_in_turn(masked, a, b)):
                yield relate(a, "evolvesInto", b, sentence, ctx.doc, "pattern:version-step", 0.8)

    def _evolves(self, ctx, sentence, clause: tuple[str, int, list[Mention]]) -> Iterator[Relation]:
        """从 A 到 B（再到 C）的演进 / 从A、B到C / A 演进为 B: consecutive stages joined by a step word (or listed
        between 从 and 到), in a clause that speaks of development."""
        text, offset, inside = clause
        stated = find_cue(self.cue("evolutionTrigger"), text) or sentence.is_heading or steps.ARROW.search(text) and (
            find_cue(self.cue("evolutionTrigger"), sentence.text) or find_cue(self.cue("lineageTrigger"), sentence.text))
        if not stated and "转向" not in text:
            return  # (转向 turns only between technologies: 从稠密模型转向了MoE, not 百度从闭源转向开源)
        stages = [m for m in inside if m.cls in steps.EVOLVING]
        if sentence.is_heading:  # (从B端到C端，再到政企 is a range, not a lineage)
            stages = [m for m in stages if m.cls == "Technology"]
        for a, b in zip(stages, stages[1:]):
            step = text[a.end - offset: b.start - offset]
            if not stated and not (a.cls == b.cls == "Technology" and "转向" in step):
                continue
            if a.cls == b.cls == "Product" and not one_family(a, b) and not steps.STRONG_STEP.search(step):
                continue  # 从ChatGPT到Midjourney再到Sora lists products; GPT-3到GPT-4 and X升级为Y are steps
            if a.key != b.key and (a.cls, b.cls) in steps.STEP_CLASSES \
                    and (steps.STEP.match(step) or _listed_stage(text, offset, a, step)):
                yield relate(a, "evolvesInto", b, sentence, ctx.doc, "pattern:evolves-into", 0.8)
        for a in stages:  # 深度学习又演进为以预训练为核心的大模型: the newer stage comes after a modifier naming others
            modified = steps.MODIFIED_STEP.match(text, a.end - offset)
            b = next((m for m in stages if modified and m.start - offset == modified.end()), None)
            if b is not None and a.key != b.key and (a.cls, b.cls) in steps.STEP_CLASSES:
                yield relate(a, "evolvesInto", b, sentence, ctx.doc, "pattern:evolves-into", 0.75)


def _describes(masked: str, base: int, product: Mention | None, tech: Mention) -> bool:
    """True for a technology that says what the product before it is (星核-1B是个纯稠密模型，后来迭代出星核-3B: the
    product is the older step, not its kind)."""
    return product is not None and product.cls == "Product" and tech.cls == "Technology" \
        and DESCRIBED_KIND.fullmatch(masked, product.end - base, tech.start - base) is not None


def _joined_before(text: str, mention: Mention, stages: list[Mention]) -> list[Mention]:
    """The stages joined to this one by 和 / 与 / 、 right before it (扩散模型和Transformer: 扩散模型)."""
    joined, edge = [], mention
    for other in reversed([m for m in stages if m.end <= mention.start]):
        if not JOINED_BY.fullmatch(text[other.end:edge.start]):
            break
        joined.insert(0, other)
        edge = other
    return joined


def _clause_final(text: str, here: list[Mention], before: int) -> list[Mention]:
    """The last product or technology before `before` that ends its clause (…发布了法律大模型衡律，依托…，专门用于…: 衡律),
    as the subject a later clause without one goes on with."""
    final = [m for m in here if m.cls in APPLIED and m.end < before and CLAUSE_END.match(text, m.end)
             and not BASED_ON_LEAD.search(text, max(0, m.start - 6), m.start)]  # (…，基于RAG，用在…: the product's)
    return final[-1:]


def _listed_stage(text: str, offset: int, a: Mention, step: str) -> bool:
    """True for 从统计语言模型、神经语言模型到预训练语言模型: a stage listed after 从 whose list goes on to a 到."""
    return step.strip(" *") == "、" and "从" in text[:a.start - offset] and "到" in text[a.end - offset:]


def _listed(text: str, offset: int, mention: Mention, areas: list[Mention]) -> bool:
    """True for a mention listed with an area (应用于智能手机、自动驾驶、智慧城市: 自动驾驶 is one of the places, not
    what is applied there); 无人机、物联网等技术在农业领域 lists things, not areas."""
    return any(text[area.end - offset: mention.start - offset] == "、"
               or text[mention.end - offset: area.start - offset] == "、" for area in areas)


def _clauses(masked: str, base: int, here: list[Mention], minimum: int = 2) -> list[tuple[str, int, list[Mention]]]:
    """(masked clause text, its document offset, the mentions inside it) for each clause of a sentence that holds at
    least `minimum` mentions."""
    clauses, start = [], 0
    for match in [*CLAUSE_BREAK.finditer(masked), None]:
        end = match.start() if match else len(masked)
        inside = [m for m in here if base + start <= m.start and m.end <= base + end]
        if len(inside) >= minimum:
            clauses.append((masked[start:end], base + start, inside))
        start = match.end() if match else end
    return clauses
