"""Read-only SPARQL 1.1 over a built graph with pyoxigraph: kg prefixes predeclared, parameters bound, saved queries.

Each `NAME=VALUE` binds `?NAME` anywhere in the query. A value written `<iri>` or `prefix:name` (a kg prefix) is an
IRI; a declared parameter whose default is a whole number takes whole numbers (an `xsd:integer`); anything else is a
plain `xsd:string` literal without a language tag, so compare labels with `STR(?label) = ?name` (labels in the graph
are `@zh` / `@en`). A variable the SELECT projects becomes a pyoxigraph substitution (pyoxigraph binds only those);
any other is bound by `VALUES ?NAME { term }` at the start of the query's WHERE pattern, the term written by
pyoxigraph's own serialiser (escaped), so a value can never change the query. The columns of parameters declared in
the query's `# param:` header are dropped from the result (they only echo input).
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol, TextIO, TypeVar

import pyoxigraph as ox

from kg.core.errors import InputError, QueryError
from kg.core.namespaces import PREFIXES

log = logging.getLogger(__name__)

PREFIX_IRIS: dict[str, str] = {name: str(ns) for name, ns in PREFIXES.items()}
MAX_QUERY_CHARS = 100_000
PORTABLE_SUFFIX = ".portable.rq"  # kg/sparql/queries/NAME.portable.rq: the twin an endpoint runs for NAME.rq
MAX_NESTING = 128
_STACK_BYTES = 512 * 1024 * 1024  # pyoxigraph's parser recurses; give it room so long queries cannot crash Python
_STACK_LOCK = threading.Lock()

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
T = TypeVar("T")

_LEXICAL = re.compile(r'''"""(?:\\.|[^\\])*?"""|\'\'\'(?:\\.|[^\\])*?\'\'\'|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|'''
                      r'''<[^<>"{}|^`\\\s]*>|#[^\n]*''')
_KEYWORD = r"(?<![\w?$:]){}(?![\w:-])"
_UPDATE = re.compile(r"^\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)"
                     r"(?![\w:-])", re.IGNORECASE)
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.IGNORECASE)
_ORDER_BY = re.compile(_KEYWORD.format(r"ORDER\s+BY"), re.IGNORECASE)
_DECLARED = re.compile(_KEYWORD.format(r"PREFIX\s+([A-Za-z][\w.-]*)?:"), re.IGNORECASE)
_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_PARAM = re.compile(r"#\s*param:\s*([A-Za-z_]\w*)\s*(?:—|--|-|:)?\s*(.*?)\s*(?:\((?:default:\s*(.*?)|(required))\))?\s*$")
_NAME = re.compile(r"[A-Za-z0-9][\w-]*")
_FORM = re.compile(_KEYWORD.format("(SELECT|ASK|CONSTRUCT|DESCRIBE)"), re.IGNORECASE)
_PROJECTION = re.compile(_KEYWORD.format(r"SELECT(?:\s+(?:DISTINCT|REDUCED))?") + r"(.*?)(?:" +
                         _KEYWORD.format("(?:WHERE|FROM)") + r"|\{)", re.IGNORECASE | re.DOTALL)
_WHERE = re.compile(_KEYWORD.format("WHERE"), re.IGNORECASE)
_SUBSELECT = re.compile(r"\s*" + _KEYWORD.format("SELECT"), re.IGNORECASE)
_WHOLE_NUMBER = re.compile(r"[0-9]+")
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class QueryResult:
    """A materialised answer: kind "select" (vars, rows), "ask" (boolean) or "graph" (triples)."""

    kind: str
    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()


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


def prepare(text: str) -> str:
    """The query as standalone SPARQL: a PREFIX line for every kg prefix it does not declare itself.

    run() does not need this (pyoxigraph receives the prefixes directly, so error positions stay the user's);
    it is for showing the query or sending it to another engine.
    """
    declared = {match.group(1) or "" for match in _DECLARED.finditer(_skeleton(text))}
    missing = [name for name in PREFIX_IRIS if name not in declared]
    return "".join(f"PREFIX {name}: <{PREFIX_IRIS[name]}>\n" for name in missing) + text


class Remote(Protocol):
    """A SPARQL endpoint (kg.sparql.endpoint.Endpoint): runs standalone query text, parameters already bound in it."""

    def execute(self, text: str, form: str) -> QueryResult:
        """The answer to `text`, a SELECT, ASK, CONSTRUCT or DESCRIBE (`form`); QueryError if it fails."""


def run(store: ox.Store | Remote, text: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a read-only query with the kg prefixes predeclared and `params` bound, on a local store or an endpoint
    (there a saved query's portable twin runs, every parameter bound at the top of the WHERE pattern, so one used
    only inside a sub-SELECT is not seen there); raise QueryError if it fails."""
    skeleton = _check(text)
    declared = parse_header(text)[1]
    terms = _parameter_terms(declared, dict(params or {}))
    if isinstance(store, ox.Store):
        bound_text, substitutions = _bind(text, skeleton, terms)
        result = _on_big_stack(lambda: _execute(store, bound_text, substitutions))
    else:
        _check_variables(skeleton, terms)
        form = _FORM.search(skeleton)
        portable = portable_twin(text)
        result = store.execute(prepare(_with_values(portable, _skeleton(portable), terms, portable=True)),
                               form.group(1).upper() if form else "SELECT")
    if result.kind != "select":
        return result
    hidden = {param.name for param in declared}
    if not _ORDER_BY.search(skeleton):
        result = QueryResult("select", result.vars, tuple(sorted(result.rows, key=_row_key)))
    return _drop_columns(result, hidden)


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


def _bind(text: str, skeleton: str, terms: Mapping[ox.Variable, Term]) -> tuple[str, dict[ox.Variable, Term]]:
    """The query text and the pyoxigraph substitutions that bind the parameters: projected variables substituted,
    the others given by VALUES in the text."""
    _check_variables(skeleton, terms)
    projected = _projected(skeleton)
    substitutions = {variable: term for variable, term in terms.items() if variable.value in projected}
    values = {variable: term for variable, term in terms.items() if variable not in substitutions}
    return _with_values(text, skeleton, values), substitutions


def _check_variables(skeleton: str, bindings: Mapping[ox.Variable, Term]) -> None:
    """Raise QueryError when a parameter names a variable the query does not use."""
    used = set(re.findall(r"[?$](\w+)", skeleton))
    for variable in bindings:
        if variable.value not in used:
            raise QueryError(f"parameter {variable.value!r} binds ?{variable.value}, which the query does not use",
                             fix="the query's variables: " + (", ".join(f"?{name}" for name in sorted(used)) or "none"))


def _projected(skeleton: str) -> set[str]:
    """The variables a SELECT projects by name (not `*`, not inside an expression); empty for other forms."""
    form = _FORM.search(skeleton)
    match = _PROJECTION.match(skeleton, form.start()) if form else None
    if match is None:
        return set()
    depth, names = 0, set()
    for token in re.finditer(r"[()]|[?$](\w+)", match.group(1)):
        depth += {"(": 1, ")": -1}.get(token.group(), 0)
        if token.group(1) and depth == 0:
            names.add(token.group(1))
    return names


def _with_values(text: str, skeleton: str, bindings: Mapping[ox.Variable, Term], portable: bool = False) -> str:
    """The query with `VALUES ?NAME { term }` for each binding at the start of its WHERE pattern (a pattern that is
    one sub-SELECT is wrapped so that the VALUES can stand beside it); on the same line, so positions stay right.
    `portable` binds a plain string by `BIND(STR("…"^^xsd:string) AS ?NAME)` instead, the same term (Virtuoso's
    LCASE garbles non-ASCII text in a VALUES string, and its `=` tells a typed one from STR(…))."""
    if not bindings:
        return text
    start = _pattern_start(skeleton)
    values = " ".join(_binding(variable, term, portable) for variable, term in bindings.items())
    if not _SUBSELECT.match(skeleton, start):
        return f"{text[:start]} {values} {text[start:]}"
    end = _closing_brace(skeleton, start - 1)
    return f"{text[:start]} {values} {{{text[start:end]}}} {text[end:]}"


def _binding(variable: ox.Variable, term: Term, portable: bool) -> str:
    """`VALUES ?NAME { term }`, the term written by pyoxigraph's serialiser (escaped); for a plain string when
    `portable`, a BIND of it (see _with_values)."""
    if portable and isinstance(term, ox.Literal) and not term.language and term.datatype.value == XSD_STRING:
        return f"BIND(STR({term}^^<{XSD_STRING}>) AS ?{variable.value})"
    return f"VALUES ?{variable.value} {{ {term} }}"


def _pattern_start(skeleton: str) -> int:
    """The offset just inside the `{` that opens the query's WHERE pattern."""
    form = _FORM.search(skeleton)
    opening = skeleton.find("{", form.end()) if form else -1
    if form and form.group(1).upper() == "CONSTRUCT" and opening >= 0:
        if _WHERE.search(skeleton, form.end(), opening):
            raise QueryError("a parameter cannot be bound in the short form CONSTRUCT WHERE { … }",
                             fix="write CONSTRUCT { template } WHERE { pattern }")
        opening = skeleton.find("{", _closing_brace(skeleton, opening) + 1)
    if opening < 0:
        raise QueryError("the query has no WHERE pattern to bind a parameter in",
                         fix="bind parameters in SELECT, ASK, CONSTRUCT or DESCRIBE … WHERE { … }")
    return opening + 1


def _closing_brace(skeleton: str, opening: int) -> int:
    """The offset of the `}` that closes the `{` at `opening` (the end of the text if none does)."""
    depth = 0
    for offset in range(opening, len(skeleton)):
        depth += {"{": 1, "}": -1}.get(skeleton[offset], 0)
        if depth == 0:
            return offset
    return len(skeleton)


def to_term(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: `<iri>` or `prefix:name` → IRI, anything else → plain string literal."""
    match = re.fullmatch(r"([A-Za-z][\w.-]*):([^\s<>\"{}|^`\\]+)", value)
    iri = value[1:-1] if value.startswith("<") and value.endswith(">") else None
    if match and match.group(1) in PREFIX_IRIS:
        iri = PREFIX_IRIS[match.group(1)] + match.group(2)
    if iri is None:
        return ox.Literal(value)
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise QueryError("parameter is not a valid IRI", where=value,
                         fix="write an IRI as <https://…> or kgr:Name; other values are plain strings") from None


def _check(text: str) -> str:
    """Refuse empty, oversized, too deeply nested, update and federated queries; return the text's skeleton."""
    if not text.strip():
        raise QueryError("the query is empty", fix="pass SPARQL text, a .rq file, - for stdin or a saved query name")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}",
                         fix="shorten it (use VALUES or property paths instead of long repetitions)")
    skeleton = _skeleton(text)
    _check_nesting(skeleton)
    if match := _UPDATE.match(skeleton):
        raise QueryError(f"{match.group(1).upper()} is a SPARQL update, and the graph is read-only",
                         fix="use SELECT, ASK, CONSTRUCT or DESCRIBE; change the graph with `kg build`")
    if _SERVICE.search(skeleton):
        raise QueryError("SERVICE (federated query) is refused: kg queries only the local graph",
                         fix="remove the SERVICE clause")
    return skeleton


