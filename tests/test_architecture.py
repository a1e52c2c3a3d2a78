"""The shape of the package: which modules may import which (read from the source, nothing imported)."""

from __future__ import annotations

import ast
from functools import cache, lru_cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "newsledger"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


@cache
def imports(name: str, lazy: bool = True) -> frozenset[str]:
    """The newsledger modules ``name`` imports, at its top or (with ``lazy``) inside its functions."""
    path = modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree) if lazy else tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in modules() else base)
    return frozenset(m for m in found if m in modules() and m != name)


def reachable(start: str, lazy: bool = True) -> set[str]:
    seen, queue = set(), [start]
    while queue:
        current = queue.pop()
        for target in imports(current, lazy):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def test_no_import_cycle():
    """No module depends on itself, however far round, not even through an import put off into a
    function (a package and its own submodules excepted: the package imports them to export them)."""
    cycles = []
    for name in modules():
        for target in imports(name):
            if name in reachable(target) and not (target.startswith(name + ".") or name.startswith(target + ".")):
                cycles.append((name, target))
    assert not cycles, cycles


def test_the_web_and_the_store_do_not_load_the_nlp_pipeline():
    for name in modules():
        if name.startswith(("newsledger.web", "newsledger.store")):
            loaded = reachable(name, lazy=False)
            assert not {m for m in loaded if m == "newsledger.pipeline" or m.startswith("newsledger.extract")}, name


def test_evaluations_run_through_the_pipeline_and_leave_the_command_line_to_cli():
    for name, path in modules().items():
        if name.startswith("newsledger.eval"):
            text = path.read_text(encoding="utf-8")
            assert "STAGES" not in text and "with_records" not in text, f"{name} builds its own pipeline"
            assert "import typer" not in text, f"{name}: commands belong in newsledger.cli"


def test_the_package_root_holds_only_the_api_the_records_the_limits_and_the_pipeline():
    loose = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__", "limits", "model", "pipeline", "schema"]
