"""Typed errors: each says what went wrong, where, and how to fix it, in text that can always be printed."""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` safe to print and to write as UTF-8: the bytes of a file name that are not UTF-8 (which Python keeps
    as lone surrogates, U+DC80-U+DCFF) become `\\xNN`, any other lone surrogate `\\udNNN`."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class KGError(Exception):
    """Base of every error kg raises on purpose; the CLI turns it into one line and exit status 2."""

    def __init__(self, what: str, *, where: str = "", fix: str = "") -> None:
        self.what, self.where, self.fix = what, where, fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: what [at where] [— fix], with file names that are not UTF-8 escaped (see printable)."""
        text = self.what
        if self.where:
            text += f" (at {self.where})"
        if self.fix:
            text += f" — {self.fix}"
        return printable(text)


class InputError(KGError):
    """An input file or folder cannot be read as an article."""


class OntologyError(KGError):
    """The ontology or lexicon Turtle is missing, malformed or inconsistent."""


class ExtractorError(KGError):
    """An extractor name is unknown or an extractor is misconfigured."""


class OutputError(KGError):
    """An output file cannot be written."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused or too expensive."""
