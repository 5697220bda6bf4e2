"""The apps import one another in one direction only, and no private name crosses an app boundary.

The order is the README's: clinic ← patients ← programs ← demo; an app may import only those to its left.
"""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORDER = ["clinic", "patients", "programs", "demo"]


def imports_of(path, root):
    """Yield (imported module, imported names) of one file, relative imports resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = path.relative_to(root).with_suffix("").parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                module = ".".join([*package[: len(package) - node.level + 1], *([module] if module else [])])
            yield module, [alias.name for alias in node.names]


def app_of(module):
    first = module.split(".")[0]
    return first if first in ORDER else None


def wrong_imports(app, root=ROOT):
    """Return every import of the app (its migrations left out) against the order or of a private name."""
    allowed = set(ORDER[: ORDER.index(app) + 1])
    wrong = []
    for path in sorted((root / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for module, names in imports_of(path, root):
            other = app_of(module)
            if other and other not in allowed:
                wrong.append(f"{path.relative_to(root)} imports {module}, above {app}")
            if other and other != app:
                private = [name for name in [*names, module.rsplit(".", 1)[-1]] if name.startswith("_")]
                wrong.extend(f"{path.relative_to(root)} takes {name} from {module}" for name in private)
    return wrong


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_only_the_apps_below_it_and_no_private_names(app):
    assert wrong_imports(app) == []


def test_an_import_against_the_order_or_of_a_private_name_is_found(tmp_path):
    (tmp_path / "patients" / "views").mkdir(parents=True)
    (tmp_path / "patients" / "views" / "page.py").write_text(
        "from programs.models import HomeProgram\nfrom clinic.querysets import _scope\nfrom . import forms\n"
    )
    (tmp_path / "patients" / "migrations").mkdir()
    (tmp_path / "patients" / "migrations" / "0001.py").write_text("from programs.models import HomeProgram\n")
    assert wrong_imports("patients", root=tmp_path) == [
        "patients/views/page.py imports programs.models, above patients",
        "patients/views/page.py takes _scope from clinic.querysets",
    ]
