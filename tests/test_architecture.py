"""The architecture stays visible (issue 13): the import contract in pyproject.toml holds, every package says what it
owns, unit tests mirror kg's packages, and modules stay small enough to read in one sitting."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = ROOT / "kg"
PACKAGES = ("core", "ingest", "analyse", "graph", "outputs", "sparql", "pipeline", "quality", "cli")
MAX_LINES = 360
LONGER = {}  # "kg/<path>.py": "why it cannot be split" — empty: every module fits
HTTP_CLIENTS = ("urllib.request", "urllib.error")  # import-linter sees only `urllib`, which urllib.parse shares


def modules() -> list[Path]:
    return sorted(KG.rglob("*.py"))


def test_the_import_contract_holds() -> None:
    """layers cli > quality > pipeline > sparql > outputs > graph > analyse > ingest > core, and the forbidden
    imports of [tool.importlinter] in pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; "
                                     "sys.exit(c(prog_name='lint-imports'))"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"lint-imports failed:\n{done.stdout}\n{done.stderr}"
    assert "0 broken" in done.stdout and "kept" in done.stdout


def test_the_contract_names_every_package() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'layers = [{", ".join(f"{chr(34)}kg.{p}{chr(34)}" for p in reversed(PACKAGES))}]' in text
    found = sorted(p.name for p in KG.iterdir() if (p / "__init__.py").is_file())
    assert found == sorted(PACKAGES), "a new package needs a place in the layers contract"
    assert sorted(p.name for p in KG.glob("*.py")) == ["__init__.py", "__main__.py"], "modules live in packages"


@pytest.mark.parametrize("init", sorted(KG.rglob("__init__.py")), ids=lambda p: str(p.parent.relative_to(ROOT)))
def test_every_package_says_what_it_owns(init: Path) -> None:
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 12, f"{init.relative_to(ROOT)}: a one-paragraph docstring"


def test_only_kg_sparql_speaks_http() -> None:
    offenders = []
    for path in modules():
        if path.relative_to(KG).parts[0] == "sparql":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.startswith(HTTP_CLIENTS)]
    assert not offenders


def test_unit_tests_mirror_the_packages() -> None:
    unit = ROOT / "tests" / "unit"
    misplaced = [p.relative_to(ROOT).as_posix() for p in unit.rglob("test_*.py")
                 if p.parent.parent != unit or p.parent.name not in PACKAGES]
    assert not misplaced, f"unit tests go in tests/unit/<package>/, <package> one of {PACKAGES}"
    untested = [package for package in PACKAGES if not any((unit / package).glob("test_*.py"))]
    assert not untested, f"every package has unit tests in tests/unit/<package>/: {untested}"
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert len(names) == len(set(names)), "pytest imports test files by name: keep them unique"


def test_no_module_is_too_long_to_read_in_one_sitting() -> None:
    long = {path.relative_to(ROOT).as_posix(): n for path in modules()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long.keys() <= LONGER.keys(), f"split these by responsibility: {long}"
