"""The line structure of an article written in markdown or plain text: list lines, the label at a line's head, the
lead line that introduces a list, the question a Q&A answer or list answers, and the cells of a markdown table."""

from __future__ import annotations

import re

BARE_HEADING = re.compile(r"[\s*#\d.、:：\-一二三四五六七八九十()（）]*")  # numbering and markup only
LIST_LINE = re.compile(r"[ \t]*(?:>\s*)?(?:[-*+•·]\s|\d{1,2}[.、)）]|[（(]\d{1,2}[)）]|[①-⑳]|\*\*[^*\n]{1,20}[：:]\*\*)")
LIST_MARKS = " \t*-+•·0123456789.、)）（(①②③④⑤⑥⑦⑧⑨⑩>"  # (> quotes a job post)
LABEL_LEAD = re.compile(r"[\s*#>\-+•·\d.、)）（(]*")  # list marks, numbers and bold before a line's label
WH_QUESTION = re.compile(r"(什么|哪些|哪几点|哪几样|怎么样|哪方面)[？?]")  # 最看重什么？ asks what, it doubts nothing
TABLE_ROW = re.compile(r"\s*\|.*\|\s*")
TABLE_RULE = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")  # |---|---|
MAX_TABLE_ROWS = 40  # how far above a row its header may stand
MAX_LIST_LINES = 15  # how far up a list item looks for the line that introduces its list


def line_span(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the line of text that holds the offset, without its line break."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, end if end >= 0 else len(text)


def list_lead(text: str, offset: int, max_lines: int = MAX_LIST_LINES) -> str | None:
    """The line that introduces the list the line at `offset` belongs to (任职要求：, **技能要求：**), when that line
    ends in a colon and only list lines or blank lines lie between; None otherwise."""
    end = text.rfind("\n", 0, offset)
    for _ in range(max_lines):
        if end < 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if line.rstrip("* ").endswith(("：", ":")):
            return line
        if line and not LIST_LINE.match(line):
            return None
    return None


def question_lead(text: str, offset: int) -> str | None:
    """The question and answer that introduce a list (**问：AI产品经理这个岗位，你最看重什么？** / 答：我一般看三样东西。):
    the text from a question line to the list, when at most one line of answer lies between."""
    end = text.rfind("\n", 0, offset)
    answers, list_end = 0, None
    for _ in range(MAX_LIST_LINES):
        if end <= 0 or answers > 1:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and LIST_LINE.match(line):
            if list_end is not None:
                return None  # a list before the answer: another list
        elif line.rstrip("* ").endswith(("？", "?")):
            return text[start:list_end if list_end is not None else end].strip()
        elif line:
            answers += 1
            list_end = end if list_end is None else list_end
        end = start - 1
    return None

def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of the table row text[start:end], without its bars."""
    bars = [i for i in range(start, end) if text[i] == "|"]
    return [(a + 1, b) for a, b in zip(bars, bars[1:])]


def table_header(text: str, row_start: int) -> list[str] | None:
    """The header cells of the table a row belongs to: the row above the |---| rule, walking up over rows."""
    end = row_start - 1
    for _ in range(MAX_TABLE_ROWS):
        if end < 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        if TABLE_RULE.fullmatch(text, start, end):
            above_end = start - 1
            above = text.rfind("\n", 0, max(above_end, 0)) + 1
            if above_end < 0 or not TABLE_ROW.fullmatch(text, above, above_end):
                return None
            return [text[a:b].strip(" *") for a, b in table_cells(text, above, above_end)]
        if not TABLE_ROW.fullmatch(text, start, end):
            return None
        end = start - 1
    return None
