"""The layout: folders that show the flow, layers that import one way, small modules, tests that mirror the code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kg

PACKAGE = Path(kg.__file__).resolve().parent
TESTS = Path(__file__).resolve().parent
MAX_TOP_MODULES = 8
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_by(path: Path) -> set[str]:
    """Every kg module `path` imports, at its top or inside a function (`from kg.x import y` counts kg.x and kg.x.y)."""
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    known = modules()
    return {name for name in found if name in known}


def closure(start: set[str]) -> set[str]:
    """The kg modules reachable from `start` by imports (packages' __init__ included)."""
    known, seen, todo = modules(), set(), list(start)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # importing a.b.c runs a and a.b
        todo += sorted(imported_by(known[name]))
    return seen


def in_layer(names: set[str], layer: str) -> set[str]:
    return {n for n in names if n == layer or n.startswith(layer + ".")}


def test_the_package_top_holds_at_most_eight_modules():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_every_subpackage_has_a_mirror_folder_of_tests():
    packages = sorted(p.parent.relative_to(PACKAGE) for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE)
    missing = [str(p) for p in packages if not any((TESTS / p).glob("test_*.py"))]
    assert missing == []


def test_no_module_is_over_300_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_nothing_under_stores_imports_the_web_layer():
    stores = in_layer(set(modules()), "kg.stores")
    offenders = {name: sorted(in_layer(imported_by(modules()[name]), "kg.web")) for name in stores}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_build_never_imports_the_stores_or_the_web_layer():
    reached = closure(in_layer(set(modules()), "kg.build"))
    assert in_layer(reached, "kg.stores") | in_layer(reached, "kg.web") == set()


def test_the_publication_layer_imports_neither_the_build_nor_what_serves_it():
    reached = closure(in_layer(set(modules()), "kg.publication"))
    assert in_layer(reached, "kg.build") | in_layer(reached, "kg.stores") | in_layer(reached, "kg.web") == set()


def test_the_presenters_do_not_import_flask():
    present = [p for name, p in modules().items() if name.startswith("kg.web.present")]
    uses_flask = [
        str(p.relative_to(PACKAGE))
        for p in present
        if any(
            isinstance(n, (ast.Import, ast.ImportFrom)) and "flask" in ast.dump(n).lower() for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    ]
    assert uses_flask == []


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_importing_every_store_module_does_not_load_flask():
    names = sorted(in_layer(set(modules()), "kg.stores"))
    loaded = loaded_after("\n".join(f"import {name}" for name in names))
    assert set(names) <= loaded
    assert {"flask", "werkzeug"} & loaded == set()


def test_kg_build_does_not_load_flask(tmp_path):
    from tests.conftest import BASE

    loaded = loaded_after(f"from kg.cli import main\nassert main(['build', '--output', {str(tmp_path)!r}, '--base', {BASE!r}]) == 0")
    assert "kg.build.pipeline" in loaded
    assert {"flask", "werkzeug", "kg.web", "kg.stores"} & loaded == set()


def test_only_kg_processes_watches_for_the_death_of_a_parent():
    watchers = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if any(word in p.read_text(encoding="utf-8") for word in ("getppid", "PDEATHSIG", "prctl"))
    )
    assert watchers == ["processes.py"]
