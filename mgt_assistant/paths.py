"""Where the shipped data folders are: inside the installed package, or in the checkout.

A wheel carries ``templates/``, ``static/`` and ``rules/`` inside the package
(``pyproject.toml`` maps the top-level folders there); an editable checkout keeps
them at the top level, where people edit them.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent


def _data_dir(name: str) -> Path:
    """Return the packaged folder ``name`` if the package carries it, else the checkout's."""
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else PROJECT_ROOT / name


DEFAULT_RULES_DIR = _data_dir("rules")
TEMPLATES_DIR = _data_dir("templates")
STATIC_DIR = _data_dir("static")
# A checkout keeps its database in var/ at the top; an installed app in the working folder.
VAR_DIR = PROJECT_ROOT / "var" if (PROJECT_ROOT / "pyproject.toml").is_file() else Path("var")
