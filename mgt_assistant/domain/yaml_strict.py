"""Strict YAML for rule files: duplicate keys rejected, few implicit types, lines kept.

Every value read from a rule file comes back as plain Python data wrapped so that
the line it stood on can be asked for (``Located*``), because every error the
steering group sees must name ``file:line``.

Implicit types are limited to ``null``, ``true``/``false``, decimal integers and
decimal floats: YAML 1.1 turns ``no``, ``on``, ``08:30`` and ``2024-01-01`` into
booleans, sexagesimals and dates, which surprises readers of a rule table.
Dates therefore stay strings and are parsed by the typed model that expects them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from mgt_assistant.domain.yaml_located import LocatedDict, LocatedList, LocatedStr, RuleFileError

__all__ = [
    "LocatedDict",
    "LocatedList",
    "LocatedStr",
    "RuleFileError",
    "line_at",
    "load_file",
    "loads",
]


class _StrictResolver(BaseResolver):
    """Resolve only null, booleans spelled true/false, and decimal numbers."""


_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$"),
    list("-+0123456789."),
)


class _PureComposer(Reader, Scanner, Parser, Composer, _StrictResolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _StrictResolver.__init__(self)


# libyaml composes the same nodes (with the same marks) about ten times faster;
# the pure-Python composer stands in where PyYAML was built without it.
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CComposer(CParser, _StrictResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _StrictResolver.__init__(self)

    _StrictComposer: type[Any] = _CComposer
else:  # pragma: no cover - depends on how PyYAML was built
    _StrictComposer = _PureComposer


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _convert(node: Node, file: str) -> Any:
    if isinstance(node, MappingNode):
        result = LocatedDict()
        result.line = _line(node)
        result.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise RuleFileError(file, _line(key_node), "nycklar måste vara text")
            key = str(key_node.value)
            if key == "<<":
                raise RuleFileError(file, _line(key_node), "sammanslagning med << stöds inte")
            if key in result:
                raise RuleFileError(
                    file,
                    _line(key_node),
                    f"nyckeln '{key}' förekommer två gånger (först på rad {result.key_lines[key]})",
                )
            result.key_lines[key] = _line(key_node)
            result[key] = _convert(value_node, file)
        return result
    if isinstance(node, SequenceNode):
        items = LocatedList(_convert(item, file) for item in node.value)
        items.line = _line(node)
        items.item_lines = [_line(item) for item in node.value]
        return items
    if not isinstance(node, ScalarNode):
        raise RuleFileError(file, _line(node), "okänd YAML-nod")
    return _scalar(node, file)


def _scalar(node: ScalarNode, file: str) -> Any:
    tag, value = node.tag, str(node.value)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:str":
        text = LocatedStr(value)
        text.line = _line(node)
        return text
    raise RuleFileError(file, _line(node), f"okänd YAML-tagg {tag}")


def loads(text: str, file: str = "<text>") -> Any:
    """Parse one YAML document strictly; raise RuleFileError with file:line."""
    composer = _StrictComposer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = int(mark.line) + 1 if mark is not None else 1
        raise RuleFileError(file, line, f"ogiltig YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise RuleFileError(file, 1, f"ogiltig YAML: {error}") from None
    finally:
        composer.dispose()
    if node is None:
        return None
    return _convert(node, file)


def line_at(data: Any, path: tuple[str | int, ...]) -> int:
    """Return the line of the key or item that ``path`` leads to from ``data``.

    A path that leaves the data (a missing key) ends at the line of its parent:
    the key or list item that holds the mapping where the key is missing.
    """
    line = getattr(data, "line", 1)
    node = data
    for step in path:
        if isinstance(node, LocatedDict) and isinstance(step, str) and step in node:
            line, node = node.line_of(step), node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            line, node = node.item_lines[step], node[step]
        else:
            break
    return line


def load_file(path: Path, display_name: str | None = None) -> Any:
    """Read and parse one YAML file strictly."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(name, 1, "filen är inte UTF-8") from None
    except OSError as error:
        raise RuleFileError(name, 1, f"kan inte läsa filen: {error.strerror}") from None
    return loads(text, name)
