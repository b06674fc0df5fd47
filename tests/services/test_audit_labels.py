"""Every action the code logs has a Swedish label on the log page."""

from __future__ import annotations

import ast
from pathlib import Path

from mgt_assistant.services.applications import NEXT_STEP
from mgt_assistant.services.audit import ACTION_LABELS, OBJECT_LABELS

PACKAGE = Path(__file__).resolve().parents[2] / "mgt_assistant"
# The functions that log, and the position of the action among their arguments.
LOGGERS = {"add_audit": 1, "record_event": 1, "_commit": 2}


def _strings(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    return set()


def _logged() -> tuple[set[str], set[str]]:
    actions: set[str] = set()
    objects: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # An action picked before the call: ``action = "a" if refused else "b"``.
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "action" for t in node.targets
            ):
                actions |= {a for a in _strings(node.value) if "_" in a}
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in LOGGERS:
                continue
            for arg in node.args[LOGGERS[name] : LOGGERS[name] + 1]:
                actions |= _strings(arg)
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg == "object_type" and isinstance(value, ast.Constant):
                    objects.add(str(value.value))
    return actions, objects


def test_every_logged_action_and_object_has_a_label() -> None:
    actions, objects = _logged()
    assert {"user_deactivated", "password_reset", "access_denied"} <= actions
    # The status steps are logged as "application_<status>" (services.applications).
    actions |= {f"application_{s.value}" for s in NEXT_STEP.values()}
    assert actions - ACTION_LABELS.keys() == set()
    assert objects - OBJECT_LABELS.keys() == set()
