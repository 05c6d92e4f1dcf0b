"""Where and how `kg push` writes: the target (endpoint, protocol, named graph, credentials) checked before
anything is sent, the query endpoint beside a store or update URL, and URLs safe to print (no user info, no query).
"""

from __future__ import annotations

import base64
import re
import urllib.parse
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from kg.core.errors import OutputError
from kg.core.namespaces import KG
from kg.sparql.query import _one_line

DEFAULT_NAMED_GRAPH = str(KG).removesuffix("ontology#") + "graph"
PROTOCOLS = ("gsp", "update")
AUTH_SCHEMES = ("basic", "digest")
DOCS = "docs/sparql-servers.md"
# the end of a store or update URL → the end of the query URL on the same server (docs/sparql-servers.md)
_QUERY_ENDPOINTS = (
    ("/store", "/query"),  # Oxigraph
    ("/update", "/query"),  # Oxigraph, Fuseki
    ("/data", "/query"),  # Fuseki
    ("/statements", ""),  # GraphDB, RDF4J: /repositories/ID
    ("/rdf-graphs/service", ""),  # GraphDB, RDF4J
    ("/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso
    ("/sparql-auth", "/sparql-auth"),  # Virtuoso
    ("/sparql", "/sparql"),  # Virtuoso
)


class PushError(OutputError):
    """The graph could not be pushed to, or counted on, a SPARQL server."""


@dataclass(frozen=True)
class Credentials:
    """Who to be on the server: a user and password (HTTP Basic or Digest) or a bearer token; never shown."""

    user: str = ""
    password: str = field(default="", repr=False)
    token: str = field(default="", repr=False)
    scheme: str = "basic"

    def secrets(self) -> tuple[str, ...]:
        """Every string that must never be printed: the password, the token and their encoded header forms."""
        found = [self.password, self.token, urllib.parse.quote(self.password, safe="")]
        if self.user:
            found.append(base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii"))
        return tuple(secret for secret in found if secret)


@dataclass(frozen=True)
class PushTarget:
    """Where and how to push: the store (gsp) or update URL, the named graph, and how to check the result."""

    endpoint: str
    protocol: str = "gsp"
    named_graph: str = DEFAULT_NAMED_GRAPH
    query_endpoint: str | None = None  # None: derived from `endpoint` (see _QUERY_ENDPOINTS)
    verify: bool = True
    credentials: Credentials = Credentials()
    timeout: float = 600.0  # seconds for the whole push, the count included


def checked(target: PushTarget) -> PushTarget:
    """The target with URLs validated, user info moved out of the endpoint URL and the query endpoint filled in."""
    if target.protocol not in PROTOCOLS:
        raise PushError(f"unknown protocol {target.protocol!r}", fix="use --protocol gsp or --protocol update")
    if target.credentials.scheme not in AUTH_SCHEMES:
        raise PushError(f"unknown auth scheme {target.credentials.scheme!r}", fix="use --auth basic or --auth digest")
    if not _is_iri(target.named_graph):
        raise PushError(f"the named graph is not an absolute IRI: {_one_line(target.named_graph, 80)!r}",
                        fix=f"pass --named-graph IRI, e.g. {DEFAULT_NAMED_GRAPH}")
    endpoint, credentials = _split_user_info(target.endpoint, target.credentials)
    if credentials.token and not re.fullmatch(r"[\x21-\x7e]+", credentials.token):
        raise PushError("KG_PUSH_TOKEN holds characters an HTTP header cannot carry (spaces, line breaks, non-ASCII)",
                        fix="set it to the token exactly as issued")
    if credentials.user and credentials.token:
        raise PushError("both a user and a token are given", fix="use --user with a password, or KG_PUSH_TOKEN alone")
    if credentials.user and not credentials.password:
        raise PushError(f"no password for user {credentials.user!r}", fix="set KG_PUSH_PASSWORD (or pass --password)")
    if credentials.scheme == "digest" and not (credentials.user + credentials.password).isascii():
        raise PushError("digest auth here takes ASCII user names and passwords only (urllib's limit)",
                        fix="use an ASCII password for this account, or --auth basic over https")
    query_endpoint = target.query_endpoint
    if query_endpoint is not None:
        query_endpoint, _ = _split_user_info(query_endpoint, credentials)
    elif target.verify:
        query_endpoint = query_endpoint_for(endpoint)
        if query_endpoint is None:
            raise PushError("cannot tell the server's query endpoint from the endpoint URL", where=public(endpoint),
                            fix="pass --query-endpoint URL (used to count the pushed triples) or --no-verify")
    return replace(target, endpoint=endpoint, query_endpoint=query_endpoint, credentials=credentials)


def query_endpoint_for(endpoint: str) -> str | None:
    """The query URL beside a known store or update URL (Oxigraph, Fuseki, GraphDB, Virtuoso), or None."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for end, query_end in _QUERY_ENDPOINTS:
        if path.endswith(end):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(end)] + query_end))
    return None


def public(url: str) -> str:
    """A URL safe to print: scheme, host, port and path only (no user info, no query string); for a URL too
    malformed to split, the text without anything between `//` and the last `@`, nor the query."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unclosed IPv6 bracket
        scheme, slashes, rest = re.split(r"[?#]", url, maxsplit=1)[0].partition("//")
        return scheme + slashes + rest.rpartition("@")[2]
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return urllib.parse.urlunsplit((parts.scheme, host + port, parts.path, "", ""))


def _split_user_info(url: str, credentials: Credentials) -> tuple[str, Credentials]:
    """The URL without `user:password@`, and the credentials (those in the URL unless others were given)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as exc:
        raise PushError(f"not a valid URL ({exc})", where=public(url),
                        fix=f"give the server's URL, e.g. http://127.0.0.1:7878/store ({DOCS})") from None
    if not _is_http_url(parts):
        raise PushError("not an http(s) URL with a host", where=public(url),
                        fix=f"give the server's URL, e.g. http://127.0.0.1:7878/store ({DOCS})")
    if not url.isascii() or re.search(r"[\s\x00-\x1f\x7f]", url):
        raise PushError("the URL has spaces, control or non-ASCII characters", where=public(url),
                        fix="percent-encode them (e.g. %E6%95%B0 for 数)")
    if parts.username is None:
        return url, credentials
    if not (credentials.user or credentials.token):
        credentials = replace(credentials, user=urllib.parse.unquote(parts.username),
                              password=urllib.parse.unquote(parts.password or ""))
    netloc = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), credentials


def _is_http_url(parts: urllib.parse.SplitResult) -> bool:
    """Whether a split URL is http(s) with a host and, if any, a valid port."""
    try:
        return parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
    except ValueError:
        return False


def _is_iri(text: str) -> bool:
    """Whether pyoxigraph accepts `text` as an absolute IRI (so it can be pasted between < > in SPARQL)."""
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True
