"""Query text before it runs: refusals (updates, SERVICE, size, nesting), the kg prefixes, parameters bound.

Each `NAME=VALUE` binds `?NAME` anywhere in the query. A value written `<iri>` or `prefix:name` (a kg prefix) is an
IRI; a declared parameter whose default is a whole number takes whole numbers (an `xsd:integer`); anything else is a
plain `xsd:string` literal without a language tag, so compare labels with `STR(?label) = ?name` (labels in the graph
are `@zh` / `@en`). A variable the SELECT projects becomes a pyoxigraph substitution (pyoxigraph binds only those);
any other is bound by `VALUES ?NAME { term }` at the start of the query's WHERE pattern, the term written by
pyoxigraph's own serialiser (escaped), so a value can never change the query. The columns of parameters declared in
the query's `# param:` header are dropped from the result (they only echo input).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from kg.core.errors import QueryError
from kg.core.namespaces import PREFIXES
from kg.sparql.saved import QueryParam

PREFIX_IRIS: dict[str, str] = {name: str(ns) for name, ns in PREFIXES.items()}
MAX_QUERY_CHARS = 100_000
MAX_NESTING = 128
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_LEXICAL = re.compile(r'''"""(?:\\.|[^\\])*?"""|\'\'\'(?:\\.|[^\\])*?\'\'\'|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|'''
                      r'''<[^<>"{}|^`\\\s]*>|#[^\n]*''')
_KEYWORD = r"(?<![\w?$:]){}(?![\w:-])"
_UPDATE = re.compile(r"^\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)"
                     r"(?![\w:-])", re.IGNORECASE)
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.IGNORECASE)
ORDER_BY = re.compile(_KEYWORD.format(r"ORDER\s+BY"), re.IGNORECASE)
_DECLARED = re.compile(_KEYWORD.format(r"PREFIX\s+([A-Za-z][\w.-]*)?:"), re.IGNORECASE)
FORM = re.compile(_KEYWORD.format("(SELECT|ASK|CONSTRUCT|DESCRIBE)"), re.IGNORECASE)
_PROJECTION = re.compile(_KEYWORD.format(r"SELECT(?:\s+(?:DISTINCT|REDUCED))?") + r"(.*?)(?:" +
                         _KEYWORD.format("(?:WHERE|FROM)") + r"|\{)", re.IGNORECASE | re.DOTALL)
_WHERE = re.compile(_KEYWORD.format("WHERE"), re.IGNORECASE)
_SUBSELECT = re.compile(r"\s*" + _KEYWORD.format("SELECT"), re.IGNORECASE)
_WHOLE_NUMBER = re.compile(r"[0-9]+")
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def prepare(text: str) -> str:
    """The query as standalone SPARQL: a PREFIX line for every kg prefix it does not declare itself.

    run() does not need this (pyoxigraph receives the prefixes directly, so error positions stay the user's);
    it is for showing the query or sending it to another engine.
    """
    declared = {match.group(1) or "" for match in _DECLARED.finditer(skeleton_of(text))}
    missing = [name for name in PREFIX_IRIS if name not in declared]
    return "".join(f"PREFIX {name}: <{PREFIX_IRIS[name]}>\n" for name in missing) + text


def bind(text: str, skeleton: str, terms: Mapping[ox.Variable, Term]) -> tuple[str, dict[ox.Variable, Term]]:
    """The query text and the pyoxigraph substitutions that bind the parameters: projected variables substituted,
    the others given by VALUES in the text."""
    check_variables(skeleton, terms)
    projected = _projected(skeleton)
    substitutions = {variable: term for variable, term in terms.items() if variable.value in projected}
    values = {variable: term for variable, term in terms.items() if variable not in substitutions}
    return with_values(text, skeleton, values), substitutions


def check_variables(skeleton: str, bindings: Mapping[ox.Variable, Term]) -> None:
    """Raise QueryError when a parameter names a variable the query does not use."""
    used = set(re.findall(r"[?$](\w+)", skeleton))
    for variable in bindings:
        if variable.value not in used:
            raise QueryError(f"parameter {variable.value!r} binds ?{variable.value}, which the query does not use",
                             fix="the query's variables: " + (", ".join(f"?{name}" for name in sorted(used)) or "none"))


def _projected(skeleton: str) -> set[str]:
    """The variables a SELECT projects by name (not `*`, not inside an expression); empty for other forms."""
    form = FORM.search(skeleton)
    match = _PROJECTION.match(skeleton, form.start()) if form else None
    if match is None:
        return set()
    depth, names = 0, set()
    for token in re.finditer(r"[()]|[?$](\w+)", match.group(1)):
        depth += {"(": 1, ")": -1}.get(token.group(), 0)
        if token.group(1) and depth == 0:
            names.add(token.group(1))
    return names


def with_values(text: str, skeleton: str, bindings: Mapping[ox.Variable, Term], portable: bool = False) -> str:
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
    `portable`, a BIND of it (see with_values)."""
    if portable and isinstance(term, ox.Literal) and not term.language and term.datatype.value == XSD_STRING:
        return f"BIND(STR({term}^^<{XSD_STRING}>) AS ?{variable.value})"
    return f"VALUES ?{variable.value} {{ {term} }}"


def _pattern_start(skeleton: str) -> int:
    """The offset just inside the `{` that opens the query's WHERE pattern."""
    form = FORM.search(skeleton)
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


def checked_skeleton(text: str) -> str:
    """Refuse empty, oversized, too deeply nested, update and federated queries; return the text's skeleton."""
    if not text.strip():
        raise QueryError("the query is empty", fix="pass SPARQL text, a .rq file, - for stdin or a saved query name")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}",
                         fix="shorten it (use VALUES or property paths instead of long repetitions)")
    skeleton = skeleton_of(text)
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
    skeleton = skeleton_of(text)
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


def skeleton_of(text: str) -> str:
    """The text with strings, IRIs and comments blanked (same length, newlines kept), for keyword scans."""
    return _LEXICAL.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parameter_terms(declared: tuple[QueryParam, ...], values: dict[str, str]) -> dict[ox.Variable, Term]:
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
