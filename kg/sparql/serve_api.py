"""The `kg serve` SPARQL protocol: request fields and content negotiation, replies, and the row-limited SPARQL
answers a query worker computes (the explorer's JSON views are in kg.sparql.serve_explorer).

Every query here goes through kg.sparql.query.run with its inputs bound as parameters, never pasted into the text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qs

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.sparql.query import QueryResult, run
from kg.sparql.query_results import GRAPH_FORMATS, MEDIA_TYPES, SELECT_FORMATS, serialize
from kg.sparql.query_text import is_refused

RESULT_FORMATS = {"select": SELECT_FORMATS, "graph": GRAPH_FORMATS}  # "select" stands for SELECT and ASK too
KIND_NAMES = {"select": "SELECT / ASK", "graph": "CONSTRUCT / DESCRIBE"}
MEDIA_RANGES = {  # the media types each format answers to, in Accept or in format=
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle", "application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3"),
    "nt": ("application/n-triples",),
    "rdfxml": ("application/rdf+xml", "application/xml", "text/xml"),
    "jsonld": ("application/ld+json", "application/json"),
}
FORMAT_NAMES = {  # the names clients send as format= / output= (SPARQLWrapper, Virtuoso, Fuseki), per result kind
    "select": {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
              "rdf": "rdfxml", "rdf+xml": "rdfxml", "rdfxml": "rdfxml", "xml": "rdfxml", "json-ld": "jsonld",
              "jsonld": "jsonld", "json": "jsonld"},
}
JSON_TYPE = "application/json; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
class Refusal(Exception):
    """An HTTP error answer: status and a one-line message."""

    def __init__(self, status: int, message: str, allow: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.allow = status, message, allow


@dataclass(frozen=True)
class Reply:
    """An HTTP answer computed by a worker; `truncated` is set for query results only."""

    status: int
    content_type: str
    body: bytes
    truncated: bool | None = None


def error_reply(status: int, message: str) -> Reply:
    """A one-line plain-text error."""
    return Reply(status, TEXT_TYPE, (" ".join(message.split()) + "\n").encode("utf-8"))


def json_reply(value: object) -> Reply:
    """A JSON answer with stable bytes."""
    return Reply(200, JSON_TYPE, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def negotiate(format_values: list[str], accept: str | None) -> dict[str, str | None]:
    """The format to answer in per result kind ("select", "graph"), None for a kind the client takes in no format:
    by the first `format=` / `output=` value naming one of that kind, else by the Accept header; 406 if none fits."""
    names = [value.strip().lower() for value in format_values if value.strip()]
    choice = {kind: _by_name(names, kind) if names else _by_accept(_accept_ranges(accept), kind)
              for kind in RESULT_FORMATS}
    if not any(choice.values()):
        asked = f"format={names[0][:80]}" if names else f"Accept: {(accept or '')[:80]}"
        raise Refusal(406, f"cannot answer in the format asked for ({asked}): {served_formats()}")
    return choice


def served_formats() -> str:
    """Which formats each kind of result is served in, and how to ask for one."""
    return "; ".join(f"{KIND_NAMES[kind]} results are served as {', '.join(formats)}"
                     for kind, formats in RESULT_FORMATS.items()) + " (ask with format= or an Accept header)"


def _by_name(names: list[str], kind: str) -> str | None:
    """The format of this kind that the first fitting `format=` value names (a short name or a media type)."""
    for name in names:
        by_media = (fmt for fmt in RESULT_FORMATS[kind] if name in MEDIA_RANGES[fmt])
        found = FORMAT_NAMES[kind].get(name) or next(by_media, None)
        if found:
            return found
    return None


def _by_accept(ranges: list[tuple[str, float]], kind: str) -> str | None:
    """The format of this kind with the highest q-value (then the earlier range, then ours first); the default
    without an Accept header, None when every one has q=0."""
    if not ranges:
        return RESULT_FORMATS[kind][0]
    scored = [(-quality, index, rank, fmt) for rank, fmt in enumerate(RESULT_FORMATS[kind])
              for quality, index in [_quality(fmt, ranges)] if quality > 0]
    return min(scored)[-1] if scored else None


def _accept_ranges(accept: str | None) -> list[tuple[str, float]]:
    """The Accept header's media ranges with their q-values, in the order given."""
    ranges = []
    for item in (accept or "").split(","):
        media, *options = (part.strip().lower() for part in item.split(";"))
        if media:
            ranges.append((media, next((_weight(option[2:]) for option in options if option.startswith("q=")), 1.0)))
    return ranges


def _quality(fmt: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The q-value of a format under the most specific ranges that match one of its media types (exact, then type/*,
    then */*; the best of equally specific ones), and that range's position."""
    for pattern in (lambda media: media, lambda media: media.split("/")[0] + "/*", lambda media: "*/*"):
        matches = [(quality, -index) for media in MEDIA_RANGES[fmt]
                   for index, (accepted, quality) in enumerate(ranges) if accepted == pattern(media)]
        if matches:
            quality, index = max(matches)
            return quality, -index
    return 0.0, len(ranges)


def _weight(text: str) -> float:
    """An Accept q-value; malformed counts as 0 (not acceptable)."""
    try:
        return float(text)
    except ValueError:
        return 0.0


def parse_form(text: str) -> dict[str, list[str]]:
    """URL-encoded fields (UTF-8), or Refusal 400."""
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError):
        raise Refusal(400, "malformed form data: expected UTF-8 URL-encoded fields") from None


def one(params: dict[str, list[str]], name: str, hint: str) -> str:
    """The single value of a parameter, or Refusal 400."""
    values = params.get(name, [])
    if len(values) != 1:
        raise Refusal(400, f"give exactly one {name}= parameter ({hint})")
    return values[0]


def bindings(values: list[str]) -> dict[str, str]:
    """`param=NAME=VALUE` fields as {NAME: VALUE}, or Refusal 400 (also for a NAME given twice)."""
    bound = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise Refusal(400, f"param {item!r} is not NAME=VALUE")
        if name in bound:
            raise Refusal(400, f"parameter {name!r} is given twice; give each parameter once")
        bound[name] = value
    return bound


def answer_query(store: ox.Store, text: str, params: Mapping[str, str], choice: Mapping[str, str | None],
                 max_rows: int) -> Reply:
    """Run a query and serialise at most `max_rows` rows in the format `negotiate` chose for its kind (406: none)."""
    try:
        result = run(store, text, params)
    except QueryError as exc:
        return error_reply(refusal_status(text), exc.message)
    kind = "graph" if result.kind == "graph" else "select"
    fmt = choice[kind]
    if fmt is None:
        return error_reply(406, f"a {KIND_NAMES[kind]} result cannot be served in the format asked for: "
                                f"{served_formats()}")
    result, truncated = _truncate(result, max_rows)
    try:
        body = serialize(result, fmt)
    except QueryError as exc:
        return error_reply(406, exc.message)
    return Reply(200, MEDIA_TYPES[fmt], body.encode("utf-8"), truncated)


def refusal_status(text: str) -> int:
    """403 for a query refused on principle (an update, SERVICE), 400 for any other bad query."""
    return 403 if is_refused(text) else 400


def _truncate(result: QueryResult, max_rows: int) -> tuple[QueryResult, bool]:
    """The result cut to `max_rows` rows (or triples), and whether anything was cut."""
    if result.kind == "select" and len(result.rows) > max_rows:
        return replace(result, rows=result.rows[:max_rows]), True
    if result.kind == "graph" and len(result.triples) > max_rows:
        return replace(result, triples=result.triples[:max_rows]), True
    return result, False
