"""The saved queries shipped in kg/sparql/queries/: NAME.rq with a `# description:` and `# param:` header,
its SPARQL 1.1 twin NAME.portable.rq for endpoints, and what a query argument stands for (a saved query's
name, a .rq file, - for stdin, or SPARQL text).
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

from kg.core.errors import InputError, QueryError

PORTABLE_SUFFIX = ".portable.rq"  # kg/sparql/queries/NAME.portable.rq: the twin an endpoint runs for NAME.rq


@dataclass(frozen=True)
class QueryParam:
    """One `# param: NAME — meaning (default: …)` or `(required)` header line of a query."""

    name: str
    meaning: str
    default: str | None = None
    required: bool = False


@dataclass(frozen=True)
class SavedQuery:
    """A query shipped in kg/sparql/queries/NAME.rq, with its header's description and parameters."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    text: str


_PARAM = re.compile(r"#\s*param:\s*([A-Za-z_]\w*)\s*(?:—|--|-|:)?\s*(.*?)\s*(?:\((?:default:\s*(.*?)|(required))\))?\s*$")
_NAME = re.compile(r"[A-Za-z0-9][\w-]*")


def parse_header(text: str) -> tuple[str, tuple[QueryParam, ...]]:
    """The description and parameters declared in a query's leading `#` comment lines."""
    description, params = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        if match := re.match(r"#\s*description:\s*(.*)", line):
            description = match.group(1).strip()
        elif match := _PARAM.match(line):
            name, meaning, default, required = match.groups()
            params.append(QueryParam(name, meaning, default, bool(required)))
    return description, tuple(params)


def saved_queries() -> list[SavedQuery]:
    """Every query shipped in kg/sparql/queries/, sorted by name (not the portable twins)."""
    folder = resources.files("kg.sparql").joinpath("queries")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".rq") and not entry.name.endswith(PORTABLE_SUFFIX):
            text = entry.read_text(encoding="utf-8")
            description, params = parse_header(text)
            found.append(SavedQuery(entry.name[:-3], description, params, text))
    return found


def portable_twin(text: str) -> str:
    """What an endpoint runs for `text`: the SPARQL 1.1 twin NAME.portable.rq of a saved query written for
    Oxigraph's dialect or plan, or `text` itself."""
    return _portable_twins().get(text, text)


@functools.lru_cache(maxsize=1)
def _portable_twins() -> dict[str, str]:
    """Each saved query's text mapped to its portable twin's, for the saved queries that have one."""
    folder = resources.files("kg.sparql").joinpath("queries")
    twins = {query.text: folder.joinpath(query.name + PORTABLE_SUFFIX) for query in saved_queries()}
    return {text: twin.read_text(encoding="utf-8") for text, twin in twins.items() if twin.is_file()}


def resolve_query(arg: str, stdin: TextIO | None = None) -> str:
    """The query text an argument stands for: `-` (stdin), a file path, a saved query's name, or SPARQL itself."""
    if arg == "-":
        return (stdin or sys.stdin).read()
    if _is_file(arg):
        try:
            return Path(arg).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read query file: {exc}", where=arg, fix="save it as UTF-8 text") from None
    if arg.endswith(".rq"):
        raise InputError("query file not found", where=arg, fix="check the path")
    if _NAME.fullmatch(arg):
        saved = {query.name: query for query in saved_queries()}
        if arg not in saved:
            raise QueryError(f"no saved query named {arg!r}", fix=f"saved queries: {', '.join(sorted(saved))}")
        return saved[arg].text
    return arg


def _is_file(arg: str) -> bool:
    """Whether an argument names an existing file (SPARQL text never does)."""
    try:
        return "\n" not in arg and Path(arg).is_file()
    except (OSError, ValueError):  # name too long, NUL byte…
        return False
