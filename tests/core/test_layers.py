"""The layers of the code, kept by a test so that they cannot rot: `core/` (shared machinery) imports no app;
the domain apps import `core` and only the apps below them; nothing imports `portal/`, the project shell on top.

    portal                                        project shell: settings, URL map, site pages, dashboard
    education → families → network → planning → discussions → coalitions → guide → services → accounts → territory   domain apps
    core                                          shared machinery, imports no app

Imports are read from the source (every import statement, also those inside functions), migrations aside.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each domain app with the apps it may import (those below it).
LAYERS = ["territory", "accounts", "services", "guide", "coalitions", "discussions", "planning", "network", "families", "education"]
PACKAGES = ["core", *LAYERS, "portal"]


def imports_of(package: str) -> dict[str, set[str]]:
    """Top-level project packages imported by the modules of `package` → the files that import them."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in PACKAGES and top != package:
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_core_imports_no_app():
    assert imports_of("core") == {}


@pytest.mark.parametrize("app", LAYERS)
def test_apps_import_only_core_and_the_apps_below_them(app):
    allowed = {"core", *LAYERS[:LAYERS.index(app)]}
    upward = {name: files for name, files in imports_of(app).items() if name not in allowed}
    assert upward == {}, f"{app} imports a layer above it or the project shell: {upward}"


def test_every_top_level_package_is_placed_in_a_layer():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "bench", "deploy"}
    assert packages == set(PACKAGES), "place a new app in LAYERS (tests/core/test_layers.py) and the README"
