"""Dependencies run one way: commissioning (the core) <- strategies <- plans <- members <- gateway, delivery
<- meetings <- public, api <- demo. Every module of every app (migrations and management commands too) is parsed,
imports inside functions included, and an import of an app of the same or a higher rank fails, naming the
file and line; so does an import cycle between modules of different apps."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RANKS = {
    "commissioning": 0,
    "strategies": 1,
    "plans": 2,
    "members": 3,
    "gateway": 4,
    "delivery": 4,
    "meetings": 5,
    "public": 6,
    "api": 6,
    "demo": 7,
}

# Known upward imports, moved by the meetings/demo branches: the lead empties this list after merging them.
ALLOWED: set[str] = set()  # no exceptions: a file listed here must still exist


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(root: Path, path: Path):
    """(line, module) for every import in the file, relative ones resolved; `from package import name`
    gives package.name when that is a module of the project, else the package."""
    package = _module_name(root, path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                as_path = root.joinpath(*candidate.split("."))
                found = as_path.with_suffix(".py").exists() or (as_path / "__init__.py").exists()
                yield node.lineno, candidate if found else module


def import_graph(root: Path, ranks: dict[str, int]):
    """{module: [(imported module, path, line)]} for the project's modules, apps only."""
    graph = {}
    for app in ranks:
        for path in sorted((root / app).rglob("*.py")):
            importer = _module_name(root, path)
            graph[importer] = [
                (module, path, line) for line, module in _imports(root, path) if module.split(".")[0] in ranks
            ]
    return graph


def upward_imports(root: Path, ranks: dict[str, int], allowed=frozenset()) -> list[str]:
    found = []
    for importer, edges in import_graph(root, ranks).items():
        app = importer.split(".")[0]
        for module, path, line in edges:
            other = module.split(".")[0]
            relative = path.relative_to(root).as_posix()
            if other != app and ranks[other] >= ranks[app] and relative not in allowed:
                found.append(f"{relative}:{line}: {app} -> {other}")
    return found


def import_cycles(root: Path, ranks: dict[str, int], between_apps: bool = True) -> list[str]:
    """The imports of each strongly connected group of modules (spanning more than one app, or any when
    not between_apps) that close its cycles (its cross-app imports, or all of them when not between_apps)."""
    graph = import_graph(root, ranks)
    targets = {m: {t for t, _, _ in edges if t in graph} for m, edges in graph.items()}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(module):  # Tarjan's algorithm
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in targets[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    found = []
    for group in groups:
        apps = {m.split(".")[0] for m in group}
        if len(apps) > 1 or (not between_apps and len(group) > 1):
            found.extend(
                f"{path.relative_to(root).as_posix()}:{line}: {importer} -> {module} (a cycle)"
                for importer in sorted(group)
                for module, path, line in graph[importer]
                if module in group and (not between_apps or module.split(".")[0] != importer.split(".")[0])
            )
    return found


def test_no_app_imports_one_above_it():
    found = upward_imports(ROOT, RANKS, ALLOWED)
    assert not found, "Imports against the direction of dependencies:\n" + "\n".join(found)


def test_no_import_cycle_between_apps():
    found = import_cycles(ROOT, RANKS)
    assert not found, "Import cycles between apps:\n" + "\n".join(found)


def test_no_import_cycle_within_an_app():
    """Within an app too (api.conditional and api.exceptions imported each other): a shared piece belongs
    in one of them."""
    found = import_cycles(ROOT, RANKS, between_apps=False)
    assert not found, "Import cycles:\n" + "\n".join(found)


def test_the_allowed_exceptions_still_exist():
    """An allowed file that has moved away must leave the list too (or the list would hide a new one)."""
    assert all((ROOT / path).exists() for path in ALLOWED)


def test_the_checker_catches_an_upward_import_and_a_cycle(tmp_path):
    ranks = {"core": 0, "stage": 1, "other": 1}
    for package in ranks:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "core" / "models.py").write_text("import os\n\n\ndef late():\n    from stage import views\n")
    (tmp_path / "stage" / "views.py").write_text("from core import models\nfrom . import helpers\n")
    (tmp_path / "stage" / "helpers.py").write_text("from ..other import things\n")

    assert upward_imports(tmp_path, ranks) == [
        "core/models.py:5: core -> stage",  # inside a function, still found
        "stage/helpers.py:1: stage -> other",  # a relative import, resolved; same rank is not allowed either
    ]
    assert upward_imports(tmp_path, ranks, allowed={"core/models.py", "stage/helpers.py"}) == []
    (tmp_path / "other" / "more.py").write_text("from . import things\n")
    (tmp_path / "other" / "things.py").write_text("def late():\n    from other import more\n")
    assert import_cycles(tmp_path, ranks) == [
        "core/models.py:5: core.models -> stage.views (a cycle)",
        "stage/views.py:1: stage.views -> core.models (a cycle)",
    ]
    assert sorted(import_cycles(tmp_path, ranks, between_apps=False)) == [
        "core/models.py:5: core.models -> stage.views (a cycle)",
        "other/more.py:1: other.more -> other.things (a cycle)",
        "other/things.py:2: other.things -> other.more (a cycle)",
        "stage/views.py:1: stage.views -> core.models (a cycle)",
    ]
