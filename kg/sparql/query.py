"""Read-only SPARQL 1.1 over a built graph with pyoxigraph, or over an endpoint: run a query (checked and bound by
kg.sparql.query_text, a saved query from kg.sparql.saved) and materialise its answer in a stable order.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import pyoxigraph as ox

from kg.core.errors import InputError, QueryError
from kg.sparql.query_text import (
    FORM,
    ORDER_BY,
    PREFIX_IRIS,
    Term,
    bind,
    check_variables,
    checked_skeleton,
    parameter_terms,
    prepare,
    skeleton_of,
    with_values,
)
from kg.sparql.saved import parse_header, portable_twin

log = logging.getLogger(__name__)
_STACK_BYTES = 512 * 1024 * 1024  # pyoxigraph's parser recurses; give it room so long queries cannot crash Python
_STACK_LOCK = threading.Lock()
T = TypeVar("T")
_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


@dataclass(frozen=True)
class QueryResult:
    """A materialised answer: kind "select" (vars, rows), "ask" (boolean) or "graph" (triples)."""

    kind: str
    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()


def load_store(path: Path) -> ox.Store:
    """Load a Turtle graph into an in-memory pyoxigraph Store (strict parser), or raise InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError("graph file not found", where=str(path), fix="run `kg build` first or pass --graph PATH")
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot parse Turtle: {_one_line(str(exc))}", where=str(path),
                         fix="rebuild it with `kg build`") from None
    except MemoryError:
        raise InputError("the graph does not fit in memory (a literal or the file is too large)", where=str(path),
                         fix="rebuild it with `kg build`") from None
    log.info("loaded %d triples from %s", len(store), path)
    return store


class Remote(Protocol):
    """A SPARQL endpoint (kg.sparql.endpoint.Endpoint): runs standalone query text, parameters already bound in it."""

    def execute(self, text: str, form: str) -> QueryResult:
        """The answer to `text`, a SELECT, ASK, CONSTRUCT or DESCRIBE (`form`); QueryError if it fails."""


def run(store: ox.Store | Remote, text: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a read-only query with the kg prefixes predeclared and `params` bound, on a local store or an endpoint
    (there a saved query's portable twin runs, every parameter bound at the top of the WHERE pattern, so one used
    only inside a sub-SELECT is not seen there); raise QueryError if it fails."""
    skeleton = checked_skeleton(text)
    declared = parse_header(text)[1]
    terms = parameter_terms(declared, dict(params or {}))
    if isinstance(store, ox.Store):
        bound_text, substitutions = bind(text, skeleton, terms)
        result = _on_big_stack(lambda: _execute(store, bound_text, substitutions))
    else:
        check_variables(skeleton, terms)
        form = FORM.search(skeleton)
        portable = portable_twin(text)
        result = store.execute(prepare(with_values(portable, skeleton_of(portable), terms, portable=True)),
                               form.group(1).upper() if form else "SELECT")
    if result.kind != "select":
        return result
    hidden = {param.name for param in declared}
    if not ORDER_BY.search(skeleton):
        result = QueryResult("select", result.vars, tuple(sorted(result.rows, key=_row_key)))
    return _drop_columns(result, hidden)


def _execute(store: ox.Store, text: str, substitutions: dict[ox.Variable, Term]) -> QueryResult:
    """Evaluate with pyoxigraph and materialise the answer; translate its errors into QueryError."""
    try:
        answer = store.query(text, prefixes=PREFIX_IRIS, substitutions=substitutions or None)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            return QueryResult("graph", triples=tuple(answer))
        names = tuple(variable.value for variable in answer.variables)
        return QueryResult("select", names, tuple(tuple(solution) for solution in answer))
    except SyntaxError as exc:
        raise _syntax_error(text, str(exc)) from None
    except (RuntimeError, OSError, ValueError) as exc:
        raise QueryError(f"the query failed: {_one_line(str(exc))}") from None


def _syntax_error(text: str, message: str) -> QueryError:
    """A one-line QueryError naming the line and column pyoxigraph reports, with that line's text."""
    match = _SYNTAX.match(message)
    if not match:
        return QueryError(f"SPARQL syntax error: {_one_line(message)}")
    line, column, detail = int(match.group(1)), int(match.group(2)), _one_line(match.group(3))
    lines = text.splitlines()
    excerpt = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    near = f" near {_one_line(excerpt, 60)!r}" if excerpt else ""
    return QueryError(f"SPARQL syntax error{near}: {detail}", where=f"line {line}, column {column}",
                      fix="fix the query there (kg predeclares the prefixes " + ", ".join(PREFIX_IRIS) + ")")


def _one_line(text: str, limit: int = 160) -> str:
    """Whitespace collapsed, cut to `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _on_big_stack(call: Callable[[], T]) -> T:
    """Run `call` on a thread with a large stack (pyoxigraph recursion would otherwise crash Python)."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 — handed over to the caller's thread below
            outcome["error"] = exc

    with _STACK_LOCK:
        previous = threading.stack_size(_STACK_BYTES)
        try:
            worker = threading.Thread(target=target, name="kg-query", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous)
    worker.join()
    error = outcome.get("error")
    if isinstance(error, Exception):
        raise error
    if error is not None:  # a Rust panic: pyo3's PanicException derives from BaseException
        raise QueryError(f"the query engine failed: {_one_line(str(error))}")
    return outcome["value"]  # type: ignore[return-value]


def _row_key(row: tuple[Term | None, ...]) -> tuple:
    """A total order on rows, for queries without ORDER BY."""
    return tuple(_term_key(term) for term in row)


def _term_key(term: Term | None) -> tuple:
    """Unbound < IRI < blank node < literal < quoted triple; then by value, datatype and language."""
    if term is None:
        return (0,)
    if isinstance(term, ox.Literal):
        return (3, term.value, term.datatype.value, term.language or "")
    rank = 1 if isinstance(term, ox.NamedNode) else 2 if isinstance(term, ox.BlankNode) else 4
    return (rank, str(term), "", "")


def _drop_columns(result: QueryResult, hidden: set[str]) -> QueryResult:
    """The result without the columns named in `hidden`."""
    keep = [index for index, name in enumerate(result.vars) if name not in hidden]
    if len(keep) == len(result.vars):
        return result
    return QueryResult("select", tuple(result.vars[index] for index in keep),
                       tuple(tuple(row[index] for index in keep) for row in result.rows))
