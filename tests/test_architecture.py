"""The import direction of docs/architecture.md: domain ← services ← web/cli, db under services.

Imports are read with ``ast`` (no module is executed), so a new upward import
fails here before anyone has to find the cycle by hand.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mgt_assistant"

# What each layer may not import from.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": ("services", "db", "web", "cli", "demo", "settings"),
    "services": ("web", "cli"),
    "db": ("services", "web", "cli"),
}
# web and cli reach the database through services; these db modules are allowed anyway:
# the table types they display, the engine the app opens and the migration command.
DB_FOR_SHELLS = ("db.models", "db.engine", "db.migrate")
# Web modules every route module may use; route modules never import each other.
WEB_SHARED = (
    "web.active_rules",
    "web.deps",
    "web.errors",
    "web.flash",
    "web.forms",
    "web.navigation",
    "web.rendering",
    "web.security",
    "web.application_views",
    "web.application_forms",
    "web.meeting_views",
    "web.meeting_plan_views",
    "web.meeting_facts_views",
    "web.meeting_print",
    "web.meeting_responses",
    "web.followup_views",
    "web.rule_version_views",
)


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        yield ".".join(parts), path


def _imports(path: Path) -> set[str]:
    """Return what a module imports from mgt_assistant, without the package prefix."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {n.removeprefix("mgt_assistant.") for n in names if n.startswith("mgt_assistant.")}
    return found


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


MODULES = dict(_modules())
ROUTE_MODULES = {
    name for name, path in MODULES.items() if "router = APIRouter(" in path.read_text("utf-8")
}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_layer_imports_upward(name: str) -> None:
    layer = name.split(".", 1)[0]
    imported = _imports(MODULES[name])
    wrong = {i for i in imported for f in FORBIDDEN.get(layer, ()) if _under(i, f)}
    assert not wrong, f"{name} imports {sorted(wrong)}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.split(".")[0] in ("web", "cli")))
def test_web_and_cli_reach_the_database_through_services(name: str) -> None:
    into_db = {i for i in _imports(MODULES[name]) if _under(i, "db")}
    wrong = {i for i in into_db if not any(_under(i, allowed) for allowed in DB_FOR_SHELLS)}
    assert not wrong, f"{name} imports {sorted(wrong)}; call a service instead"


@pytest.mark.parametrize("name", sorted(ROUTE_MODULES))
def test_route_modules_import_only_shared_web_modules(name: str) -> None:
    web = {i for i in _imports(MODULES[name]) if _under(i, "web")}
    modules = {i for i in web if i in MODULES and i != "web"}
    wrong = {i for i in modules if i in ROUTE_MODULES or i not in WEB_SHARED}
    assert not wrong, f"{name} imports {sorted(wrong)}"


def test_the_checks_see_the_package() -> None:
    # Guards against a path mistake that would make every check above pass vacuously.
    assert {"web.meetings", "services.meetings", "domain.meeting.turn"} <= MODULES.keys()
    assert {"web.meetings", "web.meeting_edits", "web.applications"} <= ROUTE_MODULES
    assert "services.meetings" in _imports(MODULES["web.meetings"])
