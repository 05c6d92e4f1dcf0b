"""Versions of one product line: names that start alike (GPT-3 / GPT-4o) and version numbers read in order, for the
rules that tell a line's steps (usage) and carry a maker along it (family_makers)."""

from __future__ import annotations

import re

from kg.core.model import Mention

IN_TURN = re.compile(r"先后|陆续|相继|依次|迭代|升级|演进|一路")
COMPARED = re.compile(r"相比|对比|比较|不如|比[^较]|vs|VS")
VERSION_NUMBER = re.compile(r"\d+(?:\.\d+)*")
FAMILY = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]{2}")


def released_in_turn(masked: str, a: Mention, b: Mention) -> bool:
    """True when a sentence that speaks of releases in turn or of upgrades (先后推出了, 陆续发布, 迭代) lists two versions
    of one family in ascending order (GPT-4 then GPT-4o, 可灵1.5 then 可灵1.6), and compares nothing."""
    if not IN_TURN.search(masked) or COMPARED.search(masked):
        return False
    first, second = _version(a.label), _version(b.label)
    return first is not None and second is not None and (first < second or first == second and len(b.label) > len(a.label))


def _version(label: str) -> tuple[int, ...] | None:
    """The first version number of a name as a tuple (GPT-3.5 → (3, 5)), or None."""
    found = VERSION_NUMBER.search(label)
    return tuple(int(part) for part in found.group().split(".")) if found else None


def one_family(a: Mention, b: Mention) -> bool:
    """True when two names start alike (GPT-3 / GPT-4o, 文心一言 / 文心大模型): versions of one product line."""
    first, second = FAMILY.match(a.label), FAMILY.match(b.label)
    return first is not None and second is not None and first.group().lower() == second.group().lower()
