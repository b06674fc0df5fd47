"""Free text as it may be stored: NFC, no control characters, no bidirectional overrides.

Pasted text from mail and journal systems carries zero-width and bidi-override
characters (U+202E turns "exe.txt" into "txt.exe" on screen) and NUL bytes that
PostgreSQL refuses. Line breaks and tabs are kept: they carry the writer's layout.
"""

from __future__ import annotations

import unicodedata

KEEP = frozenset("\n\t")
# Format characters (Cf) that change how text is shown or read, not what it says.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/joiners, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2066\u2067\u2068\u2069"  # word joiner, bidi isolates
    "\ufeff"  # byte-order mark inside text
)


def clean_text(text: str) -> str:
    """Return ``text`` in NFC without control, zero-width or bidi-override characters."""
    normalised = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        char
        for char in normalised
        if char in KEEP
        or (char not in INVISIBLE and unicodedata.category(char) not in ("Cc", "Cs"))
    )
