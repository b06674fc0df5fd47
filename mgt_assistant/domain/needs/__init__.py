"""Needs: the taxonomy in ``rules/needs.yaml`` and the extractor that reads them from text."""

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
