"""Needs: the taxonomy in ``rules/needs.yaml`` and the extractor that reads them from text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgt_assistant.domain.lazy import lazy_exports

if TYPE_CHECKING:
    from mgt_assistant.domain.needs.extractor import (
        NEED_STATUS_LABELS,
        NeedMention,
        NeedStatus,
        extract_needs,
        summarise,
    )
    from mgt_assistant.domain.needs.lexicon import Lexicon, load_lexicon, parse_lexicon
    from mgt_assistant.domain.needs.signals import Reading, Signal, SignalKind, read_text
    from mgt_assistant.domain.needs.taxonomy import CORE_DOMAINS, NeedTaxonomy, load_taxonomy

# Each public name and the module that defines it: a name is imported when first used,
# so taking one part (a compiled rule set, the needs reader) does not load the rest.
_MODULES = {
    "NEED_STATUS_LABELS": "mgt_assistant.domain.needs.extractor",
    "NeedMention": "mgt_assistant.domain.needs.extractor",
    "NeedStatus": "mgt_assistant.domain.needs.extractor",
    "extract_needs": "mgt_assistant.domain.needs.extractor",
    "summarise": "mgt_assistant.domain.needs.extractor",
    "Lexicon": "mgt_assistant.domain.needs.lexicon",
    "load_lexicon": "mgt_assistant.domain.needs.lexicon",
    "parse_lexicon": "mgt_assistant.domain.needs.lexicon",
    "Reading": "mgt_assistant.domain.needs.signals",
    "Signal": "mgt_assistant.domain.needs.signals",
    "SignalKind": "mgt_assistant.domain.needs.signals",
    "read_text": "mgt_assistant.domain.needs.signals",
    "CORE_DOMAINS": "mgt_assistant.domain.needs.taxonomy",
    "NeedTaxonomy": "mgt_assistant.domain.needs.taxonomy",
    "load_taxonomy": "mgt_assistant.domain.needs.taxonomy",
}

__all__ = [
    "CORE_DOMAINS",
    "NEED_STATUS_LABELS",
    "Lexicon",
    "NeedMention",
    "NeedStatus",
    "NeedTaxonomy",
    "Reading",
    "Signal",
    "SignalKind",
    "extract_needs",
    "load_lexicon",
    "load_taxonomy",
    "parse_lexicon",
    "read_text",
    "summarise",
]


__getattr__, __dir__ = lazy_exports(globals(), _MODULES)
