"""Roles among themselves: the one an article is about, and which of two is the narrower."""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.analyse.extract.topics import MARKUP
from kg.core.model import Mention

RESTATED = re.compile(r"[\s*]*(?:说白了|其实|也就是|本质上|简单说|换句话说|即)")  # …，说白了就是Y的一种
LEFT_FOR = re.compile(r"[\s*“”\"]*(?:出身|转(?:成|到|做|为|去|向)了?|转行(?:做|成|到)了?|转岗(?:到|成|为)了?)")  # UI设计师转成了…


def former_roles(text: str, roles: list[Mention]) -> list[Mention]:
    """The roles of a sentence someone left for a later one in it (从UI设计师转成了AIGC设计师: UI设计师)."""
    return [m for m in roles[:-1] if LEFT_FOR.match(text, m.end) and any(o.start > m.end for o in roles)]


def main_role(roles: list[Mention]) -> Mention | None:
    """The role an article is about: its most mentioned role, a specific one before a generic head (产品经理)."""
    counts: dict[str, int] = {}
    for role in roles:
        counts[role.key] = counts.get(role.key, 0) + 1
    first = {role.key: role for role in reversed(roles)}
    labels = {role.label for role in first.values()}  # distinct labels: linear in the mentions, not quadratic
    generic = {key for key, r in first.items() if any(o != r.label and o.endswith(r.label) for o in labels)}
    ranked = sorted(counts, key=lambda key: (key in generic, -counts[key], key))
    return first[ranked[0]] if ranked else None


def narrower(child: Mention, parent: Mention) -> bool:
    """True unless child is the parent or a generic head of it (产品经理 is never a kind of 大模型产品经理)."""
    return child.key != parent.key and not parent.label.endswith(child.label)


def named_anaphor(ctx, index: int, before: str, cue: Callable[[str], frozenset[str]]) -> Mention | None:
    """The role 这个岗位 / 这类岗位 in `before` refers to (DocumentContext.anaphor); when that is a bare head word such
    as 产品经理, the role of the section's heading (## 二、模型厂：衡川智能，大模型评测产品经理 … 所以这个岗位每天都和…)."""
    anaphor = ctx.anaphor(index, before, cue)
    if anaphor is not None and anaphor.label in cue("roleHead"):
        return ctx.nearest(index, "Role")
    return anaphor


def restated_role(masked: str, clause_start: int, roles: list[Mention], base: int = 0) -> Mention | None:
    """The role the clause before ends with, when the clause at document offset `clause_start` restates what it is
    (招的是大模型应用产品经理，说白了就是AI应用产品经理的一种); `masked` is the sentence's masked text from `base`."""
    before = [m for m in roles if m.end <= clause_start - 1]
    ends_clause = before and not masked[before[-1].end - base:clause_start - 1 - base].strip(MARKUP + "“”\"")
    return before[-1] if ends_clause and RESTATED.match(masked, clause_start - base) else None
