"""Role anaphora: which role 前者 / 后者 / 这个岗位 / 这批人 / 他们 stand for, and which post a sentence about a posting
means — lookups DocumentContext mixes in."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from kg.analyse.extract.clauses import find_cue
from kg.analyse.extract.lines import BARE_HEADING
from kg.core.model import Mention

COLLEAGUES = ("同学", "同事", "小伙伴")  # 算法同学: people in a role, not the role as a post
THEY_IN_ROLE = re.compile(r"[\s*]*(?:他们|她们)(?:都|也|还|则|就|平时)*(?:需要|要|得|必须|应该|最好)[^，,。；;]*$")  # people in the role


class RoleAnaphora:
    """Role anaphora over a document's sentences (needs doc, by_sentence, heading_mentions, specific, topic, _partner
    and previous_sentence from the class that mixes it in)."""

    @cached_property
    def _earlier_roles(self) -> list[tuple[Mention, ...]]:
        """Per sentence: the last two distinct roles named before it (for 前者 / 后者 / 该岗位), as posts: people
        called colleagues (算法同学说的…) are no post a later 这个岗位 means."""
        earlier, last = [], ()
        for found in self.by_sentence:
            earlier.append(last)
            for role in self.specific(_posts(found)):
                last = (role, *[m for m in last if m.key != role.key])[:2]
        return earlier

    def _heading_role(self, index: int) -> Mention | None:
        """The first role the innermost heading above a sentence names that names one."""
        for heading in reversed([h for h in self.doc.sentences[index].section if h != self.doc.meta.title]):
            named = [m for m in self.heading_mentions.get(heading, []) if m.cls == "Role"]
            if named:
                return named[0]
        return None

    def _titles_section(self, index: int, role: Mention) -> bool:
        """True when the innermost heading above a sentence is the role's name alone (**1. 代码智能产品经理**)."""
        section = self.doc.sentences[index].section
        return len(section) > 1 and BARE_HEADING.fullmatch(section[-1].replace(role.surface, "", 1)) is not None

    def anaphor(self, index: int, before: str, cue: Callable[[str], frozenset[str]]) -> Mention | None:
        """The role that 前者 / 后者 / 该岗位 / 这类岗位 in `before` (text of sentence index) refers to: one of the last
        two distinct roles named in the sentences before (for 这个岗位 the section heading's post, when it is one);
        for 他们需要… the last name of the sentence before, when it is a role."""
        latest = self._earlier_roles[index]
        if find_cue(cue("latterRole"), before) and len(latest) == 2:
            return latest[0]
        if find_cue(cue("formerRole"), before) and len(latest) == 2:
            return latest[1]
        if THEY_IN_ROLE.match(before) and self.previous_sentence(index) is not None:
            named = [m for m in self.by_sentence[index - 1] if m.cls in ("Role", "Organization", "Person")]
            if named and named[-1].cls == "Role" and not self._partner(index - 1, named[-1]):
                return named[-1]  # **算法工程师（3人）**：一半外招。他们需要熟悉RAG和微调
        if find_cue(cue("thisRole"), before) and latest:
            posted = self._heading_role(index)  # ## 三、应用公司①：云帆数科，Agent产品经理 … 这个岗位日常对接…
            if posted is not None and self._titles_section(index, posted):
                return posted  # **1. 代码智能产品经理** … 知道程序员在哪一步最烦躁。这批人里…: the post the section is on
            spoken = self.topic(index - 1, "Role") if self.previous_sentence(index) is not None else None
            chosen = next((m for m in (posted, spoken) if m is not None and any(o.key == m.key for o in latest)), None)
            return chosen or latest[0]  # (大模型产品经理是AI产品经理的一种。所以这类岗位…: the one spoken of)
        return None

    def posted_role(self, index: int, upto: int, cue: Callable[[str], frozenset[str]]) -> Mention | None:
        """The role whose posting a sentence speaks of (这类岗位要求…, 岗位描述里的要求是：…, read in its text up to
        offset `upto`, where what is required starts): the last role the sentence before names, in the same paragraph."""
        before = self.doc.text[self.doc.sentences[index].start:upto]
        if not (find_cue(cue("thisRole"), before) or find_cue(cue("postingReference"), before)):
            return None
        return self.last_role_before(index)

    def last_role_before(self, index: int) -> Mention | None:
        """The last specific role the sentence before names, when it is in the same paragraph."""
        if self.previous_sentence(index) is None:
            return None
        return next(reversed(self.specific(_posts(self.by_sentence[index - 1]))), None)


def _posts(mentions: list[Mention]) -> list[Mention]:
    """The roles among mentions, as posts: not people called colleagues (算法同学)."""
    return [m for m in mentions if m.cls == "Role" and not m.surface.endswith(COLLEAGUES)]
