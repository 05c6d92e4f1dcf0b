"""Typed errors: each says what went wrong, where, and how to fix it."""

from __future__ import annotations


class KGError(Exception):
    """Base of every error kg raises on purpose; the CLI turns it into one line and exit status 2."""

    def __init__(self, what: str, *, where: str = "", fix: str = "") -> None:
        self.what, self.where, self.fix = what, where, fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: what [at where] [— fix]."""
        text = self.what
        if self.where:
            text += f" (at {self.where})"
        if self.fix:
            text += f" — {self.fix}"
        return text


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
