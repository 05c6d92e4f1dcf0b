"""One HTTP request of `kg push`, answered completely by a deadline (kg.sparql.bounded_http): credentials in an
Authorization header (Basic, Digest — answered ahead for a large body — or Bearer), redirects refused, and every
failure a PushError that says what went wrong without any secret.
"""

from __future__ import annotations

import base64
import re
import ssl
import urllib.error
import urllib.request
from http.client import HTTPException

from kg.sparql.bounded_http import fetch_by
from kg.sparql.push_target import DOCS, Credentials, PushError, PushTarget, public
from kg.sparql.query import _one_line

DIGEST_AHEAD_BYTES = 1 << 20  # larger bodies are sent already authorised (see _authorise_ahead)
_HTTP_FIXES = {
    401: "check --user and KG_PUSH_PASSWORD (or KG_PUSH_TOKEN), and --auth digest for Virtuoso",
    403: "this account may not write here: give it write access on the server",
    404: f"check the URL: Oxigraph /store and /update, Fuseki /DATASET/data and /DATASET/update ({DOCS})",
    405: "this URL does not take that method: --protocol gsp needs the store URL, update the update URL",
    413: "the request is larger than the server accepts: raise its limit, or try the other --protocol",
    415: "the server does not accept this content type at that URL: check --protocol and the URL",
}


def call(target: PushTarget, url: str, method: str, body: bytes, content_type: str, deadline: float,
          accept: str = "*/*") -> bytes:
    """One HTTP request, answered completely by `deadline`; the answer's body, or a PushError that says what failed
    without any secret."""
    credentials = target.credentials
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, "Accept": accept})
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if credentials.token:
        request.add_unredirected_header("Authorization", f"Bearer {credentials.token}")
    elif credentials.user and credentials.scheme == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, credentials.user, credentials.password)
        digest = urllib.request.HTTPDigestAuthHandler(passwords)
        handlers.append(digest)
        if len(body) > DIGEST_AHEAD_BYTES:
            _authorise_ahead(request, digest, deadline)
    elif credentials.user:
        pair = f"{credentials.user}:{credentials.password}".encode()
        request.add_unredirected_header("Authorization", "Basic " + base64.b64encode(pair).decode("ascii"))
    where = public(url)
    try:
        return fetch_by(deadline, request, handlers)
    except urllib.error.HTTPError as exc:
        raise _http_error(exc, method, where, credentials) from None
    except urllib.error.URLError as exc:
        raise _connection_error(exc.reason, where, target) from None
    except (OSError, HTTPException) as exc:
        raise _connection_error(exc, where, target) from None


def _authorise_ahead(request: urllib.request.Request, digest: urllib.request.HTTPDigestAuthHandler,
                     deadline: float) -> None:
    """Answer the server's Digest challenge before sending a large body: ask for it with a bodiless HEAD and add the
    Authorization header to `request`. Virtuoso resets the connection when it challenges a request whose body is
    still being sent, so a 50 MB push would fail. A server that does not challenge HEAD is asked as usual."""
    try:
        fetch_by(deadline, urllib.request.Request(request.full_url, method="HEAD"), [_NoRedirect()])
        return
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
    except (urllib.error.URLError, OSError, HTTPException):
        return  # the real request reports what is wrong
    scheme, _, fields = challenge.partition(" ")
    if scheme.lower() == "digest":
        answer = digest.get_authorization(request, urllib.request.parse_keqv_list(
            urllib.request.parse_http_list(fields)))
        if answer:
            request.add_unredirected_header("Authorization", f"Digest {answer}")


def _http_error(exc: urllib.error.HTTPError, method: str, where: str, credentials: Credentials) -> PushError:
    """A PushError for an HTTP error status, with the first line of the server's message."""
    try:
        text = exc.read().decode("utf-8", "replace")
    except (OSError, HTTPException):
        text = ""
    lines = [line.strip() for line in re.sub(r"<[^>]*>", "\n", text).splitlines() if line.strip()]
    said = f": {_mask(_one_line(lines[0], 200), credentials)}" if lines else ""
    if 300 <= exc.code < 400:
        location = public(exc.headers.get("Location", "")) or "another URL"
        return PushError(f"the server redirected {method} with HTTP {exc.code} to {location}", where=where,
                         fix="pass the URL it redirects to (kg does not follow redirects with data or credentials)")
    fix = _HTTP_FIXES.get(exc.code, "see the server's log" if exc.code >= 500 else f"check the request ({DOCS})")
    return PushError(f"the server answered {method} with HTTP {exc.code} {_mask(exc.reason or '', credentials)}"
                     f"{said}", where=where, fix=fix)


def _connection_error(reason: object, where: str, target: PushTarget) -> PushError:
    """A PushError for a failure below HTTP: refused, timed out, unknown host, TLS, broken connection."""
    if isinstance(reason, ConnectionRefusedError):
        return PushError("connection refused: nothing listens there", where=where,
                         fix="start the SPARQL server, or check the host and port of the URL")
    if isinstance(reason, TimeoutError):
        return PushError(f"no answer within {target.timeout:g} s", where=where,
                         fix="raise --timeout (big graphs take minutes); a push may still complete on the server, "
                             f"so count the graph's triples there ({DOCS})")
    if isinstance(reason, ssl.SSLError):
        return PushError(f"TLS failed: {_mask(_one_line(str(reason)), target.credentials)}", where=where,
                         fix="check the https URL and the server's certificate")
    detail = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return PushError(f"cannot reach the server: {_mask(_one_line(str(detail)), target.credentials)}", where=where,
                     fix="check the URL, the network and that the server is running")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects become errors: urllib would turn a POST into a bodiless GET and re-send credentials elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        """No new request (None): urllib then raises HTTPError with the 3xx status."""


def _mask(text: str, credentials: Credentials) -> str:
    """`text` with every secret of `credentials` replaced by ***."""
    for secret in credentials.secrets():
        text = text.replace(secret, "***")
    return text
