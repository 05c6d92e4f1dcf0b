"""transitionsTo: from which role people move into another — a switch word between two roles of one statement
(从 A 转型 B) or after them (A开始往B转型), what someone was then and is now (之前是A，如今做B), where they came
from (从 A 转过来), the people a switch is wanted by (想转型B的A), the role a sentence is framed by (对于A来说，
…如何转型成为B), and the steps of a career ladder (A的晋升路径是B，再到C)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.analyse.extract import register
from kg.analyse.extract.context import (
    CLAUSE_BREAK,
    MARKUP,
    STATEMENT_BREAK,
    SentenceExtractor,
    find_cue,
    negated,
    relate,
)
from kg.analyse.extract.mentions import coordinated
from kg.analyse.extract.roles import named_anaphor
from kg.core.model import Mention, Relation

SUBJECTLESS_CHARS = set("今去明前年后来现在如今最近已经也都又再随然终于则便就上下半月底初中0123456789 *")  # 2023年下半年转成了B
FORMER_WINDOW = 10  # characters before the first role that may say it was the former one (两年前我还在做)
ORIGIN = ("出身", "背景")  # 我是交互设计师出身，后来转做B
TRANSITION_GAP = 40  # characters between two roles of one transition statement
FORMER = re.compile(r"(?:(?:原来|原本|之前|以前|曾经|过去|此前|早年|[一二两三四五六七八九十几\d]+年前)我?还?(?:是|在)?(?:一名|一个)?(?:做|当|干)?"
                    r"|(?:背景|出身|身份)(?:是|为)(?:一名|一个)?|(?:有|认识)(?:一位|一个|一名|位|个)"
                    r"|做了[一两二三四五六七八九十几多半\d]{1,3}年(?:的)?)$")  # 原来是做内容运营的，后来转型成了… / 有一位A，…现在做B
WAS_BEFORE = re.compile(r"[，,]\s*(?:他|她)?(?:原来|原本|之前|以前|此前|早年)(?:是|在[^，,。；;□]{0,10}?)?(?:做|当|干)?过?(?:一名|一个)?\s*$")
WAS_AFTER = re.compile(r"[\s*“”\"]*的?[\s*“”\"]*(?:[，,。；;！!]|$)")  # B，原来是做A的。: the role someone in B had before
SOME_OF_THEM = re.compile(r"^\s*(?:也|还)?(?:有人|有的人?|不少人|很多人|一部分人|其中[一两几]?[个位]?人?)")  # A，有人转成了B，有人去做了C
SOME_DID = re.compile(r"[，,]\s*(?:也|还)?(?:有人|有的人?|不少人|很多人|一部分人)(?:去|则|又|就)?(?:做|当|干|转做|转)了?\s*$")
NOW = re.compile(r"^[^，,]{0,4}?(?:后来|现在|如今|目前|之后|去年|今年|最终|终于|最近)[^，,]{0,6}?"
                 r"(?:成为|成了|是|做|当|转|进入|加入)")  # 之前是A，如今做B / 做了三年A，后来成为了一名B
NOW_TO_ROLE = 6  # characters between NOW's verb and the new role (了一名, 起了)
FROM_REACH = 12  # characters before a role read for 从 (从智能音箱的语音产品经理)
FROM_SOURCE = re.compile(r"从(?:[^，,。；;从]{1,10}的)?$")  # 从原画师 / 从智能音箱的语音产品经理 (转过去)
CAME_AFTER = re.compile(r"(?:转过来|转来|转行过来|转型过来|转岗过来|转过去|转行过去|转岗过去|转型过去|转行而来|转型而来)")  # AI美术，基本都是从原画师转过来的
FRAMED_BY = re.compile(r"(?:^|(?<=[，,；;]))\s*(?:对于|对|作为)(?:一名|一个)?(?P<role>□+)(?:来说|而言)?[，,]")  # 对于产品经理来说，…转型成为B
SWITCH_TO_ROLE = 12  # characters between the switch word and the role it leads to
JOURNEY = re.compile(r"转型|转行|转岗|跨界|之路|历程|花了|用了|走过|经历")  # 从A到B，我花了半年 / 我的转型之路：从A到B
TOWARDS = re.compile(r"[^，,。；;！？!?]{0,6}?(?:往|向|朝)")  # A又开始往B转型: the switch word follows B
SWITCH_AFTER = re.compile(r"(?:方向)?(?:转型|转岗|转行|转|迁移|靠拢)")
ROLE_ARROW = re.compile(r"[\s*]*(?:→|->|—>|=>|➡|⟶)[\s*]*")  # **B端产品经理 → AI应用产品经理**: a path from one role to the next
CAREER_MOVE = re.compile(r"转型|转行|转岗|跳槽|路径|路线|晋升|职业发展|成长|一条路|转变")  # where an arrow between roles is a move
BECAME = re.compile(r"[\s*]*(?:也|又|就|逐渐|慢慢)?(?:变成|变为|换成|换到|调成|调到|升为|升到)了?[\s*]*")  # 岗位也从A变成了B
LADDER = re.compile(r"晋升|发展路径|职业路径|成长路径|职业发展|上升通道|发展路线")  # a sentence about a career ladder
LADDER_STEP = re.compile(r"(?:的(?:晋升|发展|职业|成长)?(?:路径|路线|通道|方向)(?:通常|一般|往往|大多)?(?:是|为|[：:])"
                         r"|[，,]?\s*(?:再|然后|之后|往上)?(?:到|是|升到|晋升为|晋升到)|\s*(?:→|->|—>|=>)\s*)")  # A的晋升路径是B，再到C
WANTED_LEAD = 8  # characters before the target role in which 想转型B的A's switch word must stand


@register("transitions")
class TransitionExtractor(SentenceExtractor):
    """transitionsTo between two roles a sentence names, read from its switch words."""

    def read(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """The switches a sentence states; a title states them too, but frames (对于A来说，…) are read in prose only."""
        yield from self._transitions(ctx, index, sentence, here)
        yield from self._ladder(ctx, sentence, here)
        if not sentence.is_heading:
            yield from self._framed(ctx, index, sentence)

    def _transitions(self, ctx, index, sentence, here) -> Iterator[Relation]:
        """Each pair of neighbouring roles, read by the first of the rules that fits it; and the roles people came
        from (AI美术，基本都是从原画师转过来的，也有从插画师转行过去的) into the role the sentence opens with, or the post
        an anaphor opening it stands for (这批人里有不少是从前端工程师、后端工程师转过来的)."""
        roles = [m for m in here if m.cls == "Role"]
        text = ctx.doc.text
        sources = _came_from(text, roles)
        target = next((m for m in roles if m not in sources and m.end <= sources[0].start), None) if sources else None
        if target is None and sources and find_cue(self.cue("thisRole"), text[sentence.start:sources[0].start]):
            target = named_anaphor(ctx, index, text[sentence.start:sources[0].start], self.cue)
        for source in (m for m in sources if target is not None and target.end <= m.start and m.key != target.key):
            if not negated(self.cue, text[max(target.end, sentence.start):source.start]):
                yield relate(source, "transitionsTo", target, sentence, ctx.doc, "pattern:transition-from", 0.8)
        source = None  # the role of 有人 / 有的 clauses: A，有人转成了B，有人去做了C
        for a, b in zip(roles, roles[1:]):
            gap = text[a.end:b.start]
            if a.key == b.key or STATEMENT_BREAK.search(gap) or len(gap) > TRANSITION_GAP \
                    or negated(self.cue, gap) or find_cue(self.cue("hedge"), gap):
                continue
            trigger = find_cue(self.cue("transitionTrigger"), gap)
            crossed = CLAUSE_BREAK.search(gap)
            if trigger and (not crossed or FORMER.search(text[max(sentence.start, a.start - FORMER_WINDOW):a.start])
                            or gap.startswith(ORIGIN)
                            or _subjectless(SOME_OF_THEM.sub("", re.split(CLAUSE_BREAK, gap)[-1]), trigger)):
                yield relate(a, "transitionsTo", b, sentence, ctx.doc, "pattern:transition", 0.85)
                source = a if SOME_OF_THEM.match(re.split(CLAUSE_BREAK, gap)[-1]) else None
            elif source is not None and SOME_DID.fullmatch(gap) and source.key != b.key:
                yield relate(source, "transitionsTo", b, sentence, ctx.doc, "pattern:transition", 0.8)  # …，有人去做了C
            elif WAS_BEFORE.search(gap) and WAS_AFTER.match(text, b.end) and len(gap) <= FORMER_WINDOW + 4:
                yield relate(b, "transitionsTo", a, sentence, ctx.doc, "pattern:former-now", 0.8)  # B，原来是做A的
            elif TOWARDS.fullmatch(gap) and SWITCH_AFTER.match(text, b.end):
                yield relate(a, "transitionsTo", b, sentence, ctx.doc, "pattern:transition-towards", 0.8)
            elif _former_then_now(text, sentence, a, gap):
                yield relate(a, "transitionsTo", b, sentence, ctx.doc, "pattern:former-now", 0.8)
            elif self._wanted_by(text, sentence, a, gap):
                yield relate(b, "transitionsTo", a, sentence, ctx.doc, "pattern:transition-wanted", 0.8)
            elif text.startswith("从", a.start - 1) and gap.strip(" *") in ("到", "转到", "再到") \
                    and (JOURNEY.search(sentence.text) or _titled_journey(sentence, b)) \
                    and not negated(self.cue, sentence.text[:a.start - sentence.start]):
                yield relate(a, "transitionsTo", b, sentence, ctx.doc, "pattern:transition-journey", 0.8)
            elif text.startswith("从", a.start - 1) and BECAME.fullmatch(gap):
                yield relate(a, "transitionsTo", b, sentence, ctx.doc, "pattern:transition-became", 0.8)
            elif ROLE_ARROW.fullmatch(gap) and not negated(self.cue, sentence.text) \
                    and any(CAREER_MOVE.search(part) for part in (sentence.text, *sentence.section)):
                yield relate(a, "transitionsTo", b, sentence, ctx.doc, "pattern:transition-arrow", 0.8)

    def _ladder(self, ctx, sentence, here) -> Iterator[Relation]:
        """A的晋升路径通常是B，再到C / A→B→C in a sentence about a career ladder: each role moves into the next."""
        if not LADDER.search(sentence.text) or negated(self.cue, sentence.text):
            return
        roles = [m for m in here if m.cls == "Role"]
        for a, b in zip(roles, roles[1:]):
            if a.key != b.key and LADDER_STEP.fullmatch(ctx.doc.text[a.end:b.start].strip(MARKUP)):
                yield relate(a, "transitionsTo", b, sentence, ctx.doc, "pattern:transition-ladder", 0.8)

    def _framed(self, ctx, index: int, sentence) -> Iterator[Relation]:
        """对于产品经理来说，…如何升级转型成为AIGC产品经理: the framed role moves into each role that follows a switch
        word of the sentence closely."""
        masked = ctx.masked(index)
        frame = next(FRAMED_BY.finditer(masked), None)  # at the start of the sentence or of one of its clauses
        if frame is None:
            return  # (a question is no hedge here: 如何转型成为B still names the switch)
        roles = [m for m in ctx.by_sentence[index] if m.cls == "Role"]
        framed = [m for m in roles if m.end - sentence.start == frame.end("role")]
        rest = masked[frame.end():]
        trigger = find_cue(self.cue("transitionTrigger"), rest)
        if not framed or trigger is None or negated(self.cue, rest[:rest.index(trigger)]):
            return
        at = sentence.start + frame.end() + rest.index(trigger) + len(trigger)
        for role in roles:
            gap = ctx.doc.text[at:role.start]
            if role.start >= at and len(gap) <= SWITCH_TO_ROLE and not CLAUSE_BREAK.search(gap) \
                    and role.key != framed[0].key:
                yield relate(framed[0], "transitionsTo", role, sentence, ctx.doc, "pattern:transition-framed", 0.8)

    def _wanted_by(self, text: str, sentence, target: Mention, gap: str) -> bool:
        """True for 想转型B的A / 准备转行做B的A: a switch word shortly before role B, and role A right after B的."""
        if gap.strip(MARKUP) != "的":
            return False
        lead = re.split(CLAUSE_BREAK, text[max(sentence.start, target.start - WANTED_LEAD):target.start])[-1]
        return bool(find_cue(self.cue("transitionTrigger"), lead)) and not text.startswith("从", target.start - 1) \
            and not negated(self.cue, lead)


def _former_then_now(text: str, sentence, a: Mention, gap: str) -> bool:
    """True when role a is what someone was (之前是A / A出身 / 做了三年A) and the next clause says what they are
    now (，如今做B / ，后来成为了一名B)."""
    was = FORMER.search(text[max(sentence.start, a.start - 10):a.start]) or gap.startswith("出身")
    clauses = re.split(CLAUSE_BREAK, gap)
    now = NOW.search(clauses[-1]) if was and len(clauses) in (2, 3) else None  # (有一位A，自学了半年大模型，现在做B)
    return now is not None and len(clauses[1]) - now.end() <= NOW_TO_ROLE


def _came_from(text: str, roles: list[Mention]) -> list[Mention]:
    """The roles people came from: 从A转过来 and every role of 从A、B转过来."""
    sources = []
    for role in (m for m in roles if FROM_SOURCE.search(text, max(0, m.start - FROM_REACH), m.start)):
        run = [role, *coordinated(text, role, [r for r in roles if r.start >= role.end])]
        if CAME_AFTER.match(text, run[-1].end):
            sources += [m for m in run if m not in sources]
    return sources


def _subjectless(clause: str, trigger: str) -> bool:
    """True when a clause opens with its transition word after time words and adverbs only (…，今年转成了B)."""
    at = clause.find(trigger)
    return at >= 0 and all(ch in SUBJECTLESS_CHARS for ch in clause[:at])


def _titled_journey(sentence, b: Mention) -> bool:
    """True for a heading that ends with 从A到B (## 二、林溪：从UI设计师到多模态产品经理): a story's step."""
    return sentence.is_heading and not sentence.text[b.end - sentence.start:].strip(MARKUP + "#：:")
