"""Parse HTML structurally for assertions (no substring checks on markup)."""

from __future__ import annotations

from html.parser import HTMLParser


class Element:
    """A parsed element with attributes, children and text."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element] = []
        # Text and child elements in document order, so mixed content reads right.
        self.content: list[str | Element] = []

    @property
    def text(self) -> str:
        """Return the text of the element and its descendants, whitespace folded."""
        return " ".join("".join(self._texts()).split())

    def _texts(self) -> list[str]:
        out: list[str] = []
        for item in self.content:
            out.extend([item] if isinstance(item, str) else item._texts())
        return out

    def iter(self) -> list[Element]:
        """Return this element and all descendants in document order."""
        found = [self]
        for child in self.children:
            found.extend(child.iter())
        return found

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        """Return descendants with this tag and these attribute values."""
        return [
            element
            for element in self.iter()
            if element.tag == tag
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element | None:
        """Return the first matching descendant, or None."""
        found = self.find_all(tag, **attrs)
        return found[0] if found else None


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        self.current.content.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.content.append(data)


def parse(markup: str) -> Element:
    """Parse a page or fragment."""
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    return parser.root
