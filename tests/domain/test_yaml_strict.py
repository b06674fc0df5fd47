"""Strict YAML: duplicate keys refused, no surprising types, lines kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgt_assistant.domain import yaml_strict
from mgt_assistant.domain.yaml_strict import (
    LocatedDict,
    LocatedList,
    LocatedStr,
    RuleFileError,
    load_file,
    loads,
)
from mgt_assistant.paths import DEFAULT_RULES_DIR


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(RuleFileError) as error:
        loads("id: a\nlabel: x\nid: b\n", "needs.yaml")
    assert str(error.value) == "needs.yaml:3: nyckeln 'id' förekommer två gånger (först på rad 1)"


def test_yaml_11_surprises_stay_strings() -> None:
    data = loads("a: no\nb: on\nc: 2024-01-01\nd: 08:30\ne: 0o17\nf: .inf\n")
    assert data == {"a": "no", "b": "on", "c": "2024-01-01", "d": "08:30", "e": "0o17", "f": ".inf"}


def test_plain_scalars_resolve_to_the_expected_types() -> None:
    data = loads("a: true\nb: 12\nc: -1.5\nd: ~\ne: null\nf: text\n")
    assert data == {"a": True, "b": 12, "c": -1.5, "d": None, "e": None, "f": "text"}
    assert isinstance(data["f"], LocatedStr) and data["f"].line == 6


def test_lines_of_keys_and_items() -> None:
    data = loads("rows:\n  - id: A\n  - id: B\n", "t.yaml")
    assert isinstance(data, LocatedDict) and data.line_of("rows") == 1
    rows = data["rows"]
    assert isinstance(rows, LocatedList) and rows.item_lines == [2, 3]
    assert rows[1].line_of("id") == 3


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(RuleFileError) as error:
        loads("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml")
    assert error.value.file == "bad.yaml" and error.value.line >= 2
    assert error.value.message.startswith("ogiltig YAML")


@pytest.mark.parametrize(
    "text", ["? [a, b]\n: 1\n", "a: &x 1\n<<: {b: 2}\n", "a: !!python/none x\n"]
)
def test_refuses_non_text_keys_merges_and_tags(text: str) -> None:
    with pytest.raises(RuleFileError):
        loads(text, "x.yaml")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("namn: Åsa\n".encode("latin-1"))
    with pytest.raises(RuleFileError, match="inte UTF-8"):
        load_file(path, "latin1.yaml")


def _shape(data: object) -> object:
    """Return the data with every line it carries, for comparing two composers."""
    if isinstance(data, LocatedDict):
        return (data.line, sorted(data.key_lines.items()), {k: _shape(v) for k, v in data.items()})
    if isinstance(data, LocatedList):
        return (data.line, data.item_lines, [_shape(item) for item in data])
    if isinstance(data, LocatedStr):
        return (data.line, str(data))
    return data


def test_libyaml_and_pure_python_composers_agree_on_every_rule_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = sorted(DEFAULT_RULES_DIR.rglob("*.yaml"))
    fast = [_shape(load_file(path)) for path in files]
    monkeypatch.setattr(yaml_strict, "_StrictComposer", yaml_strict._PureComposer)
    assert [_shape(load_file(path)) for path in files] == fast