def is_refused(text: str) -> bool:
    """True for a query kg refuses on principle (an update, SERVICE) rather than for being malformed."""
    skeleton = _skeleton(text)
    return bool(_UPDATE.match(skeleton) or _SERVICE.search(skeleton))


def _check_nesting(skeleton: str) -> None:
    """Raise QueryError when brackets nest deeper than MAX_NESTING."""
    depth = 0
    for offset, char in enumerate(skeleton):
        depth += (char in "{([") - (char in "})]")
        if depth > MAX_NESTING:
            line, column = _position(skeleton, offset)
            raise QueryError(f"the query nests brackets more than {MAX_NESTING} levels deep",
                             where=f"line {line}, column {column}", fix="flatten the query")


def _skeleton(text: str) -> str:
    """The text with strings, IRIs and comments blanked (same length, newlines kept), for keyword scans."""
    return _LEXICAL.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _parameter_terms(declared: tuple[QueryParam, ...], values: dict[str, str]) -> dict[ox.Variable, Term]:
    """The given values plus declared defaults as RDF terms by variable; check names, required ones and numbers."""
    if declared:
        names = [param.name for param in declared]
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise QueryError(f"unknown parameter {unknown[0]!r}", fix=f"this query takes: {', '.join(names)}")
        for param in declared:
            if param.name not in values and param.default is not None:
                values[param.name] = param.default
            elif param.name not in values and param.required:
                raise QueryError(f"parameter {param.name!r} is required ({param.meaning})",
                                 fix=f"pass --param {param.name}=VALUE")
    whole_numbers = {param.name for param in declared if _WHOLE_NUMBER.fullmatch(param.default or "")}
    substitutions: dict[ox.Variable, Term] = {}
    for name, value in values.items():
        try:
            variable = ox.Variable(name)
        except ValueError:
            raise QueryError(f"{name!r} is not a SPARQL variable name", fix="use letters, digits and _") from None
        substitutions[variable] = _whole_number(name, value) if name in whole_numbers else to_term(value)
    return substitutions


def _whole_number(name: str, value: str) -> ox.Literal:
    """A whole-number parameter's value as an xsd:integer, or QueryError naming the parameter."""
    if not _WHOLE_NUMBER.fullmatch(value.strip()):
        raise QueryError(f"parameter {name!r} must be a whole number (0 or more), not {value!r}",
                         where=f"--param {name}", fix=f"pass --param {name}=N, e.g. {name}=20")
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD_INTEGER))


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
